using System.CommandLine;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Runtime;
using Microsoft.Playwright;
using HaNoi.ReformDashboard.Cli.Messages;

namespace HaNoi.ReformDashboard.Cli.Bench;

/// <summary>What the circuit bench opens and how many: idle circuits per page, and the sizes of the scripted crowds.</summary>
public sealed record CircuitBenchOptions(int IdleCircuits = 30, IReadOnlyList<int>? Crowds = null, int IdleRounds = 3, string Year = "2022", string Month = "12", string OtherMonth = "11", string Level = "district")
{
    public IReadOnlyList<int> CrowdSizes => Crowds ?? [10, 50, 100];
    public string OverviewPath => $"?year={Year}&period={Year}-{Month}&level={Level}";
}

/// <summary>
/// <c>reform bench circuits</c> and the "circuits" section of <c>reform bench all</c> (issue 11): what a Blazor circuit
/// costs the server and how fast it answers, measured in the process that hosts the dashboard (<see cref="BenchHost"/>).
/// Idle memory: N Chromium contexts open the Overview, a full compacting GC, the growth of the working set (and of the
/// managed heap) ÷ N — against the same done with a minimal page (the layout and a message) in the same run, so the
/// browser driver's own objects in this process cancel out. Then crowds of scripted users (open the Overview,
/// switch the period, drill into a unit) at once: p50 and p95 of each step, errors, and memory once they left.
/// Live circuits are counted from ASP.NET Core's own meter, so "they left" means the server let go of them.
/// </summary>
public static class CircuitBench
{
    private const string MinimalPath = "not-found";

