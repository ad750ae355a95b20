using System.Globalization;
using System.Text;
using CsvHelper;
using HaNoi.ReformDashboard.Data.Files;
using HaNoi.ReformDashboard.Data.Messages;
using HaNoi.ReformDashboard.Data.Seed;
using CsvRow = HaNoi.ReformDashboard.Data.Files.CsvRow;

namespace HaNoi.ReformDashboard.Data.Import;

/// <summary>
/// Turns an uploaded .csv or .xlsx into the table the measurement checks read, as a stream with bounded work:
/// the header is checked before any row, rows and columns are counted against <see cref="ImportOptions"/> while they
/// are read, and reading stops when asked (the page is left, Ctrl+C). What cannot be read at all (too large, not
/// UTF-8, binary, a workbook under a .csv name, merged cells, past a limit) is refused with one message.
/// </summary>
public static class ImportFileReader
{
    public const string SheetName = "Số liệu";

    /// <summary>The longest CSV record read: a line of the template is under a hundred bytes, an unclosed quote is not.</summary>
    private const int MaxRecordBytes = 64 * 1024;

    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    public static bool SizeAllowed(string fileName, long size, ImportOptions options, List<CellError> errors)
    {
        if (size <= options.MaxFileBytes) return true;
        var (mb, limit) = (size / 1048576.0, options.MaxFileBytes / 1048576.0);
        errors.Add(CellError.Of(fileName, 0, "-", DataText.Get("TheFileExceedsTheLimit", mb, limit)));
        return false;
    }

    /// <param name="content">A seekable stream positioned at the file's start.</param>
    /// <param name="acceptHeader">Checks the header row and says whether to go on; a refused header stops the reading.</param>
    /// <param name="rowsRead">Told the number of rows read so far, every <see cref="MeasurementReader.ProgressStep"/> rows and at the end.</param>
    /// <returns>The table; null when the file is refused (its message is in <paramref name="errors"/>).</returns>
    /// <param name="sheetName">The sheet a workbook is read from (or its only sheet): the monthly figures' by default.</param>
    public static CsvTable? Read(string fileName, Stream content, ImportOptions options, List<CellError> errors,
        Func<string[], bool>? acceptHeader = null, Action<int>? rowsRead = null, CancellationToken ct = default, string sheetName = SheetName)
    {
        acceptHeader ??= _ => true;
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var zip = StartsWithZipSignature(content);
        var before = errors.Count;
        try
        {
            switch (extension)
            {
                case ".csv" when zip:
                    errors.Add(CellError.Of(fileName, 0, "-", DataText.Get("TheFileIsNamedCsv")));
                    return null;
                case ".csv":
                    return ReadCsv(fileName, content, options, errors, acceptHeader, rowsRead, ct);
                case ".xlsx" when zip:
                    return WorkbookReader.Read(fileName, content, options, acceptHeader, rowsRead, ct, sheetName);
                case ".xlsx":
                    errors.Add(CellError.Of(fileName, 0, "-", DataText.Get("TheXlsxFileCannotBe")));
                    return null;
                default:
                    errors.Add(CellError.Of(fileName, 0, "-", DataText.Get("OnlyCsvUtfOrXlsx")));
                    return null;
            }
        }
        catch (Exception ex) when (Refusal(ex) is { } refusal)
        {
            // The file is refused whole: what was reported of it before the refusal no longer matters.
            errors.RemoveRange(before, errors.Count - before);
            errors.Add(new CellError(fileName, 0, "-", refusal.MessageVi, refusal.MessageEn));
            return null;
        }
    }

    private static UnreadableFileException? Refusal(Exception ex) => ex switch
    {
        UnreadableFileException refusal => refusal,
        System.Xml.XmlException xml when xml.Message.Contains("DTD", StringComparison.Ordinal) => new UnreadableFileException(DataText.Get("TheWorkbookDeclaresADtd")),
        System.Xml.XmlException or InvalidDataException => WorkbookParts.Damaged(),
        DecoderFallbackException => new UnreadableFileException(DataText.Get("TheFileIsNotUtf")),
        _ => null,
    };

