using Bunit;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Web.Components.Pages.Overview;
using HaNoi.ReformDashboard.Web.Components.Shared;
using static HaNoi.ReformDashboard.Web.Tests.Components.TestScorecards;

namespace HaNoi.ReformDashboard.Web.Tests.Components;

public class HeatmapTests : ComponentTest
{
    private static readonly ViewState View = new(2022, December, UnitLevel.District);

    [Theory]
    [InlineData("268", "met")]
    [InlineData("001", "at_risk")]
    [InlineData("006", "missed")]
    [InlineData("250", "no_data")]
    public void Each_cell_takes_the_status_of_its_unit_and_indicator(string unit, string status)
    {
        var cut = Render<Heatmap>(p => p.Add(c => c.Card, Districts()).Add(c => c.View, View));

        var cell = cut.Find($"[data-testid=heatmap-cell-{unit}-ONTIME]");
        cell.GetAttribute("data-status").Should().Be(status);
        cell.ClassList.Should().Contain($"status-{status}");
    }

    [Fact]
    public void A_cell_links_to_the_unit_indicator_page_keeping_the_view()
    {
        var cut = Render<Heatmap>(p => p.Add(c => c.Card, Districts()).Add(c => c.View, View));

        cut.Find("[data-testid=heatmap-cell-006-ONTIME] a").GetAttribute("href")
            .Should().Be("units/006/indicators/ONTIME?year=2022&period=2022-12&level=district");
    }

    [Fact]
    public void Hover_text_gives_value_target_gap_and_status_in_words()
    {
        var cut = Render<Heatmap>(p => p.Add(c => c.Card, Districts()).Add(c => c.View, View));

        var title = cut.Find("[data-testid=heatmap-cell-006-ONTIME] a").GetAttribute("title");
        title.Should().Contain("Quận Đống Đa").And.Contain("80,00 %").And.Contain("> 99,00 %")
            .And.Contain("+19,00 điểm %").And.Contain("Chưa đạt");
    }

    [Fact]
    public void Only_units_of_the_chosen_level_and_indicators_it_reports_are_shown()
    {
        var cut = Render<Heatmap>(p => p.Add(c => c.Card, Districts()).Add(c => c.View, View));

        cut.FindAll("tbody tr").Should().HaveCount(4);
        cut.FindAll("thead th").Should().HaveCount(3); // unit + ONTIME + DIGITISED_RECORDS
        cut.Find("[data-testid=heatmap-col-ONTIME]").TextContent.Should().Be("Đúng hạn");
    }
}
