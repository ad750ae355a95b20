using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Domain.Scoring;

using static HaNoi.ReformDashboard.Domain.Tests.Scoring.Plan2022;

namespace HaNoi.ReformDashboard.Domain.Tests.Scoring;

public class RunRateTests
{
    [Fact]
    public void Required_rate_for_the_remaining_months_reaches_the_year_target()
    {
        // 150 of 1 000 dossiers online after 6 months (15 %), 200 expected a month for the 6 left (1 200):
        // r = (30 × (1 000 + 1 200) − 100 × 150) ÷ 1 200 = 51 000 ÷ 1 200 = 42,5 %.
        var runRate = RunRates.Required(OnlineDossier, AtLeast(30m), Figure.Ratio(150m, 1_000m), 6, 200m);

        runRate.Status.Should().Be(RunRateStatus.WithinReach);
        runRate.RequiredRate.Should().Be(42.5m);
        runRate.Reachable.Should().BeTrue();
        ((150m + (0.425m * 1_200m)) / 2_200m).Should().Be(0.3m, "checking: at 42,5 % the year ends exactly at 30 %");
    }

    [Fact]
    public void Required_rate_above_100_percent_cannot_be_reached()
    {
        // 2 600 of 3 000 on time after 9 months, 300 a month for the 3 left (900):
        // r = (99 × 3 900 − 100 × 2 600) ÷ 900 = 126 100 ÷ 900 = 140,11 %.
        var runRate = RunRates.Required(OnTime, Above(99m), Figure.Ratio(2_600m, 3_000m), 9, 300m);

        runRate.Status.Should().Be(RunRateStatus.OutOfReach);
        runRate.Reachable.Should().BeFalse();
        runRate.RequiredRate.Should().BeApproximately(140.1111m, 0.0001m);
    }

    [Fact]
    public void Target_already_secured_when_the_required_rate_is_zero_or_below()
    {
        // 500 of 1 000 after 6 months, 100 a month left (600): r = (30 × 1 600 − 50 000) ÷ 600 = −3,33 %.
        var runRate = RunRates.Required(OnlineDossier, AtLeast(30m), Figure.Ratio(500m, 1_000m), 6, 100m);

        runRate.Status.Should().Be(RunRateStatus.AlreadySecured);
        runRate.Reachable.Should().BeTrue();
        runRate.RequiredRate.Should().BeNegative();
    }

    [Fact]
    public void For_a_strict_target_the_required_rate_is_a_boundary_to_exceed()
    {
        // Target 50 %, 1 600 dossiers in the year. 800 done: r = 0. 200 done: r = 100.
        var exactlySecured = RunRates.Required(OnTime, AtLeast(50m), Figure.Ratio(800m, 1_000m), 6, 100m);
        var strictAtZero = RunRates.Required(OnTime, Above(50m), Figure.Ratio(800m, 1_000m), 6, 100m);
        var exactlyAll = RunRates.Required(OnTime, AtLeast(50m), Figure.Ratio(200m, 1_000m), 6, 100m);
        var strictAtAll = RunRates.Required(OnTime, Above(50m), Figure.Ratio(200m, 1_000m), 6, 100m);

        exactlySecured.Should().Be(new RunRate(RunRateStatus.AlreadySecured, 0m));
        strictAtZero.Should().Be(new RunRate(RunRateStatus.WithinReach, 0m), "more than 0 % is still needed");
        exactlyAll.Should().Be(new RunRate(RunRateStatus.WithinReach, 100m));
        strictAtAll.Should().Be(new RunRate(RunRateStatus.OutOfReach, 100m), "more than 100 % is impossible");
    }

    [Fact]
    public void Run_rate_is_not_applicable_once_twelve_months_are_in()
    {
        RunRates.Required(OnTime, Above(99m), Figure.Ratio(900m, 1_000m), 12, 100m).Should().Be(RunRate.NotApplicable);
    }

    [Fact]
    public void Run_rate_is_not_applicable_without_data()
    {
        RunRates.Required(OnTime, Above(99m), Figure.None, 6, 100m).Status.Should().Be(RunRateStatus.NotApplicable);
        RunRates.Required(OnTime, Above(99m), Figure.Ratio(0m, 0m), 6, 0m).Status.Should().Be(RunRateStatus.NotApplicable);
        RunRates.Required(OnTime, Above(99m), Figure.Ratio(0m, 0m), 0, 100m).Status.Should().Be(RunRateStatus.NotApplicable);
    }

    [Fact]
    public void Run_rate_is_not_applicable_to_stocks_values_lower_is_better_or_untargeted_indicators()
    {
        var ytd = Figure.Ratio(10m, 100m);

        RunRates.Required(StaffDataTrained, AtLeast(30m), ytd, 6, 10m).Should().Be(RunRate.NotApplicable);
        RunRates.Required(Sipas, AtLeast(86m), Figure.Of(80m), 6, 10m).Should().Be(RunRate.NotApplicable);
        RunRates.Required(OnTime, new Target(ComparisonOperator.LessOrEqual, 5m), ytd, 6, 10m).Should().Be(RunRate.NotApplicable);
        RunRates.Required(DigitisedRecords, null, ytd, 6, 10m).Should().Be(RunRate.NotApplicable);
    }
}

public class ProvisionalAndChangeTests
{
    [Fact]
    public void Period_not_over_yet_is_provisional()
    {
        Provisional.Is(Period.Month(Year, 12), new DateOnly(2022, 12, 31), 30, 30)
            .Should().BeTrue("on its last day the month is still running");
    }

    [Fact]
    public void Period_over_with_every_report_in_is_final()
    {
        Provisional.Is(Period.YearToDate(Year, 6), new DateOnly(2022, 7, 1), 30, 30)
            .Should().BeFalse();
    }

    [Fact]
    public void Period_over_with_missing_reports_is_provisional()
    {
        Provisional.Is(Period.Quarter(Year, 1), new DateOnly(2022, 5, 10), 579, 570)
            .Should().BeTrue();
    }

    [Fact]
    public void Change_is_the_difference_in_percentage_points_when_both_periods_have_data()
    {
        Changes.Between(previous: 97.5m, current: 99m).Should().Be(1.5m);
        Changes.Between(previous: 99m, current: 97.5m).Should().Be(-1.5m);
    }

    [Fact]
    public void Change_is_unknown_when_either_period_has_no_data()
    {
        Changes.Between(previous: null, current: 99m).Should().BeNull();
        Changes.Between(previous: 97.5m, current: null).Should().BeNull();
    }
}
