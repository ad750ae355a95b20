using System.Globalization;
using HaNoi.ReformDashboard.Data.Files;
using HaNoi.ReformDashboard.Data.Import;
using HaNoi.ReformDashboard.Data.Messages;
using HaNoi.ReformDashboard.Data.Seed;

namespace HaNoi.ReformDashboard.Data.Assessment;

/// <summary>
/// Reads an assessment file (.xlsx or CSV) with the monthly import's reader: as a stream within <see cref="ImportOptions"/>,
/// the header checked before any row, every problem told by row and column in Vietnamese and English.
/// </summary>
public static class AssessmentFiles
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>The table, or null with its refusal in <paramref name="errors"/>; the header must start with <paramref name="columns"/>.</summary>
    public static CsvTable? Read(string fileName, Stream content, long size, string[] columns, string sheetName, ImportOptions options, List<CellError> errors,
        CancellationToken ct = default)
    {
        if (!ImportFileReader.SizeAllowed(fileName, size, options, errors)) return null;
        return ImportFileReader.Read(fileName, content, options, errors, header =>
        {
            if (header.Take(columns.Length).SequenceEqual(columns, StringComparer.Ordinal)) return true;
            errors.Add(new CellError(fileName, 1, "-",
                DataText.Get("TheHeaderMustBeBut", string.Join(',', columns), string.Join(',', header))));
            return false;
        }, ct: ct, sheetName: sheetName);
    }

    /// <summary>A number written with a dot (or as a workbook number); the cell's problem otherwise.</summary>
    public static bool TryNumber(CsvRow row, string column, List<CellError> errors, out decimal value, bool required = true)
    {
        value = 0m;
        var text = row[column];
        if (text.Length == 0)
        {
            if (required) errors.Add(row.Error(column, DataText.Get("TheValueIsMissing")));
            return false;
        }
        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)) return true;
        errors.Add(row.Error(column, DataText.Get("IsNotANumberUse3", text)));
        return false;
    }

    /// <summary>A number as the Vietnamese text shows it (12,5).</summary>
    public static string Vn(decimal value) => value.ToString("0.####", Vi);

    public static string En(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
