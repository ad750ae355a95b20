using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Data.Catalogue;

/// <summary>A target's scope and the plan's own sentence behind it.</summary>
public sealed record TargetSentence(UnitLevel? Level, string? UnitCode, string SourceVi);

/// <summary>What an indicator means and who answers for it: definition, data source, owner and the plan's sentences.</summary>
public sealed record IndicatorDescription(
    string Code, string DefinitionVi, string DataSource, string? OwnerCode, string? OwnerNameVi, string? OwnerNameEn,
    IReadOnlyList<TargetSentence> Targets)
{
    /// <summary>
    /// The sentence of the target that applies to a unit (or, with no unit, to a level; with neither, the city):
    /// the unit's own target, else its level's, else every level's — the order of the engine's TargetBook.
    /// </summary>
    public string? SentenceFor(UnitLevel? level, string? unitCode = null) =>
        (unitCode is null ? null : Targets.FirstOrDefault(t => t.UnitCode == unitCode))?.SourceVi
        ?? Targets.FirstOrDefault(t => t.UnitCode is null && level is not null && t.Level == level)?.SourceVi
        ?? Targets.FirstOrDefault(t => t.UnitCode is null && t.Level is null)?.SourceVi;
}

/// <summary>The descriptions of every indicator for one plan year: one small query beside the scorecard.</summary>
public sealed class IndicatorDescriptionQuery(IDbContextFactory<ReformDbContext> factory)
{
    public async Task<IReadOnlyDictionary<string, IndicatorDescription>> RunAsync(int planYear, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var indicators = await db.Indicators.AsNoTracking()
            .Select(i => new { i.Code, i.DefinitionVi, i.DataSource, i.Owner })
            .ToListAsync(ct);
        var owners = indicators.Select(i => i.Owner).Where(o => o.Length > 0).Distinct().ToList();
        // The owner's and a unit target's names as they stood in the plan year (the one read, CatalogueUnits); an
        // owner's code names the unit that started later, should two hold it within the year.
        var latest = await CatalogueUnits.InForceAsync(db, new DateOnly(planYear, 1, 1), new DateOnly(planYear, 12, 31), ct);
        var ownerNames = latest.Where(u => owners.Contains(u.Info.Code)).GroupBy(u => u.Info.Code, StringComparer.Ordinal)
            .Select(g => g.MaxBy(u => u.ValidFrom)!.Info).ToList();
        var targets = (await db.Targets.AsNoTracking().Where(t => t.PlanYear == planYear)
            .Select(t => new { IndicatorCode = t.Indicator!.Code, t.Level, t.UnitId, t.SourceVi })
            .ToListAsync(ct))
            .Select(t => new { t.IndicatorCode, t.Level, UnitCode = latest.FirstOrDefault(u => u.Id == t.UnitId)?.Info.Code, t.SourceVi })
            .ToList();
        return indicators.ToDictionary(i => i.Code, i =>
        {
            var owner = ownerNames.FirstOrDefault(u => u.Code == i.Owner);
            return new IndicatorDescription(i.Code, i.DefinitionVi, i.DataSource, owner?.Code, owner?.NameVi, owner?.NameEn,
                targets.Where(t => t.IndicatorCode == i.Code && t.SourceVi.Length > 0)
                    .Select(t => new TargetSentence(t.UnitCode is null ? t.Level : null, t.UnitCode, t.SourceVi)).ToList());
        }, StringComparer.Ordinal);
    }
}
