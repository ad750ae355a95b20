using Microsoft.Extensions.Caching.Memory;

namespace HaNoi.ReformDashboard.Web.Shared;

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

    /// <param name="user">Who the page was prerendered for: only the same signed-in user's circuit may take it.</param>
    public string Put(string uri, string user, object state)
    {
        var key = Guid.NewGuid().ToString("N");
        cache.Set(CacheKey(key), (uri, user, state), new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });
        return key;
    }

    /// <summary>
    /// The state left for this key, address and user, once; null when it expired or belongs to another address or
    /// another user (a key copied into someone else's page yields nothing).
    /// </summary>
    public T? Take<T>(string key, string uri, string user) where T : class
    {
        if (!cache.TryGetValue(CacheKey(key), out (string Uri, string User, object State) entry)) return null;
        cache.Remove(CacheKey(key));
        return entry.Uri == uri && entry.User == user ? entry.State as T : null;
    }

    private static string CacheKey(string key) => "prerender:" + key;

    public void Dispose() => cache.Dispose();
}
