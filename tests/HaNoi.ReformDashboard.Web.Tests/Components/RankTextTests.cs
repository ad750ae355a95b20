using System.Globalization;
using Bunit;
using HaNoi.ReformDashboard.Web.Components.Shared;

namespace HaNoi.ReformDashboard.Web.Tests.Components;

public class RankTextTests : ComponentTest
{
    [Theory]
    [InlineData(1, 579, "1/579", "Nhóm 1 % đứng đầu")]     // 100·1/579 = 0,17 → rounded up to 1
    [InlineData(12, 579, "12/579", "Nhóm 3 % đứng đầu")]   // 100·12/579 = 2,07 → 3
    [InlineData(289, 579, "289/579", "Nhóm 50 % đứng đầu")] // still the better half: 2·289 ≤ 579
    [InlineData(290, 579, "290/579", "Nhóm 51 % cuối")]    // the worse half: 579 − 290 + 1 = 290 from the bottom, 100·290/579 = 50,09 → 51
    [InlineData(579, 579, "579/579", "Nhóm 1 % cuối")]
    public void Among_many_peers_a_rank_says_which_share_it_stands_in(int rank, int peers, string value, string share)
    {
        var cut = Render<RankText>(p => p.Add(c => c.Rank, rank).Add(c => c.Peers, peers).Add(c => c.TestId, "r"));

        cut.Find("[data-testid=r-value]").TextContent.Should().Be(value);
        cut.Find("[data-testid=r-percentile]").TextContent.Should().Be(share);
    }

    [Fact]
    public void Among_a_few_peers_only_the_rank_is_shown()
    {
        var cut = Render<RankText>(p => p.Add(c => c.Rank, 3).Add(c => c.Peers, 21).Add(c => c.TestId, "r"));
        var few = Render<RankText>(p => p.Add(c => c.Rank, 3).Add(c => c.Peers, 19).Add(c => c.TestId, "f"));

        cut.FindAll("[data-testid=r-percentile]").Should().ContainSingle();
        few.FindAll("[data-testid=f-percentile]").Should().BeEmpty();
        few.Find("[data-testid=f-value]").TextContent.Should().Be("3/19");
    }

    [Fact]
    public void Without_a_rank_there_is_no_share()
    {
        var cut = Render<RankText>(p => p.Add(c => c.Rank, (int?)null).Add(c => c.Peers, 579).Add(c => c.TestId, "r"));

        cut.Find("[data-testid=r-value]").TextContent.Should().Be("—");
        cut.FindAll("[data-testid=r-percentile]").Should().BeEmpty();
    }

    [Fact]
    public void In_english_the_share_reads_top_or_bottom()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
        var top = Render<RankText>(p => p.Add(c => c.Rank, 12).Add(c => c.Peers, 579).Add(c => c.TestId, "t"));
        var bottom = Render<RankText>(p => p.Add(c => c.Rank, 579).Add(c => c.Peers, 579).Add(c => c.TestId, "b"));

        top.Find("[data-testid=t-percentile]").TextContent.Should().Be("Top 3 %");
        bottom.Find("[data-testid=b-percentile]").TextContent.Should().Be("Bottom 1 %");
    }
}
