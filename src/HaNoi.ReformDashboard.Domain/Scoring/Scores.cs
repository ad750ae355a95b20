using HaNoi.ReformDashboard.Domain.Catalogue;

namespace HaNoi.ReformDashboard.Domain.Scoring;

/// <summary>
/// A unit × indicator × period judged against its target (docs/scoring.md, rules 3–6). Value, threshold and gap are
/// in percent units for ratios (99.5 means 99,5 %) and in places for ranks; nothing here is rounded.
/// </summary>
/// <param name="Gap">
/// Shortfall to the threshold, negative when exceeded: threshold − value when higher is better,
/// value − threshold when lower is better (≤, &lt;), |value − threshold| for "=". Null without data or target.
/// </param>
/// <param name="Score">0–100: 100 exactly when met, at most 99.99 otherwise. Null without data or target.</param>
public sealed record IndicatorScore(
    decimal? Value,
    Target? Target,
    Status Status,
    decimal? Gap,
    decimal? Score,
    bool Aspirational);

/// <summary>A pillar's score for one unit; null when none of its indicators could be scored.</summary>
public sealed record PillarScore(string PillarCode, decimal? Score);

public static class Scores
{
    public const decimal Full = 100m;

    /// <summary>The best a target not met can score, so that only a met target shows 100.</summary>
    public const decimal BestNotMet = 99.99m;

    /// <summary>
    /// Judges a value against a target. The comparison is exact on the unrounded value: 99,00 % does not meet
    /// "&gt; 99 %", and 85,996 % does not meet "≥ 86 %" though it displays as 86,00 %.
    /// Without a target the status is NoTarget even when there is data; without data it is NoData.
    /// </summary>
    public static IndicatorScore Evaluate(IndicatorRule rule, Target? target, decimal? value)
    {
        if (target is null) return new(value, null, Status.NoTarget, null, null, false);
        if (value is not decimal actual) return new(null, target, Status.NoData, null, null, target.Aspirational);

        var threshold = target.Threshold;
        var met = target.Operator switch
        {
            ComparisonOperator.GreaterThan => actual > threshold,
            ComparisonOperator.GreaterOrEqual => actual >= threshold,
            ComparisonOperator.LessOrEqual => actual <= threshold,
            ComparisonOperator.LessThan => actual < threshold,
            ComparisonOperator.Equal => actual == threshold,
            _ => throw new ArgumentOutOfRangeException(nameof(target), target.Operator, "Unknown operator."),
        };
        var gap = target.Operator switch
        {
            ComparisonOperator.GreaterThan or ComparisonOperator.GreaterOrEqual => threshold - actual,
            ComparisonOperator.LessOrEqual or ComparisonOperator.LessThan => actual - threshold,
            _ => Math.Abs(actual - threshold),
        };

        // When not met the gap is ≥ 0 (0 only on a strict operator's boundary), so it measures the distance.
        var status = met ? Status.Met
            : rule.Kind != IndicatorKind.Milestone && gap <= rule.Tolerance ? Status.AtRisk
            : Status.Missed;
        var score = met ? Full
            : rule.Kind == IndicatorKind.Milestone ? 0m
            : PartialScore(target.Operator, actual, threshold);

        return new(actual, target, status, gap, score, target.Aspirational);
    }

    /// <summary>Pillar score: the plain mean of the scored indicators; indicators without a score do not count.</summary>
    public static decimal? ForPillar(IEnumerable<IndicatorScore> indicatorScores)
    {
        // A loop, not a query: every unit of a level asks for each pillar (added up in order, as Sum does).
        var (sum, count) = (0m, 0);
        foreach (var indicator in indicatorScores)
        {
            if (indicator.Score is not decimal score) continue;
            sum += score;
            count++;
        }
        return count == 0 ? null : sum / count;
    }

    /// <summary>
    /// Unit score: the weighted mean of its scored pillars. A pillar missing from <paramref name="weights"/>
    /// weighs 1; pillars without a score do not count. Null when nothing weighs.
    /// </summary>
    public static decimal? ForUnit(IEnumerable<PillarScore> pillarScores, IReadOnlyDictionary<string, decimal>? weights = null)
    {
        decimal weighted = 0m, totalWeight = 0m;
        foreach (var pillar in pillarScores)
        {
            if (pillar.Score is not decimal score) continue;
            var weight = weights?.GetValueOrDefault(pillar.PillarCode, 1m) ?? 1m;
            if (weight < 0m) throw new ArgumentOutOfRangeException(nameof(weights), weight, $"Pillar {pillar.PillarCode} has a negative weight.");
            weighted += weight * score;
            totalWeight += weight;
        }
        return totalWeight == 0m ? null : weighted / totalWeight;
    }

    /// <summary>
    /// The points of the unit score each indicator's shortfall costs: an indicator scoring s in a pillar of n
    /// scored indicators and weight w (out of W for the scored pillars) costs w ÷ W × (100 − s) ÷ n, so the costs
    /// add up to 100 − the unit score. Null for an indicator without a score (it costs nothing: it does not count).
    /// </summary>
    public static IReadOnlyList<decimal?> PointsLost(IReadOnlyList<(string PillarCode, IndicatorScore Score)> indicators, IReadOnlyDictionary<string, decimal>? weights = null)
    {
        // Plain loops: this runs once per unit of a level, ten thousand times for a national commune league.
        var scoredPerPillar = new Dictionary<string, int>();
        foreach (var (pillar, indicator) in indicators)
            if (indicator.Score is not null) scoredPerPillar[pillar] = scoredPerPillar.GetValueOrDefault(pillar) + 1;
        var totalWeight = 0m;
        foreach (var pillar in scoredPerPillar.Keys) totalWeight += Weight(weights, pillar);
        var lost = new decimal?[indicators.Count];
        for (var i = 0; i < lost.Length; i++)
        {
            var (pillar, indicator) = indicators[i];
            if (indicator.Score is decimal score && totalWeight > 0m)
                lost[i] = Weight(weights, pillar) / totalWeight * (Full - score) / scoredPerPillar[pillar];
        }
        return lost;
    }

    private static decimal Weight(IReadOnlyDictionary<string, decimal>? weights, string pillar) => weights?.GetValueOrDefault(pillar, 1m) ?? 1m;

    // 100 × value ÷ threshold when higher is better, threshold ÷ value when lower is better (a rank),
    // smaller ÷ larger for "=". A zero or negative divisor cannot show progress: 0.
    private static decimal PartialScore(ComparisonOperator op, decimal value, decimal threshold)
    {
        var (part, whole) = op switch
        {
            ComparisonOperator.GreaterThan or ComparisonOperator.GreaterOrEqual => (value, threshold),
            ComparisonOperator.LessOrEqual or ComparisonOperator.LessThan => (threshold, value),
            _ => (Math.Min(value, threshold), Math.Max(value, threshold)),
        };
        return whole <= 0m ? 0m : Math.Clamp(Full * part / whole, 0m, BestNotMet);
    }
}
