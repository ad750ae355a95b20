using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Scoring;

namespace HaNoi.ReformDashboard.Domain.Tests.Scoring;

/// <summary>The one count of statuses (<see cref="StatusCounts"/>) the summaries by pillar, the brief and the leaders' table read.</summary>
public class StatusCountsTests
{
    [Fact]
    public void Each_status_is_counted_once_and_a_missing_figure_nowhere()
    {
        // Met ×3, at risk ×1, missed ×2, no data ×1, no target ×1, and two owners without the figure.
        var counts = StatusCounts.Of([Status.Met, Status.Missed, null, Status.Met, Status.AtRisk, Status.NoData, Status.Missed, null, Status.NoTarget, Status.Met]);

        counts.Should().Be(new StatusCounts(Met: 3, AtRisk: 1, Missed: 2, NoData: 1, NoTarget: 1));
        counts.Total.Should().Be(8);
        counts[Status.Met].Should().Be(3);
        counts[Status.AtRisk].Should().Be(1);
        counts[Status.Missed].Should().Be(2);
        counts[Status.NoData].Should().Be(1);
        counts[Status.NoTarget].Should().Be(1);
    }

    [Fact]
    public void Nothing_counted_is_all_zero()
    {
        var counts = StatusCounts.Of(Array.Empty<Status>());
        counts.Should().Be(new StatusCounts(0, 0, 0, 0, 0));
        counts.Total.Should().Be(0);
    }
}
