using Bunit;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Web.Overview;
using HaNoi.ReformDashboard.Web.Tests.Infrastructure;
using static HaNoi.ReformDashboard.Web.Tests.Infrastructure.TestScorecards;

namespace HaNoi.ReformDashboard.Web.Tests.Overview;

public class HeadlineCardTests : ComponentTest
{
    [Fact]
    public void Shows_value_target_status_and_change_in_Vietnamese_format()
    {
        var cell = Cell(OnTime, OnTimeTarget, 3255, 3300, previous: 98.5m); // 98,636… %: short of "> 99 %" within tolerance

        var cut = Render<HeadlineCard>(p => p.Add(c => c.Indicator, OnTime).Add(c => c.Cell, cell).Add(c => c.Href, "indicators/ONTIME?year=2022"));

        cut.Find("[data-testid=headline-ONTIME-value]").TextContent.Should().Be("98,64 %");
        cut.Find("[data-testid=headline-ONTIME-target]").TextContent.Should().Be("> 99,00 %");
        cut.Find("[data-testid=headline-ONTIME-status]").GetAttribute("data-status").Should().Be("at_risk");
        cut.Find("[data-testid=headline-ONTIME-change]").TextContent.Should().Be("+0,14 điểm %");
        cut.Find("[data-testid=headline-ONTIME-link]").GetAttribute("href").Should().Be("indicators/ONTIME?year=2022");
        cut.Find("[data-testid=headline-ONTIME-link]").TextContent.Should().Be("Hồ sơ đúng hạn");
    }

    [Fact]
    public void Without_a_figure_the_card_says_no_data_rather_than_zero()
    {
        var cut = Render<HeadlineCard>(p => p.Add(c => c.Indicator, OnTime).Add(c => c.Cell, (ScoredIndicator?)null));

        cut.Find("[data-testid=headline-ONTIME-value]").TextContent.Should().Be("—");
        cut.Find("[data-testid=headline-ONTIME-status]").GetAttribute("data-status").Should().Be("no_data");
        cut.Find("[data-testid=headline-ONTIME-change]").TextContent.Should().Be("—");
    }

    [Fact]
    public void An_indicator_without_a_plan_figure_shows_no_target()
    {
        var cut = Render<HeadlineCard>(p => p.Add(c => c.Indicator, Digitised).Add(c => c.Cell, Cell(Digitised, null, 150, 300)));

        cut.Find("[data-testid=headline-DIGITISED_RECORDS-value]").TextContent.Should().Be("50,00 %");
        cut.Find("[data-testid=headline-DIGITISED_RECORDS-status]").GetAttribute("data-status").Should().Be("no_target");
        cut.Find("[data-testid=headline-DIGITISED_RECORDS-target]").TextContent.Should().Be("Chưa có chỉ tiêu");
    }
}
