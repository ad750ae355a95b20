using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Domain.Catalogue;

namespace HaNoi.ReformDashboard.Data.Assessment;

/// <summary>A unit as it was in an assessment year: identity, key, code, name and level (its block).</summary>
public sealed record AssessedUnit(int UnitId, string UnitKey, string Code, string NameVi, string NameEn, UnitLevel Level);

/// <summary>The units of an assessment year, by the one rule for units in force (<c>units_in_force</c>) over the calendar year.</summary>
public static class AssessedUnits
{
    /// <summary>By code; a code two units held within the year names the one that started later (<see cref="UnitsInForce.ByCode{T}"/>).</summary>
    public static async Task<IReadOnlyDictionary<string, AssessedUnit>> ForYearAsync(ReformDbContext db, int year, CancellationToken ct = default)
    {
        var units = await CatalogueUnits.InForceAsync(db, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), ct);
        return units.GroupBy(u => u.Info.Code, StringComparer.Ordinal)
            .Select(g => g.MaxBy(u => u.ValidFrom)!)
            .ToDictionary(u => u.Info.Code, u => new AssessedUnit(u.Id, u.Info.Key!, u.Info.Code, u.Info.NameVi, u.Info.NameEn, u.Info.Level), StringComparer.Ordinal);
    }
}
