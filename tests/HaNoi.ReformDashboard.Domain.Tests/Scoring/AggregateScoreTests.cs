using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Scoring;

namespace HaNoi.ReformDashboard.Domain.Tests.Scoring;

public class AggregateScoreTests
{
    private static IndicatorScore Scored(decimal score) => new(score, null, Status.Met, null, score, false);
    private static IndicatorScore Unscored(Status status) => new(null, null, status, null, null, false);

    [Fact]
    public void Pillar_score_is_the_mean_of_its_scored_indicators_ignoring_no_data_and_no_target()
    {
        Scores.ForPillar([Scored(100m), Scored(80m), Unscored(Status.NoData), Unscored(Status.NoTarget)])
            .Should().Be(90m, "(100 + 80) ÷ 2, not ÷ 4");
    }

    [Fact]
    public void Pillar_with_nothing_scored_has_no_score()
    {
        Scores.ForPillar([Unscored(Status.NoData)]).Should().BeNull();
        Scores.ForPillar([]).Should().BeNull();
    }

    [Fact]
    public void Unit_score_is_the_mean_of_its_pillar_scores_with_equal_weights_by_default()
    {
        Scores.ForUnit([new("TTHC", 90m), new("CQS", 60m), new("CDCV", null)]).Should().Be(75m);
    }

    [Fact]
    public void Unit_score_weighs_pillars_as_configured_and_unlisted_pillars_weigh_1()
    {
        var weights = new Dictionary<string, decimal> { ["TTHC"] = 2m };

        Scores.ForUnit([new("TTHC", 90m), new("CQS", 60m)], weights).Should().Be(80m, "(2 × 90 + 1 × 60) ÷ 3");
    }

    [Fact]
    public void Unit_with_no_scored_pillar_or_only_zero_weights_has_no_score()
    {
        Scores.ForUnit([new("TTHC", null)]).Should().BeNull();
        Scores.ForUnit([new("TTHC", 90m)], new Dictionary<string, decimal> { ["TTHC"] = 0m }).Should().BeNull();
    }

    [Fact]
    public void A_negative_pillar_weight_is_refused()
    {
        FluentActions.Invoking(() => Scores.ForUnit([new("TTHC", 90m)], new Dictionary<string, decimal> { ["TTHC"] = -1m }))
            .Should().Throw<ArgumentOutOfRangeException>();
    }
}

public class PointsLostTests
{
    private static IndicatorScore Scored(decimal score) => new(score, null, score == 100m ? Status.Met : Status.Missed, null, score, false);

    [Fact]
    public void Each_shortfall_costs_its_share_of_its_pillar_and_the_costs_add_up_to_what_the_unit_score_lacks()
    {
        // Pillar A: 100 and 60 (mean 80); pillar B: 90 (mean 90); unit score (80 + 90) ÷ 2 = 85.
        (string, IndicatorScore)[] cells = [("A", Scored(100m)), ("A", Scored(60m)), ("B", Scored(90m)), ("B", new(null, null, Status.NoData, null, null, false))];

        var lost = Scores.PointsLost(cells);

        lost.Should().Equal(0m, 10m, 5m, null); // ½ × 40 ÷ 2 = 10; ½ × 10 ÷ 1 = 5
        (100m - lost.Sum()!.Value).Should().Be(Scores.ForUnit([new("A", 80m), new("B", 90m)])!.Value);
    }

    [Fact]
    public void A_heavier_pillar_makes_its_shortfalls_cost_more()
    {
        var weights = new Dictionary<string, decimal> { ["A"] = 3m };

        Scores.PointsLost([("A", Scored(90m)), ("B", Scored(90m))], weights).Should().Equal(7.5m, 2.5m); // ¾ × 10, ¼ × 10
    }
}

public class PercentileTests
{
    [Fact]
    public void The_first_of_five_is_ahead_of_all_others_and_the_last_of_none()
    {
        int[] ranks = [1, 2, 3, 4, 5];
        Percentiles.Of(1, ranks).Should().Be(100m);
        Percentiles.Of(3, ranks).Should().Be(50m);
        Percentiles.Of(5, ranks).Should().Be(0m);
    }

    [Fact]
    public void Tied_peers_do_not_count_as_beaten_and_a_lone_or_unranked_unit_has_no_percentile()
    {
        Percentiles.Of(2, [1, 2, 2, 4]).Should().Be(100m / 3, "only rank 4 is behind the two tied at 2");
        Percentiles.Of(1, [1]).Should().BeNull();
        Percentiles.Of(null, [1, 2]).Should().BeNull();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(20261201)]
    public void Every_peers_percentile_at_once_is_the_share_of_the_others_strictly_behind_it(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 50; round++)
        {
            // Competition ranks with ties (1, 2, 2, 4 …), as Ranking gives them, in a shuffled order.
            var ranks = new List<int>();
            for (var place = 1; ranks.Count < random.Next(2, 300); place = ranks.Count + 1)
                ranks.AddRange(Enumerable.Repeat(place, random.Next(1, 4)));
            var shuffled = ranks.OrderBy(_ => random.Next()).ToList();

            var percentile = Percentiles.Among(shuffled);

            foreach (var rank in ranks.Append(ranks.Max() + 1))
            {
                var behind = 0;
                foreach (var other in ranks) if (other > rank) behind++;
                percentile(rank).Should().Be(100m * behind / (ranks.Count - 1), $"rank {rank} of {ranks.Count}");
            }
            percentile(null).Should().BeNull();
        }
    }
}
