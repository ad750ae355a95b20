using System.Globalization;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Domain.Presentation;
using HaNoi.ReformDashboard.Domain.Scoring;

namespace HaNoi.ReformDashboard.Domain.Tests.Presentation;

/// <summary>The one wording of figures that the screens and the reports share, in both languages.</summary>
public sealed class WordingTests
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN"), En = CultureInfo.GetCultureInfo("en-US");

    [Fact]
    public void A_milestone_target_reads_done_and_an_aspirational_one_as_the_plan_words_it()
    {
        var done = new Target(ComparisonOperator.GreaterOrEqual, 1m);
        Wording.Target(IndicatorKind.Milestone, done, Vi).Should().Be("Hoàn thành");
        Wording.Target(IndicatorKind.Milestone, done, En).Should().Be("Done");
        var aim = new Target(ComparisonOperator.GreaterOrEqual, 86m, Aspirational: true);
        Wording.Target(IndicatorKind.Ratio, aim, Vi).Should().Be("Phấn đấu ≥ 86,00 %");
        Wording.Target(IndicatorKind.Ratio, aim, En).Should().Be("Aim for ≥ 86.00%");
        Wording.Target(IndicatorKind.Ratio, null, Vi).Should().Be("Chưa có chỉ tiêu");
    }

    [Fact]
    public void An_unreachable_run_rate_says_so_without_a_rate_and_the_months_left_come_from_the_period()
    {
        var q3 = Period.Quarter(2022, 3);
        Wording.RunRate(new RunRate(RunRateStatus.OutOfReach, 130m), q3, Vi).Should().Be("không thể đạt trong năm");
        Wording.RunRate(new RunRate(RunRateStatus.WithinReach, 99.6m), q3, Vi).Should().Be("cần đạt 99,60 % trong 3 tháng còn lại");
        Wording.RunRate(new RunRate(RunRateStatus.WithinReach, 99.6m), q3, En).Should().Be("needs 99.60% in the remaining 3 months");
        Wording.RunRate(RunRate.NotApplicable, q3, Vi).Should().BeNull();
    }

    [Fact]
    public void Rank_gap_and_percentile_carry_their_units_in_the_readers_digits()
    {
        Wording.Rank(1204, 9552, Vi).Should().Be("1.204/9.552");
        Wording.Rank(1204, 9552, En).Should().Be("1,204/9,552");
        Wording.Gap(IndicatorKind.Ratio, 1.25m, Vi).Should().Be("+1,25 điểm %");
        Wording.Gap(IndicatorKind.Rank, -2m, En).Should().Be("−2 places");
        Wording.Gap(IndicatorKind.Milestone, 1m, Vi).Should().Be("—");
        // 98.1 is rounded down: only the unit ahead of every other reads 100.
        Wording.Percentile(Percentiles.Of(12, Enumerable.Range(1, 579).ToList()), Vi).Should().Be("cao hơn 98 % số đơn vị cùng cấp");
        Wording.Percentile(99.9m, En).Should().Be("ahead of 99% of its peers");
    }

    [Theory]
    [InlineData("2022-12", "Tháng 12/2022", "December 2022")]
    [InlineData("2022-Q4", "Quý IV/2022", "Q4 2022")]
    [InlineData("2022", "Năm 2022", "Year 2022")]
    public void A_period_reads_as_a_heading_states_it(string code, string vi, string en)
    {
        var period = Period.Parse(code);
        Wording.Period(period, Vi).Should().Be(vi);
        Wording.Period(period, En).Should().Be(en);
    }

    [Fact]
    public void Status_and_level_words_come_from_one_resource_set()
    {
        Wording.MarkedStatus(Status.AtRisk, Vi).Should().Be("! Có nguy cơ");
        Wording.Status(Status.Missed, En).Should().Be("Missed");
        Wording.Level(UnitLevel.Commune, Vi).Should().Be("Phường, xã, thị trấn");
        Wording.LevelInSentence(UnitLevel.District, Vi).Should().Be("quận, huyện");
        Wording.IsEnglish(En).Should().BeTrue();
        Wording.IsEnglish(Vi).Should().BeFalse();
    }
}
