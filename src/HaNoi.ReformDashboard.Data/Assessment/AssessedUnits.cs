using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Domain.Catalogue;

namespace HaNoi.ReformDashboard.Data.Assessment;

/// <summary>
/// A unit as it was in an assessment year: its database id and the catalogue's one read type for a unit
/// (<see cref="UnitInfo"/>, from <see cref="CatalogueUnits"/>). The accessors below only read through to it, so the
/// assessment pages and files keep naming a unit's code, names, level (its block) and key as before.
/// </summary>
public sealed record AssessedUnit(int UnitId, UnitInfo Info)
{
    public string UnitKey => Info.Key!;
    public string Code => Info.Code;
    public string NameVi => Info.NameVi;
    public string NameEn => Info.NameEn;
    public UnitLevel Level => Info.Level;
}

/// <summary>The units of an assessment year, by the one rule for units in force (<c>units_in_force</c>) over the calendar year.</summary>
public static class AssessedUnits
{
    /// <summary>By code; a code two units held within the year names the one that started later (<see cref="UnitsInForce.ByCode{T}"/>).</summary>
    public static async Task<IReadOnlyDictionary<string, AssessedUnit>> ForYearAsync(ReformDbContext db, int year, CancellationToken ct = default)
    {
        var units = await CatalogueUnits.InForceAsync(db, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), ct);
        return units.GroupBy(u => u.Info.Code, StringComparer.Ordinal)
            .Select(g => g.MaxBy(u => u.ValidFrom)!)
            .ToDictionary(u => u.Info.Code, u => new AssessedUnit(u.Id, u.Info), StringComparer.Ordinal);
    }
}
