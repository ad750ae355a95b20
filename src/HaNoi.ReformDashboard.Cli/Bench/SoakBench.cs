using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime;
using HaNoi.ReformDashboard.Cli.Messages;

namespace HaNoi.ReformDashboard.Cli.Bench;

/// <summary>
/// <c>reform bench soak</c>: the dashboard hosted in this process (<see cref="BenchHost"/>) under a steady load for
/// N minutes — rounds of sessions, each the signed-in leader going through a mix of pages and report downloads — to
/// show what only time shows: errors that come and go, memory that creeps. A first round warms up (JIT, caches,
/// pools); the working set is then read after a full compacting GC, again at the end, and must end within 10 % of it.
/// Client and server share the process, so the figure is an upper bound for the server alone.
/// </summary>
public static class SoakBench
{
    public const double MaxGrowth = 0.10;

    public static Command Create()
    {
        Option<double> minutes = new("--minutes") { DefaultValueFactory = _ => 10, Description = CliText.Both("HowLongToRunMinutes") };
        Option<int> sessions = new("--sessions") { DefaultValueFactory = _ => 200, Description = CliText.Both("SessionsPerRound") };
        Option<int> concurrency = new("--concurrency") { DefaultValueFactory = _ => 20, Description = CliText.Both("SessionsAtOnceAsReform") };
        Command command = new("soak", CliText.Both("SteadyLoadForMinutesErrors")) { minutes, sessions, concurrency };
        command.SetAction(async (parse, ct) =>
        {
            var (output, log) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var (m, s, c) = (parse.GetValue(minutes), parse.GetValue(sessions), parse.GetValue(concurrency));
            if (m <= 0 || s < 1 || c < 1)
            {
                log.WriteLine(CliText.Both("MinutesMustBeAboveSessions"));
                return BenchAll.ExitInvalidInput;
            }
            await using var host = await BenchHost.StartAsync(ct);
            var result = await RunAsync(host, TimeSpan.FromMinutes(m), s, c, log, ct);
            foreach (var line in result.Lines) output.WriteLine(line);
            return result.Passed ? 0 : 1;
        });
        return command;
    }

    /// <summary>What one session opens, in order: the leader's pages and three downloads.</summary>
    public static IReadOnlyList<string> SessionPaths(int session)
    {
        var unit = (session % 3) switch { 0 => "268", 1 => "SNV", _ => "00001" };
        var month = $"2022-{session % 12 + 1:00}";
        return
        [
            $"/?year=2022&period={month}&level=district",
            $"/units/{unit}?year=2022&period={month}",
            $"/indicators/ONTIME?year=2022&period={month}&level=commune",
            $"/units/{unit}/indicators/ONLINE_DOSSIER?year=2022&period={month}",
            "/explanations?year=2022",
            $"/reports/download?year=2022&period={month}&format=pdf&kind=scorecard&unit={unit}",
            $"/reports/download?year=2022&period=2022-Q{session % 4 + 1}&format=xlsx&kind=report&level=district",
            $"/reports/download?year=2022&period={month}&format=pdf&kind=brief&unit={unit}",
        ];
    }

    public sealed record Result(bool Passed, IReadOnlyList<string> Lines);

