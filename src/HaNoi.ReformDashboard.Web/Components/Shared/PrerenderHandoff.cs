using Microsoft.Extensions.Caching.Memory;

namespace HaNoi.ReformDashboard.Web.Components.Shared;

/// <summary>
/// Hands what a page loaded while it was prerendered to the same page once its circuit starts, so the scorecard
/// is computed once per visit and the loading bar does not flash. Only a key travels in the page
/// (<c>[PersistentState]</c>); the scorecard stays on this server, which also runs the circuit (sticky sessions),
/// rather than being serialised into the HTML — at full size it is several megabytes.
/// </summary>
public sealed class PrerenderHandoff : IDisposable
{
    // Its own small cache: at most this many prerendered pages wait for their circuit at once.
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 256 });

    /// <summary>A prerendered page whose circuit never comes (a crawler, a closed tab) is forgotten after this.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    public string Put(string uri, object state)
    {
        var key = Guid.NewGuid().ToString("N");
        cache.Set(CacheKey(key), (uri, state), new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });
        return key;
    }

    /// <summary>The state left for this key and this address, once; null when it expired or belongs to another address.</summary>
    public T? Take<T>(string key, string uri) where T : class
    {
        if (!cache.TryGetValue(CacheKey(key), out (string Uri, object State) entry)) return null;
        cache.Remove(CacheKey(key));
        return entry.Uri == uri ? entry.State as T : null;
    }

    private static string CacheKey(string key) => "prerender:" + key;

    public void Dispose() => cache.Dispose();
}
