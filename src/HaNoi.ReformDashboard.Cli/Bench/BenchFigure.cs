using System.Globalization;

namespace HaNoi.ReformDashboard.Cli.Bench;

/// <summary>
/// One row of the bench table: what was measured, in which unit, its median and 95th percentile over the samples,
/// and its ratio to a baseline measured in the same run (the raw SQL floor, a bare COPY, a minimal page…).
/// </summary>
/// <param name="Name">What was measured, e.g. "scorecard cached" or "overview HTTP c=20".</param>
/// <param name="Unit">"ms", "rows/s", "MiB", "KB/circuit"…</param>
/// <param name="Baseline">The name of the figure the ratio is taken against (null: no ratio).</param>
/// <param name="Ratio">Median ÷ the baseline's median (for a rate: the baseline's rate ÷ this one, so larger is slower).</param>
/// <param name="Samples">How many measurements the median and p95 come from.</param>
/// <param name="Note">A short remark printed beside the row (sizes, counts, min/max).</param>
public sealed record BenchFigure(string Name, string Unit, double Median, double P95, string? Baseline = null, double? Ratio = null,
    int Samples = 1, string? Note = null)
{
    /// <summary>A timing figure from raw samples, its ratio to <paramref name="baseline"/> if given.</summary>
    public static BenchFigure FromSamples(string name, string unit, IReadOnlyCollection<double> samples, BenchFigure? baseline = null, string? note = null)
    {
        var median = BenchStatistics.Median(samples);
        return new BenchFigure(name, unit, median, BenchStatistics.Percentile(samples, 95), baseline?.Name,
            baseline is { Median: > 0 } ? median / baseline.Median : null, samples.Count, note);
    }

    /// <summary>The same figure with its ratio taken against <paramref name="baseline"/>.</summary>
    public BenchFigure Against(BenchFigure baseline) =>
        this with { Baseline = baseline.Name, Ratio = baseline.Median > 0 ? Median / baseline.Median : null };

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: median {Median:F1} {Unit}, p95 {P95:F1} {Unit}{(Ratio is { } r ? $", x{r:F2} {Baseline}" : "")}");
}

/// <summary>Median and percentiles (nearest rank) of a set of samples.</summary>
public static class BenchStatistics
{
    public static double Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>The nearest-rank percentile: the smallest sample with at least <paramref name="percent"/> % of samples at or below it.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double percent)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
