using System.Globalization;
using System.Text;

namespace HaNoi.ReformDashboard.Cli.SeedGeneration;

/// <summary>One parsed CSV record and the physical line it starts on (1-based, the header is line 1).</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>
/// A small, strict RFC 4180 reader and writer: comma separator, fields optionally quoted with <c>"</c>, a quote inside a
/// quoted field doubled; CRLF or LF line ends are both accepted on input, LF is written.
/// </summary>
public static class Rfc4180
{
    /// <summary>Parses the whole text. A leading UTF-8 BOM is ignored. Blank lines at the end are ignored.</summary>
    /// <exception cref="SeedDataException">Malformed quoting.</exception>
    public static IReadOnlyList<CsvRecord> Parse(string text, string fileName)
    {
        List<CsvRecord> records = [];
        List<string> fields = [];
        StringBuilder field = new();
        int i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        int line = 1;
        int recordLine = 1;
        bool fieldStarted = false;

        while (i < text.Length)
        {
            char c = text[i];
            if (c == '"' && field.Length == 0 && !fieldStarted)
            {
                int quoteLine = line;
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new SeedDataException(Format(fileName, quoteLine,
                            "dấu nháy kép không được đóng",
                            "unterminated quoted field"));
                    }
                    char q = text[i];
                    if (q == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    if (q == '\n')
                    {
                        line++;
                    }
                    field.Append(q);
                    i++;
                }
                fieldStarted = true;
                if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    throw new SeedDataException(Format(fileName, line,
                        "có ký tự sau dấu nháy kép đóng trường",
                        "characters after the closing quote of a field"));
                }
                continue;
            }

            switch (c)
            {
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStarted = false;
                    i++;
                    break;
                case '\r':
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    records.Add(new CsvRecord(recordLine, fields.ToArray()));
                    fields.Clear();
                    fieldStarted = false;
                    i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                    line++;
                    recordLine = line;
                    break;
                case '"':
                    throw new SeedDataException(Format(fileName, line,
                        "dấu nháy kép nằm giữa một trường không được đặt trong nháy kép",
                        "a quote inside an unquoted field"));
                default:
                    field.Append(c);
                    fieldStarted = true;
                    i++;
                    break;
            }
        }

        if (fieldStarted || field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add(new CsvRecord(recordLine, fields.ToArray()));
        }

        // A record made of one empty field is a blank line: drop it.
        return records.Where(r => r.Fields.Count > 1 || r.Fields[0].Length > 0).ToArray();
    }

    /// <summary>Quotes a field only when it contains a comma, a quote, CR or LF.</summary>
    public static string Escape(string field)
    {
        if (field.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            return field;
        }
        return "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>"units.csv, dòng 5: … / units.csv, line 5: …".</summary>
    public static string Format(string fileName, int line, string vietnamese, string english) =>
        string.Create(CultureInfo.InvariantCulture, $"{fileName}, dòng {line}: {vietnamese}. / {fileName}, line {line}: {english}.");
}
