using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Domain.Catalogue;

namespace HaNoi.ReformDashboard.Domain.Scoring;

public enum RunRateStatus
{
    /// <summary>Not a flow ratio with a "≥"/"&gt;" target, the year is over (12 months), or there is no data.</summary>
    NotApplicable,
    /// <summary>Even 0 % in the remaining months keeps the year on target.</summary>
    AlreadySecured,
    /// <summary>The required rate is at most 100 %.</summary>
    WithinReach,
    /// <summary>The required rate is above 100 %: the target cannot be reached this year.</summary>
    OutOfReach,
}

/// <summary>
/// The monthly rate, in percent, that the rest of the plan year needs for the year's ratio to reach the target
/// (docs/scoring.md, rule 8). Unrounded; may be negative (secured) or above 100 (out of reach).
/// </summary>
public sealed record RunRate(RunRateStatus Status, decimal? RequiredRate)
{
    public static RunRate NotApplicable { get; } = new(RunRateStatus.NotApplicable, null);

    public bool Reachable => Status is RunRateStatus.AlreadySecured or RunRateStatus.WithinReach;
}

public static class RunRates
{
    public const int MonthsInYear = 12;

    /// <summary>The months of the plan year after <paramref name="period"/>: those a run-rate asks of.</summary>
    public static int MonthsLeft(Period period) => MonthsInYear - period.LastMonth;

    /// <summary>
    /// With N and D summed over the first <paramref name="monthsElapsed"/> months (m) and an expected monthly
    /// denominator D̄ for the k = 12 − m months left, the rate r (percent) that meets the threshold T solves
    /// (N + r/100 × D̄ × k) ÷ (D + D̄ × k) = T/100, i.e. r = (T × (D + D̄ × k) − 100 × N) ÷ (D̄ × k).
    /// For a strict "&gt;" target, r is the boundary: the remaining months need strictly more than r, so r = 0
    /// is not yet secured and r = 100 is out of reach.
    /// </summary>
    public static RunRate Required(
        IndicatorRule rule,
        Target? target,
        Figure yearToDate,
        int monthsElapsed,
        decimal averageMonthlyDenominator)
    {
        if (rule.Kind != IndicatorKind.Ratio || rule.Rollup != Rollup.Flow) return RunRate.NotApplicable;
        if (target?.Operator is not (ComparisonOperator.GreaterOrEqual or ComparisonOperator.GreaterThan)) return RunRate.NotApplicable;
        if (monthsElapsed is < 1 or >= MonthsInYear) return RunRate.NotApplicable;
        if (yearToDate is not { Numerator: decimal numerator, Denominator: decimal denominator }) return RunRate.NotApplicable;
        if (averageMonthlyDenominator <= 0m) return RunRate.NotApplicable;

        var remainingDenominator = averageMonthlyDenominator * (MonthsInYear - monthsElapsed);
        var required = ((target.Threshold * (denominator + remainingDenominator)) - (100m * numerator)) / remainingDenominator;

        var strict = target.Operator == ComparisonOperator.GreaterThan;
        var status = (strict ? required < 0m : required <= 0m) ? RunRateStatus.AlreadySecured
            : (strict ? required < 100m : required <= 100m) ? RunRateStatus.WithinReach
            : RunRateStatus.OutOfReach;
        return new RunRate(status, required);
    }
}
