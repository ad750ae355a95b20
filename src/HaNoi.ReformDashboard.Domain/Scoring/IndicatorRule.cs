using HaNoi.ReformDashboard.Domain.Catalogue;

namespace HaNoi.ReformDashboard.Domain.Scoring;

/// <summary>Which way is good: more (on-time dossiers) or less (the PAR INDEX rank).</summary>
public enum Better { Higher, Lower }

/// <summary>
/// What the scoring engine needs to know about an indicator (seed-data/README.md, indicators.csv): its pillar, its kind, how months
/// combine, and how far from the target still counts as "at risk".
/// </summary>
public sealed record IndicatorRule
{
    /// <summary>Percentage points, for ratios and values (docs/scoring.md, rule 4).</summary>
    public const decimal DefaultTolerance = 5m;

    /// <summary>Places, for ranks (docs/scoring.md, rule 4).</summary>
    public const decimal DefaultRankTolerance = 2m;

    public IndicatorRule(
        string code,
        string pillarCode,
        IndicatorKind kind,
        Rollup rollup,
        decimal? tolerance = null,
        bool cityReportsItself = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(pillarCode);
        if (tolerance < 0) throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "A tolerance cannot be negative.");

        Code = code;
        PillarCode = pillarCode;
        Kind = kind;
        Rollup = rollup;
        // A milestone is done or not done: there is no "almost done".
        Tolerance = tolerance ?? kind switch
        {
            IndicatorKind.Rank => DefaultRankTolerance,
            IndicatorKind.Milestone => 0m,
            _ => DefaultTolerance,
        };
        CityReportsItself = cityReportsItself;
    }

    public string Code { get; init; }
    public string PillarCode { get; init; }
    public IndicatorKind Kind { get; init; }
    public Rollup Rollup { get; init; }

    /// <summary>Percentage points for ratios and values, places for ranks.</summary>
    public decimal Tolerance { get; init; }

    /// <summary>
    /// The city figure is the city's own report (PARINDEX, SIPAS, TTHC_SIMPLIFIED…), not the sum of the units.
    /// </summary>
    public bool CityReportsItself { get; init; }

    /// <summary>
    /// The target's operator decides (≤ and &lt; mean lower is better); without a directional operator,
    /// a rank is better when lower and everything else when higher.
    /// </summary>
    public Better Orientation(Target? target) => target?.Operator switch
    {
        ComparisonOperator.LessOrEqual or ComparisonOperator.LessThan => Better.Lower,
        ComparisonOperator.GreaterOrEqual or ComparisonOperator.GreaterThan => Better.Higher,
        _ => Kind == IndicatorKind.Rank ? Better.Lower : Better.Higher,
    };
}
