using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using HaNoi.ReformDashboard.Cli.Messages;

namespace HaNoi.ReformDashboard.Cli.Bench;

/// <summary>
/// <c>reform bench all</c>: in one process and one run, the raw SQL floor and everything measured against it — the
/// scorecard cold, warm and cached, the Overview and a unit page over HTTP, the exports of every unit, the import
/// against a bare COPY, the dossiers' ingest, derivation, memory and storage — printed as one table and, with <c>--write</c>, as docs/performance.md.
/// </summary>
public static class BenchAll
{
    public const int ExitInvalidInput = 2, ExitSectionFailed = 1;
    public const string FloorName = "SQL floor";

    /// <summary>Sections other helpers add (circuits…): each gets the hosted app and returns its rows of the table.</summary>
    private static readonly (string Section, string Name, Func<BenchHost, CancellationToken, Task<IReadOnlyList<BenchFigure>>> Run)[] Sections =
    [
        ("circuits", "circuits", CircuitBench.RunAsync),
    ];

    public static Command Create()
    {
        Option<string> period = new("--period") { DefaultValueFactory = _ => "2022-YTD-12", Description = CliText.Both("TheScorecardSPeriod") };
        Option<string> level = new("--level") { DefaultValueFactory = _ => "district", Description = CliText.Both("TheOverviewSLevelCity") };
        Option<int> runs = new("--runs") { DefaultValueFactory = _ => 9, Description = CliText.Both("SamplesPerFigure") };
        Option<int> requests = new("--requests") { DefaultValueFactory = _ => 60, Description = CliText.Both("HTTPRequestsInTheConcurrent") };
        Option<int> concurrency = new("--concurrency") { DefaultValueFactory = _ => 20, Description = CliText.Both("RequestsAtOnce") };
        Option<int> importRows = new("--import-rows") { DefaultValueFactory = _ => 100_000, Description = CliText.Both("RowsImported") };
        Option<int> importMb = new("--import-mb") { DefaultValueFactory = _ => 20, Description = CliText.Both("SizeOfTheFileWhose") };
        Option<int> dossierRows = new("--dossier-rows") { DefaultValueFactory = _ => 1_000_000, Description = CliText.Both("DossiersImported") };
        Option<int> dossierFileMb = new("--dossier-file-mb") { DefaultValueFactory = _ => 1024, Description = CliText.Both("SizeOfTheDossierFile") };
        Option<int> exportUnits = new("--export-units") { DefaultValueFactory = _ => 0, Description = CliText.Both("UnitsExportedEveryUnit") };
        Option<int> exportSeconds = new("--export-seconds") { DefaultValueFactory = _ => 120, Description = CliText.Both("TimeBudgetOfTheExports") };
        Option<string?> unit = new("--unit") { Description = CliText.Both("TheUnitPageSUnit") };
        Option<string[]> skip = new("--skip") { Description = CliText.Both("SkipSections", string.Join(",", BenchAllOptions.SectionNames)), AllowMultipleArgumentsPerToken = true };
        Option<string?> write = new("--write") { Description = CliText.Both("WriteTheTableToA") };
        Command command = new("all", CliText.Both("MeasureEverythingInOneRun"))
        {
            period, level, runs, requests, concurrency, importRows, importMb, exportUnits, exportSeconds, unit, skip, write, dossierRows, dossierFileMb,
        };
        command.SetAction(async (parse, ct) =>
        {
            var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var (options, problem) = BenchAllOptions.Parse(parse.GetValue(period)!, parse.GetValue(level)!, parse.GetValue(runs), parse.GetValue(requests),
                parse.GetValue(concurrency), parse.GetValue(importRows), parse.GetValue(importMb), parse.GetValue(exportUnits), parse.GetValue(exportSeconds), parse.GetValue(unit),
                parse.GetValue(skip) ?? [], parse.GetValue(write), parse.GetValue(dossierRows), parse.GetValue(dossierFileMb));
            if (options is null)
            {
                error.WriteLine(problem);
                return ExitInvalidInput;
            }
            return await RunAsync(options, output, error, ct);
        });
        return command;
    }

    public static async Task<int> RunAsync(BenchAllOptions options, TextWriter output, TextWriter log, CancellationToken ct)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        await using var host = await BenchHost.StartAsync(ct);
        log.WriteLine($"bench: the dashboard is up at {host.BaseUrl}; measuring {options.Request.Period} {options.Scope}…");
        var machine = await MachineInfo.ReadAsync(host, options, ct);
        var figures = new List<BenchFigure>();
        var failures = new List<string>();

