using System.Text;
using CsvHelper;
using HaNoi.ReformDashboard.Data.Messages;

namespace HaNoi.ReformDashboard.Data.Files;

/// <summary>A table read whole (a CSV file or a worksheet), with row numbers as a spreadsheet shows them (header = row 1).</summary>
public sealed class CsvTable
{
    public required string FileName { get; init; }
    public required string[] Header { get; init; }
    public required IReadOnlyList<CsvRow> Rows { get; init; }

    /// <summary>Reads the file; a header that does not start with <paramref name="expected"/> is reported as an error.</summary>
    public static CsvTable? Read(string path, string[] expected, List<CellError> errors)
    {
        var fileName = Path.GetFileName(path);
        if (!TryDecode(fileName, File.ReadAllBytes(path), errors, out var text)) return null;
        var table = Parse(fileName, text, errors);
        if (table is null || !table.Header.Take(expected.Length).SequenceEqual(expected))
        {
            errors.Add(CellError.Of(fileName, 1, "-", DataText.Get("TheHeaderMustBeBut", string.Join(',', expected), string.Join(',', table?.Header ?? []))));
            return null;
        }
        return table;
    }

    /// <summary>UTF-8 text (with or without a byte-order mark); anything else is refused with a message that says so.</summary>
    public static bool TryDecode(string fileName, byte[] bytes, List<CellError> errors, out string text)
    {
        text = "";
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            errors.Add(CellError.Of(fileName, 0, "-", DataText.Get("TheFileIsNotUtf")));
            return false;
        }
        if (text.Contains('\0'))
        {
            errors.Add(CellError.Of(fileName, 0, "-", DataText.Get("TheFileContainsNulBytes")));
            return false;
        }
        return true;
    }

    /// <summary>Parses CSV text; broken quoting is reported per row (and the row left out), the header is not checked.</summary>
    public static CsvTable? Parse(string fileName, string text, List<CellError> errors)
    {
        var rows = new List<CsvRow>();
        string[]? header = null;
        var malformed = new List<(long Line, CsvMalformedReason Reason)>();
        var options = new CsvReaderOptions
        {
            Separator = ',', HasHeader = false, TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = m => malformed.Add((m.LineNumber, m.Reason)),
        };
        using (var reader = CsvReader.FromText(text, options))
        {
            while (reader.Read())
            {
                var record = reader.Current.ToArray();
                if (header is null) { header = record.Select(h => h.Trim().Normalize(NormalizationForm.FormC)).ToArray(); continue; }
                if (record.All(string.IsNullOrWhiteSpace)) continue;
                rows.Add(new CsvRow(fileName, (int)reader.LineNumber, header, record.Select(v => v.Normalize(NormalizationForm.FormC)).ToArray()));
            }
        }
        foreach (var (line, reason) in malformed)
        {
            errors.Add(CellError.Of(fileName, (int)line, "-",
                DataText.Get(reason == CsvMalformedReason.UnterminatedQuote ? "AnUnterminatedQuote" : "AMisplacedQuote")));
        }
        if (header is null) return null;
        return new CsvTable { FileName = fileName, Header = header, Rows = rows };
    }
}

public sealed class CsvRow(string file, int number, string[] header, string[] values)
{
    public string File { get; } = file;
    public int Number { get; } = number;
    /// <summary>Cells in the row as read; a CSV row may hold more or fewer than the header.</summary>
    public int FieldCount => values.Length;
    /// <summary>Columns whose cell was a formula, read by its cached value (a worksheet only).</summary>
    public IReadOnlySet<string> Formulas { get; init; } = NoFormulas;

    /// <summary>Shared by every row without a formula (most rows): no set per row.</summary>
    public static readonly IReadOnlySet<string> NoFormulas = new HashSet<string>();

    public string this[string column]
    {
        get
        {
            var i = Array.IndexOf(header, column);
            return i >= 0 && i < values.Length ? values[i].Trim() : "";
        }
    }

    public CellError Error(string column, string vi, string en) => new(File, Number, column, vi, en) { Value = this[column] };

    public CellError Error(string column, DataText.Message message) => Error(column, message.Vi, message.En);
}
