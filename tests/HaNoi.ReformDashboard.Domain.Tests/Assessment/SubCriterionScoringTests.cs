using HaNoi.ReformDashboard.Domain.Assessment;
using HaNoi.ReformDashboard.Domain.Catalogue;

namespace HaNoi.ReformDashboard.Domain.Tests.Assessment;

public class SubCriterionScoringTests
{
    private static readonly Framework Sample = SampleFramework.Build();

    [Theory]
    [InlineData("100", "3")]
    [InlineData("99", "3")]      // ≥ 99 holds at 99 exactly
    [InlineData("98.999", "2")]  // compared unrounded: displays as 99,00 but does not reach 99
    [InlineData("95", "2")]
    [InlineData("90", "1")]
    [InlineData("89.999", "0")]  // below every step
    [InlineData("0", "0")]
    public void A_figure_earns_the_points_of_the_first_step_it_reaches(string figure, string points) =>
        SubCriterionScoring.Earned(Sample.Sub("1.1.2"), decimal.Parse(figure, System.Globalization.CultureInfo.InvariantCulture))
            .Should().Be(decimal.Parse(points, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Steps_are_read_in_the_order_written_so_a_lower_is_better_figure_works_too()
    {
        // Days late on average: at most 1 day gives 2 points, at most 3 days 1 point.
        var late = SampleFramework.Figure("x", 2m, "<=1:2; <=3:1", SampleFramework.Both);
        SubCriterionScoring.Earned(late, 0.5m).Should().Be(2m);
        SubCriterionScoring.Earned(late, 1m).Should().Be(2m);
        SubCriterionScoring.Earned(late, 2.5m).Should().Be(1m);
        SubCriterionScoring.Earned(late, 3.01m).Should().Be(0m);
    }

    [Fact]
    public void A_scale_level_and_a_yes_no_answer_give_their_points()
    {
        SubCriterionScoring.ForLevel(Sample.Sub("1.1.3"), "Khá").Should().Be(2m);
        SubCriterionScoring.ForLevel(Sample.Sub("1.1.3"), "Kha\u0301").Should().Be(2m, "a decomposed 'á' is the same label once NFC");
        SubCriterionScoring.ForLevel(Sample.Sub("1.1.3"), "Xuất sắc").Should().BeNull();
        SubCriterionScoring.ForAnswer(Sample.Sub("1.2.1"), yes: true).Should().Be(2m);
        SubCriterionScoring.ForAnswer(Sample.Sub("1.2.1"), yes: false).Should().Be(0m);
    }

    [Theory]
    [InlineData("1.1.1", UnitLevel.Department, "1", null, false, null)]
    [InlineData("1.1.1", UnitLevel.Department, "0", null, false, null)]
    [InlineData("1.1.1", UnitLevel.Department, "0.5", null, false, ScoreProblem.NotAStep)]       // yes/no gives 0 or 1
    [InlineData("1.1.1", UnitLevel.Department, "-1", null, false, ScoreProblem.OutOfRange)]
    [InlineData("1.1.2", UnitLevel.Department, "4", null, false, ScoreProblem.OutOfRange)]       // above the maximum of 3
    [InlineData("1.1.2", UnitLevel.Department, "2", null, false, null)]                          // a step's points
    [InlineData("1.1.2", UnitLevel.Department, "2.5", null, false, ScoreProblem.NotAStep)]
    [InlineData("1.1.2", UnitLevel.Department, "3", "96", true, ScoreProblem.NotWhatTheFigureEarns)] // 96 % earns 2
    [InlineData("1.1.2", UnitLevel.Department, "2", "96", true, null)]
    [InlineData("1.1.2", UnitLevel.Department, "3", "96", false, null)]                          // the council may give another step
    [InlineData("1.1.2", UnitLevel.District, "2", null, false, ScoreProblem.NotApplicable)]      // departments only
    [InlineData("1.1.3", UnitLevel.District, "1", null, false, null)]
    [InlineData("2.1.1", UnitLevel.District, "4", null, false, ScoreProblem.ScoredBySurvey)]
    public void A_score_is_checked_against_the_maximum_and_the_method(string code, UnitLevel block, string score, string? figure, bool self, ScoreProblem? expected)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        SubCriterionScoring.Check(Sample.Sub(code), block, decimal.Parse(score, inv), figure is null ? null : decimal.Parse(figure, inv), self)
            .Should().Be(expected);
    }

    [Fact]
    public void The_notation_reads_and_writes_back_the_same_steps()
    {
        ScaleNotation.TryParseSteps(">=99:2; >95.5:1.5;<= 3 : 1", out var steps).Should().BeTrue();
        steps.Should().Equal(
            new ThresholdStep(ComparisonOperator.GreaterOrEqual, 99m, 2m),
            new ThresholdStep(ComparisonOperator.GreaterThan, 95.5m, 1.5m),
            new ThresholdStep(ComparisonOperator.LessOrEqual, 3m, 1m));
        ScaleNotation.Write(steps).Should().Be(">=99:2; >95.5:1.5; <=3:1");
        ScaleNotation.TryParseSteps("99:2", out _).Should().BeFalse("a threshold needs its operator");
        ScaleNotation.TryParseSteps(">=99,5:2", out _).Should().BeFalse("dot decimals");
        ScaleNotation.TryParseLevels("Tốt:1; Tốt:0.5", out _).Should().BeFalse("a label once");
    }
}
