using HaNoi.ReformDashboard.Web.Shared;
using HaNoi.ReformDashboard.Web.Tests.Infrastructure;

namespace HaNoi.ReformDashboard.Web.Tests.Shared;

public class ChartsTests
{
    [Fact]
    public void A_rate_sparkline_draws_higher_figures_higher_across_the_box()
    {
        // 40 units high with 4 of padding: the lowest figure (98) at y 36, the highest (99, also the target) at y 4;
        // two months at the box's two ends (x 4 and 196).
        var shape = SparklineShape.Of([98m, 99m], target: 99m, lowerIsBetter: false);

        shape.Runs.Should().ContainSingle().Which.Should().Equal((4d, 36d), (196d, 4d));
        shape.TargetY.Should().Be(4);
    }

    [Fact]
    public void A_rank_sparkline_turns_its_scale_over_so_a_better_place_draws_higher()
    {
        // Ranks 14 then 12, target 10: the scale runs 10–14, the better (lower) rank higher up (smaller y).
        var shape = SparklineShape.Of([14m, 12m], target: 10m, lowerIsBetter: true);

        shape.Runs.Single().Select(p => p.Y).Should().Equal(36d, 20d);
        shape.TargetY.Should().Be(4);
    }

    [Fact]
    public void A_month_without_a_figure_breaks_the_line_and_a_single_figure_is_one_dot_in_the_middle()
    {
        var broken = SparklineShape.Of([1m, null, 3m, 4m], target: null, lowerIsBetter: false);
        broken.Runs.Select(r => r.Count).Should().Equal(1, 2);
        broken.Runs[1].Select(p => p.X).Should().Equal(4d + 2 * 192d / 3, 196d);
        broken.TargetY.Should().BeNull();
        broken.Dots.Should().Be("M4 36h0M132 14.67h0M196 4h0");

        var annual = SparklineShape.Of([8m], target: 10m, lowerIsBetter: true);
        annual.Runs.Single().Single().X.Should().Be(100);

        SparklineShape.Of([null, null], target: 99m, lowerIsBetter: false).IsEmpty.Should().BeTrue();
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
