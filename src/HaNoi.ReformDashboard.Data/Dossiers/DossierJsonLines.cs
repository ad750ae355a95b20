using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using HaNoi.ReformDashboard.Data.Import;
using HaNoi.ReformDashboard.Data.Seed;
using HaNoi.ReformDashboard.Data.Messages;

namespace HaNoi.ReformDashboard.Data.Dossiers;

/// <summary>
/// Dossier files as JSON Lines (<c>.jsonl</c>, <c>.ndjson</c>; the push API's body): one JSON object per line with exactly
/// the keys of <see cref="DossierFile.Columns"/>, values strings, numbers, booleans or null. Read line by line through a
/// buffer of one record's size, so a file of any length is read in bounded memory; each line gives the same
/// <see cref="DossierFile.Row"/> a CSV row gives (its line number as the row number), so the checks and the import are one.
/// </summary>
public static class DossierJsonLines
{
    public static readonly string[] Extensions = [".jsonl", ".ndjson"];

    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");
    private static readonly Dictionary<string, int> PositionOf =
        DossierFile.Columns.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);

    public static bool IsJsonLines(string fileName) => Extensions.Contains(Path.GetExtension(fileName).ToLowerInvariant());

    public static IEnumerable<DossierFile.Row> Read(Stream content, DossierImportOptions options, CancellationToken ct)
    {
        const int max = DossierFile.MaxRecordBytes;
        // Room for one whole record, its line break and a read ahead; a line that does not fit is too long.
        var buffer = ArrayPool<byte>.Shared.Rent(4 * max);
        try
        {
            int start = 0, end = 0, line = 0, rows = 0;
            var eof = false;
            while (true)
            {
                var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                if (newline < 0 && !eof)
                {
                    if (end - start > max + 1) throw TooLong(line + 1);
                    if (start > 0)
                    {
                        buffer.AsSpan(start, end - start).CopyTo(buffer);
                        (end, start) = (end - start, 0);
                    }
                    var n = content.Read(buffer, end, buffer.Length - end);
                    if (n == 0) eof = true;
                    end += n;
                    continue;
                }
                if (newline < 0 && start == end) break;
                var length = newline < 0 ? end - start : newline;
                var text = buffer.AsSpan(start, length);
                start += newline < 0 ? length : length + 1;
                line++;
                ct.ThrowIfCancellationRequested();
                if (line == 1 && text.StartsWith("\uFEFF"u8)) text = text[3..];
                if (text.Length > 0 && text[^1] == (byte)'\r') text = text[..^1];
                if (text.Length > max) throw TooLong(line);
                if (!Utf8.IsValid(text))
                    throw new UnreadableFileException(DataText.Get("LineTheFileIsNot", line));
                if (text.Trim(" \t"u8).IsEmpty) continue;
                if (++rows > options.MaxRows)
                    throw new UnreadableFileException(
                        DataText.Get("TheFileHoldsMoreThan4", WorkbookParts.Count(options.MaxRows, Vi), line, WorkbookParts.Count(options.MaxRows, null)));
                yield return new DossierFile.Row(line, Cells(text, line), DossierFile.Columns.Length);
            }
            if (rows == 0) throw new UnreadableFileException(DataText.Get("TheFileIsEmpty"));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static UnreadableFileException TooLong(int line) => new(
        DataText.Get("LineIsLongerThanKB", line, DossierFile.MaxRecordBytes / 1024));

    private static UnreadableFileException NotAnObject(int line, long? at = null) => at is { } b
        ? new(DataText.Get("LineIsNotAJSON", line, b + 1))
        : new(DataText.Get("LineIsNotAJSON2", line));

    private static string[] Cells(ReadOnlySpan<byte> text, int line)
    {
        var cells = new string?[DossierFile.Columns.Length];
        var reader = new Utf8JsonReader(text, new JsonReaderOptions { MaxDepth = 2 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw NotAnObject(line);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                if (!PositionOf.TryGetValue(key, out var position))
                    throw new UnreadableFileException(
                        DataText.Get("LineHasAKeyOutside", line, key, string.Join(", ", DossierFile.Columns)));
                if (cells[position] is not null)
                    throw new UnreadableFileException(DataText.Get("LineRepeatsTheKey", line, key));
                reader.Read();
                cells[position] = reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString()!,
                    JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                    JsonTokenType.True => "true",
                    JsonTokenType.False => "false",
                    JsonTokenType.Null => "",
                    _ => throw new UnreadableFileException(
                        DataText.Get("LineTheValueOfMust", line, key)),
                };
                if (cells[position]!.Contains('\0'))
                    throw new UnreadableFileException(DataText.Get("LineContainsANULCharacter", line));
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) throw NotAnObject(line, reader.BytesConsumed);
        }
        catch (JsonException ex)
        {
            throw NotAnObject(line, ex.BytePositionInLine);
        }
        var missing = DossierFile.Columns.Where((_, i) => cells[i] is null).ToList();
        if (missing.Count > 0)
            throw new UnreadableFileException(DataText.Get("LineLacksTheKeys", line, string.Join(", ", missing)));
        return cells.Select(c => c!.Trim().Normalize(NormalizationForm.FormC)).ToArray();
    }

    /// <summary>Writes records as JSON Lines: counts as numbers, flags as booleans, an empty cell as null (the generator's and the tests' files).</summary>
    public static void Write(Stream output, IEnumerable<DossierFileRow> rows)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        foreach (var row in rows)
        {
            json.WriteStartObject();
            for (var i = 0; i < DossierFile.Columns.Length; i++)
            {
                var (column, value) = (DossierFile.Columns[i], row.Cells[i]);
                if (value.Length == 0) json.WriteNull(column);
                else if (value is "true" or "false" && column is "fee_required" or "paid_online" or "digitised" or "e_result" or "reused_data" or "synced_national")
                    json.WriteBoolean(column, value == "true");
                else if (column is "supplement_requests" or "supplement_days" && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                    json.WriteNumber(column, n);
                else json.WriteString(column, value);
            }
            json.WriteEndObject();
            json.Flush();
            json.Reset();
            output.WriteByte((byte)'\n');
        }
    }
}
