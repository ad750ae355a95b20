using System.Text;

namespace HaNoi.ReformDashboard.Cli.SeedGeneration;

/// <summary>
/// SplitMix64 (Steele, Lea, Flood 2014): a tiny, fully specified PRNG. Unlike <see cref="Random"/> its sequence is
/// fixed by this code alone, so demo data stays byte-for-byte reproducible across .NET versions and machines.
/// Only integer operations and IEEE-754 multiplication/addition are used, which are deterministic in .NET.
/// </summary>
public sealed class SplitMix64
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private ulong _state;

    public SplitMix64(ulong seed)
    {
        _state = seed;
    }

    /// <summary>
    /// An independent stream for one key (e.g. "unit|indicator"), so that each series depends only on the seed and its
    /// own key — adding a unit or an indicator does not change the figures of the others.
    /// </summary>
    public static SplitMix64 ForKey(int seed, string key)
    {
        ulong hash = Fnv1a64(key);
        ulong mixedSeed = Mix(unchecked((ulong)(uint)seed * Golden) ^ 0x5DEECE66DUL);
        return new SplitMix64(Mix(hash ^ mixedSeed));
    }

    public ulong NextUInt64()
    {
        unchecked
        {
            _state += Golden;
            return Mix(_state);
        }
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / 9007199254740992.0);

    /// <summary>Uniform in [low, high).</summary>
    public double Between(double low, double high) => low + ((high - low) * NextDouble());

    /// <summary>Uniform integer in [low, high] (both inclusive). The tiny modulo bias is irrelevant for demo data.</summary>
    public int NextInt(int low, int high)
    {
        if (high < low)
        {
            throw new ArgumentOutOfRangeException(nameof(high));
        }
        ulong span = (ulong)((long)high - low + 1);
        return (int)(low + (long)(NextUInt64() % span));
    }

    /// <summary>FNV-1a 64-bit over the UTF-8 bytes: a stable string hash (unlike <see cref="string.GetHashCode()"/>).</summary>
    public static ulong Fnv1a64(string text)
    {
        ulong hash = 0xCBF29CE484222325UL;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash = unchecked(hash * 0x100000001B3UL);
        }
        return hash;
    }

    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
