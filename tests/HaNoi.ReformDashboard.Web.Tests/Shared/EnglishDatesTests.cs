using Bunit;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Web.Shared;
using HaNoi.ReformDashboard.Web.Tests.Infrastructure;
using HaNoi.ReformDashboard.Web.Units;
using static HaNoi.ReformDashboard.Web.Tests.Infrastructure.TestScorecards;

namespace HaNoi.ReformDashboard.Web.Tests.Shared;

/// <summary>The English pages write every day as "1 Jul 2025" (day, month name, year), never en-US's month-first
/// "7/1/2025", whatever the component; read from the rendered text.</summary>
public sealed class EnglishDatesTests() : ComponentTest("en-US")
{
    [Fact]
    public void The_period_heading_gives_its_first_and_last_day_with_the_months_name()
    {
        var cut = Render<PageHeading>(p => p.Add(c => c.View, new ViewState(2022, Period.Quarter(2022, 4), UnitLevel.District)).Add(c => c.PlanYears, [2022]));

        cut.Find("[data-testid=period-range]").TextContent.Trim().Should().Be("From 1 Oct 2022 to 31 Dec 2022");
    }

    [Fact]
    public void A_reorganisation_note_names_its_day_the_same_way()
    {
        var card = Districts() with
        {
            Units = [Unit("00016", "Phường Ngọc Hà", 95m, 2, 5, Cell(OnTime, OnTimeTarget, 990, 1000))],
            Lineage = [new LineageEvent(LineageKind.MergedInto, new DateOnly(2025, 7, 1), "00006", "Phường Vĩnh Phúc", "Vinh Phuc Ward", "00016", "Phường Ngọc Hà", "Ngoc Ha Ward")],
        };

        var text = Render<LineageNote>(p => p.Add(c => c.Card, card).Add(c => c.UnitCode, "00016")).Find("[data-testid=lineage-merged_into]").TextContent;

        text.Should().Contain("1 Jul 2025").And.NotContain("7/1/2025");
    }

    [Fact]
    public void Moments_on_the_pages_are_day_month_name_year_and_24_hour_time()
    {
        var at = new DateTimeOffset(2026, 12, 1, 14, 5, 9, TimeSpan.Zero).ToLocalTime();
        var hand = $"{at.Day} Dec 2026 {at.Hour:D2}:{at.Minute:D2}";

        Figures.Time(at).Should().Be(hand);
        Figures.Time(at, seconds: true).Should().Be(hand + ":09");
        Figures.Date(new DateOnly(2023, 12, 31)).Should().Be("31 Dec 2023");
    }
}
