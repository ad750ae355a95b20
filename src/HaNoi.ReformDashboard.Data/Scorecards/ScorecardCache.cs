using HaNoi.ReformDashboard.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Npgsql;

namespace HaNoi.ReformDashboard.Data.Scorecards;

/// <summary>
/// Built scorecards, and the catalogue they are built from (units in force, indicators, targets), each kept under the
/// data version it was read at — the one rule for everything a scorecard reads: a write anywhere in it (an import, a
/// correction, a target, psql) moves <c>data_version</c> (migration DataVersion), so the next reader builds afresh.
/// Concurrent requests for a key share one build; a finished entry (immutable) is handed to every reader as it is.
/// A failed build is not kept.
/// </summary>
public sealed class ScorecardCache : IDisposable
{
    /// <summary>Entries kept at once; the oldest unused ones go first.</summary>
    public const int Capacity = 200;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = Capacity });
    private readonly Lock _gate = new();

    /// <summary>
    /// The counter every change to scorecard data moves on (migration DataVersion). Read at every cached request, so as
    /// a plain command on the pooled connection: no EF query pipeline to compile on the first request or to run after.
    /// </summary>
    public static async Task<long> DataVersionAsync(IDbContextFactory<ReformDbContext> factory, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT version FROM data_version", connection);
        return await command.ExecuteScalarAsync(ct) is long version ? version : 0;
    }

    /// <summary>The entry <paramref name="key"/> as read at <paramref name="dataVersion"/>, built by the first caller.</summary>
    public async Task<T> GetOrBuildAsync<T>(string key, long dataVersion, Func<Task<T>> build, CancellationToken ct)
    {
        var versioned = $"{key}@{dataVersion}";
        Lazy<Task<T>> entry;
        lock (_gate)
        {
            if (!_cache.TryGetValue(versioned, out entry!))
            {
                // The build runs without the caller's token: others may be waiting on it.
                entry = new Lazy<Task<T>>(build);
                _cache.Set(versioned, entry, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) });
            }
        }
        try
        {
            return await entry.Value.WaitAsync(ct);
        }
        catch when (entry.Value.IsFaulted)
        {
            lock (_gate) _cache.Remove(versioned);
            throw;
        }
    }

    public void Dispose() => _cache.Dispose();
}
