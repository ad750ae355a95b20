using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Web.Shared;

/// <summary>The view a page shows when the URL does not say: the plan calendar's defaults (<see cref="PlanCalendar"/>).</summary>
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
        var planYears = await PlanCalendar.PlanYearsAsync(db, ct);
        var parsedPeriod = ViewState.ParsePeriod(period);
        var planYear = ViewState.ParseYear(year) ?? parsedPeriod?.Year ?? (planYears.Count > 0 ? planYears[^1] : DateTime.Today.Year);
        var chosen = parsedPeriod
            ?? (await PlanCalendar.LatestMonthAsync(db, planYear, ct) is { } month ? Period.Month(planYear, month.Month) : Period.WholeYear(planYear));
        var chosenLevel = ViewState.ParseLevel(level)
            ?? LevelInForce(await CatalogueUnits.LevelsInForceAsync(db, chosen.FirstDay, chosen.LastDay, ct), defaultLevel);
        return new Resolved(new ViewState(planYear, chosen, chosenLevel), planYears);
    }

    /// <summary>The default level if it has units in force in the period, else the first that has.</summary>
    private static UnitLevel LevelInForce(IReadOnlySet<UnitLevel> levels, UnitLevel defaultLevel) =>
        levels.Count == 0 || levels.Contains(defaultLevel) ? defaultLevel : ViewState.SwitchableLevels.FirstOrDefault(levels.Contains, defaultLevel);
}
