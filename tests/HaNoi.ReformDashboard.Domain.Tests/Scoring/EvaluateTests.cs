using System.Globalization;

using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Scoring;

using static HaNoi.ReformDashboard.Domain.Tests.Scoring.Plan2022;

namespace HaNoi.ReformDashboard.Domain.Tests.Scoring;

public class EvaluateTests
{
    // Edge cases first: exact comparison on the unrounded value (docs/scoring.md, rule 3).

    [Fact]
    public void Ratio_of_99_00_percent_does_not_meet_above_99_percent()
    {
        var value = Figure.Ratio(9_900m, 10_000m).ValueFor(IndicatorKind.Ratio);

        var score = Scores.Evaluate(OnTime, Above(99m), value);

        value.Should().Be(99m);
        score.Status.Should().Be(Status.AtRisk);
        score.Gap.Should().Be(0m);
        score.Score.Should().Be(99.99m, "100 × 99 ÷ 99 would be 100, but only a met target may show 100");
    }

    [Fact]
    public void Value_of_85_996_percent_does_not_meet_at_least_86_percent_though_it_displays_as_86_00()
    {
        var score = Scores.Evaluate(Sipas, AtLeast(86m), 85.996m);

        Ranking.AtTwoDecimals(85.996m).Should().Be(86.00m);
        score.Status.Should().Be(Status.AtRisk);
        score.Gap.Should().Be(0.004m);
        score.Score.Should().Be(99.99m, "100 × 85,996 ÷ 86 = 99,9953… is capped at 99,99");
    }

    [Fact]
    public void Ratio_just_above_99_percent_meets_above_99_percent()
    {
        var score = Scores.Evaluate(OnTime, Above(99m), Figure.Ratio(9_901m, 10_000m).ValueFor(IndicatorKind.Ratio));

        score.Status.Should().Be(Status.Met);
        score.Value.Should().Be(99.01m);
        score.Gap.Should().Be(-0.01m, "a negative gap means the target is exceeded");
        score.Score.Should().Be(100m);
    }

    [Fact]
    public void Value_equal_to_the_threshold_meets_at_least()
    {
        var score = Scores.Evaluate(Sipas, AtLeast(86m), 86m);

        score.Status.Should().Be(Status.Met);
        score.Gap.Should().Be(0m);
        score.Score.Should().Be(100m);
    }

    [Fact]
    public void Empty_denominator_gives_no_data_not_zero_percent()
    {
        var value = Figure.Ratio(0m, 0m).ValueFor(IndicatorKind.Ratio);

        var score = Scores.Evaluate(OnTime, Above(99m), value);

        value.Should().BeNull();
        score.Status.Should().Be(Status.NoData);
        score.Score.Should().BeNull();
        score.Gap.Should().BeNull();
    }

    [Fact]
    public void Missing_numerator_or_denominator_gives_no_data()
    {
        new Figure(5m, null, null).ValueFor(IndicatorKind.Ratio).Should().BeNull();
        new Figure(null, 10m, null).ValueFor(IndicatorKind.Ratio).Should().BeNull();
    }

    [Fact]
    public void No_report_gives_no_data_neither_met_nor_missed()
    {
        var score = Scores.Evaluate(OnTime, Above(99m), Figure.None.ValueFor(IndicatorKind.Ratio));

        score.Status.Should().Be(Status.NoData);
        score.Value.Should().BeNull();
        score.Target.Should().Be(Above(99m));
        score.Score.Should().BeNull();
    }

    [Fact]
    public void Zero_dossiers_handled_online_out_of_some_is_zero_percent_and_missed()
    {
        var score = Scores.Evaluate(OnlineDossier, AtLeast(30m), Figure.Ratio(0m, 250m).ValueFor(IndicatorKind.Ratio));

        score.Value.Should().Be(0m);
        score.Status.Should().Be(Status.Missed);
        score.Gap.Should().Be(30m);
        score.Score.Should().Be(0m);
    }

