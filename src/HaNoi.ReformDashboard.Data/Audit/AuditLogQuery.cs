using HaNoi.ReformDashboard.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HaNoi.ReformDashboard.Data.Audit;

/// <summary>What the audit page asks for: any of actor, unit (by its stable key, or by a code: every unit that carried
/// it) and kind (action), and a page of the newest first.</summary>
public sealed record AuditFilter(string? Actor = null, string? UnitCode = null, string? Action = null, int Page = 0, int PageSize = 50, string? UnitKey = null);

/// <summary>A unit the audit page's picker offers: its key, and its latest code and names.</summary>
public sealed record AuditUnitChoice(string Key, string Code, string NameVi, string NameEn);

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
            return new AuditRow(e.Id, e.At, e.Actor, e.Action, e.Entity, e.EntityKey, unit?.code, unit?.name_vi, unit?.name_en, e.Details);
        }).ToList();
        return new AuditLogPage(rows, total);
    }

    /// <summary>The kinds and the people that occur in the log, for the filters' choices.</summary>
    public static async Task<(IReadOnlyList<string> Actions, IReadOnlyList<string> Actors)> ChoicesAsync(ReformDbContext db, CancellationToken ct = default) =>
        (await db.AuditLog.Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync(ct),
         await db.AuditLog.Select(a => a.Actor).Distinct().OrderBy(a => a).ToListAsync(ct));

    /// <summary>Every unit that ever was, by its latest version (units_in_force over all time): the log covers every
    /// period, so a unit merged away still has its entries. A reused code appears once per unit that carried it last.</summary>
    public static async Task<IReadOnlyList<AuditUnitChoice>> UnitChoicesAsync(ReformDbContext db, CancellationToken ct = default)
    {
        var rows = await db.Database.SqlQueryRaw<ChoiceRow>("""
                SELECT k.key, f.code, f.name_vi, f.name_en
                FROM units_in_force(@first_day, @last_day) f JOIN units k ON k.id = f.unit_id
                ORDER BY f.code, f.valid_from
                """,
                new NpgsqlParameter("first_day", DateOnly.MinValue), new NpgsqlParameter("last_day", DateOnly.MaxValue))
            .ToListAsync(ct);
        return rows.Select(r => new AuditUnitChoice(r.key, r.code, r.name_vi, r.name_en)).ToList();
    }

    /// <summary>Each unit by its latest version (units_in_force over all time gives the latest-starting one).</summary>
    private static async Task<Dictionary<int, UnitRow>> UnitNamesAsync(ReformDbContext db, IEnumerable<int> unitIds, CancellationToken ct)
    {
        var ids = unitIds.Distinct().ToArray();
        if (ids.Length == 0) return [];
        var rows = await db.Database.SqlQueryRaw<UnitRow>(
                "SELECT unit_id, code, name_vi, name_en FROM units_in_force(@first_day, @last_day) WHERE unit_id = ANY(@ids)",
                new NpgsqlParameter("first_day", DateOnly.MinValue), new NpgsqlParameter("last_day", DateOnly.MaxValue), new NpgsqlParameter("ids", ids))
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.unit_id);
    }

    // Column names as the SQL returns them.
#pragma warning disable IDE1006
    private sealed record UnitRow(int unit_id, string code, string name_vi, string name_en);
    private sealed record ChoiceRow(string key, string code, string name_vi, string name_en);
#pragma warning restore IDE1006
}
