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
        Render(Layout(scorecard, parameters), scorecard, parameters, output);
    }

    internal static FlowLayout Layout(Scorecard scorecard, ReportParameters parameters)
    {
        var layout = PdfTheme.NewPortraitLayout();
        var period = Wording.Period(scorecard.Period, ReportText.Culture);
        OfficialHeading.Add(layout, scorecard, parameters, [ReportText.T("W_Report"), ReportText.Title(scorecard.PlanYear), period]);
        if (scorecard.IsEmpty)
        {
            OfficialHeading.NoData(layout);
            return layout;
        }

        Section(layout, ReportText.T("P_Section1"));
        layout.Table(PillarSummary(scorecard));

        Section(layout, ReportText.T("P_Section2"));
        layout.Paragraph(ReportText.T("W_CityNote"), PdfTheme.Small);
        var city = FigureTable(ReportText.T("Col_Indicator"));
        foreach (var indicator in scorecard.Indicators)
        {
            if (scorecard.City.For(indicator.Code) is { } cell)
                city.Add(FigureRow(scorecard.Indicators.ToList().IndexOf(indicator) + 1, $"{ReportText.Name(indicator)} ({indicator.Code})", indicator, cell));
        }
        layout.Table(city);

        Section(layout, ReportText.T("P_Section3"));
        var levels = ReportContent.Levels(scorecard);
        var p = 0;
        foreach (var (pillar, indicators) in ReportContent.Pillars(scorecard))
        {
            p++;
            layout.EnsureSpace(140);
            layout.Paragraph($"{p}. {ReportText.Name(pillar)} ({pillar.Code})", PdfTheme.Subsection, spaceAfter: 3);
            if (indicators.Count == 0)
            {
                layout.Paragraph(ReportText.T("P_NoTargets", scorecard.PlanYear), PdfTheme.Italic, spaceAfter: 6);
                continue;
            }
            if (indicators.Any(i => i.IsPercent))
                layout.Drawing(170, (canvas, rect) => Charts.CityTrend(canvas, rect, scorecard, indicators));

            var n = 0;
            foreach (var indicator in indicators)
            {
                n++;
                var cityCell = scorecard.City.For(indicator.Code);
                var headline = $"{p}.{n}. {ReportText.Name(indicator)} ({indicator.Code})";
                var detail = ReportText.T("P_Detail", ReportText.Target(indicator.Kind, cityCell?.Score.Target),
                    ReportText.Value(indicator.Kind, cityCell?.Score.Value), ReportText.Status(cityCell?.Score.Status ?? Status.NoData));
                // Keep the heading with the start of its first table.
                layout.EnsureSpace(layout.Measure(headline, PdfTheme.Strong) + layout.Measure(detail, PdfTheme.Body) + 60);
                layout.Paragraph(headline, PdfTheme.Strong, spaceAfter: 1);
                layout.Paragraph(detail, PdfTheme.Body, spaceAfter: 3);
                foreach (var level in levels.Where(l => l.Indicators.Contains(indicator)))
                {
                    layout.EnsureSpace(50);
                    layout.Paragraph(ReportText.T("P_LevelUnits", ReportText.Level(level.Level), level.Units.Count), PdfTheme.Italic, spaceAfter: 2);
                    var table = FigureTable(ReportText.T("Col_Unit"), withRank: true);
                    var stt = 0;
                    foreach (var unit in level.Units)
                    {
                        if (unit.For(indicator.Code) is { } cell)
                            table.Add([.. FigureRow(++stt, ReportText.Name(unit.Unit), indicator, cell), ReportText.Rank(cell.Rank, cell.RankedPeers)]);
                    }
                    if (level.Totals?.For(indicator.Code) is { } total)
                        table.Add(true, [.. FigureRow(null, ReportText.T("P_Total"), indicator, total), ""]);
                    layout.Table(table, spaceAfter: 2);
                    Peers(layout, scorecard, indicator, level);
                }
            }
        }
        return layout;
    }

    /// <summary>Under a level's table: its median and 75th percentile, the run-rate of its roll-up, and the units' explanations.</summary>
    private static void Peers(FlowLayout layout, Scorecard scorecard, IndicatorInfo indicator, LevelSection level)
    {
        if (scorecard.Benchmarks.TryGetValue((indicator.Code, level.Level), out var benchmark) && benchmark.Median is not null)
        {
            var median = ReportText.Value(indicator.Kind, benchmark.Median);
            var p75 = ReportText.Value(indicator.Kind, benchmark.Percentile75);
            var runRate = level.Totals?.For(indicator.Code) is { } total ? ReportText.RunRate(total.RunRate, scorecard.Period) : null;
            layout.Paragraph(runRate is null ? ReportText.T("P_BenchmarksNoRunRate", median, p75) : ReportText.T("P_Benchmarks", median, p75, runRate),
                PdfTheme.Small, spaceAfter: 2);
        }
        foreach (var unit in level.Units)
        {
            if (scorecard.ExplanationOf(unit.Unit.Code, indicator.Code) is not { } explanation) continue;
            // The heading line stays on the page of the cause that follows it.
            layout.EnsureSpace(40);
            layout.Paragraph(ReportText.T("P_Explanation", ReportText.Name(unit.Unit), explanation.Author, explanation.Revision), PdfTheme.Italic, spaceAfter: 1, indent: 8);
            foreach (var part in ReportText.ExplanationParts(explanation))
                layout.Paragraph(part, PdfTheme.Italic, spaceAfter: 1, indent: 16);
            layout.Space(1);
        }
        layout.Space(4);
    }

    internal static void Render(FlowLayout layout, Scorecard scorecard, ReportParameters parameters, Stream output) =>
        OfficialHeading.Finish(layout, scorecard, parameters,
            ReportText.T("P_DocTitle", scorecard.PlanYear, Wording.Period(scorecard.Period, ReportText.Culture)),
            $"{ReportText.Scope(scorecard)}; {Wording.DateRange(scorecard.Period, ReportText.Culture)}", output);

    private static void Section(FlowLayout layout, string title)
    {
        layout.EnsureSpace(80);
        layout.Space(4);
        layout.Paragraph(title, PdfTheme.Section, spaceAfter: 4);
    }

    private static Table PillarSummary(Scorecard scorecard)
    {
        var table = PdfTheme.NewTable(
            new(ReportText.T("Col_No"), 3, TextAlign.Center), new(ReportText.T("Col_Pillar"), 22), new(ReportText.T("Col_Indicators"), 5, TextAlign.Right),
            new(ReportText.T("W_Met"), 4, TextAlign.Right), new(ReportText.T("W_AtRisk"), 5, TextAlign.Right), new(ReportText.T("W_Missed"), 5, TextAlign.Right),
            new(ReportText.T("W_NoData"), 6, TextAlign.Right), new(ReportText.T("Col_Score"), 5, TextAlign.Right));
        var n = 0;
        foreach (var (pillar, indicators) in ReportContent.Pillars(scorecard))
        {
            string Count(Status s) => ReportContent.Count(scorecard, indicators, s).ToString(ReportText.Culture);
            var score = scorecard.CityPillars.FirstOrDefault(x => x.PillarCode == pillar.Code)?.Score;
            table.Add((++n).ToString(ReportText.Culture), $"{ReportText.Name(pillar)} ({pillar.Code})", indicators.Count.ToString(ReportText.Culture),
                Count(Status.Met), Count(Status.AtRisk), Count(Status.Missed), Count(Status.NoData), ReportText.Score(score));
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

    internal static TableCell[] FigureRow(int? stt, string name, IndicatorInfo indicator, ScoredIndicator cell) =>
    [
        stt?.ToString(ReportText.Culture) ?? "",
        name,
        ReportText.Count(cell.Figure.Numerator),
        ReportText.Count(cell.Figure.Denominator),
        ReportText.Value(indicator.Kind, cell.Score.Value),
        ReportText.Target(indicator.Kind, cell.Score.Target),
        ReportText.Gap(indicator.Kind, cell.Score.Gap),
        PdfTheme.StatusCell(cell.Score.Status),
    ];
}
