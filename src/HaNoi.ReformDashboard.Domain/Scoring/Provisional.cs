using HaNoi.ReformDashboard.Domain.Periods;

namespace HaNoi.ReformDashboard.Domain.Scoring;

/// <summary>"Tạm tính" (docs/scoring.md, rule 7): figures that may still change.</summary>
public static class Provisional
{
    /// <summary>
    /// Provisional when the period is not over on <paramref name="asOf"/> (the caller's today: the domain has no
    /// clock) or fewer reports arrived than were expected.
    /// </summary>
    public static bool Is(Period period, DateOnly asOf, int expectedReports, int receivedReports) =>
        !period.IsOverOn(asOf) || receivedReports < expectedReports;
}
