using System.Globalization;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Domain.Presentation;

namespace HaNoi.ReformDashboard.Domain.Tests.Presentation;

/// <summary>Days in both languages: Vietnamese dd/MM/yyyy, English with the month's name (never month-first).</summary>
public sealed class FigureFormatDateTests
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN"), En = CultureInfo.GetCultureInfo("en-US");

    [Theory]
    [InlineData(2026, 12, 1, "01/12/2026", "1 Dec 2026")]
    [InlineData(2022, 1, 12, "12/01/2022", "12 Jan 2022")]
    [InlineData(2025, 7, 1, "01/07/2025", "1 Jul 2025")]
    public void A_day_is_day_first_in_both_languages(int year, int month, int day, string vi, string en)
    {
        FigureFormat.Date(new DateOnly(year, month, day), Vi).Should().Be(vi);
        FigureFormat.Date(new DateOnly(year, month, day), En).Should().Be(en);
    }

    [Fact]
    public void A_moment_is_the_day_and_24_hour_time_as_given()
    {
        var at = new DateTimeOffset(2026, 12, 1, 9, 5, 7, TimeSpan.FromHours(7));

        FigureFormat.DateTime(at, Vi).Should().Be("01/12/2026 09:05");
        FigureFormat.DateTime(at, En).Should().Be("1 Dec 2026 09:05");
        FigureFormat.DateTime(at, En, seconds: true).Should().Be("1 Dec 2026 09:05:07");
    }

    [Fact]
    public void A_report_heading_states_the_periods_first_and_last_day()
    {
        Wording.DateRange(Period.Quarter(2022, 4), Vi).Should().Be("Từ ngày 01/10/2022 đến ngày 31/12/2022");
        Wording.DateRange(Period.Quarter(2022, 4), En).Should().Be("From 1 Oct 2022 to 31 Dec 2022");
    }
}
