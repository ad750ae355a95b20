using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HaNoi.ReformDashboard.Data.Assessment;

/// <summary>A unit as it was in an assessment year: identity, key, code, name and level (its block).</summary>
public sealed record AssessedUnit(int UnitId, string UnitKey, string Code, string NameVi, string NameEn, UnitLevel Level);

/// <summary>The units of an assessment year, by the one rule for units in force (<c>units_in_force</c>) over the calendar year.</summary>
public static class AssessedUnits
{
    private sealed record Row(int unit_id, string key, string code, string name_vi, string name_en, string level, DateOnly valid_from);

    /// <summary>By code; a code two units held within the year names the one that started later (<see cref="UnitsInForce.ByCode{T}"/>).</summary>
    public static async Task<IReadOnlyDictionary<string, AssessedUnit>> ForYearAsync(ReformDbContext db, int year, CancellationToken ct = default)
    {
        var rows = await db.Database.SqlQueryRaw<Row>(
                "SELECT f.unit_id, u.key, f.code, f.name_vi, f.name_en, f.level, f.valid_from FROM units_in_force(@first_day, @last_day) f JOIN units u ON u.id = f.unit_id",
                new NpgsqlParameter("first_day", new DateOnly(year, 1, 1)), new NpgsqlParameter("last_day", new DateOnly(year, 12, 31)))
            .ToListAsync(ct);
        return rows.GroupBy(r => r.code, StringComparer.Ordinal)
            .Select(g => g.MaxBy(r => r.valid_from)!)
            .Where(r => CatalogueCodes.TryParseLevel(r.level, out _))
            .ToDictionary(r => r.code, r =>
            {
                CatalogueCodes.TryParseLevel(r.level, out var level);
                return new AssessedUnit(r.unit_id, r.key, r.code, r.name_vi, r.name_en, level);
            }, StringComparer.Ordinal);
    }
}
