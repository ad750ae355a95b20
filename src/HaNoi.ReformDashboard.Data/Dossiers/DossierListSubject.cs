using System.Text.Json;
using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HaNoi.ReformDashboard.Data.Dossiers;

/// <summary>
/// The unit a dossier list names in its months (the catalogue's read of the unit a code names then: its id and
/// <see cref="UnitInfo"/>, which the unit accessors read through to) and the indicator's names — one of the six dossier
/// indicators, which need not be in a plan year's catalogue, so its names are read from indicators alone.
/// </summary>
public sealed record DossierListSubject(int UnitId, UnitInfo Unit, string IndicatorCode, string IndicatorNameVi, string IndicatorNameEn)
{
    public string UnitCode => Unit.Code;
    public string UnitNameVi => Unit.NameVi;
    public string UnitNameEn => Unit.NameEn;
}

/// <summary>What a dossier list is about, which units have figures counted from dossiers, and the audit entry of each list opened or downloaded.</summary>
public static class DossierListSubjects
{
    public const string OpenAction = "dossiers.list";
    public const string DownloadAction = "dossiers.download";

    /// <summary>Null when the code names no unit in force in the months, or the indicator is not one of the six.</summary>
    public static async Task<DossierListSubject?> FindAsync(ReformDbContext db, string unitCode, string indicatorCode, DateOnly first, DateOnly last,
        CancellationToken ct = default)
    {
        if (!DossierIndicators.IsDerived(indicatorCode)) return null;
        var unit = await CatalogueUnits.ByCodeAsync(db, unitCode, first, last, ct);
        var indicator = await db.Indicators.AsNoTracking().Where(i => i.Code == indicatorCode).Select(i => new { i.NameVi, i.NameEn }).FirstOrDefaultAsync(ct);
        return unit is not null && indicator is not null
            ? new DossierListSubject(unit.Id, unit.Info, indicatorCode, indicator.NameVi, indicator.NameEn)
            : null;
    }

    /// <summary>
    /// The codes of the units whose figures in some month of the span are counted from dossiers (they have dossiers
    /// received or ended then): the ones whose cells link to their dossiers.
    /// </summary>
    public static async Task<IReadOnlySet<string>> UnitsCountedAsync(ReformDbContext db, DateOnly first, DateOnly last, CancellationToken ct = default)
    {
        var codes = await db.Database.SqlQueryRaw<string>("""
                SELECT DISTINCT f.code AS "Value"
                FROM dossier_month_counts c JOIN units_in_force(@first_day, @last_day) f ON f.unit_id = c.unit_id
                WHERE c.month >= @first_day AND c.month <= @last_day
                """,
                new NpgsqlParameter("first_day", first), new NpgsqlParameter("last_day", last))
            .ToListAsync(ct);
        return codes.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The months (first days) in which the unit's figures are counted from dossiers.</summary>
    public static async Task<IReadOnlySet<DateOnly>> MonthsCountedAsync(ReformDbContext db, string unitCode, DateOnly first, DateOnly last, CancellationToken ct = default)
    {
        var months = await db.Database.SqlQueryRaw<DateOnly>("""
                SELECT DISTINCT c.month AS "Value"
                FROM dossier_month_counts c JOIN units_in_force(@first_day, @last_day) f ON f.unit_id = c.unit_id
                WHERE f.code = @code AND c.month >= @first_day AND c.month <= @last_day
                """,
                new NpgsqlParameter("code", unitCode), new NpgsqlParameter("first_day", first), new NpgsqlParameter("last_day", last))
            .ToListAsync(ct);
        return months.ToHashSet();
    }

    /// <summary>Who opened or downloaded which list: the unit, indicator, months and filter (never the rows).</summary>
    public static async Task AuditAsync(ReformDbContext db, string action, string actor, DossierListSubject subject, string period, DossierListFilter filter,
        string? format, DateTimeOffset at, CancellationToken ct = default)
    {
        db.AuditLog.Add(new AuditEntry
        {
            At = at, Actor = actor, Action = action, Entity = "dossiers",
            EntityKey = $"{subject.UnitCode}/{subject.IndicatorCode}/{period}", UnitId = subject.UnitId,
            Details = JsonSerializer.Serialize(new
            {
                unit = subject.UnitCode, indicator = subject.IndicatorCode, period,
                procedure = filter.Procedure, field = filter.Field, status = filter.Status, missOnly = filter.MissOnly,
                sort = filter.Sort.ToString().ToLowerInvariant() + (filter.Descending ? " desc" : ""), format,
            }),
        });
        await db.SaveChangesAsync(ct);
    }
}
