using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Presentation;
using HaNoi.ReformDashboard.Reports.Pdf.Layout;

namespace HaNoi.ReformDashboard.Reports.Pdf;

/// <summary>
/// The leaders' monthly scorecard: one page for the whole city, then one page per level (or one page for a unit):
/// a chart of the figures against their targets, the figures with their change since the previous period, and
/// the units that lead and lag.
/// </summary>
public static class LeaderScorecardPdf
{
    private const int Leaders = 5;

    public static void Write(Scorecard scorecard, ReportParameters parameters, Stream output)
    {
        using var language = ReportText.In(parameters.Language);
        Render(Layout(scorecard, parameters), scorecard, parameters, output);
    }

    internal static FlowLayout Layout(Scorecard scorecard, ReportParameters parameters)
    {
        var layout = PdfTheme.NewPortraitLayout();
        var period = Wording.Period(scorecard.Period, ReportText.Culture);
        string[] title = [ReportText.T("L_Title"), period];
        OfficialHeading.Add(layout, scorecard, parameters, title);
        if (scorecard.IsEmpty)
        {
            OfficialHeading.NoData(layout);
            return layout;
        }

        var first = true;
        void Start(string heading)
        {
            if (!first)
            {
                layout.NewPage();
                layout.Paragraph(RunningHead(scorecard, period), PdfTheme.Small, TextAlign.Center, spaceAfter: 2);
            }
            first = false;
            layout.Paragraph(heading, PdfTheme.Section, TextAlign.Center, spaceAfter: 4);
        }

        if (scorecard.Scope.UnitCode is { } code && scorecard.Unit(code) is { } only)
        {
            var heading = ReportText.T("L_UnitHeading", ReportText.Name(only.Unit), ReportText.Score(only.Score), ReportText.Rank(only.Rank, only.RankedPeers), ReportText.Level(only.Unit.Level));
            Start(heading);
            Figures(layout, scorecard, only.Indicators, peers: null);
            Chart(layout, scorecard, only.Indicators, RunningHead(scorecard, period), heading);
            return layout;
        }

        if (scorecard.Scope.Level is null)
        {
            Start(ReportText.T("Scope_City"));
            Figures(layout, scorecard, scorecard.City.Indicators, peers: null);
            Chart(layout, scorecard, scorecard.City.Indicators, RunningHead(scorecard, period), ReportText.T("Scope_City"));
        }
        // The city's own reports are already in the city page; the other levels get a page each.
        foreach (var level in ReportContent.Levels(scorecard).Where(l => l.Level != UnitLevel.City || scorecard.Scope.Level == UnitLevel.City))
        {
            var heading = ReportText.T("L_LevelHeading", ReportText.Level(level.Level), level.Units.Count);
            Start(heading);
            Figures(layout, scorecard, level.Totals?.Indicators ?? [], level.Units);
            Leaderboard(layout, level.Units);
            Chart(layout, scorecard, level.Totals?.Indicators ?? [], RunningHead(scorecard, period), heading);
        }
        return layout;
    }

    private static string RunningHead(Scorecard scorecard, string period) => $"{ReportText.Title(scorecard.PlanYear)} — {period}";

    internal static void Render(FlowLayout layout, Scorecard scorecard, ReportParameters parameters, Stream output) =>
        OfficialHeading.Finish(layout, scorecard, parameters,
            ReportText.T("L_DocTitle", Wording.Period(scorecard.Period, ReportText.Culture)),
            $"{ReportText.Scope(scorecard)}; {Wording.DateRange(scorecard.Period, ReportText.Culture)}", output);

