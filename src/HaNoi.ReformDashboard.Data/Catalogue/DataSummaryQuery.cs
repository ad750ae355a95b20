using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Data.Catalogue;

public sealed record DataSummary(
    IReadOnlyDictionary<UnitLevel, int> UnitsByLevel,
    int Pillars,
    int Indicators,
    int Targets,
    long Measurements,
    DateOnly? FirstMonth,
    DateOnly? LastMonth);

/// <summary>What the database holds, in a handful of counts (home page, CLI).</summary>
public sealed class DataSummaryQuery(IDbContextFactory<ReformDbContext> factory)
{
    public async Task<DataSummary> RunAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        // Every unit that ever held the level, restructured ones included.
        var byLevel = await db.UnitVersions.GroupBy(u => u.Level).Select(g => new { g.Key, Count = g.Select(v => v.UnitId).Distinct().Count() }).ToListAsync(ct);
        var months = await db.Measurements.Where(m => m.IsCurrent)
            .GroupBy(_ => 1)
            .Select(g => new { Count = g.LongCount(), First = g.Min(m => m.Period), Last = g.Max(m => m.Period) })
            .SingleOrDefaultAsync(ct);
        return new DataSummary(
            Enum.GetValues<UnitLevel>().ToDictionary(l => l, l => byLevel.SingleOrDefault(x => x.Key == l)?.Count ?? 0),
            await db.Pillars.CountAsync(ct),
            await db.Indicators.CountAsync(ct),
            await db.Targets.CountAsync(ct),
            months?.Count ?? 0,
            months?.First,
            months?.Last);
    }
}