    private static bool StartsWithZipSignature(Stream content)
    {
        Span<byte> head = stackalloc byte[4];
        var start = content.Position;
        var n = content.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        content.Position = start;
        return n == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }

    private static CsvTable? ReadCsv(string fileName, Stream content, ImportOptions options, List<CellError> errors,
        Func<string[], bool> acceptHeader, Action<int>? rowsRead, CancellationToken ct)
    {
        var rows = new List<CsvRow>();
        string[]? header = null;
        var malformed = new List<(long Line, CsvMalformedReason Reason)>();
        var csvOptions = new CsvReaderOptions
        {
            Separator = ',', HasHeader = false, TrackLineNumbers = true, MaxRecordSize = MaxRecordBytes, PoolStrings = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = m => malformed.Add((m.LineNumber, m.Reason)),
        };
        // Strict UTF-8: a byte that is not UTF-8 stops the reading (no silent replacement characters in unit names).
        using var text = new StreamReader(content, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        using var reader = CsvReader.Create(text, csvOptions);
        while (true)
        {
            try
            {
                if (!reader.Read()) break;
            }
            catch (CsvFormatException)
            {
                // The record that broke the limit starts on the line after the last one read whole.
                var from = (reader.LineNumber + 1).ToString(CultureInfo.InvariantCulture);
                throw new UnreadableFileException(DataText.Get("FromRowARecordIs", from, MaxRecordBytes / 1024));
            }
            ct.ThrowIfCancellationRequested();
            var record = reader.Current.ToArray();
            var line = (int)reader.LineNumber;
            if (record.Length > options.MaxColumns)
                throw new UnreadableFileException(DataText.Get("RowHasCellsOverThe", line, WorkbookParts.Count(record.Length, Vi), options.MaxColumns, MeasurementReader.Columns.Length, WorkbookParts.Count(record.Length, null)));
            if (record.Any(v => v.Contains('\0')))
                throw new UnreadableFileException(DataText.Get("TheFileContainsNulBytes"));
            if (header is null)
            {
                if (record.Length > 0) record[0] = record[0].TrimStart('\uFEFF');
                header = record.Select(h => h.Trim().Normalize(NormalizationForm.FormC)).ToArray();
                if (!acceptHeader(header)) return null;
                continue;
            }
            if (record.All(string.IsNullOrWhiteSpace)) continue;
            if (rows.Count >= options.MaxRows)
                throw new UnreadableFileException(DataText.Get("TheFileHoldsMoreThan", WorkbookParts.Count(options.MaxRows, Vi), line, WorkbookParts.Count(options.MaxRows, null)));
            for (var i = 0; i < record.Length; i++) record[i] = record[i].Normalize(NormalizationForm.FormC);
            rows.Add(new CsvRow(fileName, line, header, record));
            if (rows.Count % MeasurementReader.ProgressStep == 0) rowsRead?.Invoke(rows.Count);
        }
        foreach (var (line, reason) in malformed)
        {
            errors.Add(CellError.Of(fileName, (int)line, "-",
                DataText.Get(reason == CsvMalformedReason.UnterminatedQuote ? "AnUnterminatedQuote" : "AMisplacedQuote")));
        }
        if (header is null) throw new UnreadableFileException(DataText.Get("TheFileIsEmpty"));
        rowsRead?.Invoke(rows.Count);
        return new CsvTable { FileName = fileName, Header = header, Rows = rows };
    }

    internal static string Invariant(object? value, string column) => value switch
    {
        null => "",
        double d when double.IsFinite(d) && Math.Abs(d) < 7.9e27 => decimal.Parse(d.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        // Excel turns a typed "2022-12" into a date: the period column means its month.
        DateTime t when column == "period" => t.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
