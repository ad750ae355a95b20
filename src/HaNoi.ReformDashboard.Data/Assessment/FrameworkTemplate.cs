using ClosedXML.Excel;
using HaNoi.ReformDashboard.Data.Files;
using HaNoi.ReformDashboard.Data.Import;
using HaNoi.ReformDashboard.Data.Messages;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Seed;
using HaNoi.ReformDashboard.Domain.Assessment;
using HaNoi.ReformDashboard.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Data.Assessment;

/// <summary>
/// The framework workbook to download and edit: sheet "Khung" with the columns <see cref="FrameworkWorkbook.Columns"/>
/// (filled with a framework when one is given, otherwise a small example that adds up), and sheet "Hướng dẫn" explaining them.
/// </summary>
public static class FrameworkTemplate
{
    public const string GuideSheet = "Hướng dẫn";

    // The guide sheet: one row per column, its wording from DataText (FrameworkGuide_<column>) in both languages.
    private static readonly string[] GuideColumns = ["code", "name_vi", "name_en", "max_points", "method", "scale", "evidence_vi", "applies_to", "indicator_code"];

    public static async Task<byte[]> WorkbookAsync(ReformDbContext db, int? year, CancellationToken ct = default)
    {
        var stored = year is { } y ? await FrameworkStore.CurrentAsync(db, y, ct) : null;
        return Workbook(stored);
    }

    public static byte[] Workbook(StoredFramework? stored)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(FrameworkWorkbook.SheetName);
        var columns = FrameworkWorkbook.Columns;
        for (var c = 0; c < columns.Length; c++)
        {
            sheet.Cell(1, c + 1).SetValue(columns[c]);
            sheet.Cell(1, c + 1).Style.Font.Bold = true;
        }
        double[] widths = [10, 60, 40, 12, 10, 34, 40, 24, 18];
        for (var c = 0; c < widths.Length; c++) sheet.Column(c + 1).Width = widths[c];
        // Codes stay text: Excel would read 1.1 as a number and 1.10 as 1.1.
        sheet.Column(1).Style.NumberFormat.Format = "@";
        sheet.SheetView.FreezeRows(1);
        var rows = stored is null ? Example() : Rows(stored);
        for (var r = 0; r < rows.Count; r++)
            for (var c = 0; c < columns.Length; c++)
            {
                var value = rows[r][c];
                if (c == 3 && decimal.TryParse(value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var points))
                    sheet.Cell(r + 2, c + 1).SetValue((double)points);
                else Text(sheet.Cell(r + 2, c + 1), value);
            }
        sheet.Range(2, 5, 2000, 5).SetDataValidation().List("\"yes_no,figure,scale,survey\"");

        var guide = workbook.Worksheets.Add(GuideSheet);
        var heading = DataText.Get("FrameworkGuideHeading");
        guide.Cell(1, 1).SetValue(heading.Both);
        guide.Cell(1, 2).SetValue(DataText.Get("FrameworkGuideLanguage").Vi);
        guide.Cell(1, 3).SetValue(DataText.Get("FrameworkGuideLanguage").En);
        guide.Row(1).Style.Font.Bold = true;
        for (var i = 0; i < GuideColumns.Length; i++)
        {
            var text = DataText.Get("FrameworkGuide_" + GuideColumns[i]);
            guide.Cell(i + 2, 1).SetValue(GuideColumns[i]);
            guide.Cell(i + 2, 2).SetValue(text.Vi);
            guide.Cell(i + 2, 3).SetValue(text.En);
        }
        guide.Column(1).Width = 16;
        guide.Column(2).Width = 90;
        guide.Column(3).Width = 90;
        guide.Columns(2, 3).Style.Alignment.WrapText = true;

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>Text stays text, and text Excel would read as a formula when edited gets the quote prefix.</summary>
    private static void Text(IXLCell cell, string text)
    {
        if (text.Length == 0) return;
        cell.SetValue(text);
        if (text[0] is '=' or '+' or '-' or '@' or '\t' or '\r') cell.Style.IncludeQuotePrefix = true;
    }

    private static string Blocks(IEnumerable<UnitLevel> levels) => string.Join(";", levels.Order().Select(l => l.ToCode()));

    private static string N(decimal value) => value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The rows of a stored framework, as the workbook writes them (the file it came from, read back).</summary>
    public static List<string[]> Rows(StoredFramework stored)
    {
        var rows = new List<string[]> { new[] { FrameworkWorkbook.TotalCode, stored.TitleVi, stored.TitleEn, N(stored.Framework.TotalPoints), "", "", "", "", "" } };
        foreach (var f in stored.Framework.Fields)
        {
            rows.Add([f.Code, f.NameVi, f.NameEn, N(f.MaxPoints), "", "", "", Blocks(f.AppliesTo), ""]);
            foreach (var c in f.Criteria)
            {
                rows.Add([c.Code, c.NameVi, c.NameEn, N(c.MaxPoints), "", "", "", Blocks(c.AppliesTo), ""]);
                foreach (var s in c.SubCriteria)
                    rows.Add([s.Code, s.NameVi, s.NameEn, N(s.MaxPoints), s.Method.ToCode(),
                        s.Method switch { ScoringMethod.Figure => ScaleNotation.Write(s.Steps), ScoringMethod.Scale => ScaleNotation.Write(s.Levels), _ => "" },
                        s.EvidenceVi, Blocks(s.AppliesTo), s.IndicatorCode ?? ""]);
            }
        }
        return rows;
    }

    /// <summary>The example framework (framework-example.tsv, embedded): a sample file's content in both languages, data rather than messages.</summary>
    private static List<string[]> Example()
    {
        using var stream = typeof(FrameworkTemplate).Assembly.GetManifestResourceStream("HaNoi.ReformDashboard.Data.Assessment.framework-example.tsv")
            ?? throw new InvalidOperationException("framework-example.tsv is not embedded.");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r').Split('\t')).ToList();
    }

    /// <summary>Reads an uploaded or given framework file and checks it against the catalogue's indicators.</summary>
    public static async Task<FrameworkFile> ReadAsync(ReformDbContext db, string fileName, Stream content, long size, int year, ImportOptions options,
        CancellationToken ct = default)
    {
        var errors = new List<CellError>();
        var table = AssessmentFiles.Read(fileName, content, size, FrameworkWorkbook.Columns, FrameworkWorkbook.SheetName, options, errors, ct);
        if (table is null) return new FrameworkFile(fileName, "", "", null, new Dictionary<string, int>(), errors);
        var indicators = (await db.Indicators.Select(i => i.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var file = FrameworkWorkbook.Check(table, year, indicators);
        return errors.Count == 0 ? file : file with { Framework = null, Errors = [.. errors, .. file.Errors] };
    }
}