    public static async Task<Result> RunAsync(BenchHost host, TimeSpan duration, int sessions, int concurrency, TextWriter log, CancellationToken ct)
    {
        var errors = new ConcurrentQueue<string>();
        var latencies = new ConcurrentBag<double>();
        long requests = 0, bytes = 0;
        using var client = host.CreateClient();

        var total = Stopwatch.StartNew();
        var started = 0L;
        var measured = new Stopwatch();
        // The warm-up round runs whole; the N minutes count after it, and no session starts once they are up (so
        // --minutes holds on a slow machine: the last round is cut short, its running sessions finish).
        async Task RoundAsync(int round) =>
            await Parallel.ForAsync(0, sessions, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct }, async (i, token) =>
            {
                if (round > 0 && measured.Elapsed >= duration) return;
                Interlocked.Increment(ref started);
                foreach (var path in SessionPaths(round * sessions + i))
                {
                    var watch = Stopwatch.StartNew();
                    try
                    {
                        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead, token);
                        var body = await response.Content.ReadAsByteArrayAsync(token);
                        latencies.Add(watch.Elapsed.TotalMilliseconds);
                        Interlocked.Add(ref bytes, body.Length);
                        if (response.StatusCode != HttpStatusCode.OK) errors.Enqueue($"{(int)response.StatusCode} {path}");
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !token.IsCancellationRequested)
                    {
                        errors.Enqueue($"{ex.GetType().Name} {path}: {ex.Message}");
                    }
                    Interlocked.Increment(ref requests);
                }
            });

        await RoundAsync(0);
        var warmUp = total.Elapsed;
        var (startSet, startHeap) = Memory();
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up round: {warmUp.TotalSeconds:F1} s; working set {startSet / Mib:F0} MiB, managed heap {startHeap / Mib:F0} MiB"));
        var (warmRequests, warmErrors, warmSessions) = (Interlocked.Read(ref requests), errors.Count, Interlocked.Read(ref started));
        latencies.Clear();

        measured.Start();
        var rounds = 0;
        // At least one round after the warm-up; then rounds until the time is up.
        do
        {
            await RoundAsync(++rounds);
            var (set, heap) = (Environment.WorkingSet, GC.GetTotalMemory(false));
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {rounds}: {measured.Elapsed.TotalMinutes:F1} min, {Interlocked.Read(ref requests) - warmRequests} requests, {errors.Count} errors, working set {set / Mib:F0} MiB, heap {heap / Mib:F0} MiB"));
        } while (measured.Elapsed < duration);
        var seconds = measured.Elapsed.TotalSeconds;
        var (endSet, endHeap) = Memory();

        var sorted = latencies.Order().ToArray();
        var growth = (double)(endSet - startSet) / startSet;
        var passed = errors.IsEmpty && growth <= MaxGrowth;
        var inv = CultureInfo.InvariantCulture;
        var measuredRequests = Interlocked.Read(ref requests) - warmRequests;
        List<string> lines =
        [
            string.Create(inv, $"soak: {total.Elapsed.TotalMinutes:F1} min in all; a warm-up round of {sessions} sessions ({warmRequests} requests, {warmErrors} errors), then {Interlocked.Read(ref started) - warmSessions} sessions in {rounds} rounds of up to {sessions} at concurrency {concurrency}"),
            string.Create(inv, $"after warm-up: {measuredRequests} requests in {seconds:F0} s ({measuredRequests / seconds:F1}/s), {Interlocked.Read(ref bytes) / Mib:F0} MiB received in all; latency p50 {Percentile(sorted, 50):F0} ms, p95 {Percentile(sorted, 95):F0} ms, max {(sorted.Length > 0 ? sorted[^1] : 0):F0} ms"),
            $"errors: {errors.Count} (must be 0)",
            string.Create(inv, $"working set (after a full GC): start {startSet / Mib:F0} MiB, end {endSet / Mib:F0} MiB, {growth:+0.0%;-0.0%} (must be within {MaxGrowth:0%}); managed heap {startHeap / Mib:F0} → {endHeap / Mib:F0} MiB"),
            passed ? "PASS" : "FAIL",
        ];
        lines.InsertRange(3, errors.GroupBy(e => e).OrderByDescending(g => g.Count()).Take(10).Select(g => $"  {g.Count()}× {g.Key}"));
        return new Result(passed, lines);
    }

    private const double Mib = 1024 * 1024;

    /// <summary>The process's working set and managed heap after a full, compacting collection: what stays, not garbage.</summary>
    private static (long WorkingSet, long Heap) Memory()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return (Environment.WorkingSet, GC.GetTotalMemory(false));
    }

    private static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0) return 0;
        var rank = p / 100 * (sorted.Length - 1);
        var (lo, hi) = ((int)Math.Floor(rank), (int)Math.Ceiling(rank));
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }
}
