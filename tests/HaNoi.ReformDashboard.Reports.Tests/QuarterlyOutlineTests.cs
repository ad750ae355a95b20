using HaNoi.ReformDashboard.Data.Catalogue;
using System.Globalization;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Domain.Scoring;

namespace HaNoi.ReformDashboard.Reports.Tests;

/// <summary>
/// The quarterly report's outline (<see cref="QuarterlyOutline"/>) and the summary by pillar behind it
/// (<see cref="ScorecardSummary"/>), on a scorecard made by hand whose statuses are typed, not scored: what the
/// workbook, the Word document and the PDF lay out is checked once, here, against counts written down beforehand.
/// </summary>
public class QuarterlyOutlineTests
{
    private static readonly Period Q4 = Period.Quarter(2022, 4);

    private static IndicatorInfo Indicator(string code, string pillar, string en) =>
        new(code, pillar, en + " (vi)", en, IndicatorKind.Ratio, Rollup.Flow, Frequency.Monthly, [UnitLevel.District],
            new IndicatorRule(code, pillar, IndicatorKind.Ratio, Rollup.Flow));

    // Two pillars with indicators (TTHC: A, B, C; CQS: D, E) and one the plan sets no target for (KT).
    private static readonly IndicatorInfo A = Indicator("A", "TTHC", "Indicator A");
    private static readonly IndicatorInfo B = Indicator("B", "TTHC", "Indicator B");
    private static readonly IndicatorInfo C = Indicator("C", "TTHC", "Indicator C");
    private static readonly IndicatorInfo D = Indicator("D", "CQS", "Indicator D");
    private static readonly IndicatorInfo E = Indicator("E", "CQS", "Indicator E");

    /// <summary>A cell with its status typed by hand (the engine is not asked).</summary>
    private static ScoredIndicator Cell(IndicatorInfo indicator, Status status, decimal? numerator = 90, decimal? denominator = 100, int? rank = null, int peers = 0) =>
        new(indicator.Code, numerator is decimal n && denominator is decimal d ? Figure.Ratio(n, d) : Figure.None,
            new IndicatorScore(status == Status.NoData ? null : 90m, new Target(ComparisonOperator.GreaterOrEqual, 95m), status, null, null, false),
            null, null, 3)
        { Rank = rank, RankedPeers = peers };

    private static Scorecard Card()
    {
        // City: A met, B missed, C at risk; D met, E without data.
        var city = new LevelRollup(UnitLevel.City, [Cell(A, Status.Met), Cell(B, Status.Missed), Cell(C, Status.AtRisk), Cell(D, Status.Met), Cell(E, Status.NoData, null, null)]);
        // Two districts; the second has no figure for B. District 1: A missed, B met, C met, D at risk, E met.
        var first = new UnitScorecard(new UnitInfo("001", "Quận Một", "District One", UnitLevel.District, "HN"),
            [Cell(A, Status.Missed, rank: 2, peers: 2), Cell(B, Status.Met), Cell(C, Status.Met), Cell(D, Status.AtRisk), Cell(E, Status.Met)],
            [new PillarScore("TTHC", 70m), new PillarScore("CQS", 80m)], 75m) { Rank = 1, RankedPeers = 2 };
        var second = new UnitScorecard(new UnitInfo("002", "Quận Hai", "District Two", UnitLevel.District, "HN"),
            [Cell(A, Status.Met, rank: 1, peers: 2), Cell(C, Status.NoTarget), Cell(D, Status.NoData, null, null), Cell(E, Status.NoData, null, null)],
            [new PillarScore("TTHC", 60m), new PillarScore("CQS", null)], 60m) { Rank = 2, RankedPeers = 2 };
        var districts = new LevelRollup(UnitLevel.District, [Cell(A, Status.AtRisk), Cell(B, Status.Met), Cell(C, Status.Met), Cell(D, Status.Missed), Cell(E, Status.Met)]);
        return new Scorecard(2022, Q4, ScorecardScope.ForLevel(UnitLevel.District), false,
            // Given out of order: the plan's order is TTHC (1), CQS (2), KT (3).
            [new PillarInfo("CQS", "Chính quyền số", "Digital government", 2), new PillarInfo("KT", "Kiểm tra", "Inspection", 3),
             new PillarInfo("TTHC", "Thủ tục hành chính", "Administrative procedures", 1)],
            [A, B, C, D, E], city, [districts], [first, second], [], new Dictionary<(string, UnitLevel), Benchmark>(), [])
        {
            CityPillars = [new PillarScore("TTHC", 66.5m), new PillarScore("CQS", 50m)],
        };
    }