    [Fact]
    public void Indicator_without_a_target_for_the_plan_year_is_no_target_and_keeps_its_value()
    {
        var target = Targets.Find(Year, "DIGITISED_RECORDS", UnitLevel.District, "HOANKIEM");

        var score = Scores.Evaluate(DigitisedRecords, target, 45m);

        target.Should().BeNull();
        score.Status.Should().Be(Status.NoTarget);
        score.Value.Should().Be(45m);
        score.Gap.Should().BeNull();
        score.Score.Should().BeNull();
    }

    [Fact]
    public void No_target_wins_over_no_data()
    {
        Scores.Evaluate(DigitisedRecords, null, null).Status.Should().Be(Status.NoTarget);
    }

    // Tolerance: at risk when not met but within 5 percentage points (docs/scoring.md, rule 4).

    [Theory]
    [InlineData("76", Status.AtRisk, "4", "95")]
    [InlineData("75", Status.AtRisk, "5", "93.75")]
    [InlineData("74.99", Status.Missed, "5.01", "93.7375")]
    [InlineData("60", Status.Missed, "20", "75")]
    public void Ratio_below_at_least_80_percent_is_at_risk_within_5_points_and_missed_beyond(
        string value, Status status, string gap, string score)
    {
        var result = Scores.Evaluate(DocOnlineProcessing, AtLeast(80m), D(value));

        result.Status.Should().Be(status);
        result.Gap.Should().Be(D(gap));
        result.Score.Should().Be(D(score));
    }

    [Fact]
    public void Tolerance_set_on_the_indicator_replaces_the_default()
    {
        var strict = OnTime with { Tolerance = 1m };

        Scores.Evaluate(strict, Above(99m), 98m).Status.Should().Be(Status.AtRisk);
        Scores.Evaluate(strict, Above(99m), 97.99m).Status.Should().Be(Status.Missed);
    }

    [Fact]
    public void Default_tolerance_is_5_points_for_ratios_and_values_2_places_for_ranks_none_for_milestones()
    {
        OnTime.Tolerance.Should().Be(5m);
        Sipas.Tolerance.Should().Be(5m);
        ParIndexRank.Tolerance.Should().Be(2m);
        LandPayIntegration.Tolerance.Should().Be(0m);
    }

    [Fact]
    public void Exceeding_the_target_scores_100_never_more()
    {
        var score = Scores.Evaluate(OnlineDossier, AtLeast(30m), 75m);

        score.Status.Should().Be(Status.Met);
        score.Gap.Should().Be(-45m);
        score.Score.Should().Be(100m);
    }

    // Ranks: lower is better, tolerance in places.

    [Theory]
    [InlineData(3, Status.Met, -7)]
    [InlineData(10, Status.Met, 0)]
    [InlineData(11, Status.AtRisk, 1)]
    [InlineData(12, Status.AtRisk, 2)]
    [InlineData(13, Status.Missed, 3)]
    public void Par_index_rank_against_top_10_is_met_at_risk_within_2_places_then_missed(int rank, Status status, int gap)
    {
        var score = Scores.Evaluate(ParIndexRank, AtMost(10m), rank);

        score.Status.Should().Be(status);
        score.Gap.Should().Be(gap, "gap = rank − threshold: places still to climb");
    }

    [Fact]
    public void Rank_score_is_threshold_over_rank()
    {
        Scores.Evaluate(ParIndexRank, AtMost(10m), 3m).Score.Should().Be(100m);
        Scores.Evaluate(ParIndexRank, AtMost(10m), 12m).Score.Should().BeApproximately(83.3333m, 0.0001m);
        Scores.Evaluate(ParIndexRank, AtMost(10m), 20m).Score.Should().Be(50m);
    }

    // Milestones: done or not done.

    [Fact]
    public void Milestone_done_is_met_and_scores_100()
    {
        var score = Scores.Evaluate(LandPayIntegration, Done, 1m);

        score.Status.Should().Be(Status.Met);
        score.Score.Should().Be(100m);
    }

