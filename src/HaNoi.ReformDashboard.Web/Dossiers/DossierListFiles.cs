using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using HaNoi.ReformDashboard.Data.Dossiers;
using HaNoi.ReformDashboard.Data.Files;
using HaNoi.ReformDashboard.Data.Seed;
using HaNoi.ReformDashboard.Web.Resources;
using Microsoft.Extensions.Localization;

namespace HaNoi.ReformDashboard.Web.Dossiers;

/// <summary>
/// A dossier list as a file, written row by row as the database sends the rows, so a list of any length takes the
/// same memory: CSV (UTF-8 with a BOM, for Excel), or .xlsx whose worksheet is written with the Open XML SDK's
/// OpenXmlWriter (SAX) straight into a zip entry (ClosedXML would hold the whole workbook). The writers write
/// synchronously in places (the zip, OpenXmlWriter): give them a file, not the response body. Headers in the reader's
/// language; the unit's internal key (<c>unit_key</c>) after the list's columns.
/// </summary>
public sealed class DossierListFiles(IStringLocalizer<Strings> l)
{
    public static readonly TimeZoneInfo Hanoi = TimeZoneInfo.FindSystemTimeZoneById(DossierFigures.HanoiTimeZone);

    public string[] Header() =>
    [
        l["DossierCode"], l["DossierProcedureCode"], l["DossierProcedure"], l["DossierField"], l["DossierReceived"], l["DossierDue"],
        l["DossierEnded"], l["DossierDaysLate"], l["DossierChannel"], l["DossierStatus"], l["DossierMissColumn"], "unit_key",
    ];

    public string Status(string status) => l["DossierStatus_" + status];
    public string Channel(string channel) => l["DossierChannel_" + channel];

    /// <summary>A moment in Hanoi time (the records' own), whatever the server's zone.</summary>
    public static DateTimeOffset InHanoi(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Hanoi);

    public async Task WriteCsvAsync(Stream output, IAsyncEnumerable<DossierRow> rows, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true);
        await writer.WriteAsync(string.Join(',', Header().Select(CsvText.Escape)) + "\r\n");
        string Time(DateTimeOffset? at) => at is { } t ? InHanoi(t).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";
        await foreach (var r in rows.WithCancellation(ct))
        {
            string[] cells =
            [
                Text(r.DossierCode), Text(r.ProcedureCode), Text(r.ProcedureName), Text($"{r.FieldCode} — {r.FieldName}"), Time(r.ReceivedAt), Time(r.DueAt),
                Time(r.FinishedAt), r.DaysLate?.ToString(CultureInfo.InvariantCulture) ?? "", Channel(r.Channel), Status(r.Status),
                r.IsMiss ? l["Yes"] : l["No"], Text(r.UnitKey),
            ];
            await writer.WriteAsync(string.Join(',', cells.Select(CsvText.Escape)) + "\r\n");
        }
        await writer.FlushAsync(ct);
    }

    /// <summary>A text cell a spreadsheet must not read as a formula (a code from the source system could start with "=").</summary>
    private static string Text(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    public async Task WriteXlsxAsync(Stream output, string sheetName, IAsyncEnumerable<DossierRow> rows, CancellationToken ct)
    {
        // Create mode writes each entry once, in order, straight to the output: nothing of the sheet is held.
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        await EntryAsync(zip, "[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>
            """);
        await EntryAsync(zip, "_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """);
        await EntryAsync(zip, "xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
            """);
        var name = System.Security.SecurityElement.Escape(SheetName(sheetName));
        await EntryAsync(zip, "xl/workbook.xml", $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>
            """);
        // Styles: 0 plain, 1 a date and time (dd/mm/yyyy hh:mm), 2 the bold header.
        await EntryAsync(zip, "xl/styles.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy hh:mm"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs></styleSheet>
            """);

        var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest);
        await using var stream = entry.Open();
        using (var writer = OpenXmlWriter.Create(stream, Encoding.UTF8))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetViews());
            writer.WriteStartElement(new SheetView { WorkbookViewId = 0 });
            writer.WriteElement(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen });
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteStartElement(new Columns());
            double[] widths = [22, 12, 48, 28, 17, 17, 17, 10, 12, 16, 10, 12];
            for (var i = 0; i < widths.Length; i++)
                writer.WriteElement(new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = widths[i], CustomWidth = true });
            writer.WriteEndElement();
            writer.WriteStartElement(new SheetData());
            writer.WriteStartElement(new Row());
            foreach (var h in Header()) InlineText(writer, h, 2);
            writer.WriteEndElement();
            await foreach (var r in rows.WithCancellation(ct))
            {
                writer.WriteStartElement(new Row());
                InlineText(writer, r.DossierCode);
                InlineText(writer, r.ProcedureCode);
                InlineText(writer, r.ProcedureName);
                InlineText(writer, $"{r.FieldCode} — {r.FieldName}");
                Moment(writer, r.ReceivedAt);
                Moment(writer, r.DueAt);
                Moment(writer, r.FinishedAt);
                if (r.DaysLate is { } late) Number(writer, late); else Empty(writer);
                InlineText(writer, Channel(r.Channel));
                InlineText(writer, Status(r.Status));
                InlineText(writer, r.IsMiss ? l["Yes"] : l["No"]);
                InlineText(writer, r.UnitKey);
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.Close();
        }
    }

    private static void InlineText(OpenXmlWriter writer, string text, uint style = 0) =>
        writer.WriteElement(new Cell(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }))
        {
            DataType = CellValues.InlineString, StyleIndex = style == 0 ? null : style,
        });

    private static void Moment(OpenXmlWriter writer, DateTimeOffset? at)
    {
        if (at is null) Empty(writer);
        else writer.WriteElement(new Cell(new CellValue(InHanoi(at.Value).DateTime.ToOADate().ToString("R", CultureInfo.InvariantCulture))) { StyleIndex = 1 });
    }

    private static void Number(OpenXmlWriter writer, int value) =>
        writer.WriteElement(new Cell(new CellValue(value.ToString(CultureInfo.InvariantCulture))));

    // A cell of its own keeps each column in its place without cell references.
    private static void Empty(OpenXmlWriter writer) => writer.WriteElement(new Cell());

    private static async Task EntryAsync(ZipArchive zip, string path, string xml)
    {
        await using var stream = zip.CreateEntry(path, CompressionLevel.Fastest).Open();
        var bytes = Encoding.UTF8.GetBytes(xml.Trim());
        await stream.WriteAsync(bytes);
    }

    /// <summary>Excel's limits on a sheet's name: 31 characters, none of []:*?/\.</summary>
    private static string SheetName(string name)
    {
        var clean = new string(name.Select(c => "[]:*?/\\".Contains(c) ? '-' : c).ToArray());
        return clean.Length <= 31 ? clean : clean[..31];
    }
}