        async Task Section(string section, Func<Task<IEnumerable<BenchFigure>>> run)
        {
            if (!options.Measures(section)) return;
            try
            {
                figures.AddRange(await run());
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One section failing (e.g. no CREATE DATABASE right for the import's scratch copy) leaves the others' figures.
                failures.Add($"{section}: {ex.Message}");
                log.WriteLine($"bench: {section} failed: {ex.Message}");
            }
        }

        var floor = await FloorAsync(host, options, ct);
        host.Floor = floor;
        figures.Add(floor);
        await Section("scorecard", () => ScorecardsAsync(host, options, ct));
        await Section("http", async () =>
        {
            var unitCode = options.UnitCode ?? await UnitPageCodeAsync(host, options, ct);
            return [.. await HttpBench.RunAsync(host, "Overview", "/" + options.OverviewPath, options, ct),
                    .. await HttpBench.RunAsync(host, $"unit page {unitCode}", $"/units/{Uri.EscapeDataString(unitCode)}?year={options.Year}&period={Uri.EscapeDataString(options.Period.ToString())}", options, ct)];
        });
        foreach (var (section, name, run) in Sections)
            await Section(section, async () => (await run(host, ct)).Select(f => f with { Name = f.Name.StartsWith(name, StringComparison.Ordinal) ? f.Name : $"{name}: {f.Name}" }));
        await Section("exports", () => ExportsAsync(host, options, log, ct));
        await Section("import", async () => await ImportBench.RunAsync(host, options, log, ct));
        await Section("dossier-lists", async () => await DossierListBench.RunAsync(host, options, log, ct));
        await Section("dossiers", async () => await DossierBench.RunAsync(host, options, log, ct));

        var report = new PerformanceReport(machine with { Duration = clock.Elapsed }, started, options, figures, failures);
        output.Write(report.Table());
        foreach (var failure in failures) output.WriteLine("FAILED " + failure);
        if (options.WritePath is { } path)
        {
            await File.WriteAllTextAsync(path, report.Markdown(), ct);
            log.WriteLine($"bench: wrote {path}");
        }
        return failures.Count == 0 ? 0 : ExitSectionFailed;
    }

