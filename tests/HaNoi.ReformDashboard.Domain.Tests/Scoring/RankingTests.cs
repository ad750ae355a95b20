using System.Globalization;

using HaNoi.ReformDashboard.Domain.Scoring;

using static HaNoi.ReformDashboard.Domain.Tests.Scoring.Plan2022;

namespace HaNoi.ReformDashboard.Domain.Tests.Scoring;

public class RankingTests
{
    private static IEnumerable<(string Unit, int Rank)> Places(IReadOnlyList<Ranked<string>> ranked) =>
        ranked.Select(r => (r.Key, r.Rank));

    [Fact]
    public void Ties_share_a_rank_and_the_next_rank_skips_1_2_2_4()
    {
        var ranked = Ranking.Rank<string>([("A", 97m), ("B", 95m), ("C", 95m), ("D", 90m)], Better.Higher);

        Places(ranked).Should().Equal(("A", 1), ("B", 2), ("C", 2), ("D", 4));
    }

    [Fact]
    public void Scores_equal_only_at_two_decimals_are_a_tie()
    {
        // 95,004 and 95,001 both display as 95,00; 95,005 rounds half away from zero to 95,01.
        var ranked = Ranking.Rank<string>([("B", 95.001m), ("A", 95.005m), ("C", 95.004m), ("D", 94m)], Better.Higher);

        Places(ranked).Should().Equal(("A", 1), ("B", 2), ("C", 2), ("D", 4));
        ranked[1].Value.Should().Be(95.001m, "the unrounded value is kept");
    }

    [Fact]
    public void Units_without_a_score_are_left_out_not_ranked_as_zero()
    {
        var ranked = Ranking.Rank<string>([("A", 40m), ("B", null), ("C", 0m)], Better.Higher);

        Places(ranked).Should().Equal(("A", 1), ("C", 2));
    }

    [Fact]
    public void Rank_values_are_ranked_lower_first()
    {
        var better = ParIndexRank.Orientation(AtMost(10m));

        var ranked = Ranking.Rank<string>([("HANOI", 12m), ("DANANG", 3m), ("HCM", 12m)], better);

        Places(ranked).Should().Equal(("DANANG", 1), ("HANOI", 2), ("HCM", 2));
    }

    [Fact]
    public void Ranking_nobody_gives_an_empty_list()
    {
        Ranking.Rank<string>([("A", null)], Better.Higher).Should().BeEmpty();
    }

    [Theory]
    [InlineData("95.005", "95.01")]
    [InlineData("95.004", "95.00")]
    [InlineData("-1.005", "-1.01")]
    public void Two_decimals_round_half_away_from_zero(string value, string shown)
    {
        var inv = CultureInfo.InvariantCulture;
        Ranking.AtTwoDecimals(decimal.Parse(value, inv)).Should().Be(decimal.Parse(shown, inv));
    }
}

public class BenchmarkTests
{
    [Fact]
    public void Median_and_75th_percentile_interpolate_like_excel_percentile_inc()
    {
        // PERCENTILE.INC({10;20;30;40}; 0,75): h = 3 × 0,75 = 2,25 → 30 + 0,25 × (40 − 30) = 32,5.
        var benchmark = Benchmarks.Of([40m, 10m, 30m, 20m], Better.Higher);

        benchmark.Should().Be(new Benchmark(25m, 32.5m));
    }

    [Fact]
    public void When_lower_is_better_the_75th_percentile_of_performance_is_the_25th_of_the_values()
    {
        // Ranks 10, 20, 30, 40: h = 3 × 0,25 = 0,75 → 10 + 0,75 × 10 = 17,5.
        Benchmarks.Of([10m, 20m, 30m, 40m], Better.Lower).Should().Be(new Benchmark(25m, 17.5m));
    }

    [Fact]
    public void Peers_without_a_value_are_left_out_of_the_benchmarks()
    {
        Benchmarks.Of([90m, null, 70m, 80m, null], Better.Higher).Should().Be(new Benchmark(80m, 85m));
    }

    [Fact]
    public void One_peer_is_its_own_median_and_no_peer_gives_no_benchmark()
    {
        Benchmarks.Of([42m], Better.Higher).Should().Be(new Benchmark(42m, 42m));
        Benchmarks.Of([null], Better.Higher).Should().Be(new Benchmark(null, null));
    }

    [Fact]
    public void Percentile_ends_are_the_minimum_and_the_maximum()
    {
        Benchmarks.PercentileInc([3m, 1m, 2m], 0m).Should().Be(1m);
        Benchmarks.PercentileInc([3m, 1m, 2m], 1m).Should().Be(3m);
        FluentActions.Invoking(() => Benchmarks.PercentileInc([1m], 1.5m)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => Benchmarks.PercentileInc([], 0.5m)).Should().Throw<ArgumentException>();
    }
}
