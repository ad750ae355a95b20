using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using HaNoi.ReformDashboard.Data.Import;

namespace HaNoi.ReformDashboard.Cli.Bench;

/// <summary>
/// Files that once drove the import past any bound, written part by part (no workbook library: each is a shape no
/// library would write): a stray cell far right and far down, a million rows, zip bombs with honest and with lying
/// sizes, XML entity expansion, ten thousand sheets, and their CSV cousins. The bench reads them at full size; the
/// tests read them with the limits made small.
/// </summary>
public static class HostileFiles
{
    public const string Header = "unit_code,indicator_code,period,numerator,denominator,value";

    /// <summary>A legitimate CSV of <paramref name="rows"/> rows of ratio figures (valid rows of the demo data's shape).</summary>
    public static byte[] Csv(int rows, Func<int, string>? line = null)
    {
        var text = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < rows; i++) text.Append(line?.Invoke(i) ?? Line(i)).Append('\n');
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Line(int i) => $"{i % 1000:00000},ONTIME,2022-{i % 12 + 1:00},{i % 90 + 1},100,";

    /// <summary>
    /// The header row, <paramref name="rows"/> data rows, then whatever <paramref name="tail"/> writes into sheetData. With
    /// <paramref name="sharedStrings"/> the texts are kept once in a shared-string table, as Excel writes them; otherwise inline.
    /// </summary>
    public static byte[] Workbook(int rows, Action<TextWriter>? tail = null, int extraSheets = 0, bool sharedStrings = false) => Zip(zip =>
    {
        Part(zip, "[Content_Types].xml", w => w.Write(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
            "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
            "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>"));
        Part(zip, "_rels/.rels", w => w.Write(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
            "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"));
        Part(zip, "xl/workbook.xml", w =>
        {
            w.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>");
            w.Write($"<sheet name=\"{ImportFileReader.SheetName}\" sheetId=\"1\" r:id=\"rId1\"/>");
            for (var s = 0; s < extraSheets; s++) w.Write($"<sheet name=\"Trang {s + 2}\" sheetId=\"{s + 2}\" r:id=\"rId{s + 2}\"/>");
            w.Write("</sheets></workbook>");
        });
        Part(zip, "xl/_rels/workbook.xml.rels", w =>
        {
            w.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
            for (var s = 0; s <= extraSheets; s++)
                w.Write($"<Relationship Id=\"rId{s + 1}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{s + 1}.xml\"/>");
            if (sharedStrings)
                w.Write("<Relationship Id=\"rIdS\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>");
            w.Write("</Relationships>");
        });
        // Shared strings: the six column names, then the unit codes 00000–00999, ONTIME and the twelve periods.
        string[] texts = [.. Header.Split(','), .. Enumerable.Range(0, 1000).Select(u => $"{u:00000}"), "ONTIME", .. Enumerable.Range(1, 12).Select(m => $"2022-{m:00}")];
        if (sharedStrings)
            Part(zip, "xl/sharedStrings.xml", w =>
            {
                w.Write($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" uniqueCount=\"{texts.Length}\">");
                foreach (var text in texts) w.Write($"<si><t>{text}</t></si>");
                w.Write("</sst>");
            });
        string Text(string reference, int index) => sharedStrings
            ? $"<c r=\"{reference}\" t=\"s\"><v>{index}</v></c>"
            : $"<c r=\"{reference}\" t=\"inlineStr\"><is><t>{texts[index]}</t></is></c>";
        Part(zip, "xl/worksheets/sheet1.xml", w =>
        {
            w.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
            w.Write("<row r=\"1\">");
            for (var c = 0; c < 6; c++) w.Write(Text($"{(char)('A' + c)}1", c));
            w.Write("</row>");
            for (var i = 0; i < rows; i++)
            {
                var r = i + 2;
                w.Write($"<row r=\"{r}\">{Text($"A{r}", 6 + i % 1000)}{Text($"B{r}", 1006)}{Text($"C{r}", 1007 + i % 12)}<c r=\"D{r}\"><v>{i % 90 + 1}</v></c><c r=\"E{r}\"><v>100</v></c></row>");
            }
            tail?.Invoke(w);
            w.Write("</sheetData></worksheet>");
        });
        for (var s = 0; s < extraSheets; s++)
            Part(zip, $"xl/worksheets/sheet{s + 2}.xml", w => w.Write("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData/></worksheet>"));
    });

