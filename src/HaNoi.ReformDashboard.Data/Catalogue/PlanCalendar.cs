using HaNoi.ReformDashboard.Data.Schema;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Data.Catalogue;

/// <summary>The plan years on record and the latest month with figures: what a page falls back on when its URL does not say.</summary>
public static class PlanCalendar
{
    /// <summary>The plan years on record, oldest first.</summary>
    public static async Task<IReadOnlyList<int>> PlanYearsAsync(ReformDbContext db, CancellationToken ct = default) =>
        await db.PlanYears.AsNoTracking().OrderBy(p => p.Year).Select(p => p.Year).ToListAsync(ct);

    /// <summary>The latest month of <paramref name="year"/> with a current figure (its first day), or null.</summary>
    public static async Task<DateOnly?> LatestMonthAsync(ReformDbContext db, int year, CancellationToken ct = default)
    {
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 1);
        return await db.Measurements.AsNoTracking()
            .Where(m => m.IsCurrent && m.Period >= first && m.Period <= last)
            .MaxAsync(m => (DateOnly?)m.Period, ct);
    }
}
