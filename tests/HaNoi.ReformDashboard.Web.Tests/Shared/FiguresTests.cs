using HaNoi.ReformDashboard.Domain.Scoring;
using HaNoi.ReformDashboard.Web.Shared;
using HaNoi.ReformDashboard.Web.Tests.Infrastructure;
using static HaNoi.ReformDashboard.Web.Tests.Infrastructure.TestScorecards;

namespace HaNoi.ReformDashboard.Web.Tests.Shared;

public class FiguresTests : ComponentTest
{
    [Fact]
    public void Run_rate_within_reach_names_the_rate_and_the_months_left()
    {
        Figures.RunRate(new RunRate(RunRateStatus.WithinReach, 99.6m), Domain.Periods.Period.Quarter(2022, 3)).Should().Be("cần đạt 99,60 % trong 3 tháng còn lại");
    }

    [Fact]
    public void Run_rate_out_of_reach_says_the_target_cannot_be_reached_this_year()
    {
        Figures.RunRate(new RunRate(RunRateStatus.OutOfReach, 130m), Domain.Periods.Period.Quarter(2022, 3)).Should().Be("không thể đạt trong năm");
    }

    [Fact]
    public void Rank_reads_place_over_peers_and_a_dash_when_unranked()
    {
        Figures.Rank(3, 30).Should().Be("3/30");
        Figures.Rank(null, 30).Should().Be("—");
    }

    [Fact]
    public void Aspirational_target_says_so()
    {
        Figures.Target(OnTime, new Target(Domain.Catalogue.ComparisonOperator.GreaterOrEqual, 90m, Aspirational: true))
            .Should().Be("Phấn đấu ≥ 90,00 %");
    }

    [Theory]
    [InlineData("ha dong", "Quận Hà Đông", true)]
    [InlineData("DONG DA", "Quận Đống Đa", true)]
    [InlineData("quan ba", "Quận Ba Đình", true)]
    [InlineData("hà đông", "Quận Hà Đông", true)]
    [InlineData("ha noi", "Quận Hà Đông", false)]
    public void Search_ignores_accents_and_case_including_d_with_stroke(string query, string name, bool matches)
    {
        TextSearch.Matches(name, query).Should().Be(matches);
    }
}
