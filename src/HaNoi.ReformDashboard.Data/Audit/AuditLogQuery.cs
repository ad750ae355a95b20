using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Scorecards;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Data.Audit;

/// <summary>What the audit page asks for: any of actor, unit (by its stable key, or by a code: every unit that carried
/// it) and kind (action), and a page of the newest first.</summary>
public sealed record AuditFilter(string? Actor = null, string? UnitCode = null, string? Action = null, int Page = 0, int PageSize = 50, string? UnitKey = null);

public sealed record AuditRow(long Id, DateTimeOffset At, string Actor, string Action, string Entity, string EntityKey, string? UnitCode, string? UnitNameVi, string? UnitNameEn, string Details);

public sealed record AuditLogPage(IReadOnlyList<AuditRow> Rows, int Total);

/// <summary>The audit log, newest first, filtered on the indexed columns (actor, unit, time).</summary>
public static class AuditLogQuery
{
    public static async Task<AuditLogPage> RunAsync(ReformDbContext db, AuditFilter filter, CancellationToken ct = default)
    {
        var query = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Actor)) query = query.Where(a => a.Actor == filter.Actor.Trim());
        if (!string.IsNullOrWhiteSpace(filter.Action)) query = query.Where(a => a.Action == filter.Action.Trim());
        if (!string.IsNullOrWhiteSpace(filter.UnitKey))
        {
            var key = filter.UnitKey.Trim();
            query = query.Where(a => db.Units.Where(u => u.Key == key).Select(u => (int?)u.Id).Contains(a.UnitId));
        }
        else if (!string.IsNullOrWhiteSpace(filter.UnitCode))
        {
            // Every unit that ever carried the code (a code may have been reused after its unit ended).
            var code = filter.UnitCode.Trim();
            var units = db.UnitVersions.Where(v => v.Code == code).Select(v => (int?)v.UnitId);
            query = query.Where(a => units.Contains(a.UnitId));
        }
        var total = await query.CountAsync(ct);
        var size = Math.Clamp(filter.PageSize, 1, 500);
        var entries = await query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip(Math.Max(0, filter.Page) * size).Take(size).ToListAsync(ct);
        var names = await UnitNamesAsync(db, entries.Where(e => e.UnitId != null).Select(e => e.UnitId!.Value), ct);
        var rows = entries.Select(e =>
        {
            var unit = e.UnitId is { } id && names.TryGetValue(id, out var u) ? u : null;
            return new AuditRow(e.Id, e.At, e.Actor, e.Action, e.Entity, e.EntityKey, unit?.Code, unit?.NameVi, unit?.NameEn, e.Details);
        }).ToList();
        return new AuditLogPage(rows, total);
    }

    /// <summary>The kinds and the people that occur in the log, for the filters' choices.</summary>
    public static async Task<(IReadOnlyList<string> Actions, IReadOnlyList<string> Actors)> ChoicesAsync(ReformDbContext db, CancellationToken ct = default) =>
        (await db.AuditLog.Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync(ct),
         await db.AuditLog.Select(a => a.Actor).Distinct().OrderBy(a => a).ToListAsync(ct));

    /// <summary>Every unit that ever was, by its latest version (units in force over all time): the log covers every
    /// period, so a unit merged away still has its entries. A reused code appears once per unit that carried it, the
    /// earlier unit first. The picker shows each one's key, code and names.</summary>
    public static async Task<IReadOnlyList<UnitInfo>> UnitChoicesAsync(ReformDbContext db, CancellationToken ct = default) =>
        (await CatalogueUnits.InForceAsync(db, DateOnly.MinValue, DateOnly.MaxValue, ct))
        .OrderBy(u => u.Info.Code, StringComparer.Ordinal).ThenBy(u => u.ValidFrom).Select(u => u.Info).ToList();

    /// <summary>Each unit by its latest version (units in force over all time give the latest-starting one).</summary>
    private static Task<IReadOnlyDictionary<int, UnitInfo>> UnitNamesAsync(ReformDbContext db, IEnumerable<int> unitIds, CancellationToken ct) =>
        CatalogueUnits.ByIdAsync(db, unitIds, DateOnly.MinValue, DateOnly.MaxValue, ct);
}
