using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Domain.Scoring;

namespace HaNoi.ReformDashboard.Data.Catalogue;

/// <summary>
/// What every scorecard of (plan year, period) is built on besides the figures: the units in force (units_in_force,
/// the one rule) and those of the previous like period, the pillars, the plan year's indicators and targets, the
/// mergers and reorganisations. Immutable once read: <see cref="CatalogueService"/> hands one instance to every
/// scorecard build and page of the same data version. Its lookups are dictionaries built once, here.
/// </summary>
public sealed class PeriodCatalogue
{
    private readonly Dictionary<string, PeriodUnit> _unitByCode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PlanIndicator> _indicatorByCode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _pillarOrder = new(StringComparer.Ordinal);

    public PeriodCatalogue(int planYear, Period period, IReadOnlyList<PeriodUnit> units, IReadOnlySet<int> previousUnits,
        IReadOnlyList<PillarInfo> pillars, IReadOnlyList<PlanIndicator> indicators, IReadOnlyList<TargetEntry> targets,
        IReadOnlyDictionary<int, IReadOnlyList<int>> mergedPredecessors, IReadOnlyList<LineageEvent> lineage)
    {
        (PlanYear, Period, Units, PreviousUnits, Pillars, Indicators, Targets, MergedPredecessors, Lineage) =
            (planYear, period, units, previousUnits, pillars, indicators, targets, mergedPredecessors, lineage);
        TargetBook = new TargetBook(targets);
        // A code reused within the period names the unit that started later (as CatalogueUnits.ByCodeAsync).
        foreach (var unit in units)
        {
            if (!_unitByCode.TryGetValue(unit.Info.Code, out var seen) || unit.ValidFrom > seen.ValidFrom)
                _unitByCode[unit.Info.Code] = unit;
        }
        foreach (var indicator in indicators) _indicatorByCode.TryAdd(indicator.Info.Code, indicator);
        for (var i = 0; i < pillars.Count; i++) _pillarOrder.TryAdd(pillars[i].Code, i);
    }

    public int PlanYear { get; }
    public Period Period { get; }
    /// <summary>In force in the period, by code (then id): the order of a scorecard's units.</summary>
    public IReadOnlyList<PeriodUnit> Units { get; }
    /// <summary>Ids of the units in force in the previous like period: ranks compare only units in force in both.</summary>
    public IReadOnlySet<int> PreviousUnits { get; }
    public IReadOnlyList<PillarInfo> Pillars { get; }
    /// <summary>The plan year's indicators, by id.</summary>
    public IReadOnlyList<PlanIndicator> Indicators { get; }
    public IReadOnlyList<TargetEntry> Targets { get; }
    public TargetBook TargetBook { get; }
    /// <summary>For each unit in force now, the units merged into it that were in force in the previous like period.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<int>> MergedPredecessors { get; }
    public IReadOnlyList<LineageEvent> Lineage { get; }

    /// <summary>The unit a code names in the period (a reused code: the unit that started later), or null.</summary>
    public PeriodUnit? Unit(string code) => _unitByCode.GetValueOrDefault(code);

    public PlanIndicator? Indicator(string code) => _indicatorByCode.GetValueOrDefault(code);

    /// <summary>The pillar's place in the plan's order; -1 for a pillar not in the catalogue.</summary>
    public int PillarOrder(string code) => _pillarOrder.GetValueOrDefault(code, -1);

    /// <summary>The units of a level, one per code (a reused code: the unit that started later), by code.</summary>
    public IReadOnlyList<UnitInfo> UnitsOf(UnitLevel level) =>
        Units.Where(u => u.Info.Level == level).GroupBy(u => u.Info.Code, StringComparer.Ordinal)
            .Select(g => g.MaxBy(u => u.ValidFrom)!.Info).ToList();
}