    public static Command Create()
    {
        Option<int> circuits = new("--circuits") { DefaultValueFactory = _ => 30, Description = CliText.Both("IdleCircuitsPerPage") };
        Option<string> crowds = new("--users") { DefaultValueFactory = _ => "10,50,100", Description = CliText.Both("ConcurrentScriptedUsersCommaSeparated") };
        Option<string> level = new("--level") { DefaultValueFactory = _ => "district", Description = CliText.Both("TheOverviewSLevel") };
        Command command = new("circuits", CliText.Both("ACircuitSMemoryAnd"))
        {
            circuits, crowds, level,
        };
        command.SetAction(async (parse, ct) =>
        {
            var (output, log) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var sizes = new List<int>();
            foreach (var part in parse.GetValue(crowds)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size < 1)
                {
                    log.WriteLine(CliText.Both("IsNotANumberOf", part));
                    return BenchAll.ExitInvalidInput;
                }
                sizes.Add(size);
            }
            if (parse.GetValue(circuits) < 1)
            {
                log.WriteLine(CliText.Both("CircuitsMustBeAtLeast"));
                return BenchAll.ExitInvalidInput;
            }
            await using var host = await BenchHost.StartAsync(ct);
            var figures = await RunAsync(host, new CircuitBenchOptions(parse.GetValue(circuits), sizes, Level: parse.GetValue(level)!), log, ct);
            foreach (var figure in figures) output.WriteLine(figure + (figure.Note is { } note ? $" ({note})" : ""));
            return 0;
        });
        return command;
    }

    /// <summary>The section as <c>reform bench all</c> calls it: the default sizes, progress on standard error.</summary>
    public static Task<IReadOnlyList<BenchFigure>> RunAsync(BenchHost host, CancellationToken ct) => RunAsync(host, new CircuitBenchOptions(), Console.Error, ct);

    public static async Task<IReadOnlyList<BenchFigure>> RunAsync(BenchHost host, CircuitBenchOptions options, TextWriter log, CancellationToken ct)
    {
        using var live = new LiveCircuits();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var users = new Users(host, browser);
        var overview = options.OverviewPath;

        // The scorecard cache, the JIT and the static files are shared by every circuit: warm them first.
        foreach (var path in new[] { MinimalPath, overview })
            await users.VisitAsync(path, ct);
        await live.WaitForAsync(0, ct);

        // A round of both, not counted: the first circuits make the process commit memory it keeps (the working set
        // hardly shrinks after a GC), so whichever page were measured first would pay for both.
        log.WriteLine($"circuits: warming up with {options.IdleCircuits} idle circuits of each page…");
        await IdleAsync(users, live, MinimalPath, "minimal page", options.IdleCircuits, ct);
        await IdleAsync(users, live, overview, "Overview", options.IdleCircuits, ct);

        // Then rounds of both, one after the other: the working set moves with the GC's commit decisions, so one round
        // alone can put the Overview below the minimal page; the median over rounds is the figure.
        var rounds = new List<(Idle Minimal, Idle Overview)>();
        for (var round = 1; round <= options.IdleRounds; round++)
        {
            log.WriteLine($"circuits: round {round}/{options.IdleRounds}: {options.IdleCircuits} idle circuits of a minimal page, then of the Overview…");
            rounds.Add((await IdleAsync(users, live, MinimalPath, "minimal page", options.IdleCircuits, ct),
                await IdleAsync(users, live, overview, "Overview", options.IdleCircuits, ct)));
        }
        BenchFigure Over(string name, Func<(Idle Minimal, Idle Overview), double> value, string? note = null) =>
            BenchFigure.FromSamples(name, "KB/circuit", rounds.Select(value).ToList(), note: note);
        var (last, count) = (rounds[^1], $"{options.IdleCircuits} circuits, {rounds.Count} rounds");
        var figures = new List<BenchFigure>();
        var minimalSet = Over("idle circuit: minimal page (working set)", r => r.Minimal.WorkingSet.Median, $"{count}; last {last.Minimal.WorkingSet.Note}");
        figures.Add(minimalSet);
        figures.Add(Over("idle circuit: Overview (working set)", r => r.Overview.WorkingSet.Median, $"{count}; last {last.Overview.WorkingSet.Note}").Against(minimalSet));
        figures.Add(Over("idle circuit: Overview above the minimal page (working set)", r => r.Overview.WorkingSet.Median - r.Minimal.WorkingSet.Median, "goal ≤ 300 KB"));
        var minimalHeap = Over("idle circuit: minimal page (managed heap)", r => r.Minimal.Heap.Median, $"last {last.Minimal.Heap.Note}");
        figures.Add(minimalHeap);
        figures.Add(Over("idle circuit: Overview (managed heap)", r => r.Overview.Heap.Median, $"last {last.Overview.Heap.Note}").Against(minimalHeap));
        figures.Add(Over("idle circuit: Overview above the minimal page (managed heap)", r => r.Overview.Heap.Median - r.Minimal.Heap.Median,
            "what the circuits' objects hold after a full compacting GC, free of the GC's commit decisions"));
        // The growths start from what the round before left (pooled buffers of the circuits it closed, reused by the next):
        // the memory held with the circuits open, page against page, does not depend on that starting point.
        figures.Add(Over("idle circuit: Overview above the minimal page, held with the circuits open (working set)",
            r => (r.Overview.Held.WorkingSet - r.Minimal.Held.WorkingSet) / 1024.0 / options.IdleCircuits, "goal ≤ 300 KB"));
        figures.Add(Over("idle circuit: Overview above the minimal page, held with the circuits open (managed heap)",
            r => (r.Overview.Held.Heap - r.Minimal.Held.Heap) / 1024.0 / options.IdleCircuits));

        foreach (var size in options.CrowdSizes)
        {
            log.WriteLine($"circuits: {size} scripted users at once…");
            figures.AddRange(await CrowdAsync(users, live, options, size, ct));
        }
        return figures;
    }

    private sealed record Idle(BenchFigure WorkingSet, BenchFigure Heap, (long WorkingSet, long Heap) Held);

    private static async Task<Idle> IdleAsync(Users users, LiveCircuits live, string path, string label, int count, CancellationToken ct)
    {
        var before = Memory.Settled();
        var circuitsBefore = live.Count;
        var pages = new List<IPage>();
        // A few at a time: opening is not what is measured here, holding is.
        foreach (var batch in Enumerable.Range(0, count).Chunk(4))
            pages.AddRange(await Task.WhenAll(batch.Select(_ => users.OpenAsync(path, ct))));
        await live.WaitForAsync(circuitsBefore + count, ct);
        var held = Memory.Settled();
        foreach (var page in pages) await page.Context.CloseAsync();
        await live.WaitForAsync(circuitsBefore, ct);

        double PerCircuit(long grown) => grown / 1024.0 / count;
        var note = $"{count} circuits; {before.WorkingSet / Memory.MiB} → {held.WorkingSet / Memory.MiB} MiB working set";
        return new Idle(
            new BenchFigure($"idle circuit: {label} (working set)", "KB/circuit", PerCircuit(held.WorkingSet - before.WorkingSet), PerCircuit(held.WorkingSet - before.WorkingSet), Note: note),
            new BenchFigure($"idle circuit: {label} (managed heap)", "KB/circuit", PerCircuit(held.Heap - before.Heap), PerCircuit(held.Heap - before.Heap),
                Note: $"{before.Heap / Memory.MiB} → {held.Heap / Memory.MiB} MiB heap"), held);
    }

    /// <summary><paramref name="size"/> users at once, each: open the Overview, switch the month, open the first unit of the league.</summary>
    private static async Task<IEnumerable<BenchFigure>> CrowdAsync(Users users, LiveCircuits live, CircuitBenchOptions options, int size, CancellationToken ct)
    {
        var before = Memory.Settled();
        var circuitsBefore = live.Count;
        var steps = new Dictionary<string, List<double>> { ["open Overview"] = [], ["switch period"] = [], ["drill into a unit"] = [] };
        var errors = 0;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, size).Select(async _ =>
        {
            IPage? page = null;
            try
            {
                page = await users.NewPageAsync();
                var times = await users.ScriptAsync(page, options, ct);
                lock (steps)
                    foreach (var (step, ms) in times) steps[step].Add(ms);
            }
            catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
            {
                Interlocked.Increment(ref errors);
            }
            finally
            {
                if (page is not null) await page.Context.CloseAsync();
            }
        }));
        var elapsed = wall.Elapsed.TotalSeconds;
        await live.WaitForAsync(circuitsBefore, ct);
        var after = Memory.Settled();

        var figures = steps.Select(s => BenchFigure.FromSamples($"{size} users: {s.Key}", "ms", s.Value)).ToList();
        figures.Add(new BenchFigure($"{size} users: errors", "count", errors, errors, Samples: size, Note: $"{size} users in {elapsed:F1} s"));
        figures.Add(new BenchFigure($"{size} users: working set after they left", "MiB", (after.WorkingSet - before.WorkingSet) / (double)Memory.MiB,
            (after.WorkingSet - before.WorkingSet) / (double)Memory.MiB, Note: $"{before.WorkingSet / Memory.MiB} → {after.WorkingSet / Memory.MiB} MiB; heap {before.Heap / Memory.MiB} → {after.Heap / Memory.MiB} MiB"));
        return figures;
    }

    /// <summary>Signed-in browser contexts of the bench's leader.</summary>
    private sealed class Users(BenchHost host, IBrowser browser)
    {
        private static readonly float Timeout = (float)TimeSpan.FromMinutes(2).TotalMilliseconds;

        public async Task<IPage> NewPageAsync()
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "vi-VN", ViewportSize = new ViewportSize { Width = 1440, Height = 1000 } });
            context.SetDefaultTimeout(Timeout);
            await context.AddCookiesAsync(host.Cookies.GetAllCookies().Select(c => new Cookie { Name = c.Name, Value = c.Value, Url = host.BaseUrl.ToString() }));
            return await context.NewPageAsync();
        }

        /// <summary>A page of <paramref name="path"/> with its circuit live.</summary>
        public async Task<IPage> OpenAsync(string path, CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            var page = await NewPageAsync();
            await page.GotoAsync(host.BaseUrl + path);
            await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            return page;
        }

        public async Task VisitAsync(string path, CancellationToken ct) => await (await OpenAsync(path, ct)).Context.CloseAsync();

        public async Task<List<(string Step, double Ms)>> ScriptAsync(IPage page, CircuitBenchOptions options, CancellationToken ct)
        {
            var times = new List<(string, double)>();
            var watch = Stopwatch.StartNew();
            await page.GotoAsync(host.BaseUrl + options.OverviewPath);
            await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await page.GetByTestId("headlines").WaitForAsync();
            times.Add(("open Overview", watch.Elapsed.TotalMilliseconds));
            ct.ThrowIfCancellationRequested();

            var title = await page.GetByTestId("period-title").TextContentAsync();
            watch.Restart();
            await page.GetByTestId("period-number").SelectOptionAsync(options.OtherMonth);
            // The title changes once the other month's scorecard is on the page.
            await Assertions.Expect(page.GetByTestId("period-title")).Not.ToHaveTextAsync(title ?? "", new() { Timeout = Timeout });
            await page.GetByTestId("headlines").WaitForAsync();
            times.Add(("switch period", watch.Elapsed.TotalMilliseconds));
            ct.ThrowIfCancellationRequested();

            watch.Restart();
            await page.GetByTestId("best-units").Locator("a").First.ClickAsync();
            await page.GetByTestId("unit-name").WaitForAsync();
            times.Add(("drill into a unit", watch.Elapsed.TotalMilliseconds));
            return times;
        }
    }

    /// <summary>The server's live circuits, from ASP.NET Core's meter (aspnetcore.components.circuit.active).</summary>
    private sealed class LiveCircuits : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public LiveCircuits()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "aspnetcore.components.circuit.active") listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
            _listener.SetMeasurementEventCallback<int>((_, value, _, _) => Interlocked.Add(ref _count, value));
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        /// <summary>Waits (up to four minutes: a closed tab's circuit may linger as "disconnected") until the count is reached.</summary>
        public async Task WaitForAsync(long count, CancellationToken ct)
        {
            var deadline = Stopwatch.StartNew();
            while (Count != count)
            {
                if (deadline.Elapsed > TimeSpan.FromMinutes(4))
                    throw new TimeoutException($"live circuits stayed at {Count}, expected {count}");
                await Task.Delay(100, ct);
            }
        }

        public void Dispose() => _listener.Dispose();
    }

    private static class Memory
    {
        public const long MiB = 1024 * 1024;

        /// <summary>Working set and managed heap after full, compacting collections (the large-object heap too).</summary>
        public static (long WorkingSet, long Heap) Settled()
        {
            for (var i = 0; i < 3; i++)
            {
                GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
                // Aggressive: the GC also gives its free memory back to the system, so the working set follows what
                // the objects hold rather than what the GC chose to keep committed.
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
            }
            using var process = Process.GetCurrentProcess();
            return (process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: false));
        }
    }
}
