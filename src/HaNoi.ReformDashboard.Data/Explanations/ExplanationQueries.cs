using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Data.Explanations;

/// <summary>One version of an explanation as its readers see it.</summary>
public sealed record ExplanationVersion(
    string IndicatorCode, string Period, int Revision, bool IsCurrent, string Cause, string Remedy, DateOnly? ExpectedBy, string Author, DateTimeOffset CreatedAt);

/// <summary>A current explanation in the reform office's list, with the unit and indicator named.</summary>
public sealed record ExplanationListRow(
    string UnitCode, string UnitNameVi, string UnitNameEn, string IndicatorCode, string IndicatorNameVi, string IndicatorNameEn, ExplanationVersion Current);

public static class ExplanationQueries
{
    /// <summary>Every version of one unit's explanations for the period, newest first per indicator.</summary>
    public static async Task<IReadOnlyList<ExplanationVersion>> VersionsAsync(ReformDbContext db, string unitCode, Period period, CancellationToken ct = default)
    {
        if (await CatalogueUnits.ByCodeAsync(db, unitCode, period.FirstDay, period.LastDay, ct) is not { } unit) return [];
        var text = period.ToString();
        return await (from e in db.Explanations
                      join i in db.Indicators on e.IndicatorId equals i.Id
                      where e.UnitId == unit.Id && e.Period == text
                      orderby i.Code, e.Revision descending
                      select new ExplanationVersion(i.Code, e.Period, e.Revision, e.IsCurrent, e.Cause, e.Remedy, e.ExpectedBy, e.Author, e.CreatedAt))
            .ToListAsync(ct);
    }

    /// <summary>The periods of a plan year that hold a current explanation: what the list can be filtered by.</summary>
    public static async Task<IReadOnlyList<Period>> PeriodsAsync(ReformDbContext db, int planYear, CancellationToken ct = default)
    {
        var yearPrefix = planYear.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
        var texts = await db.Explanations.Where(e => e.IsCurrent && e.Period.StartsWith(yearPrefix)).Select(e => e.Period).Distinct().ToListAsync(ct);
        return texts.Select(t => Period.TryParse(t, out var p) ? p : (Period?)null).OfType<Period>()
            .OrderBy(p => p.LastMonth).ThenBy(p => p.MonthCount).ToList();
    }

    /// <summary>
    /// The current explanations of a plan year's periods (all of them, or one), each unit named as it was last called
    /// within that year (units in force over the year: the one rule, <see cref="CatalogueUnits"/>); a unit not in force
    /// in the year has no row. Newest first.
    /// </summary>
    public static async Task<IReadOnlyList<ExplanationListRow>> CurrentAsync(ReformDbContext db, int planYear, Period? period, CancellationToken ct = default)
    {
        var yearPrefix = planYear.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
        var periodText = period?.ToString();
        var rows = await (from e in db.Explanations
                          join i in db.Indicators on e.IndicatorId equals i.Id
                          where e.IsCurrent && e.Period.StartsWith(yearPrefix) && (periodText == null || e.Period == periodText)
                          orderby e.CreatedAt descending
                          select new
                          {
                              e.UnitId, i.Code, i.NameVi, i.NameEn,
                              Version = new ExplanationVersion(i.Code, e.Period, e.Revision, e.IsCurrent, e.Cause, e.Remedy, e.ExpectedBy, e.Author, e.CreatedAt),
                          }).ToListAsync(ct);
        var units = await CatalogueUnits.ByIdAsync(db, rows.Select(r => r.UnitId), new DateOnly(planYear, 1, 1), new DateOnly(planYear, 12, 31), ct);
        return rows.Where(r => units.ContainsKey(r.UnitId)).Select(r =>
        {
            var unit = units[r.UnitId];
            return new ExplanationListRow(unit.Code, unit.NameVi, unit.NameEn, r.Code, r.NameVi, r.NameEn, r.Version);
        }).ToList();
    }
}
