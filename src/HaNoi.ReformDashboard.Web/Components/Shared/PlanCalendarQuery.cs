using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Web.Components.Shared;

/// <summary>The plan years on record and the latest month with figures: what a page shows when the URL does not say.</summary>
public sealed class PlanCalendarQuery(IDbContextFactory<ReformDbContext> factory)
{
    public sealed record Resolved(ViewState View, IReadOnlyList<int> PlanYears);

    /// <summary>
    /// The view for the URL's year, period and level. Missing parts default to the latest plan year, its latest
    /// month with data (December 2022 for the demo data) and <paramref name="defaultLevel"/>; a period outside the
    /// plan year is kept so the page can say so.
    /// </summary>
    public async Task<Resolved> ResolveAsync(string? year, string? period, string? level, UnitLevel defaultLevel, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var planYears = await db.PlanYears.AsNoTracking().OrderBy(p => p.Year).Select(p => p.Year).ToListAsync(ct);
        var parsedPeriod = ViewState.ParsePeriod(period);
        var planYear = ViewState.ParseYear(year) ?? parsedPeriod?.Year ?? (planYears.Count > 0 ? planYears[^1] : DateTime.Today.Year);
        var chosen = parsedPeriod ?? await LatestMonthAsync(db, planYear, ct) ?? Period.WholeYear(planYear);
        return new Resolved(new ViewState(planYear, chosen, ViewState.ParseLevel(level) ?? await LevelInForceAsync(db, chosen, defaultLevel, ct)), planYears);
    }

    /// <summary>The default level if it has units in force in the period (no districts after 1 July 2025), else the first that has.</summary>
    private static async Task<UnitLevel> LevelInForceAsync(ReformDbContext db, Period period, UnitLevel defaultLevel, CancellationToken ct)
    {
        var levels = (await db.Database.SqlQueryRaw<string>(
                "SELECT DISTINCT level AS \"Value\" FROM units_in_force(@first_day, @last_day)",
                new Npgsql.NpgsqlParameter("first_day", period.FirstDay), new Npgsql.NpgsqlParameter("last_day", period.LastDay)).ToListAsync(ct))
            .Select(code => CatalogueCodes.TryParseLevel(code, out var l) ? l : (UnitLevel?)null).ToHashSet();
        if (levels.Count == 0 || levels.Contains(defaultLevel)) return defaultLevel;
        return ViewState.SwitchableLevels.FirstOrDefault(l => levels.Contains(l), defaultLevel);
    }

    private static async Task<Period?> LatestMonthAsync(ReformDbContext db, int year, CancellationToken ct)
    {
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 1);
        var latest = await db.Measurements.AsNoTracking()
            .Where(m => m.IsCurrent && m.Period >= first && m.Period <= last)
            .MaxAsync(m => (DateOnly?)m.Period, ct);
        return latest is { } month ? Period.Month(year, month.Month) : null;
    }
}