    /// <summary>The plainest query over the same year: what any scorecard costs at least if PostgreSQL adds up at view time.</summary>
    private static async Task<BenchFigure> FloorAsync(BenchHost host, BenchAllOptions options, CancellationToken ct)
    {
        const string sql = """
            SELECT unit_id, indicator_id, sum(numerator), sum(denominator) FROM measurements
            WHERE is_current AND period >= @from AND period < @to GROUP BY 1, 2
            """;
        var factory = host.Services.GetRequiredService<IDbContextFactory<ReformDbContext>>();
        var (from, to) = options.FloorWindow;
        var rows = 0;
        var times = await TimeAsync(options.Runs, async () =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("from", from);
            command.Parameters.AddWithValue("to", to);
            await using var reader = await command.ExecuteReaderAsync(ct);
            rows = 0;
            while (await reader.ReadAsync(ct)) rows++;
        });
        return BenchFigure.FromSamples(FloorName, "ms", times,
            note: string.Create(CultureInfo.InvariantCulture, $"plain GROUP BY unit, indicator of the current rows, {from:yyyy-MM-dd} ≤ period < {to:yyyy-MM-dd}; {rows:N0} groups"));
    }

    private static async Task<IEnumerable<BenchFigure>> ScorecardsAsync(BenchHost host, BenchAllOptions options, CancellationToken ct)
    {
        var services = host.Services;
        // Built without the scorecard cache (what the cache saves), on the app's catalogue (kept per data version, as a
        // page's build after another page of the period has read it); and with nothing cached at all, as the CLI builds.
        var factory = services.GetRequiredService<IDbContextFactory<ReformDbContext>>();
        var uncached = new ScorecardService(factory, TimeProvider.System, services.GetRequiredService<ScoringOptions>(),
            catalogue: services.GetRequiredService<CatalogueService>());
        var bare = new ScorecardService(factory, TimeProvider.System, services.GetRequiredService<ScoringOptions>());
        var cached = services.GetRequiredService<ScorecardService>();
        var request = options.Request;

        var watch = Stopwatch.StartNew();
        var card = await uncached.GetAsync(request, ct) ?? throw new InvalidOperationException($"no scorecard for {request.Period} {request.Scope}.");
        var cold = watch.Elapsed.TotalMilliseconds;
        var warm = await TimeAsync(options.Runs, () => uncached.GetAsync(request, ct), warmUps: 1);
        var rereads = await TimeAsync(options.Runs, () => bare.GetAsync(request, ct), warmUps: 1);
        await cached.GetAsync(request, ct); // the first visitor builds it
        var hits = await TimeAsync(Math.Max(options.Runs, 30), () => cached.GetAsync(request, ct), warmUps: 1);
        var label = $"{request.Period} {request.Scope}, {card.Units.Count} units";
        return
        [
            new BenchFigure($"scorecard cold (first build, {label})", "ms", cold, cold, host.Floor!.Name, cold / host.Floor.Median),
            BenchFigure.FromSamples("scorecard warm (built again)", "ms", warm, host.Floor, note: "the catalogue from its cache (read once per data version)"),
            BenchFigure.FromSamples("scorecard warm, catalogue read too", "ms", rereads, host.Floor, note: "nothing cached: the CLI's build"),
            BenchFigure.FromSamples("scorecard cached (ScorecardCache, data version read)", "ms", hits, host.Floor),
        ];
    }

    /// <summary>The unit page's unit: the first district in force, else the first unit of the scorecard.</summary>
    private static async Task<string> UnitPageCodeAsync(BenchHost host, BenchAllOptions options, CancellationToken ct)
    {
        var cards = host.Services.GetRequiredService<ScorecardService>();
        var districts = await cards.GetAsync(options.Request with { Scope = ScorecardScope.ForLevel(UnitLevel.District) }, ct);
        var code = districts?.Units.Select(u => u.Unit.Code).Order(StringComparer.Ordinal).FirstOrDefault()
            ?? (await cards.GetAsync(options.Request, ct))?.Units.Select(u => u.Unit.Code).Order(StringComparer.Ordinal).FirstOrDefault();
        return code ?? throw new InvalidOperationException("no unit in force to open a unit page for.");
    }

    /// <summary>
    /// For each unit (every unit in force, in a fixed shuffled order, until --export-units or the --export-seconds budget): its scorecard as an export loads it (the period and the
    /// previous one, through the app's cached service: a first build each), then the Excel report and the PDF brief written.
    /// </summary>
    private static async Task<IEnumerable<BenchFigure>> ExportsAsync(BenchHost host, BenchAllOptions options, TextWriter log, CancellationToken ct)
    {
        var cards = host.Services.GetRequiredService<ScorecardService>();
        var codes = new List<string>();
        foreach (var level in new[] { UnitLevel.Department, UnitLevel.District, UnitLevel.Commune })
        {
            var card = await cards.GetAsync(options.Request with { Scope = ScorecardScope.ForLevel(level) }, ct);
            if (card is not null) codes.AddRange(card.Units.Select(u => u.Unit.Code).Order(StringComparer.Ordinal));
        }
        var inForce = codes.Count;
        // A fixed shuffle: any prefix is a sample across the levels, so a budget cut still measures every kind of unit.
        codes = codes.OrderBy(c => c, StringComparer.Ordinal).ToList();
        new Random(1).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(codes));
        if (options.ExportUnits > 0) codes = codes.Take(options.ExportUnits).ToList();
        var budget = Stopwatch.StartNew();
        var xlsx = ReportFormat.Find("xlsx", "report")!;
        var brief = ReportFormat.Find("pdf", "brief")!;
        var parameters = new ReportParameters("bench", DateTimeOffset.Now);
        var (load, excel, pdf) = (new List<double>(), new List<double>(), new List<double>());
        long excelBytes = 0, pdfBytes = 0;
        log.WriteLine($"exports: {codes.Count} units, at most {options.ExportSeconds} s…");
        foreach (var code in codes)
        {
            if (budget.Elapsed.TotalSeconds > options.ExportSeconds) break;
            var watch = Stopwatch.StartNew();
            var source = await ReportSource.LoadAsync(cards, options.Request with { Scope = ScorecardScope.ForUnit(code) }, withPrevious: true, ct)
                ?? throw new InvalidOperationException($"no scorecard for unit {code}.");
            load.Add(watch.Elapsed.TotalMilliseconds);
            excelBytes += Write(xlsx, source, parameters, excel);
            pdfBytes += Write(brief, source, parameters, pdf);
        }
        string Spread(List<double> t, long bytes) => string.Create(CultureInfo.InvariantCulture,
            $"{t.Count} of {inForce} units{(t.Count < codes.Count ? $" (the {options.ExportSeconds} s budget)" : "")}; min {t.Min():F0}, max {t.Max():F0} ms{(bytes > 0 ? $"; {bytes / t.Count / 1024:N0} KiB each" : "")}");
        return
        [
            BenchFigure.FromSamples("unit scorecard for an export (period + previous, first build)", "ms", load, host.Floor, Spread(load, 0)),
            BenchFigure.FromSamples("Excel report of one unit (written)", "ms", excel, host.Floor, Spread(excel, excelBytes)),
            BenchFigure.FromSamples("PDF brief of one unit (written)", "ms", pdf, host.Floor, Spread(pdf, pdfBytes)),
        ];
    }

    private static long Write(ReportFormat format, ReportSource source, ReportParameters parameters, List<double> times)
    {
        using var buffer = new MemoryStream();
        var watch = Stopwatch.StartNew();
        format.Write(source, parameters, buffer);
        times.Add(watch.Elapsed.TotalMilliseconds);
        return buffer.Length;
    }

    private static async Task<List<double>> TimeAsync(int runs, Func<Task> work, int warmUps = 2)
    {
        for (var i = 0; i < warmUps; i++) await work(); // JIT, connection pool, PostgreSQL's caches
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await work();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return times;
    }
}
