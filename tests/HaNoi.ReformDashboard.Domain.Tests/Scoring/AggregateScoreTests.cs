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
