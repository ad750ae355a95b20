using System.Globalization;
using System.Text;
using CsvHelper;
using HaNoi.ReformDashboard.Data.Import;
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
                "chỉ nhận tệp hồ sơ .csv, .jsonl hoặc .ndjson (UTF-8).",
                "only .csv, .jsonl or .ndjson (UTF-8) dossier files are accepted.");
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
                throw new UnreadableFileException("tệp không phải UTF-8 (hãy lưu lại dưới dạng \"CSV UTF-8\").", "the file is not UTF-8 (save it again as \"CSV UTF-8\").");
            }
            ct.ThrowIfCancellationRequested();
            if (malformed.Count > 0) throw Malformed(malformed[0]);
            var record = reader.Current.ToArray();
            var line = (int)reader.LineNumber;
            if (record.Any(v => v.Contains('\0')))
                throw new UnreadableFileException("tệp chứa byte NUL: đây không phải tệp văn bản CSV.", "the file contains NUL bytes: it is not a CSV text file.");
            if (positions is null)
            {
                if (record.Length > 0) record[0] = record[0].TrimStart('\uFEFF');
                positions = HeaderPositions(record.Select(h => h.Trim().Normalize(NormalizationForm.FormC)).ToArray());
                continue;
            }
            if (record.All(string.IsNullOrWhiteSpace)) continue;
            if (++rows > options.MaxRows)
                throw new UnreadableFileException(
                    $"tệp có hơn {WorkbookParts.Count(options.MaxRows, Vi)} dòng hồ sơ (đến dòng {line}), vượt giới hạn: hãy chia tệp.",
                    $"the file holds more than {WorkbookParts.Count(options.MaxRows, null)} dossier rows (up to row {line}), over the limit: split the file.");
            var cells = new string[Columns.Length];
            for (var i = 0; i < cells.Length; i++)
                cells[i] = positions[i] < record.Length ? record[positions[i]].Trim().Normalize(NormalizationForm.FormC) : "";
            yield return new Row(line, cells, record.Length);
        }
        if (malformed.Count > 0) throw Malformed(malformed[0]);
        if (positions is null) throw new UnreadableFileException("tệp trống.", "the file is empty.");
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
                $"từ dòng {from} có một bản ghi dài hơn {MaxRecordBytes / 1024} KB (thường là dấu ngoặc kép không được đóng).",
                $"from row {from} a record is longer than {MaxRecordBytes / 1024} KB (usually an unterminated quote).");
        }
    }

    private static UnreadableFileException Malformed((long Line, CsvMalformedReason Reason) m) => m.Reason == CsvMalformedReason.UnterminatedQuote
        ? new($"dòng {m.Line}: dấu ngoặc kép không được đóng.", $"row {m.Line}: an unterminated quote.")
        : new($"dòng {m.Line}: dấu ngoặc kép đặt sai chỗ.", $"row {m.Line}: a misplaced quote.");

    /// <summary>Where each of <see cref="Columns"/> is in the header; any other column refuses the file (no personal data comes in by an extra column).</summary>
    private static int[] HeaderPositions(string[] header)
    {
        var twice = header.GroupBy(h => h, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (twice.Count > 0)
            throw new UnreadableFileException($"tiêu đề có cột lặp lại: {string.Join(", ", twice)}.", $"the header repeats columns: {string.Join(", ", twice)}.");
        var extra = header.Where(h => !Columns.Contains(h, StringComparer.Ordinal)).ToList();
        if (extra.Count > 0)
            throw new UnreadableFileException(
                $"tệp có cột ngoài định dạng hồ sơ: {string.Join(", ", extra)} — tệp bị từ chối; định dạng không có dữ liệu cá nhân và chỉ nhận các cột {string.Join(", ", Columns)}.",
                $"the file has columns outside the dossier format: {string.Join(", ", extra)} — the file is refused; the format holds no personal data and accepts only the columns {string.Join(", ", Columns)}.");
        var missing = Columns.Where(c => !header.Contains(c, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
            throw new UnreadableFileException($"tệp thiếu cột: {string.Join(", ", missing)}.", $"the file lacks columns: {string.Join(", ", missing)}.");
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
