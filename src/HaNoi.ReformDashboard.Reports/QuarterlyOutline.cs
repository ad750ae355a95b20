using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Presentation;
using HaNoi.ReformDashboard.Domain.Scoring;

namespace HaNoi.ReformDashboard.Reports;

/// <summary>
/// What the quarterly report says, computed once from the scorecard and worded in the report's language: the title,
/// the summary by pillar (<see cref="ScorecardSummary"/>), the city's figures, the levels, and a section per pillar with,
/// per indicator, the city's figure and a table per level closed by the level roll-up, its benchmarks and the units'
/// explanations. The workbook, the Word document and the PDF only lay it out (<see cref="Excel.QuarterlyWorkbook"/>,
/// <see cref="Word.QuarterlyReportDocx"/>, <see cref="Pdf.QuarterlyReportPdf"/>), each choosing which columns it shows.
/// </summary>
public sealed record QuarterlyOutline(
    Scorecard Scorecard,
    string Title,
    string Period,
    string DateRange,
    string Scope,
    string DocumentTitle,
    IReadOnlyList<SummaryRow> Summary,
    IReadOnlyList<CityLine> City,
    IReadOnlyList<LevelSection> Levels,
    IReadOnlyList<PillarSection> Sections)
{
    /// <summary>The document's subject line: the scope and the dates.</summary>
    public string Subject => $"{Scope}; {DateRange}";

    /// <summary>The outline of <paramref name="scorecard"/>, in the language <see cref="ReportText.In"/> set.</summary>
    public static QuarterlyOutline Of(Scorecard scorecard)
    {
        var culture = ReportText.Culture;
        var period = Wording.Period(scorecard.Period, culture);
        var levels = ReportContent.Levels(scorecard);
        var pillars = ScorecardSummary.CityPillars(scorecard);

        var summary = pillars.Select((line, i) => new SummaryRow(i + 1, line.Pillar.Code, ReportText.Name(line.Pillar), line.Indicators.Count, line.Counts, line.Score)).ToList();

        // Numbered over every indicator of the plan: a figure the city lacks keeps its place in the numbering.
        var city = scorecard.Indicators.Select((indicator, i) => scorecard.City.For(indicator.Code) is { } cell
                ? new CityLine(i + 1, indicator, cell, FigureLine.Of(i + 1, $"{ReportText.Name(indicator)} ({indicator.Code})", indicator, cell))
                : new CityLine(i + 1, indicator, null, null))
            .ToList();

        var sections = pillars.Select((line, p) => new PillarSection(
                line.Pillar, line.Indicators, $"{p + 1}. {ReportText.Name(line.Pillar)} ({line.Pillar.Code})",
                line.Indicators.Count == 0 ? ReportText.T("P_NoTargets", scorecard.PlanYear) : null,
                line.Indicators.Select((indicator, n) => Indicator(scorecard, levels, indicator, $"{p + 1}.{n + 1}. {ReportText.Name(indicator)} ({indicator.Code})")).ToList()))
            .ToList();

        return new(scorecard, ReportText.Title(scorecard.PlanYear), period, Wording.DateRange(scorecard.Period, culture), ReportText.Scope(scorecard),
            ReportText.T("P_DocTitle", scorecard.PlanYear, period), summary, city, levels, sections);
    }

    private static IndicatorSection Indicator(Scorecard scorecard, IReadOnlyList<LevelSection> levels, IndicatorInfo indicator, string heading)
    {
        var city = scorecard.City.For(indicator.Code);
        var detail = ReportText.T("P_Detail", ReportText.Target(indicator.Kind, city?.Score.Target),
            ReportText.Value(indicator.Kind, city?.Score.Value), ReportText.Status(city?.Score.Status ?? Status.NoData));
        var tables = levels.Where(l => l.Indicators.Contains(indicator)).Select(level =>
        {
            // Numbered over the units with a figure for the indicator.
            var rows = level.Units
                .Select(u => (u.Unit, Cell: u.For(indicator.Code)))
                .Where(x => x.Cell is not null)
                .Select((x, i) => FigureLine.Of(i + 1, ReportText.Name(x.Unit), indicator, x.Cell!))
                .ToList();
            // The totals row is the level roll-up of the scoring engine (Σ numerators ÷ Σ denominators), never summed here.
            var totals = level.Totals?.For(indicator.Code);
            var total = totals is null ? null : FigureLine.Of(null, ReportText.T("P_Total"), indicator, totals);
            return new LevelTable(level, ReportText.T("P_LevelUnits", ReportText.Level(level.Level), level.Units.Count), rows, total,
                Benchmarks(scorecard, indicator, level, totals), Explanations(scorecard, indicator, level));
        }).ToList();
        return new(indicator, heading, detail, tables);
    }

    /// <summary>The level's median and 75th percentile, with the run-rate of its roll-up when it applies; null without peers' figures.</summary>
    private static string? Benchmarks(Scorecard scorecard, IndicatorInfo indicator, LevelSection level, ScoredIndicator? totals)
    {
        if (!scorecard.Benchmarks.TryGetValue((indicator.Code, level.Level), out var benchmark) || benchmark.Median is null) return null;
        var median = ReportText.Value(indicator.Kind, benchmark.Median);
        var p75 = ReportText.Value(indicator.Kind, benchmark.Percentile75);
        var runRate = totals is null ? null : ReportText.RunRate(totals.RunRate, scorecard.Period);
        return runRate is null ? ReportText.T("P_BenchmarksNoRunRate", median, p75) : ReportText.T("P_Benchmarks", median, p75, runRate);
    }

    private static IReadOnlyList<ExplanationNote> Explanations(Scorecard scorecard, IndicatorInfo indicator, LevelSection level) =>
        level.Units
            .Select(u => (Unit: u, Explanation: scorecard.ExplanationOf(u.Unit.Code, indicator.Code)))
            .Where(x => x.Explanation is not null)
            .Select(x => new ExplanationNote(
                ReportText.T("P_Explanation", ReportText.Name(x.Unit.Unit), x.Explanation!.Author, x.Explanation.Revision),
                ReportText.ExplanationParts(x.Explanation).ToList()))
            .ToList();
}

