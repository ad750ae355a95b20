using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Scorecards;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Data.Catalogue;

/// <summary>Units by code (e.g. the districts a list of communes belongs to), for headings; a scorecard carries only its level.</summary>
public sealed class UnitNamesQuery(IDbContextFactory<ReformDbContext> factory)
{
    public async Task<IReadOnlyDictionary<string, UnitInfo>> RunAsync(IEnumerable<string> codes, CancellationToken ct = default)
    {
        var wanted = codes.Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0) return new Dictionary<string, UnitInfo>();
        await using var db = await factory.CreateDbContextAsync(ct);
        var units = await db.Units.AsNoTracking().Where(u => wanted.Contains(u.Code))
            .Select(u => new UnitInfo(u.Code, u.NameVi, u.NameEn, u.Level, u.Parent == null ? null : u.Parent.Code))
            .ToListAsync(ct);
        // One entry per code even when a unit has several versions: the names of any version will do for a heading.
        return units.GroupBy(u => u.Code).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }
}
