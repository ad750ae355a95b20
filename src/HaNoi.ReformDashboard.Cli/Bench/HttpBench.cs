using System.Diagnostics;
using System.Net;

namespace HaNoi.ReformDashboard.Cli.Bench;

/// <summary>Pages of the hosted dashboard over HTTP as the signed-in leader: one at a time, then many at once.</summary>
public static class HttpBench
{
    public static async Task<IReadOnlyList<BenchFigure>> RunAsync(BenchHost host, string name, string path, BenchAllOptions options, CancellationToken ct)
    {
        using var client = host.CreateClient();
        var errors = 0;
        long bytes = 0;
        async Task<double> GetAsync()
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead, ct);
            var elapsed = watch.Elapsed.TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref errors);
            bytes = response.Content.Headers.ContentLength ?? (await response.Content.ReadAsByteArrayAsync(ct)).Length;
            return elapsed;
        }

        var first = await GetAsync();
        if (errors > 0) throw new InvalidOperationException($"GET {path} did not answer 200 OK for the signed-in leader.");
        for (var i = 0; i < 2; i++) await GetAsync(); // warm-up: the page's components, the connection
        var single = new List<double>();
        for (var i = 0; i < options.Runs; i++) single.Add(await GetAsync());
        var singleFigure = BenchFigure.FromSamples($"{name} over HTTP, one at a time", "ms", single, host.Floor,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"GET {path}: {bytes / 1024:N0} KiB of HTML"));

        async Task<BenchFigure> ManyAsync(int concurrency, string label)
        {
            var latencies = new double[options.Requests];
            var watch = Stopwatch.StartNew();
            await Parallel.ForAsync(0, options.Requests, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct },
                async (i, _) => latencies[i] = await GetAsync());
            var seconds = watch.Elapsed.TotalSeconds;
            return BenchFigure.FromSamples($"{name} over HTTP, {options.Requests} at concurrency {concurrency}{label}", "ms", latencies, host.Floor,
                string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"p95 = {BenchStatistics.Percentile(latencies, 95) / singleFigure.Median:F1}× the single-request median; {options.Requests / seconds:F1} pages/s; {errors} errors; first request {first:F0} ms"));
        }

        // One request per core first: a CPU-bound page can only queue beyond that (at concurrency c, about c ÷ cores
        // deep), so this row shows whether anything but the cores makes requests wait for each other.
        var cores = Environment.ProcessorCount;
        if (cores >= options.Concurrency) return [singleFigure, await ManyAsync(options.Concurrency, "")];
        return [singleFigure, await ManyAsync(cores, " (one per core)"), await ManyAsync(options.Concurrency, "")];
    }
}
