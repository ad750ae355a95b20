using HaNoi.ReformDashboard.Testing;

namespace HaNoi.ReformDashboard.Web.Tests.EndToEnd;

/// <summary>The repository's seed-data files read straight, for expected values that do not come through the app.</summary>
public static class SeedCsv
{
    /// <summary>Every row of a seed-data file, the header first.</summary>
    public static List<string[]> Rows(string file) => Parse(File.ReadAllText(Path.Combine(RepositoryPaths.SeedData, file)));

    // A small RFC 4180 reader of its own, so the expected text does not come through the app's reader.
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\n') { row.Add(cell.ToString()); cell.Clear(); rows.Add([.. row]); row.Clear(); }
            else if (c != '\r') cell.Append(c);
        }
        if (cell.Length > 0 || row.Count > 0) { row.Add(cell.ToString()); rows.Add([.. row]); }
        return rows;
    }
}
