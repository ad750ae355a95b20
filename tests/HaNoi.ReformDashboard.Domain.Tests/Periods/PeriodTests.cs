using HaNoi.ReformDashboard.Domain.Periods;

namespace HaNoi.ReformDashboard.Domain.Tests.Periods;

public class PeriodTests
{
    [Theory]
    [InlineData("2022-12", PeriodKind.Month, 12)]
    [InlineData("2022-01", PeriodKind.Month, 1)]
    [InlineData("2022-Q4", PeriodKind.Quarter, 4)]
    [InlineData("2022-YTD-06", PeriodKind.YearToDate, 6)]
    [InlineData("2022-YTD-12", PeriodKind.YearToDate, 12)]
    [InlineData("2022", PeriodKind.Year, 0)]
    public void Parse_reads_every_written_form_and_writes_it_back(string text, PeriodKind kind, int number)
    {
        var period = Period.Parse(text);

        period.Should().Be(new Period(2022, kind, number));
        period.ToString().Should().Be(text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("22-12")]
    [InlineData("2022-13")]
    [InlineData("2022-00")]
    [InlineData("2022-1")]
    [InlineData("2022-Q0")]
    [InlineData("2022-Q5")]
    [InlineData("2022-q4")]
    [InlineData("2022-YTD-13")]
    [InlineData("2022-YTD-00")]
    [InlineData("2022-YTD6")]
    [InlineData("2022/12")]
    [InlineData("2022-12-01")]
    public void Parse_rejects_what_is_not_a_period(string text)
    {
        Period.TryParse(text, out _).Should().BeFalse();
        FluentActions.Invoking(() => Period.Parse(text)).Should().Throw<FormatException>();
    }

    [Theory]
    [InlineData("2022-01", "2021-12")]
    [InlineData("2022-07", "2022-06")]
    [InlineData("2022-Q1", "2021-Q4")]
    [InlineData("2022-Q3", "2022-Q2")]
    [InlineData("2022-YTD-06", "2021-YTD-06")]
    [InlineData("2022", "2021")]
    public void Previous_is_the_like_for_like_period_before(string text, string previous)
    {
        Period.Parse(text).Previous().Should().Be(Period.Parse(previous));
    }

    [Theory]
    [InlineData("2022-05", 5, 5)]
    [InlineData("2022-Q2", 4, 6)]
    [InlineData("2022-Q4", 10, 12)]
    [InlineData("2022-YTD-09", 1, 9)]
    [InlineData("2022", 1, 12)]
    public void First_and_last_months_cover_the_period(string text, int first, int last)
    {
        var period = Period.Parse(text);

        period.FirstMonth.Should().Be(first);
        period.LastMonth.Should().Be(last);
        period.MonthCount.Should().Be(last - first + 1);
    }

    [Fact]
    public void Last_day_of_february_in_a_leap_year_is_the_29th()
    {
        Period.Month(2024, 2).LastDay.Should().Be(new DateOnly(2024, 2, 29));
        Period.Quarter(2022, 4).LastDay.Should().Be(new DateOnly(2022, 12, 31));
        Period.YearToDate(2022, 6).FirstDay.Should().Be(new DateOnly(2022, 1, 1));
    }

    [Fact]
    public void Contains_only_months_of_the_same_year_within_the_period()
    {
        var q2 = Period.Quarter(2022, 2);

        q2.Contains(2022, 4).Should().BeTrue();
        q2.Contains(2022, 6).Should().BeTrue();
        q2.Contains(2022, 3).Should().BeFalse();
        q2.Contains(2022, 7).Should().BeFalse();
        q2.Contains(2021, 5).Should().BeFalse();
    }

    [Fact]
    public void A_period_is_still_running_on_its_last_day_and_over_the_day_after()
    {
        var december = Period.Month(2022, 12);

        december.IsOverOn(new DateOnly(2022, 12, 31)).Should().BeFalse();
        december.IsOverOn(new DateOnly(2023, 1, 1)).Should().BeTrue();
        Period.YearToDate(2022, 6).IsOverOn(new DateOnly(2022, 7, 1)).Should().BeTrue();
    }

    [Fact]
    public void Factories_reject_months_and_quarters_out_of_range()
    {
        FluentActions.Invoking(() => Period.Month(2022, 13)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => Period.Quarter(2022, 0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => Period.YearToDate(2022, 0)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
