using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Scoring;
using Microsoft.EntityFrameworkCore;
// The plan target (Domain), not the stored row (Schema.Target).
using Target = HaNoi.ReformDashboard.Domain.Scoring.Target;

namespace HaNoi.ReformDashboard.Data.Targets;

/// <summary>
/// A target as the targets page lists it: the plan's target (<see cref="TargetEntry"/>, the one read type of a target, as
/// the scorecards' <see cref="TargetBook"/> takes it, its unit named by its code in the plan year), that unit
/// (<see cref="UnitInfo"/>, null for a level's or every level's target), its indicator's names and kind as stored with the
/// target, its source sentence and how many changes it has had. The accessors read through to the entry and the unit.
/// </summary>
public sealed record TargetListItem(
    int Id, TargetEntry Entry, UnitInfo? Unit, string IndicatorNameVi, string IndicatorNameEn, IndicatorKind Kind, string SourceVi, int Revisions)
{
    public string IndicatorCode => Entry.IndicatorCode;
    public UnitLevel? Level => Entry.Level;
    public string? UnitCode => Entry.UnitCode;
    public string? UnitNameVi => Unit?.NameVi;
    public string? UnitNameEn => Unit?.NameEn;
    public ComparisonOperator Operator => Entry.Target.Operator;
    public decimal Threshold => Entry.Target.Threshold;
    public bool Aspirational => Entry.Target.Aspirational;
}

/// <summary>
/// A removed target of the year, by its last revision: what it was (<see cref="TargetEntry"/>, read through by the
/// accessors), its indicator's kind, and who removed it, when and why.
/// </summary>
public sealed record RemovedTarget(int TargetId, TargetEntry Entry, IndicatorKind Kind, string RemovedBy, DateTimeOffset RemovedAt, string Reason)
{
    public string IndicatorCode => Entry.IndicatorCode;
    public UnitLevel? Level => Entry.Level;
    public string? UnitCode => Entry.UnitCode;
    public ComparisonOperator Operator => Entry.Target.Operator;
    public decimal Threshold => Entry.Target.Threshold;
}

public static class TargetListQuery
{
    public static async Task<IReadOnlyList<int>> PlanYearsAsync(ReformDbContext db, CancellationToken ct = default) =>
        await db.PlanYears.OrderBy(p => p.Year).Select(p => p.Year).ToListAsync(ct);

    /// <summary>The plan year's indicators with the levels that report them (what the add form offers), by code.</summary>
    public static Task<IReadOnlyList<IndicatorInfo>> CatalogueAsync(ReformDbContext db, int year, CancellationToken ct = default) =>
        CatalogueIndicators.ForPlanYearAsync(db, year, ct);

    /// <summary>The year's targets by indicator, then scope (all levels, a level, a unit), with unit names from
    /// units_in_force for that year (the one rule).</summary>
    public static async Task<IReadOnlyList<TargetListItem>> ForYearAsync(ReformDbContext db, int year, CancellationToken ct = default)
    {
        var targets = await db.Targets.AsNoTracking().Include(t => t.Indicator).Where(t => t.PlanYear == year).ToListAsync(ct);
        var ids = targets.Select(t => t.Id).ToArray();
        var revisions = await db.TargetRevisions.Where(r => ids.Contains(r.TargetId)).GroupBy(r => r.TargetId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var units = await UnitsAsync(db, year, targets.Where(t => t.UnitId != null).Select(t => t.UnitId!.Value), ct);
        return targets
            .Select(t =>
            {
                var unit = t.UnitId is { } id && units.TryGetValue(id, out var u) ? u : null;
                var entry = new TargetEntry(year, t.Indicator!.Code, t.Level, unit?.Code, new Target(t.Operator, t.Threshold, t.Aspirational));
                return new TargetListItem(t.Id, entry, unit, t.Indicator.NameVi, t.Indicator.NameEn, t.Indicator.Kind, t.SourceVi,
                    revisions.GetValueOrDefault(t.Id));
            })
            .OrderBy(t => t.IndicatorCode, StringComparer.Ordinal)
            .ThenBy(t => t.UnitCode is not null ? 2 : t.Level is not null ? 1 : 0).ThenBy(t => t.Level).ThenBy(t => t.UnitCode, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The year's removed targets, newest removal first; their history stays readable.</summary>
    public static async Task<IReadOnlyList<RemovedTarget>> RemovedAsync(ReformDbContext db, int year, CancellationToken ct = default)
    {
        var removals = await db.TargetRevisions.AsNoTracking().Where(r => r.PlanYear == year && r.Removed)
            .Join(db.Indicators, r => r.IndicatorId, i => i.Id, (r, i) => new { r, i.Code, i.Kind })
            .OrderByDescending(x => x.r.ChangedAt).ToListAsync(ct);
        var units = await UnitsAsync(db, year, removals.Where(x => x.r.UnitId != null).Select(x => x.r.UnitId!.Value), ct);
        return removals.Select(x => new RemovedTarget(x.r.TargetId,
                new TargetEntry(year, x.Code, x.r.Level, x.r.UnitId is { } id && units.TryGetValue(id, out var u) ? u.Code : null,
                    new Target(x.r.Operator, x.r.Threshold, x.r.Aspirational)),
                x.Kind, x.r.ChangedBy, x.r.ChangedAt, x.r.Reason))
            .ToList();
    }

    /// <summary>The units as they were in the plan year (the one read, <see cref="CatalogueUnits"/>).</summary>
    private static Task<IReadOnlyDictionary<int, UnitInfo>> UnitsAsync(ReformDbContext db, int year, IEnumerable<int> unitIds, CancellationToken ct) =>
        CatalogueUnits.ByIdAsync(db, unitIds, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), ct);
}
