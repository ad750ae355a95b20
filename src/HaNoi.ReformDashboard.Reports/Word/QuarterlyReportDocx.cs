using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Presentation;
using static HaNoi.ReformDashboard.Reports.Word.DocxParts;

namespace HaNoi.ReformDashboard.Reports.Word;

/// <summary>
/// The quarterly report as an editable Word document (Open XML SDK 2.20): the administrative heading (issuing body
/// and number on the left; national name, motto and dated line on the right), the title and date range, the summary
/// by pillar, the city's figures, then per indicator and level a table STT | Đơn vị | Tử số | Mẫu số | Tỷ lệ | Chỉ
/// tiêu | Chênh lệch | Đạt/Chưa đạt closed by the level's totals row; "Trang X / Y" in the footer. Times New Roman,
/// A4, the margins of an administrative document (left 30 mm for binding). Every figure is the scorecard's.
/// </summary>
public static class QuarterlyReportDocx
{
    private static readonly int[] FigureWidths = [560, 2295, 1000, 1000, 1000, 1250, 900, 1350];

    public static void Write(Scorecard scorecard, ReportParameters parameters, Stream output)
    {
        using var language = ReportText.In(parameters.Language);
        var outline = QuarterlyOutline.Of(scorecard);
        DocxParts.Write(output, outline.DocumentTitle, parameters.GeneratedBy, outline.Subject, body =>
            {
                Heading(body, outline, parameters);
                if (scorecard.IsEmpty) body.Append(Paragraph(ReportText.T("NoDataForScope"), bold: true, center: true));
                else Content(body, outline);
            });
    }

    private static void Heading(Body body, QuarterlyOutline outline, ReportParameters parameters)
    {
        var scorecard = outline.Scorecard;
        var number = string.IsNullOrWhiteSpace(parameters.DocumentNumber) ? "     " : parameters.DocumentNumber.Trim();
        body.Append(DocxParts.Heading(ReportHeading.Of(parameters), ReportText.T("D_Number", number)));
        body.Append(Paragraph(""));
        body.Append(Paragraph(ReportText.T("W_Report"), bold: true, center: true, size: 28));
        body.Append(Paragraph(outline.Title, bold: true, center: true));
        body.Append(Paragraph(outline.Period, bold: true, center: true));
        body.Append(Paragraph($"({outline.DateRange})", italic: true, center: true));
        var status = scorecard.IsEmpty ? ReportText.NoData : scorecard.Provisional ? ReportText.Provisional : ReportText.T("Final");
        body.Append(Paragraph($"{outline.Scope} · {status}", center: true, size: 24));
        body.Append(Paragraph(ReportText.MadeBy(parameters), italic: true, center: true, size: 20));
    }

    private static void Content(Body body, QuarterlyOutline outline)
    {
        body.Append(Paragraph(ReportText.T("P_Section1"), bold: true));
        body.Append(PillarTable(outline));

        body.Append(Paragraph(ReportText.T("P_Section2"), bold: true));
        body.Append(Paragraph(ReportText.T("W_CityNote"), italic: true, size: 22));
        body.Append(FigureTable(ReportText.T("Col_Indicator"), outline.City.Where(c => c.Line is not null).Select(c => FigureRow(c.Line!, total: false))));

        body.Append(Paragraph(ReportText.T("P_Section3"), bold: true));
        foreach (var section in outline.Sections)
        {
            body.Append(Paragraph(section.Heading, bold: true, keepNext: true));
            if (section.NoTargets is { } none)
            {
                body.Append(Paragraph(none, italic: true));
                continue;
            }
            foreach (var item in section.Items)
            {
                body.Append(Paragraph(item.Heading, bold: true, keepNext: true));
                body.Append(Paragraph(item.Detail, keepNext: true));
                foreach (var level in item.Levels)
                {
                    body.Append(Paragraph(level.Caption, italic: true, keepNext: true));
                    var rows = level.Rows.Select(r => FigureRow(r, total: false)).ToList();
                    if (level.Total is { } total) rows.Add(FigureRow(total, total: true));
                    body.Append(FigureTable(ReportText.T("Col_Unit"), rows));
                }
            }
        }
    }

    private static Table PillarTable(QuarterlyOutline outline)
    {
        int[] widths = [560, 4295, 1000, 700, 900, 900, 1000];
        string[] header = [ReportText.T("Col_No"), ReportText.T("Col_Pillar"), ReportText.T("Col_Indicators"), ReportText.T("W_Met"),
            ReportText.T("W_AtRisk"), ReportText.T("W_Missed"), ReportText.T("Col_Score")];
        var table = NewTable(widths, header);
        var culture = ReportText.Culture;
        foreach (var line in outline.Summary)
        {
            table.Append(Row(widths, [line.No.ToString(culture), line.Name, line.Indicators.ToString(culture),
                line.Counts.Met.ToString(culture), line.Counts.AtRisk.ToString(culture), line.Counts.Missed.ToString(culture), ReportText.Score(line.Score)], bold: false, fills: null));
        }
        return table;
    }

    /// <summary>STT | name | Tử số | Mẫu số | Tỷ lệ | Chỉ tiêu | Chênh lệch | Đạt/Chưa đạt.</summary>
    public static IReadOnlyList<string> FigureHeader(string nameHeader) =>
        [ReportText.T("Col_No"), nameHeader, ReportText.T("Fig_Numerator"), ReportText.T("Fig_Denominator"), ReportText.T("Fig_Rate"),
         ReportText.T("Fig_Target"), ReportText.T("Fig_Gap"), ReportText.T("Fig_Status")];

    private static Table FigureTable(string nameHeader, IEnumerable<TableRow> rows)
    {
        var table = NewTable(FigureWidths, FigureHeader(nameHeader));
        foreach (var row in rows) table.Append(row);
        return table;
    }

    private static TableRow FigureRow(FigureLine line, bool total)
    {
        string[] texts = [.. line.Texts, ReportText.Status(line.Status)];
        var fills = new string?[texts.Length];
        fills[^1] = ReportText.StatusFill(line.Status);
        return Row(FigureWidths, texts, bold: total, fills, shade: total);
    }
}
