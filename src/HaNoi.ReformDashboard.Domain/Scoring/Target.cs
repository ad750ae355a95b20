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
/// for all levels. None means the plan sets no target (seed-data/README.md, targets.csv: e.g. DIGITISED_RECORDS until staff set one).
/// </summary>
public sealed class TargetBook
{
    private readonly Dictionary<(int PlanYear, string IndicatorCode, UnitLevel? Level, string? UnitCode), Target> _targets = [];
    // The per-unit targets again, by indicator: what ForLevel hands out.
    private readonly Dictionary<(int PlanYear, string IndicatorCode), Dictionary<string, Target>> _unitTargets = [];

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
            if (entry.UnitCode is { } unit)
            {
                if (!_unitTargets.TryGetValue((entry.PlanYear, entry.IndicatorCode), out var own))
                    _unitTargets[(entry.PlanYear, entry.IndicatorCode)] = own = [];
                own[unit] = entry.Target;
            }
        }
    }

    public Target? Find(int planYear, string indicatorCode, UnitLevel level, string unitCode) =>
        _targets.GetValueOrDefault((planYear, indicatorCode, null, unitCode))
        ?? _targets.GetValueOrDefault((planYear, indicatorCode, level, null))
        ?? _targets.GetValueOrDefault((planYear, indicatorCode, null, null));

    /// <summary>
    /// <see cref="Find"/> for every unit of one level on one indicator, the level's target looked up once: a national
    /// scorecard asks for 220 000 cells' targets, and few units have targets of their own.
    /// </summary>
    public LevelTargets ForLevel(int planYear, string indicatorCode, UnitLevel level)
    {
        var own = _unitTargets.GetValueOrDefault((planYear, indicatorCode));
        var fallback = _targets.GetValueOrDefault((planYear, indicatorCode, level, null))
            ?? _targets.GetValueOrDefault((planYear, indicatorCode, null, null));
        return new LevelTargets(own, fallback);
    }
}

/// <summary>The targets of one level's units on one indicator (<see cref="TargetBook.ForLevel"/>).</summary>
public sealed class LevelTargets
{
    private readonly IReadOnlyDictionary<string, Target>? _own;
    private readonly Target? _level;

    internal LevelTargets(IReadOnlyDictionary<string, Target>? own, Target? level) => (_own, _level) = (own, level);

    /// <summary>The unit's own target, else its level's, else every level's (as <see cref="TargetBook.Find"/>).</summary>
    public Target? Find(string unitCode) => _own is not null && _own.TryGetValue(unitCode, out var target) ? target : _level;
}
