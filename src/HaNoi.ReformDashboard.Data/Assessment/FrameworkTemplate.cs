using ClosedXML.Excel;
using HaNoi.ReformDashboard.Data.Import;
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

    private static readonly (string Column, string Vi, string En)[] Guide =
    [
        ("code", "Mã: lĩnh vực 1, tiêu chí 1.1, tiêu chí thành phần 1.1.1; mỗi mục nằm dưới mục cấp trên của nó. Một dòng total ghi tên bộ tiêu chí và tổng điểm.",
            "Code: field 1, criterion 1.1, sub-criterion 1.1.1, each below its parent. One total row carries the framework's title and total."),
        ("name_vi", "Tên tiếng Việt (dòng total: tên bộ tiêu chí).", "Vietnamese name (total row: the framework's title)."),
        ("name_en", "Tên tiếng Anh (không bắt buộc).", "English name (optional)."),
        ("max_points", "Điểm tối đa, dấu chấm thập phân. Tiêu chí = tổng các tiêu chí thành phần; lĩnh vực = tổng các tiêu chí; total = tổng các lĩnh vực — với mỗi khối.",
            "Maximum points, dot decimals. Criterion = sum of its sub-criteria; field = sum of its criteria; total = sum of the fields — for each block."),
        ("method", "Cách chấm (chỉ tiêu chí thành phần): yes_no (có/không), figure (số liệu theo ngưỡng), scale (thang mức), survey (điểm điều tra xã hội học).",
            "Scoring (sub-criteria only): yes_no, figure (a figure against thresholds), scale (graded levels), survey (the sociological survey's points)."),
        ("scale", "figure: \">=99:2; >=95:1\" (mức đầu tiên đạt được cho điểm, không đạt mức nào: 0); scale: \"Tốt:1; Đạt:0.5; Chưa đạt:0\".",
            "figure: \">=99:2; >=95:1\" (the first step reached gives its points, none: 0); scale: \"Tốt:1; Đạt:0.5; Chưa đạt:0\"."),
        ("evidence_vi", "Tài liệu kiểm chứng cần nộp.", "The evidence required."),
        ("applies_to", "Khối áp dụng: department; district; commune (cách nhau bằng ;). Để trống: như mục cấp trên (lĩnh vực: department;district).",
            "Blocks: department; district; commune (separated by ;). Empty: as the item above (a field: department;district)."),
        ("indicator_code", "Mã chỉ tiêu của bảng theo dõi đo tiêu chí này (chỉ với figure), ví dụ ONTIME: số liệu được điền sẵn từ bảng điểm.",
            "The dashboard indicator that measures it (figure only), e.g. ONTIME: the figure is filled in from the scorecard."),
    ];

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
        guide.Cell(1, 1).SetValue("cột / column");
        guide.Cell(1, 2).SetValue("Tiếng Việt");
        guide.Cell(1, 3).SetValue("English");
        guide.Row(1).Style.Font.Bold = true;
        for (var i = 0; i < Guide.Length; i++)
        {
            guide.Cell(i + 2, 1).SetValue(Guide[i].Column);
            guide.Cell(i + 2, 2).SetValue(Guide[i].Vi);
            guide.Cell(i + 2, 3).SetValue(Guide[i].En);
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

    private static List<string[]> Example() =>
    [
        [FrameworkWorkbook.TotalCode, "Bộ tiêu chí xác định Chỉ số CCHC (ví dụ)", "Administrative-reform index framework (example)", "4", "", "", "", "", ""],
        ["1", "Công tác chỉ đạo, điều hành CCHC", "Direction and management of the reform", "2", "", "", "", "department;district", ""],
        ["1.1", "Kế hoạch CCHC năm", "The year's reform plan", "2", "", "", "", "", ""],
        ["1.1.1", "Ban hành kế hoạch CCHC năm đúng thời hạn", "The year's plan issued on time", "1", "yes_no", "", "Quyết định ban hành kế hoạch", "", ""],
        ["1.1.2", "Mức độ hoàn thành kế hoạch", "How much of the plan was done", "1", "figure", ">=100:1; >=80:0.5", "Báo cáo kết quả thực hiện kế hoạch", "", ""],
        ["2", "Cải cách thủ tục hành chính", "Administrative procedures", "2", "", "", "", "department;district", ""],
        ["2.1", "Kết quả giải quyết hồ sơ TTHC", "Dossiers resolved", "2", "", "", "", "", ""],
        ["2.1.1", "Tỷ lệ hồ sơ giải quyết đúng hạn", "Share of dossiers resolved on time", "2", "figure", ">=99:2; >=95:1", "Số liệu trên Hệ thống thông tin giải quyết TTHC", "", "ONTIME"],
    ];

    /// <summary>Reads an uploaded or given framework file and checks it against the catalogue's indicators.</summary>
    public static async Task<FrameworkFile> ReadAsync(ReformDbContext db, string fileName, Stream content, long size, int year, ImportOptions options,
        CancellationToken ct = default)
    {
        var errors = new List<SeedError>();
        var table = AssessmentFiles.Read(fileName, content, size, FrameworkWorkbook.Columns, FrameworkWorkbook.SheetName, options, errors, ct);
        if (table is null) return new FrameworkFile(fileName, "", "", null, new Dictionary<string, int>(), errors);
        var indicators = (await db.Indicators.Select(i => i.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var file = FrameworkWorkbook.Check(table, year, indicators);
        return errors.Count == 0 ? file : file with { Framework = null, Errors = [.. errors, .. file.Errors] };
    }
}
