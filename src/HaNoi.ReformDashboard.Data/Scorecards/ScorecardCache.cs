using Microsoft.Extensions.Caching.Memory;

namespace HaNoi.ReformDashboard.Data.Scorecards;

/// <summary>
/// Built scorecards by key (plan year, period, scope, data version, day). Concurrent requests for a key share one
/// build; a finished scorecard (immutable) is handed to every reader as it is. A failed build is not kept.
/// </summary>
public sealed class ScorecardCache : IDisposable
{
    /// <summary>Scorecards kept at once; the oldest unused ones go first.</summary>
    public const int Capacity = 200;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = Capacity });
    private readonly Lock _gate = new();

    public async Task<Scorecard?> GetOrBuildAsync(string key, Func<Task<Scorecard?>> build, CancellationToken ct)
    {
        Lazy<Task<Scorecard?>> entry;
        lock (_gate)
        {
            if (!_cache.TryGetValue(key, out entry!))
            {
                // The build runs without the caller's token: others may be waiting on it.
                entry = new Lazy<Task<Scorecard?>>(build);
                _cache.Set(key, entry, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) });
            }
        }
        try
        {
            return await entry.Value.WaitAsync(ct);
        }
        catch when (entry.Value.IsFaulted)
        {
            lock (_gate) _cache.Remove(key);
            throw;
        }
    }

    public void Dispose() => _cache.Dispose();
}
