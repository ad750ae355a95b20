using HaNoi.ReformDashboard.Domain.Periods;

namespace HaNoi.ReformDashboard.Domain.Scoring;

public static class Changes
{
    /// <summary>
    /// Change since the previous like-for-like period (<see cref="Period.Previous"/>): current − previous,
    /// in percentage points for ratios; null unless both are known.
    /// </summary>
    public static decimal? Between(decimal? previous, decimal? current) => current - previous;
}
