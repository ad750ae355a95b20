namespace HaNoi.ReformDashboard.Data.Import;

/// <summary>
/// Whether a cell's number format shows a date: Excel keeps a typed date as a day number with such a format, and the
/// import reads a date in the period column as its month.
/// </summary>
public static class ExcelNumberFormat
{
    /// <summary>The built-in formats (ids below 164) that show a date or a time.</summary>
    public static bool IsBuiltInDate(int id) => id is >= 14 and <= 22 or >= 27 and <= 36 or >= 45 and <= 47 or >= 50 and <= 58;

    /// <summary>A format code that shows a date or time: d, m, y, h or s outside quoted text, brackets and escapes.</summary>
    public static bool IsDate(string code)
    {
        var (quoted, bracket) = (false, false);
        for (var i = 0; i < code.Length; i++)
        {
            var ch = code[i];
            if (quoted) { quoted = ch != '"'; continue; }
            if (bracket) { bracket = ch != ']'; continue; }
            switch (ch)
            {
                case '"': quoted = true; break;
                case '[': bracket = true; break;
                case '\\' or '_' or '*': i++; break;
                case 'd' or 'D' or 'm' or 'M' or 'y' or 'Y' or 'h' or 'H' or 's' or 'S': return true;
                case ';': return false; // the first section (positive numbers) decides
            }
        }
        return false;
    }
}
