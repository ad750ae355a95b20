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

    [Fact]
    public void The_value_axis_of_thirty_districts_shows_their_spread_around_the_target_not_from_zero()
    {
        // Values 82–100 %, target 99 %: span 18 points, 8 % of it (1,44) either side, capped at 100 %.
        var range = Charts.SpreadRange([82m, 90m, 97.5m, 100m, null], target: 99m, percent: true);

        range.Should().Be((80.56m, 100m));
    }

    [Fact]
    public void The_target_widens_the_axis_when_every_unit_is_far_from_it()
    {
        var range = Charts.SpreadRange([40m, 45m], target: 86m, percent: true);

        range.Should().Be((40m - 3.68m, 86m + 3.68m));
    }

    [Fact]
    public void Without_any_value_or_target_there_is_no_range()
    {
        Charts.SpreadRange([null, null], target: null, percent: true).Should().BeNull();
    }
}
