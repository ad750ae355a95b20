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
        async Task<double> GetAsync()
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead, ct);
            var elapsed = watch.Elapsed.TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref errors);
            return elapsed;
        }

        var first = await GetAsync();
        if (errors > 0) throw new InvalidOperationException($"GET {path} did not answer 200 OK for the signed-in leader.");
        for (var i = 0; i < 2; i++) await GetAsync(); // warm-up: the page's components, the connection
        var single = new List<double>();
        for (var i = 0; i < options.Runs; i++) single.Add(await GetAsync());
        var singleFigure = BenchFigure.FromSamples($"{name} over HTTP, one at a time", "ms", single, host.Floor);

        var latencies = new double[options.Requests];
        var watch = Stopwatch.StartNew();
        await Parallel.ForAsync(0, options.Requests, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = ct },
            async (i, _) => latencies[i] = await GetAsync());
        var seconds = watch.Elapsed.TotalSeconds;
        var many = BenchFigure.FromSamples($"{name} over HTTP, {options.Requests} at concurrency {options.Concurrency}", "ms", latencies, host.Floor,
            string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"p95 = {BenchStatistics.Percentile(latencies, 95) / singleFigure.Median:F1}× the single-request median; {options.Requests / seconds:F1} pages/s; {errors} errors; first request {first:F0} ms"));
        return [singleFigure, many];
    }
}