    [Fact]
    public void The_city_summary_by_pillar_counts_each_pillars_statuses_in_the_plans_order()
    {
        var lines = ScorecardSummary.CityPillars(Card());

        lines.Select(l => l.Pillar.Code).Should().Equal("TTHC", "CQS", "KT");
        lines.Select(l => l.Indicators.Count).Should().Equal(3, 2, 0);
        lines[0].Counts.Should().Be(new StatusCounts(Met: 1, AtRisk: 1, Missed: 1, NoData: 0, NoTarget: 0));
        lines[1].Counts.Should().Be(new StatusCounts(Met: 1, AtRisk: 0, Missed: 0, NoData: 1, NoTarget: 0));
        lines[2].Counts.Should().Be(new StatusCounts(0, 0, 0, 0, 0));
        lines.Select(l => l.Score).Should().Equal(66.5m, 50m, null);
    }

    [Fact]
    public void A_units_summary_counts_only_the_figures_it_has()
    {
        var card = Card();
        var second = card.Unit("002")!;
        var lines = ScorecardSummary.Pillars(card, second.Indicators, second.Pillars);

        // District Two: TTHC has A met and C without a target (no B); CQS has D and E without data.
        lines[0].Counts.Should().Be(new StatusCounts(Met: 1, AtRisk: 0, Missed: 0, NoData: 0, NoTarget: 1));
        lines[0].Counts.Total.Should().Be(2);
        lines[1].Counts.Should().Be(new StatusCounts(Met: 0, AtRisk: 0, Missed: 0, NoData: 2, NoTarget: 0));
        lines.Select(l => l.Score).Should().Equal(60m, null, null);
        // District One across every pillar: met B, C, E; at risk D; missed A.
        card.Unit("001")!.Indicators.Counts().Should().Be(new StatusCounts(Met: 3, AtRisk: 1, Missed: 1, NoData: 0, NoTarget: 0));
    }

    [Fact]
    public void The_outline_numbers_the_summary_the_city_figures_and_the_sections_once_for_every_writer()
    {
        using var english = ReportText.In(CultureInfo.GetCultureInfo("en-US"));
        var outline = QuarterlyOutline.Of(Card());

        outline.Summary.Select(r => (r.No, r.Code, r.Name, r.Indicators)).Should().Equal(
            (1, "TTHC", "Administrative procedures", 3), (2, "CQS", "Digital government", 2), (3, "KT", "Inspection", 0));
        outline.Summary.Select(r => (r.Counts.Met, r.Counts.AtRisk, r.Counts.Missed, r.Counts.NoData)).Should().Equal((1, 1, 1, 0), (1, 0, 0, 1), (0, 0, 0, 0));

        // The city's figures in the plan's order, numbered 1 … 5; each line starts with its number and "name (code)".
        outline.City.Select(c => c.No).Should().Equal(1, 2, 3, 4, 5);
        outline.City.Select(c => c.Line!.Texts[1]).Should().Equal("Indicator A (A)", "Indicator B (B)", "Indicator C (C)", "Indicator D (D)", "Indicator E (E)");
        outline.City.Select(c => c.Line!.Status).Should().Equal(Status.Met, Status.Missed, Status.AtRisk, Status.Met, Status.NoData);
        outline.City[0].Line!.Texts[0].Should().Be("1");
        outline.City[0].Line!.Texts[2].Should().Be("90");
        outline.City[0].Line!.Texts[3].Should().Be("100");

        outline.Sections.Select(s => s.Heading).Should().Equal("1. Administrative procedures (TTHC)", "2. Digital government (CQS)", "3. Inspection (KT)");
        outline.Sections[2].NoTargets.Should().Be("The 2022 plan sets no measurable target for this pillar.");
        outline.Sections[2].Items.Should().BeEmpty();
        outline.Sections[0].NoTargets.Should().BeNull();
        outline.Sections[0].Items.Select(i => i.Heading).Should().Equal("1.1. Indicator A (A)", "1.2. Indicator B (B)", "1.3. Indicator C (C)");
        outline.Sections[1].Items.Select(i => i.Heading).Should().Equal("2.1. Indicator D (D)", "2.2. Indicator E (E)");
    }

    [Fact]
    public void A_level_table_lists_the_units_with_a_figure_numbered_then_the_level_roll_up()
    {
        using var english = ReportText.In(CultureInfo.GetCultureInfo("en-US"));
        var outline = QuarterlyOutline.Of(Card());

        var a = outline.Sections[0].Items[0].Levels.Should().ContainSingle().Subject;
        a.Caption.Should().Be("Districts (2 units)");
        a.Rows.Select(r => (r.Texts[0], r.Texts[1], r.Status)).Should().Equal(("1", "District One", Status.Missed), ("2", "District Two", Status.Met));
        a.Rows.Select(r => r.Rank).Should().Equal("2/2", "1/2");
        a.Total!.Texts[1].Should().Be("Total");
        a.Total.Texts[0].Should().BeEmpty();
        a.Total.Status.Should().Be(Status.AtRisk);

        // District Two has no figure for B: one row, numbered 1.
        var b = outline.Sections[0].Items[1].Levels.Single();
        b.Rows.Select(r => (r.Texts[0], r.Texts[1])).Should().Equal(("1", "District One"));
        b.Total!.Status.Should().Be(Status.Met);
    }
}
