namespace HaNoi.ReformDashboard.Domain.Scoring;

/// <summary>A peer's place: <see cref="Value"/> is unrounded; <see cref="Rank"/> 1 is the best.</summary>
public sealed record Ranked<TKey>(TKey Key, decimal Value, int Rank);

/// <summary>
/// Ranks peers of one level (DESIGN §3.6): by unit score, or by an indicator's value. Values are compared as
/// they are displayed, at two decimals, so ties on screen share a rank; competition ranking gives 1, 2, 2, 4.
/// Peers without a value are left out — never ranked as 0.
/// </summary>
public static class Ranking
{
    /// <summary>The two-decimal figure that is displayed and compared (rounded half away from zero).</summary>
    public static decimal AtTwoDecimals(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Best first; equal peers keep their input order. Use <see cref="Better.Higher"/> for scores and
    /// <see cref="IndicatorRule.Orientation"/> for an indicator's values (lower is better for a rank).
    /// </summary>
    public static IReadOnlyList<Ranked<TKey>> Rank<TKey>(IEnumerable<(TKey Key, decimal? Value)> peers, Better better)
    {
        var valued = peers
            .Where(p => p.Value is not null)
            .Select(p => (p.Key, Value: p.Value!.Value, Shown: AtTwoDecimals(p.Value!.Value)));
        var ordered = better == Better.Higher
            ? valued.OrderByDescending(p => p.Shown).ToList()
            : valued.OrderBy(p => p.Shown).ToList();

        var ranked = new List<Ranked<TKey>>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var rank = i > 0 && ordered[i].Shown == ordered[i - 1].Shown ? ranked[i - 1].Rank : i + 1;
            ranked.Add(new Ranked<TKey>(ordered[i].Key, ordered[i].Value, rank));
        }
        return ranked;
    }

    /// <summary>
    /// Places gained since the previous like period (positive: better). Both periods are ranked among the same peers
    /// only — those with a value in both — so a unit that came, went or had no figure changes nobody's movement.
    /// </summary>
    public static IReadOnlyDictionary<TKey, int> Changes<TKey>(
        IEnumerable<(TKey Key, decimal? Current, decimal? Previous)> peers, Better better) where TKey : notnull
    {
        var both = peers.Where(p => p.Current is not null && p.Previous is not null).ToList();
        var now = Rank(both.Select(p => (p.Key, p.Current)), better).ToDictionary(r => r.Key, r => r.Rank);
        var then = Rank(both.Select(p => (p.Key, p.Previous)), better).ToDictionary(r => r.Key, r => r.Rank);
        return now.ToDictionary(kv => kv.Key, kv => then[kv.Key] - kv.Value);
    }
}

public static class Percentiles
{
    /// <summary>
    /// A peer's percentile: the share, in percent, of the other ranked peers it is strictly ahead of (rank 1 of
    /// 21 with no tie is 100, the last is 0; peers tied with it do not count). Null with no other peer.
    /// </summary>
    public static decimal? Of(int? rank, IReadOnlyCollection<int> ranks) => Among(ranks)(rank);

    /// <summary>
    /// Every peer's percentile among <paramref name="ranks"/> (the rule of <see cref="Of"/>), from one sort: a level of
    /// ten thousand communes asks for each of theirs, and counting the peers behind each one anew is 10^8 steps.
    /// </summary>
    public static Func<int?, decimal?> Among(IReadOnlyCollection<int> ranks)
    {
        if (ranks.Count < 2) return _ => null;
        var sorted = ranks.Order().ToArray();
        return rank => rank is int r ? 100m * (sorted.Length - FirstAbove(sorted, r)) / (sorted.Length - 1) : null;
    }

    /// <summary>The index of the first rank greater than <paramref name="rank"/> (the length when none is).</summary>
    private static int FirstAbove(int[] sorted, int rank)
    {
        var (low, high) = (0, sorted.Length);
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (sorted[middle] <= rank) low = middle + 1;
            else high = middle;
        }
        return low;
    }
}

/// <summary>
/// A level's benchmarks beside a unit's value (DESIGN §3.6). <see cref="Percentile75"/> is the 75th percentile
/// of performance: the value three quarters of peers do no better than. When lower is better (a rank) it is
/// therefore the 25th percentile of the values.
/// </summary>
public sealed record Benchmark(decimal? Median, decimal? Percentile75);

public static class Benchmarks
{
    /// <summary>Median and 75th percentile of performance over the peers that have a value; nulls without any.</summary>
    public static Benchmark Of(IEnumerable<decimal?> peerValues, Better better)
    {
        var values = peerValues.OfType<decimal>().ToList();
        if (values.Count == 0) return new Benchmark(null, null);
        return new Benchmark(
            PercentileInc(values, 0.5m),
            PercentileInc(values, better == Better.Higher ? 0.75m : 0.25m));
    }

    /// <summary>
    /// Like Excel's PERCENTILE.INC: sort ascending, h = (n − 1) × p, then interpolate linearly between the
    /// values at positions ⌊h⌋ and ⌊h⌋ + 1 (0-based).
    /// </summary>
    public static decimal PercentileInc(IEnumerable<decimal> values, decimal p)
    {
        if (p is < 0m or > 1m) throw new ArgumentOutOfRangeException(nameof(p), p, "A percentile lies between 0 and 1.");
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) throw new ArgumentException("A percentile needs at least one value.", nameof(values));

        var h = (sorted.Count - 1) * p;
        var below = (int)Math.Floor(h);
        if (below == sorted.Count - 1) return sorted[below];
        return sorted[below] + ((h - below) * (sorted[below + 1] - sorted[below]));
    }
}