    private static void Figures(FlowLayout layout, Scorecard scorecard, IReadOnlyList<ScoredIndicator> cells, IReadOnlyList<UnitScorecard>? peers)
    {
        var rows = cells.Select(c => (Indicator: scorecard.Indicator(c.IndicatorCode), Cell: c)).ToList();
        // The last column: peers meeting the target on a level page, the unit's rank on a unit page, nothing for the city.
        var showRank = peers is null && cells.Any(c => c.Rank is not null);
        List<TableColumn> columns =
        [
            new(ReportText.T("Col_Indicator"), 34), new(ReportText.T("Fig_Rate"), 7, TextAlign.Right), new(ReportText.T("Col_Target"), 9.5f, TextAlign.Right),
            new(ReportText.T("Col_Gap"), 6, TextAlign.Right), new(ReportText.T("Col_Change"), 6, TextAlign.Right),
        ];
        if (peers is not null || showRank) columns.Add(new(peers is null ? ReportText.T("Col_Rank") : ReportText.T("L_UnitsMet"), 6, TextAlign.Right));
        columns.Add(new(ReportText.T("Col_Status"), 10.5f));
        var table = new Table(columns, PdfTheme.CompactCell, PdfTheme.CompactHeader, PdfTheme.CompactHeader) { Padding = 2f };
        foreach (var (indicator, cell) in rows)
        {
            List<TableCell> row =
            [
                ReportText.Name(indicator),
                ReportText.Value(indicator.Kind, cell.Score.Value),
                ReportText.Target(indicator.Kind, cell.Score.Target),
                ReportText.Gap(indicator.Kind, cell.Score.Gap),
                FigureFormat.Signed(cell.Change, ReportText.Culture),
            ];
            if (peers is not null)
                row.Add($"{peers.Select(u => u.For(indicator.Code)).Counts().Met}/{peers.Count(u => u.For(indicator.Code)?.Score.Value is not null)}");
            else if (showRank)
                row.Add(ReportText.Rank(cell.Rank, cell.RankedPeers));
            row.Add(PdfTheme.StatusCell(cell.Score.Status));
            table.Add([.. row]);
        }
        layout.Table(table);
    }

    /// <summary>
    /// The figures against their targets as bars, 15 pt a bar so labels stay readable at print size; on the next
    /// page, under the section's heading again, when the rest of this page is too short for it.
    /// </summary>
    private static void Chart(FlowLayout layout, Scorecard scorecard, IReadOnlyList<ScoredIndicator> cells, string runningHead, string heading)
    {
        var percent = cells.Select(c => (Indicator: scorecard.Indicator(c.IndicatorCode), Cell: c)).Where(r => r.Indicator.IsPercent).ToList();
        if (percent.Count == 0) return;
        var height = ChartHeight(percent.Count);
        if (height > layout.Remaining)
        {
            layout.NewPage();
            layout.Paragraph(runningHead, PdfTheme.Small, TextAlign.Center, spaceAfter: 2);
            layout.Paragraph(heading, PdfTheme.Section, TextAlign.Center, spaceAfter: 4);
        }
        layout.Drawing(height, (canvas, rect) => Charts.RollupBars(canvas, rect, percent, ReportText.T("ChartBarsTitle")));
    }

    /// <summary>Title and axis, then a bar every 15 pt.</summary>
    internal static float ChartHeight(int bars) => 70f + 15f * bars;

    private static void Leaderboard(FlowLayout layout, IReadOnlyList<UnitScorecard> units)
    {
        var ranked = units.Where(u => u.Rank is not null).OrderBy(u => u.Rank).ThenBy(u => u.Unit.Code).ToList();
        if (ranked.Count == 0) return;
        var top = ranked.Take(Leaders).ToList();
        var bottom = ranked.Skip(Math.Max(Leaders, ranked.Count - Leaders)).ToList();
        var table = PdfTheme.NewTable(new(ReportText.T("L_Place"), 4, TextAlign.Center), new(ReportText.T("Col_Unit"), 24), new(ReportText.T("Col_Score"), 6, TextAlign.Right),
            new(ReportText.T("W_Met"), 4, TextAlign.Right), new(ReportText.T("W_AtRisk"), 5, TextAlign.Right), new(ReportText.T("W_Missed"), 5, TextAlign.Right));
        void Row(UnitScorecard u)
        {
            var counts = u.Indicators.Counts();
            table.Add(ReportText.Rank(u.Rank, u.RankedPeers), ReportText.Name(u.Unit), ReportText.Score(u.Score),
                counts.Met.ToString(ReportText.Culture), counts.AtRisk.ToString(ReportText.Culture), counts.Missed.ToString(ReportText.Culture));
        }
        top.ForEach(Row);
        if (bottom.Count > 0)
        {
            table.Add(true, "", ReportText.T("L_Laggards"), "", "", "", "");
            bottom.ForEach(Row);
        }
        layout.Paragraph(ReportText.T("L_LeadersTitle", ranked.Count), PdfTheme.Strong, spaceAfter: 2);
        layout.Table(table);
    }
}
