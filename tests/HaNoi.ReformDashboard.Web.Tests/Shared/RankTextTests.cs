using System.Globalization;
using Bunit;
using HaNoi.ReformDashboard.Domain.Scoring;
using HaNoi.ReformDashboard.Web.Shared;
using HaNoi.ReformDashboard.Web.Tests.Infrastructure;

namespace HaNoi.ReformDashboard.Web.Tests.Shared;

public class RankTextTests : ComponentTest
{
    // The percentile is the domain's (Percentiles.Of), the brief's too: the share of the other 578 it is ahead of.
    [Theory]
    [InlineData(1, 579, "1/579", "cao hơn 100 % số đơn vị cùng cấp")]    // ahead of all 578
    [InlineData(12, 579, "12/579", "cao hơn 98 % số đơn vị cùng cấp")]   // 100·567/578 = 98,10 → rounded down
    [InlineData(290, 579, "290/579", "cao hơn 50 % số đơn vị cùng cấp")] // 100·289/578 = 50
    [InlineData(579, 579, "579/579", "cao hơn 0 % số đơn vị cùng cấp")]
    public void Among_many_peers_a_rank_says_how_many_it_is_ahead_of(int rank, int peers, string value, string share)
    {
        var cut = Render<RankText>(p => p.Add(c => c.Rank, rank).Add(c => c.Peers, peers)
            .Add(c => c.Percentile, Percentiles.Of(rank, Enumerable.Range(1, peers).ToList())).Add(c => c.TestId, "r"));

        cut.Find("[data-testid=r-value]").TextContent.Should().Be(value);
        cut.Find("[data-testid=r-percentile]").TextContent.Should().Be(share);
    }

    [Fact]
    public void Tied_peers_are_not_counted_as_behind()
    {
        // Ranks 1, 2, 2, 4 …, 21: the two in second place are each ahead of 18 of the other 20.
        var ranks = new[] { 1, 2, 2 }.Concat(Enumerable.Range(4, 18)).ToList();
        var cut = Render<RankText>(p => p.Add(c => c.Rank, 2).Add(c => c.Peers, 21).Add(c => c.Percentile, Percentiles.Of(2, ranks)).Add(c => c.TestId, "r"));

        cut.Find("[data-testid=r-percentile]").TextContent.Should().Be("cao hơn 90 % số đơn vị cùng cấp");
    }

    [Fact]
    public void Among_a_few_peers_only_the_rank_is_shown()
    {
        var cut = Render<RankText>(p => p.Add(c => c.Rank, 3).Add(c => c.Peers, 21).Add(c => c.Percentile, 90m).Add(c => c.TestId, "r"));
        var few = Render<RankText>(p => p.Add(c => c.Rank, 3).Add(c => c.Peers, 19).Add(c => c.Percentile, 88.9m).Add(c => c.TestId, "f"));

        cut.FindAll("[data-testid=r-percentile]").Should().ContainSingle();
        few.FindAll("[data-testid=f-percentile]").Should().BeEmpty();
        few.Find("[data-testid=f-value]").TextContent.Should().Be("3/19");
    }

    [Fact]
    public void Without_a_rank_there_is_no_share()
    {
        var cut = Render<RankText>(p => p.Add(c => c.Rank, (int?)null).Add(c => c.Peers, 579).Add(c => c.Percentile, (decimal?)null).Add(c => c.TestId, "r"));

        cut.Find("[data-testid=r-value]").TextContent.Should().Be("—");
        cut.FindAll("[data-testid=r-percentile]").Should().BeEmpty();
    }

    [Fact]
    public void In_english_the_share_reads_ahead_of_its_peers()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
        var cut = Render<RankText>(p => p.Add(c => c.Rank, 12).Add(c => c.Peers, 579).Add(c => c.Percentile, 98.1m).Add(c => c.TestId, "t"));

        cut.Find("[data-testid=t-percentile]").TextContent.Should().Be("ahead of 98% of its peers");
        cut.Find("[data-testid=t-value]").TextContent.Should().Be("12/579");
    }
}
