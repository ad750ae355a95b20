using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Presentation;
using HaNoi.ReformDashboard.Reports.Pdf.Layout;

namespace HaNoi.ReformDashboard.Reports.Pdf;

/// <summary>
/// The multi-page report for the reform office, in the report's language: heading, summary by pillar, the city's
/// figures, then a section per pillar with a vector chart and, per indicator, a table of every unit by level (with
/// its rank) closed by the level roll-up, the level's median and 75th percentile, run-rate and explanations.
/// </summary>
public static class QuarterlyReportPdf
{
    public static void Write(Scorecard scorecard, ReportParameters parameters, Stream output)
    {
        using var language = ReportText.In(parameters.Language);
        var outline = QuarterlyOutline.Of(scorecard);
        Render(Layout(outline, parameters), outline, parameters, output);
    }

    /// <summary>The pages of the report of <paramref name="scorecard"/>, in the language <see cref="ReportText.In"/> set.</summary>
    internal static FlowLayout Layout(Scorecard scorecard, ReportParameters parameters) => Layout(QuarterlyOutline.Of(scorecard), parameters);

    internal static FlowLayout Layout(QuarterlyOutline outline, ReportParameters parameters)
    {
        var scorecard = outline.Scorecard;
        var layout = PdfTheme.NewPortraitLayout();
        OfficialHeading.Add(layout, scorecard, parameters, [ReportText.T("W_Report"), outline.Title, outline.Period]);
        if (scorecard.IsEmpty)
        {
            OfficialHeading.NoData(layout);
            return layout;
        }

        Section(layout, ReportText.T("P_Section1"));
        layout.Table(PillarSummary(outline));

        Section(layout, ReportText.T("P_Section2"));
        layout.Paragraph(ReportText.T("W_CityNote"), PdfTheme.Small);
        var city = FigureTable(ReportText.T("Col_Indicator"));
        foreach (var line in outline.City)
        {
            if (line.Line is { } figures) city.Add(FigureRow(figures));
        }
        layout.Table(city);

        Section(layout, ReportText.T("P_Section3"));
        foreach (var section in outline.Sections)
        {
            layout.EnsureSpace(140);
            layout.Paragraph(section.Heading, PdfTheme.Subsection, spaceAfter: 3);
            if (section.NoTargets is { } none)
            {
                layout.Paragraph(none, PdfTheme.Italic, spaceAfter: 6);
                continue;
            }
            if (section.Indicators.Any(i => i.IsPercent))
                layout.Drawing(170, (canvas, rect) => Charts.CityTrend(canvas, rect, scorecard, section.Indicators));

            foreach (var item in section.Items)
            {
                // Keep the heading with the start of its first table.
                layout.EnsureSpace(layout.Measure(item.Heading, PdfTheme.Strong) + layout.Measure(item.Detail, PdfTheme.Body) + 60);
                layout.Paragraph(item.Heading, PdfTheme.Strong, spaceAfter: 1);
                layout.Paragraph(item.Detail, PdfTheme.Body, spaceAfter: 3);
                foreach (var level in item.Levels)
                {
                    layout.EnsureSpace(50);
                    layout.Paragraph(level.Caption, PdfTheme.Italic, spaceAfter: 2);
                    var table = FigureTable(ReportText.T("Col_Unit"), withRank: true);
                    foreach (var row in level.Rows) table.Add([.. FigureRow(row), row.Rank]);
                    if (level.Total is { } total) table.Add(true, [.. FigureRow(total), ""]);
                    layout.Table(table, spaceAfter: 2);
                    Peers(layout, level);
                }
            }
        }
        return layout;
    }

    /// <summary>Under a level's table: its median and 75th percentile, the run-rate of its roll-up, and the units' explanations.</summary>
    private static void Peers(FlowLayout layout, LevelTable level)
    {
        if (level.Benchmarks is { } benchmarks) layout.Paragraph(benchmarks, PdfTheme.Small, spaceAfter: 2);
        foreach (var explanation in level.Explanations)
        {
            // The heading line stays on the page of the cause that follows it.
            layout.EnsureSpace(40);
            layout.Paragraph(explanation.Heading, PdfTheme.Italic, spaceAfter: 1, indent: 8);
            foreach (var part in explanation.Parts)
                layout.Paragraph(part, PdfTheme.Italic, spaceAfter: 1, indent: 16);
            layout.Space(1);
        }
        layout.Space(4);
    }

    internal static void Render(FlowLayout layout, QuarterlyOutline outline, ReportParameters parameters, Stream output) =>
        OfficialHeading.Finish(layout, outline.Scorecard, parameters, outline.DocumentTitle, outline.Subject, output);

    private static void Section(FlowLayout layout, string title)
    {
        layout.EnsureSpace(80);
        layout.Space(4);
        layout.Paragraph(title, PdfTheme.Section, spaceAfter: 4);
    }

    private static Table PillarSummary(QuarterlyOutline outline)
    {
        var table = PdfTheme.NewTable(
            new(ReportText.T("Col_No"), 3, TextAlign.Center), new(ReportText.T("Col_Pillar"), 22), new(ReportText.T("Col_Indicators"), 5, TextAlign.Right),
            new(ReportText.T("W_Met"), 4, TextAlign.Right), new(ReportText.T("W_AtRisk"), 5, TextAlign.Right), new(ReportText.T("W_Missed"), 5, TextAlign.Right),
            new(ReportText.T("W_NoData"), 6, TextAlign.Right), new(ReportText.T("Col_Score"), 5, TextAlign.Right));
        var culture = ReportText.Culture;
        foreach (var line in outline.Summary)
        {
            table.Add(line.No.ToString(culture), $"{line.Name} ({line.Code})", line.Indicators.ToString(culture),
                line.Counts.Met.ToString(culture), line.Counts.AtRisk.ToString(culture), line.Counts.Missed.ToString(culture),
                line.Counts.NoData.ToString(culture), ReportText.Score(line.Score));
        }
        return table;
    }

    /// <summary>STT | name | Tử số | Mẫu số | Tỷ lệ | Chỉ tiêu | Chênh lệch | Đạt/Chưa đạt [| Xếp hạng] — the reform office's reading order.</summary>
    internal static Table FigureTable(string nameHeader, bool withRank = false)
    {
        List<TableColumn> columns =
        [
            new(ReportText.T("Col_No"), 3, TextAlign.Center), new(nameHeader, 18), new(ReportText.T("Fig_Numerator"), 7.5f, TextAlign.Right),
            new(ReportText.T("Fig_Denominator"), 8.5f, TextAlign.Right), new(ReportText.T("Fig_Rate"), 6, TextAlign.Right),
            new(ReportText.T("Fig_Target"), 8, TextAlign.Right), new(ReportText.T("Fig_Gap"), 5.5f, TextAlign.Right), new(ReportText.T("Fig_Status"), 9),
        ];
        if (withRank) columns.Add(new(ReportText.T("Col_Rank"), 5, TextAlign.Right));
        return new Table(columns, PdfTheme.Cell, PdfTheme.CellHeader, PdfTheme.CellTotal);
    }

    internal static TableCell[] FigureRow(FigureLine line) => [.. line.Texts.Select(t => new TableCell(t)), PdfTheme.StatusCell(line.Status)];
}
