using HaNoi.ReformDashboard.Domain.Catalogue;

namespace HaNoi.ReformDashboard.Domain.Scoring;

/// <summary>
/// A plan target. The threshold is in the indicator's units: percent for ratios and values (99 for "&gt; 99 %"),
/// places for a rank (10 for "top 10"), 1 for a milestone done.
/// </summary>
/// <param name="Aspirational">The plan says "phấn đấu" (strive for): shown as such, scored like any target.</param>
public sealed record Target(ComparisonOperator Operator, decimal Threshold, bool Aspirational = false);

/// <summary>
/// One row of targets.csv: a target for a plan year, for every level (Level null), one level, or one unit.
/// </summary>
public sealed record TargetEntry(int PlanYear, string IndicatorCode, UnitLevel? Level, string? UnitCode, Target Target);

/// <summary>
/// Picks the target that applies to a unit: a per-unit target beats a per-level target, which beats a target
/// for all levels. None means the plan sets no target (DESIGN §2: e.g. DIGITISED_RECORDS until staff set one).
/// </summary>
public sealed class TargetBook
{
    private readonly Dictionary<(int PlanYear, string IndicatorCode, UnitLevel? Level, string? UnitCode), Target> _targets = [];

    public TargetBook(IEnumerable<TargetEntry> entries)
    {
        foreach (var entry in entries)
        {
            // A unit's code identifies it whatever the level column says, so the level is not part of a per-unit key.
            var key = (entry.PlanYear, entry.IndicatorCode, entry.UnitCode is null ? entry.Level : null, entry.UnitCode);
            if (!_targets.TryAdd(key, entry.Target))
            {
                throw new ArgumentException(
                    $"Two targets for {entry.IndicatorCode} in {entry.PlanYear} for the same scope " +
                    $"(level '{entry.Level?.ToCode() ?? "all"}', unit '{entry.UnitCode ?? "all"}').",
                    nameof(entries));
            }
        }
    }

    public Target? Find(int planYear, string indicatorCode, UnitLevel level, string unitCode) =>
        _targets.GetValueOrDefault((planYear, indicatorCode, null, unitCode))
        ?? _targets.GetValueOrDefault((planYear, indicatorCode, level, null))
        ?? _targets.GetValueOrDefault((planYear, indicatorCode, null, null));
}
