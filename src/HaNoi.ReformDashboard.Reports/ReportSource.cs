using HaNoi.ReformDashboard.Data.Dossiers;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Scorecards;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Reports;

/// <summary>
/// What a report is written from: the scorecard of the period and, for reports that state a change of score,
/// the scorecard of the previous like period (a quarter before a quarter) — both built by the one scoring service; for
/// the brief, the overdue dossiers of its unit or the city (<see cref="WithOverdueAsync"/>).
/// </summary>
public sealed record ReportSource(Scorecard Scorecard, Scorecard? Previous = null, BriefOverdue? Overdue = null)
{
    private static readonly TimeZoneInfo Hanoi = TimeZoneInfo.FindSystemTimeZoneById(DossierFigures.HanoiTimeZone);

    /// <summary>
    /// The source with the unit's (or the city's) dossiers overdue as of the period's last day (today while it runs), when
    /// its figures in the period are counted from dossiers; unchanged otherwise.
    /// </summary>
    public async Task<ReportSource> WithOverdueAsync(IDbContextFactory<ReformDbContext> factory, TimeProvider clock, CancellationToken ct = default)
    {
        var period = Scorecard.Period;
        await using var db = await factory.CreateDbContextAsync(ct);
        var counted = await DossierListSubjects.UnitsCountedAsync(db, period.FirstDay, period.LastDay, ct);
        var code = Scorecard.Scope.UnitCode;
        if (code is null ? counted.Count == 0 : !counted.Contains(code)) return this;
        var asOf = DossierOverdue.DefaultAsOf(period.LastDay, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Hanoi).DateTime));
        int? unitId = null;
        if (code is not null)
        {
            if (await DossierOverdue.FindAsync(db, code, asOf, ct) is not { } subject) return this;
            unitId = subject.UnitId;
        }
        return this with { Overdue = new BriefOverdue(asOf, (await DossierOverdue.CountsAsync(db, asOf, unitId, ct)).City) };
    }

    /// <summary>The source, or null when the request names a unit that does not exist in the period.</summary>
    public static async Task<ReportSource?> LoadAsync(ScorecardService scorecards, ScorecardRequest request, bool withPrevious, CancellationToken ct = default)
    {
        // A report shows one unit, never its peers' rows: the unit alone, ranked by its level's shared scorecard.
        if (request.Scope is { UnitCode: { } code, IndicatorCode: null, Alone: false })
            request = request with { Scope = ScorecardScope.ForUnitAlone(code) };
        var card = await scorecards.GetAsync(request, ct);
        if (card is null) return null;
        if (!withPrevious) return new(card);
        // The previous period is scored against its own plan year's targets, as it was reported then.
        var before = request.Period.Previous();
        return new(card, await scorecards.GetAsync(new ScorecardRequest(before.Year, before, request.Scope), ct));
    }
}

/// <summary>How many dossiers were past due and still open at the end of <see cref="AsOf"/>.</summary>
public sealed record BriefOverdue(DateOnly AsOf, long Count);
