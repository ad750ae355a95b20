using HaNoi.ReformDashboard.Web.Components.Shared;
using Plotly.Blazor.LayoutLib.YAxisLib;

namespace HaNoi.ReformDashboard.Web.Tests.Components;

public class ChartsTests
{
    [Fact]
    public void A_rank_sparkline_turns_its_axis_over_so_a_better_place_draws_higher()
    {
        var (rank, _) = Charts.Sparkline([14m, 12m], target: 10m, height: 40, lowerIsBetter: true);
        var (rate, _) = Charts.Sparkline([98m, 99m], target: 99m, height: 40);

        rank.YAxis![0].AutoRange.Should().Be(AutoRangeEnum.Reversed);
        rate.YAxis![0].AutoRange.Should().Be(AutoRangeEnum.True);
    }
}
