using System.Text;
using CsvHelper;

namespace HaNoi.ReformDashboard.Data.Seed;

/// <summary>A CSV file read whole, with row numbers as a spreadsheet shows them (header = row 1).</summary>
public sealed class CsvTable
{
    public required string FileName { get; init; }
    public required string[] Header { get; init; }
    public required IReadOnlyList<CsvRow> Rows { get; init; }

    /// <summary>Reads the file; a header that does not start with <paramref name="expected"/> is reported as an error.</summary>
    public static CsvTable? Read(string path, string[] expected, List<SeedError> errors)
    {
        var fileName = Path.GetFileName(path);
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(File.ReadAllBytes(path)).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            errors.Add(new SeedError(fileName, 1, "-", "tệp không phải UTF-8.", "the file is not UTF-8."));
            return null;
        }

        var rows = new List<CsvRow>();
        string[]? header = null;
        var options = new CsvReaderOptions { Separator = ',', HasHeader = false, TrackLineNumbers = true };
        using (var reader = CsvReader.FromText(text, options))
        {
            while (reader.Read())
            {
                var record = reader.Current.ToArray();
                if (header is null) { header = record.Select(h => h.Trim()).ToArray(); continue; }
                if (record.All(string.IsNullOrWhiteSpace)) continue;
                rows.Add(new CsvRow(fileName, (int)reader.LineNumber, header, record.Select(v => v.Normalize(NormalizationForm.FormC)).ToArray()));
            }
        }

        if (header is null || !header.Take(expected.Length).SequenceEqual(expected))
        {
            errors.Add(new SeedError(fileName, 1, "-",
                $"tiêu đề phải là \"{string.Join(',', expected)}\", nhưng là \"{string.Join(',', header ?? [])}\".",
                $"the header must be \"{string.Join(',', expected)}\" but is \"{string.Join(',', header ?? [])}\"."));
            return null;
        }
        return new CsvTable { FileName = fileName, Header = header, Rows = rows };
    }
}

public sealed class CsvRow(string file, int number, string[] header, string[] values)
{
    public string File { get; } = file;
    public int Number { get; } = number;

    public string this[string column]
    {
        get
        {
            var i = Array.IndexOf(header, column);
            return i >= 0 && i < values.Length ? values[i].Trim() : "";
        }
    }

    public SeedError Error(string column, string vi, string en) => new(File, Number, column, vi, en);
}
