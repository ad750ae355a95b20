using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Scorecards;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Data.Accounts;

/// <summary>
/// The one place between a department head's binding and the units. An account holds <c>units.key</c>, which
/// survives the restructuring, never a code (a code can be retired, or reused by another unit after a merger).
/// People type a code; it becomes a key when written, and a key becomes a code when shown or compared, always
/// through units_in_force (the one rule of which unit a code names when).
/// </summary>
public sealed class UnitBinding(IDbContextFactory<ReformDbContext> factory, TimeProvider clock)
{
    public DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    /// <summary>The key of the unit a typed code names today, or the resource key of why none (unknown, or not in force).</summary>
    public async Task<(string? Key, string? Problem)> KeyForBindingAsync(string code, CancellationToken ct = default)
    {
        if (await KeyOfAsync(code, Today, Today, ct) is { } key) return (key, null);
        await using var db = await factory.CreateDbContextAsync(ct);
        return (null, await db.UnitVersions.AnyAsync(v => v.Code == code, ct) ? "ProblemUnitNotInForce" : "ProblemUnknownUnit");
    }

    /// <summary>The key of the unit the code names in the period (a reused code: the unit that started later, as the scorecard reads it).</summary>
    public async Task<string?> KeyOfAsync(string code, DateOnly first, DateOnly last, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return (await CatalogueUnits.ByCodeAsync(db, code, first, last, ct))?.Info.Key;
    }

    /// <summary>The keys of every unit that ever carried the code, for a check that knows the code but not the period.</summary>
    public async Task<IReadOnlyList<string>> KeysEverCodedAsync(string code, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.UnitVersions.Where(v => v.Code == code).Select(v => v.Unit!.Key).Distinct().ToListAsync(ct);
    }

    /// <summary>The unit with the key as it is in force in the period (its latest version then), or null when it is not.</summary>
    public async Task<UnitInfo?> InForceAsync(string key, DateOnly first, DateOnly last, CancellationToken ct = default) =>
        (await InForceAsync([key], first, last, ct)).GetValueOrDefault(key);

    /// <summary>The unit with the key as it stands today: its latest version begun by today (an ended unit: its last one).</summary>
    public Task<UnitInfo?> CurrentAsync(string key, CancellationToken ct = default) => InForceAsync(key, DateOnly.MinValue, Today, ct);

    /// <summary>Each key's current unit, for lists of accounts.</summary>
    public Task<IReadOnlyDictionary<string, UnitInfo>> CurrentAsync(IEnumerable<string> keys, CancellationToken ct = default) =>
        InForceAsync(keys.Distinct(StringComparer.Ordinal).ToArray(), DateOnly.MinValue, Today, ct);

    private async Task<IReadOnlyDictionary<string, UnitInfo>> InForceAsync(string[] keys, DateOnly first, DateOnly last, CancellationToken ct)
    {
        if (keys.Length == 0) return new Dictionary<string, UnitInfo>();
        await using var db = await factory.CreateDbContextAsync(ct);
        return await CatalogueUnits.ByKeyAsync(db, keys, first, last, ct);
    }
}
