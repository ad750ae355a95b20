using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Data.Targets;

/// <summary>A target as the targets page lists it: its indicator, its scope in words, and how many changes it has had.</summary>
public sealed record TargetListItem(
    int Id, string IndicatorCode, string IndicatorNameVi, string IndicatorNameEn, IndicatorKind Kind,
    UnitLevel? Level, string? UnitCode, string? UnitNameVi, string? UnitNameEn,
    ComparisonOperator Operator, decimal Threshold, bool Aspirational, string SourceVi, int Revisions);

/// <summary>A removed target of the year, by its last revision: what it was and who removed it, when and why.</summary>
public sealed record RemovedTarget(int TargetId, string IndicatorCode, IndicatorKind Kind, UnitLevel? Level, string? UnitCode,
    ComparisonOperator Operator, decimal Threshold, string RemovedBy, DateTimeOffset RemovedAt, string Reason);

public static class TargetListQuery
{
    public static async Task<IReadOnlyList<int>> PlanYearsAsync(ReformDbContext db, CancellationToken ct = default) =>
        await db.PlanYears.OrderBy(p => p.Year).Select(p => p.Year).ToListAsync(ct);

    /// <summary>The plan year's indicators with the levels that report them (what the add form offers), by code.</summary>
    public static Task<IReadOnlyList<Scorecards.IndicatorInfo>> CatalogueAsync(ReformDbContext db, int year, CancellationToken ct = default) =>
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
                return new TargetListItem(t.Id, t.Indicator!.Code, t.Indicator.NameVi, t.Indicator.NameEn, t.Indicator.Kind, t.Level,
                    unit?.Code, unit?.NameVi, unit?.NameEn, t.Operator, t.Threshold, t.Aspirational, t.SourceVi, revisions.GetValueOrDefault(t.Id));
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
        return removals.Select(x => new RemovedTarget(x.r.TargetId, x.Code, x.Kind, x.r.Level,
                x.r.UnitId is { } id && units.TryGetValue(id, out var u) ? u.Code : null,
                x.r.Operator, x.r.Threshold, x.r.ChangedBy, x.r.ChangedAt, x.r.Reason))
            .ToList();
    }

    /// <summary>The units as they were in the plan year (the one read, <see cref="CatalogueUnits"/>).</summary>
    private static Task<IReadOnlyDictionary<int, Scorecards.UnitInfo>> UnitsAsync(ReformDbContext db, int year, IEnumerable<int> unitIds, CancellationToken ct) =>
        CatalogueUnits.ByIdAsync(db, unitIds, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), ct);
}
