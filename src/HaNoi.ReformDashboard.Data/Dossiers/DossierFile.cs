using System.Globalization;
using System.Text;
using CsvHelper;
using HaNoi.ReformDashboard.Data.Files;
using HaNoi.ReformDashboard.Data.Import;
using HaNoi.ReformDashboard.Data.Messages;
using HaNoi.ReformDashboard.Data.Seed;

namespace HaNoi.ReformDashboard.Data.Dossiers;

/// <summary>
/// Reads a dossier file (docs/dossiers.md; CSV here, JSON Lines in <see cref="DossierJsonLines"/>) as a stream of rows, the way the monthly import's reader does: strict UTF-8, a
/// record size cap, a row cap, the header checked before any row, cancellable between rows. What makes the whole file
/// unreadable throws <see cref="UnreadableFileException"/> with its one message.
/// </summary>
public static class DossierFile
{
    public static readonly string[] Columns =
    [
        "dossier_code", "procedure_code", "field_code", "unit_code", "received_at", "due_at", "finished_at", "returned_at",
        "status", "channel", "supplement_requests", "supplement_days", "fee_required", "paid_online", "digitised", "e_result",
        "reused_data", "synced_national", "updated_at",
    ];

    /// <summary>A dossier row is about three hundred bytes; a record past this is an unclosed quote or not a dossier file.</summary>
    public const int MaxRecordBytes = 16 * 1024;

    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>One data row: its row number as a spreadsheet shows it (header = row 1) and its cells in <see cref="Columns"/> order.</summary>
    public readonly record struct Row(int Number, string[] Cells, int FieldCount);

    public static IEnumerable<Row> Read(string fileName, Stream content, DossierImportOptions options, CancellationToken ct)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (DossierJsonLines.IsJsonLines(fileName)) return DossierJsonLines.Read(content, options, ct);
        if (extension != ".csv")
            throw new UnreadableFileException(
                DataText.Get("OnlyCsvJsonlOrNdjson"));
        return ReadCsv(content, options, ct);
    }

    private static IEnumerable<Row> ReadCsv(Stream content, DossierImportOptions options, CancellationToken ct)
    {
        var malformed = new List<(long Line, CsvMalformedReason Reason)>();
        var csvOptions = new CsvReaderOptions
        {
            Separator = ',', HasHeader = false, TrackLineNumbers = true, MaxRecordSize = MaxRecordBytes, PoolStrings = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = m => malformed.Add((m.LineNumber, m.Reason)),
        };
        using var text = new StreamReader(content, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        using var reader = CsvReader.Create(text, csvOptions);
        int[]? positions = null;
        var rows = 0;
        while (true)
        {
            try
            {
                if (!Next(reader)) break;
            }
            catch (DecoderFallbackException)
            {
                throw new UnreadableFileException(DataText.Get("TheFileIsNotUtf"));
            }
            ct.ThrowIfCancellationRequested();
            if (malformed.Count > 0) throw Malformed(malformed[0]);
            var record = reader.Current.ToArray();
            var line = (int)reader.LineNumber;
            if (record.Any(v => v.Contains('\0')))
                throw new UnreadableFileException(DataText.Get("TheFileContainsNulBytes"));
            if (positions is null)
            {
                if (record.Length > 0) record[0] = record[0].TrimStart('\uFEFF');
                positions = HeaderPositions(record.Select(h => h.Trim().Normalize(NormalizationForm.FormC)).ToArray());
                continue;
            }
            if (record.All(string.IsNullOrWhiteSpace)) continue;
            if (++rows > options.MaxRows)
                throw new UnreadableFileException(
                    DataText.Get("TheFileHoldsMoreThan3", WorkbookParts.Count(options.MaxRows, Vi), line, WorkbookParts.Count(options.MaxRows, null)));
            var cells = new string[Columns.Length];
            for (var i = 0; i < cells.Length; i++)
                cells[i] = positions[i] < record.Length ? record[positions[i]].Trim().Normalize(NormalizationForm.FormC) : "";
            yield return new Row(line, cells, record.Length);
        }
        if (malformed.Count > 0) throw Malformed(malformed[0]);
        if (positions is null) throw new UnreadableFileException(DataText.Get("TheFileIsEmpty"));
    }

    private static bool Next(CsvReader reader)
    {
        try
        {
            return reader.Read();
        }
        catch (CsvFormatException)
        {
            var from = (reader.LineNumber + 1).ToString(CultureInfo.InvariantCulture);
            throw new UnreadableFileException(
                DataText.Get("FromRowARecordIs", from, MaxRecordBytes / 1024));
        }
    }

    private static UnreadableFileException Malformed((long Line, CsvMalformedReason Reason) m) => m.Reason == CsvMalformedReason.UnterminatedQuote
        ? new(DataText.Get("RowAnUnterminatedQuote", m.Line))
        : new(DataText.Get("RowAMisplacedQuote", m.Line));

    /// <summary>Where each of <see cref="Columns"/> is in the header; any other column refuses the file (no personal data comes in by an extra column).</summary>
    private static int[] HeaderPositions(string[] header)
    {
        var twice = header.GroupBy(h => h, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (twice.Count > 0)
            throw new UnreadableFileException(DataText.Get("TheHeaderRepeatsColumns", string.Join(", ", twice)));
        var extra = header.Where(h => !Columns.Contains(h, StringComparer.Ordinal)).ToList();
        if (extra.Count > 0)
            throw new UnreadableFileException(
                DataText.Get("TheFileHasColumnsOutside", string.Join(", ", extra), string.Join(", ", Columns)));
        var missing = Columns.Where(c => !header.Contains(c, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
            throw new UnreadableFileException(DataText.Get("TheFileLacksColumns", string.Join(", ", missing)));
        return Columns.Select(c => Array.IndexOf(header, c)).ToArray();
    }

    /// <summary>Writes records in the file format (the generator's and the tests' files).</summary>
    public static void Write(TextWriter writer, IEnumerable<DossierFileRow> rows)
    {
        writer.Write(string.Join(',', Columns));
        writer.Write('\n');
        foreach (var r in rows)
        {
            writer.Write(string.Join(',', r.Cells.Select(CsvText.Escape)));
            writer.Write('\n');
        }
    }
}

/// <summary>A row as written in a file: its cells in <see cref="DossierFile.Columns"/> order, as text.</summary>
public sealed record DossierFileRow(string[] Cells);
