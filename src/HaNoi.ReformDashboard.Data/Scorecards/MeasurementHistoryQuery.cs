using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Data.Schema;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Data.Scorecards;

public sealed record MeasurementRevision(
    DateOnly Month, int Revision, decimal? Numerator, decimal? Denominator, decimal? Value,
    bool IsCurrent, string Source, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>Every revision of one unit's monthly figures for one indicator in a plan year, oldest month and revision first.</summary>
public sealed class MeasurementHistoryQuery(IDbContextFactory<ReformDbContext> factory)
{
    public async Task<IReadOnlyList<MeasurementRevision>> RunAsync(string unitCode, string indicatorCode, int planYear, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var first = new DateOnly(planYear, 1, 1);
        var last = new DateOnly(planYear, 12, 1);
        if (await CatalogueUnits.ByCodeAsync(db, unitCode, first, new DateOnly(planYear, 12, 31), ct) is not { } unit) return [];
        return await db.Measurements.AsNoTracking()
            .Where(m => m.Period >= first && m.Period <= last && m.UnitId == unit.Id
                && db.Indicators.Any(i => i.Id == m.IndicatorId && i.Code == indicatorCode))
            .OrderBy(m => m.Period).ThenBy(m => m.Revision)
            .Select(m => new MeasurementRevision(m.Period, m.Revision, m.Numerator, m.Denominator, m.Value, m.IsCurrent, m.Source, m.RecordedBy, m.RecordedAt))
            .ToListAsync(ct);
    }
}
