using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HaNoi.ReformDashboard.Data.Catalogue;

/// <summary>A unit in force in the period, with its database id and the day its version started.</summary>
public sealed record PeriodUnit(int Id, UnitInfo Info, DateOnly ValidFrom);

/// <summary>
/// One stored version of a unit, for checks that hold a whole file against every version at once through the C# twin
/// of the rule (<see cref="UnitsInForce"/>): the import's and the dossier import's.
/// </summary>
public sealed record StoredUnitVersion(int UnitId, string UnitKey, string Code, string NameVi, string NameEn, UnitLevel Level, Validity Validity) : IUnitVersion;

/// <summary>
/// The one read of units in force: the catalogue's own statement (<see cref="ScorecardSql.Units"/>, on the SQL function
/// units_in_force — the one rule), narrowed by id, key or code. A query that shows or resolves a unit reads it here (or
/// from the cached <see cref="PeriodCatalogue"/>, the same statement), so a unit reads the same on every screen, report
/// and command. Runs on the caller's context, inside its transaction if it has one.
/// </summary>
public static class CatalogueUnits
{
    /// <summary>Every unit in force in [first, last], each as its latest version then, by code (then id).</summary>
    public static async Task<IReadOnlyList<PeriodUnit>> InForceAsync(ReformDbContext db, DateOnly first, DateOnly last, CancellationToken ct = default) =>
        await ReadAsync(db, All, first, last, [], ct);

    /// <summary>The units with these ids as they were in [first, last]; an id not in force then is absent.</summary>
    public static async Task<IReadOnlyDictionary<int, UnitInfo>> ByIdAsync(ReformDbContext db, IEnumerable<int> ids, DateOnly first, DateOnly last, CancellationToken ct = default)
    {
        var wanted = ids.Distinct().ToArray();
        if (wanted.Length == 0) return new Dictionary<int, UnitInfo>();
        var units = await ReadAsync(db, WithIds, first, last, [new NpgsqlParameter("ids", wanted)], ct);
        return units.ToDictionary(u => u.Id, u => u.Info);
    }

    /// <summary>The units with these stable keys as they were in [first, last]; a key not in force then is absent.</summary>
    public static async Task<IReadOnlyDictionary<string, UnitInfo>> ByKeyAsync(ReformDbContext db, IEnumerable<string> keys, DateOnly first, DateOnly last, CancellationToken ct = default)
    {
        var wanted = keys.Distinct(StringComparer.Ordinal).ToArray();
        if (wanted.Length == 0) return new Dictionary<string, UnitInfo>(StringComparer.Ordinal);
        var units = await ReadAsync(db, WithKeys, first, last, [new NpgsqlParameter("keys", wanted)], ct);
        return units.ToDictionary(u => u.Info.Key!, u => u.Info, StringComparer.Ordinal);
    }

    /// <summary>The unit a code names in [first, last] (a code reused within it: the unit that started later), or null.</summary>
    public static async Task<PeriodUnit?> ByCodeAsync(ReformDbContext db, string code, DateOnly first, DateOnly last, CancellationToken ct = default) =>
        (await ReadAsync(db, WithCode, first, last, [new NpgsqlParameter("code", code)], ct)).MaxBy(u => u.ValidFrom);

    // The catalogue's statement, narrowed: only these fixed texts are ever sent, with their values as parameters.
    private static readonly string All = Narrowed("");
    private static readonly string WithIds = Narrowed("WHERE u.unit_id = ANY(@ids)");
    private static readonly string WithKeys = Narrowed("WHERE u.key = ANY(@keys)");
    private static readonly string WithCode = Narrowed("WHERE u.code = @code");

    private static string Narrowed(string where) => $"SELECT * FROM ({ScorecardSql.Units}) u {where} ORDER BY u.code, u.unit_id";

    /// <summary>The levels that have a unit in force in [first, last] (none of districts after 1 July 2025).</summary>
    public static async Task<IReadOnlySet<UnitLevel>> LevelsInForceAsync(ReformDbContext db, DateOnly first, DateOnly last, CancellationToken ct = default)
    {
        var codes = await db.Database.SqlQueryRaw<string>($"SELECT DISTINCT u.level AS \"Value\" FROM ({ScorecardSql.Units}) u",
            new NpgsqlParameter("valid_from", first), new NpgsqlParameter("valid_to", last)).ToListAsync(ct);
        return codes.Select(Level).ToHashSet();
    }

    /// <summary>Every stored version of every unit (<see cref="StoredUnitVersion"/>).</summary>
    public static async Task<IReadOnlyList<StoredUnitVersion>> VersionsAsync(ReformDbContext db, CancellationToken ct = default) =>
        await db.UnitVersions.AsNoTracking()
            .Select(v => new StoredUnitVersion(v.UnitId, v.Unit!.Key, v.Code, v.NameVi, v.NameEn, v.Level, new Validity(v.ValidFrom, v.ValidTo)))
            .ToListAsync(ct);

    private static async Task<IReadOnlyList<PeriodUnit>> ReadAsync(ReformDbContext db, string sql, DateOnly first, DateOnly last,
        NpgsqlParameter[] filter, CancellationToken ct)
    {
        NpgsqlParameter[] parameters = [new("valid_from", first), new("valid_to", last), .. filter];
        var rows = await db.Database.SqlQueryRaw<Row>(sql, parameters).ToListAsync(ct);
        return rows.Select(ToUnit).ToList();
    }

    private static PeriodUnit ToUnit(Row r) =>
        new(r.unit_id, new UnitInfo(r.code, r.name_vi, r.name_en, Level(r.level), r.parent_code) { Key = r.key }, r.valid_from);

    internal static UnitLevel Level(string code) =>
        CatalogueCodes.TryParseLevel(code, out var level) ? level : throw new InvalidOperationException($"Unknown level '{code}'.");

    // Column names as ScorecardSql.Units returns them.
#pragma warning disable IDE1006
    private sealed record Row(int unit_id, string code, string name_vi, string name_en, string level, string? parent_code, DateOnly valid_from, string key);
#pragma warning restore IDE1006
}