/// <summary>A pillar's line of the summary: its number, code and name, how many indicators it has, their city statuses and the city's pillar score.</summary>
public sealed record SummaryRow(int No, string Code, string Name, int Indicators, StatusCounts Counts, decimal? Score);

/// <summary>An indicator of the city's figures, numbered in the plan's order; <see cref="Cell"/> is null when the city has no figure for it.</summary>
public sealed record CityLine(int No, IndicatorInfo Indicator, ScoredIndicator? Cell, FigureLine? Line);

/// <summary>A pillar's section: its heading, its indicators, or the note that the plan year sets it no target.</summary>
public sealed record PillarSection(PillarInfo Pillar, IReadOnlyList<IndicatorInfo> Indicators, string Heading, string? NoTargets, IReadOnlyList<IndicatorSection> Items);

/// <summary>One indicator of a pillar's section: its heading, the city's target, value and status, and a table per level.</summary>
public sealed record IndicatorSection(IndicatorInfo Indicator, string Heading, string Detail, IReadOnlyList<LevelTable> Levels);

/// <summary>
/// One level's table of an indicator: the caption, a line per unit with a figure, the level roll-up's line, the level's
/// benchmarks (null without them) and the units' explanations.
/// </summary>
public sealed record LevelTable(LevelSection Level, string Caption, IReadOnlyList<FigureLine> Rows, FigureLine? Total, string? Benchmarks, IReadOnlyList<ExplanationNote> Explanations);

/// <summary>An explanation under a level's table: who wrote it (and which revision), then its cause, remedy and expected date.</summary>
public sealed record ExplanationNote(string Heading, IReadOnlyList<string> Parts);

/// <summary>
/// One line of a figure table, worded: STT | name | Tử số | Mẫu số | Tỷ lệ | Chỉ tiêu | Chênh lệch in <see cref="Texts"/>,
/// then the status (a word with its fill, laid out by each writer) and the rank among peers.
/// </summary>
public sealed record FigureLine(IReadOnlyList<string> Texts, Status Status, string Rank)
{
    public static FigureLine Of(int? stt, string name, IndicatorInfo indicator, ScoredIndicator cell) => new(
        [
            stt?.ToString(ReportText.Culture) ?? "", name, ReportText.Count(cell.Figure.Numerator), ReportText.Count(cell.Figure.Denominator),
            ReportText.Value(indicator.Kind, cell.Score.Value), ReportText.Target(indicator.Kind, cell.Score.Target),
            ReportText.Gap(indicator.Kind, cell.Score.Gap),
        ],
        cell.Score.Status, ReportText.Rank(cell.Rank, cell.RankedPeers));
}
