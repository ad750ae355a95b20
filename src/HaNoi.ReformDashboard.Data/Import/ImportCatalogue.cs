using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Seed;
using HaNoi.ReformDashboard.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Data.Import;

/// <summary>The database's units, indicators and plan-year catalogues, as the measurement checks read them.</summary>
public sealed class ImportCatalogue
{
    public required MeasurementCatalogue Checks { get; init; }
    public required IReadOnlyDictionary<string, int> UnitIds { get; init; }
    public required IReadOnlyDictionary<string, int> IndicatorIds { get; init; }

    /// <summary>The unit's name in the month a row reports, as the preview shows it beside the code.</summary>
    public (string Vi, string En) NameOf(MeasurementRow row) =>
        _versionsByKey.TryGetValue(row.UnitKey, out var versions)
        && UnitsInForce.ByCode(versions, row.UnitCode, row.Period, row.Period.AddMonths(1).AddDays(-1)) is { } v
            ? (v.NameVi, v.NameEn) : ("", "");

    private Dictionary<string, List<StoredUnitVersion>> _versionsByKey = [];

    public static async Task<ImportCatalogue> LoadAsync(ReformDbContext db, DateOnly today, CancellationToken ct = default)
    {
        var stored = await CatalogueUnits.VersionsAsync(db, ct);
        var indicators = await db.Indicators.AsNoTracking().Select(i => new { i.Id, i.Code, i.Kind }).ToListAsync(ct);
        var years = await db.PlanYears.AsNoTracking().Select(p => p.Year).ToListAsync(ct);
        var entries = await db.PlanYearIndicators.AsNoTracking().Select(p => new { p.PlanYear, p.Indicator!.Code, p.Levels }).ToListAsync(ct);
        return new ImportCatalogue
        {
            _versionsByKey = stored.GroupBy(v => v.UnitKey).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal),
            Checks = new MeasurementCatalogue
            {
                Units = stored,
                Kinds = indicators.ToDictionary(i => i.Code, i => i.Kind, StringComparer.Ordinal),
                PlanYears = years.ToDictionary(y => y, y => (IReadOnlyDictionary<string, IReadOnlyList<UnitLevel>>)entries.Where(e => e.PlanYear == y)
                    .ToDictionary(e => e.Code, e => (IReadOnlyList<UnitLevel>)e.Levels, StringComparer.Ordinal)),
                LastMonth = new DateOnly(today.Year, today.Month, 1),
            },
            UnitIds = stored.GroupBy(v => v.UnitKey).ToDictionary(g => g.Key, g => g.First().UnitId, StringComparer.Ordinal),
            IndicatorIds = indicators.ToDictionary(i => i.Code, i => i.Id, StringComparer.Ordinal),
        };
    }
}