    [Fact]
    public void Milestone_not_done_is_missed_not_at_risk_and_scores_0()
    {
        var score = Scores.Evaluate(LandPayIntegration, Done, 0m);

        score.Status.Should().Be(Status.Missed);
        score.Gap.Should().Be(1m);
        score.Score.Should().Be(0m);
    }

    [Fact]
    public void Milestone_is_never_at_risk_even_with_a_tolerance_set()
    {
        var lenient = LandPayIntegration with { Tolerance = 5m };

        Scores.Evaluate(lenient, Done, 0m).Status.Should().Be(Status.Missed);
    }

    // The other operators.

    [Fact]
    public void Strict_less_than_is_not_met_on_the_boundary()
    {
        var rule = new IndicatorRule("LATE_DOSSIERS", "TTHC", IndicatorKind.Ratio, Rollup.Flow);
        var below5 = new Target(ComparisonOperator.LessThan, 5m);

        var onBoundary = Scores.Evaluate(rule, below5, 5m);
        var under = Scores.Evaluate(rule, below5, 4m);
        var over = Scores.Evaluate(rule, below5, 8m);

        onBoundary.Status.Should().Be(Status.AtRisk);
        onBoundary.Gap.Should().Be(0m);
        onBoundary.Score.Should().Be(99.99m);
        under.Status.Should().Be(Status.Met);
        under.Gap.Should().Be(-1m);
        over.Status.Should().Be(Status.AtRisk);
        over.Gap.Should().Be(3m, "gap = value − threshold when lower is better");
        over.Score.Should().Be(62.5m, "100 × 5 ÷ 8");
    }

    [Fact]
    public void Equal_is_met_only_when_equal_and_at_risk_within_tolerance_on_either_side()
    {
        var equal50 = new Target(ComparisonOperator.Equal, 50m);

        Scores.Evaluate(OnTime, equal50, 50m).Status.Should().Be(Status.Met);
        Scores.Evaluate(OnTime, equal50, 50.01m).Status.Should().Be(Status.AtRisk);

        var above = Scores.Evaluate(OnTime, equal50, 54m);
        above.Status.Should().Be(Status.AtRisk);
        above.Gap.Should().Be(4m, "for '=' the gap is the distance either side");
        var below = Scores.Evaluate(OnTime, equal50, 46m);
        below.Status.Should().Be(Status.AtRisk);
        below.Gap.Should().Be(4m);
        below.Score.Should().Be(92m, "100 × 46 ÷ 50");
        Scores.Evaluate(OnTime, equal50, 62.5m).Score.Should().Be(80m, "100 × 50 ÷ 62,5: the smaller over the larger");
        Scores.Evaluate(OnTime, equal50, 44m).Status.Should().Be(Status.Missed);
    }

    [Fact]
    public void Aspirational_flag_passes_through_to_the_score()
    {
        var score = Scores.Evaluate(InspectionDone, Targets.Find(Year, "INSPECTION_DONE", UnitLevel.District, "SOCSON"), 85m);

        score.Aspirational.Should().BeTrue();
        score.Status.Should().Be(Status.AtRisk);
        Scores.Evaluate(OnTime, Above(99m), 100m).Aspirational.Should().BeFalse();
    }

    [Fact]
    public void Orientation_follows_the_operator_and_defaults_to_lower_for_ranks()
    {
        OnTime.Orientation(Above(99m)).Should().Be(Better.Higher);
        OnTime.Orientation(null).Should().Be(Better.Higher);
        OnTime.Orientation(new Target(ComparisonOperator.LessThan, 5m)).Should().Be(Better.Lower);
        ParIndexRank.Orientation(AtMost(10m)).Should().Be(Better.Lower);
        ParIndexRank.Orientation(null).Should().Be(Better.Lower);
    }

    [Fact]
    public void Indicator_rule_refuses_a_negative_tolerance()
    {
        FluentActions.Invoking(() => new IndicatorRule("X", "TD", IndicatorKind.Ratio, Rollup.Flow, tolerance: -1m))
            .Should().Throw<ArgumentOutOfRangeException>();
    }

    // Decimals in attributes must be written as text: a double would lose the exactness under test.
    private static decimal D(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);
}
