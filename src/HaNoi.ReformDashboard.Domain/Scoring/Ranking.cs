namespace HaNoi.ReformDashboard.Domain.Scoring;

/// <summary>A peer's place: <see cref="Value"/> is unrounded; <see cref="Rank"/> 1 is the best.</summary>
public sealed record Ranked<TKey>(TKey Key, decimal Value, int Rank);

/// <summary>
/// Ranks peers of one level (docs/scoring.md, rule 6): by unit score, or by an indicator's value. Values are compared as
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

    /// <summary>
    /// Each peer's rank by <see cref="Rank{TKey}"/>'s rule, at the peer's position (null without a value): a scorecard
    /// ranks ten thousand communes on every indicator, and keying each ranking by unit code cost more than the sort.
    /// </summary>
    public static int?[] Places(IReadOnlyList<decimal?> values, Better better)
    {
        var places = new int?[values.Count];
        var (order, shown) = BestFirst(values, better);
        for (var i = 0; i < order.Length; i++)
            places[order[i]] = i > 0 && shown[order[i]] == shown[order[i - 1]] ? places[order[i - 1]] : i + 1;
        return places;
    }

    /// <summary>
    /// Each peer's <see cref="Changes{TKey}"/> at its position: null unless it has a value in both periods.
    /// </summary>
    public static int?[] ChangesAt(IReadOnlyList<decimal?> current, IReadOnlyList<decimal?> previous, Better better)
    {
        if (current.Count != previous.Count) throw new ArgumentException("Both periods need a value (or null) for every peer.", nameof(previous));
        var both = new List<int>(current.Count);
        for (var i = 0; i < current.Count; i++)
            if (current[i] is not null && previous[i] is not null) both.Add(i);
        var now = Places(both.Select(i => current[i]).ToArray(), better);
        var then = Places(both.Select(i => previous[i]).ToArray(), better);
        var changes = new int?[current.Count];
        for (var k = 0; k < both.Count; k++) changes[both[k]] = then[k] - now[k];
        return changes;
    }

    /// <summary>The positions that have a value, best first (equal shown values in input order), and every value as shown.</summary>
    private static (int[] Order, decimal[] Shown) BestFirst(IReadOnlyList<decimal?> values, Better better)
    {
        var shown = new decimal[values.Count];
        var order = new List<int>(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is not decimal value) continue;
            shown[i] = AtTwoDecimals(value);
            order.Add(i);
        }
        var sorted = order.ToArray();
        // The position breaks ties, so this unstable sort orders like the stable OrderBy of Rank.
        Array.Sort(sorted, better == Better.Higher
            ? (a, b) => shown[b].CompareTo(shown[a]) is var c and not 0 ? c : a.CompareTo(b)
            : (a, b) => shown[a].CompareTo(shown[b]) is var c and not 0 ? c : a.CompareTo(b));
        return (sorted, shown);
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
/// A level's benchmarks beside a unit's value (docs/scoring.md, rule 6). <see cref="Percentile75"/> is the 75th percentile
/// of performance: the value three quarters of peers do no better than. When lower is better (a rank) it is
/// therefore the 25th percentile of the values.
/// </summary>
public sealed record Benchmark(decimal? Median, decimal? Percentile75);

public static class Benchmarks
{
    /// <summary>Median and 75th percentile of performance over the peers that have a value; nulls without any.</summary>
    public static Benchmark Of(IEnumerable<decimal?> peerValues, Better better)
    {
        // Sorted once for both figures (a stable sort, as PercentileInc's, so equal values keep their scale's order).
        var sorted = peerValues.OfType<decimal>().Order().ToList();
        if (sorted.Count == 0) return new Benchmark(null, null);
        return new Benchmark(
            PercentileOfSorted(sorted, 0.5m),
            PercentileOfSorted(sorted, better == Better.Higher ? 0.75m : 0.25m));
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
        return PercentileOfSorted(sorted, p);
    }

    private static decimal PercentileOfSorted(List<decimal> sorted, decimal p)
    {
        var h = (sorted.Count - 1) * p;
        var below = (int)Math.Floor(h);
        if (below == sorted.Count - 1) return sorted[below];
        return sorted[below] + ((h - below) * (sorted[below + 1] - sorted[below]));
    }
}