    /// <summary>The 5 KB file: a cell in column XFD and one in row 1,048,576.</summary>
    public static byte[] FarCorner() => Workbook(3, w => w.Write(
        "<row r=\"10\"><c r=\"XFD10\" t=\"inlineStr\"><is><t>x</t></is></c></row><row r=\"1048576\"><c r=\"A1048576\" t=\"inlineStr\"><is><t>x</t></is></c></row>"));

    /// <summary>One stray value in A1048576 below a few good rows.</summary>
    public static byte[] StrayLastRow() => Workbook(3, w => w.Write("<row r=\"1048576\"><c r=\"A1048576\"><v>1</v></c></row>"));

    /// <summary>A sheet part that unpacks to <paramref name="unpackedBytes"/> of whitespace; with <paramref name="lie"/> its zip headers claim 1 KB.</summary>
    public static byte[] ZipBomb(long unpackedBytes, bool lie)
    {
        var file = Workbook(1, w =>
        {
            var blank = new string(' ', 64 * 1024);
            for (long n = 0; n < unpackedBytes; n += blank.Length) w.Write(blank);
        });
        return lie ? UnderstateSizes(file, "xl/worksheets/sheet1.xml", 1024) : file;
    }

    /// <summary>"Billion laughs": a DTD whose entities expand a thousand-fold at each level.</summary>
    public static byte[] EntityExpansion() => Zip(zip =>
    {
        var plain = Workbook(0);
        using (var source = new ZipArchive(new MemoryStream(plain), ZipArchiveMode.Read))
            foreach (var entry in source.Entries.Where(e => e.FullName != "xl/worksheets/sheet1.xml"))
            {
                using var from = entry.Open();
                using var to = zip.CreateEntry(entry.FullName).Open();
                from.CopyTo(to);
            }
        Part(zip, "xl/worksheets/sheet1.xml", w =>
        {
            w.Write("<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY a \"aaaaaaaaaa\">");
            for (var level = 1; level <= 9; level++) w.Write($"<!ENTITY {(char)('a' + level)} \"{string.Concat(Enumerable.Repeat($"&{(char)('a' + level - 1)};", 10))}\">");
            w.Write("]><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&j;</t></is></c></row></sheetData></worksheet>");
        });
    });

    /// <summary>A workbook of <paramref name="sheets"/> sheets, the figures sheet first.</summary>
    public static byte[] ManySheets(int sheets) => Workbook(1, extraSheets: sheets - 1);

    /// <summary>A CSV whose header runs to <paramref name="columns"/> columns.</summary>
    public static byte[] WideCsv(int columns) =>
        Encoding.UTF8.GetBytes(Header + string.Concat(Enumerable.Range(7, columns - 6).Select(c => $",c{c}")) + "\n00001,ONTIME,2022-01,1,2,\n");

    /// <summary>A CSV that opens a quote on row 2 and never closes it, for <paramref name="bytes"/> bytes.</summary>
    public static byte[] UnclosedQuote(int bytes) => Encoding.UTF8.GetBytes(Header + "\n\"" + new string('x', bytes) + "\n");

    private static byte[] Zip(Action<ZipArchive> fill)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true)) fill(zip);
        return stream.ToArray();
    }

    private static void Part(ZipArchive zip, string name, Action<TextWriter> write)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false), 64 * 1024);
        write(writer);
    }

    /// <summary>Rewrites the uncompressed size of one entry in its local header and in the central directory.</summary>
    private static byte[] UnderstateSizes(byte[] file, string name, uint claimed)
    {
        var bytes = (byte[])file.Clone();
        var nameBytes = Encoding.UTF8.GetBytes(name);
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i));
            var (sizeAt, nameAt) = signature switch { 0x04034b50 => (22, 30), 0x02014b50 => (24, 46), _ => (-1, -1) };
            if (sizeAt < 0) continue;
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(i + (signature == 0x04034b50 ? 26 : 28)));
            if (nameLength != nameBytes.Length || i + nameAt + nameLength > bytes.Length || !bytes.AsSpan(i + nameAt, nameLength).SequenceEqual(nameBytes)) continue;
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + sizeAt), claimed);
        }
        return bytes;
    }
}
