using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using HaNoi.ReformDashboard.Cli.Hosting;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Domain.Scoring;
using HaNoi.ReformDashboard.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using HaNoi.ReformDashboard.Cli.Messages;

namespace HaNoi.ReformDashboard.Cli.Bench;

/// <summary>
/// <c>reform bench scorecard</c>: times the scorecard (SQL sums + engine) against a baseline run in the same
/// process — loading the raw monthly rows and adding them up in C# — and can print the plans PostgreSQL uses.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        Option<string> level = new("--level") { DefaultValueFactory = _ => "commune", Description = "city | department | district | commune" };
        Option<string> period = new("--period") { DefaultValueFactory = _ => "2022-YTD-12" };
        Option<int> runs = new("--runs") { DefaultValueFactory = _ => 15 };
        Option<bool> explain = new("--explain") { Description = CliText.Both("PrintTheQueryPlans") };
        Command scorecard = new("scorecard", CliText.Both("TimeTheScorecard")) { level, period, runs, explain };
        scorecard.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var p = Period.Parse(parse.GetValue(period)!);
            var scope = parse.GetValue(level) is "city" or null ? ScorecardScope.City
                : CatalogueCodes.TryParseLevel(parse.GetValue(level), out var l) ? ScorecardScope.ForLevel(l)
                : throw new ArgumentException($"'{parse.GetValue(level)}' is not a level.");
            var request = new ScorecardRequest(p.Year, p, scope);
            await CliHost.RunAsync(async (services, token) =>
            {
                var service = services.GetRequiredService<ScorecardService>();
                var factory = services.GetRequiredService<IDbContextFactory<ReformDbContext>>();
                var n = Math.Max(3, parse.GetValue(runs));

                var serviceTimes = await TimeAsync(n, () => service.GetAsync(request, token));
                var baselineTimes = await TimeAsync(n, () => NaiveSumsAsync(factory, request, token));
                var sqlTimes = await TimeAsync(n, () => SqlOnlyAsync(factory, request, token));
                var card = await service.GetAsync(request, token);
                output.WriteLine($"scope={scope} period={p} units={card!.Units.Count} runs={n}");
                output.WriteLine($"scorecard (SQL sums + engine): median {Median(serviceTimes):F1} ms, min {serviceTimes.Min():F1} ms");
                output.WriteLine($"baseline (raw rows summed in C#): median {Median(baselineTimes):F1} ms, min {baselineTimes.Min():F1} ms");
                output.WriteLine($"of which the SQL batch alone: median {Median(sqlTimes):F1} ms");
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio baseline / scorecard: {Median(baselineTimes) / Median(serviceTimes):F2}"));

                if (parse.GetValue(explain))
                {
                    await using var db = await factory.CreateDbContextAsync(token);
                    var connection = (NpgsqlConnection)db.Database.GetDbConnection();
                    await connection.OpenAsync(token);
                    await using (var session = new NpgsqlCommand("SET work_mem = '64MB'", connection)) await session.ExecuteNonQueryAsync(token);
                    foreach (var (name, sql) in new[] { ("Sums", ScorecardSql.Sums), ("Series", ScorecardSql.Series) })
                    {
                        await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + sql, connection);
                        command.Parameters.AddRange(ScorecardSql.Parameters(p.Year, p, scope.Level, null));
                        output.WriteLine($"--- {name}");
                        await using var reader = await command.ExecuteReaderAsync(token);
                        while (await reader.ReadAsync(token)) output.WriteLine(reader.GetString(0));
                    }
                }
                return 0;
            }, ct);
            return 0;
        });
        Option<string> exportPeriod = new("--period") { DefaultValueFactory = _ => "2022-Q4" };
        Option<int> exportRuns = new("--runs") { DefaultValueFactory = _ => 9 };
        Command export = new("export", CliText.Both("TimeTheExportsForEvery")) { exportPeriod, exportRuns };
        export.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var p = Period.Parse(parse.GetValue(exportPeriod)!);
            await CliHost.RunAsync(async (services, token) =>
            {
                var service = services.GetRequiredService<ScorecardService>();
                var n = Math.Max(3, parse.GetValue(exportRuns));
                var card = (await service.GetAsync(new ScorecardRequest(p.Year, p, ScorecardScope.City), token))!;
                var parameters = new ReportParameters("bench", DateTimeOffset.Now);
                var baseline = await TimeAsync(n, () => service.GetAsync(new ScorecardRequest(p.Year, p, ScorecardScope.City), token));
                output.WriteLine($"period={p} units={card.Units.Count} runs={n}; baseline = the scorecard itself: median {Median(baseline):F1} ms");
                foreach (var (format, kind) in new[] { ("xlsx", "report"), ("pdf", "report"), ("docx", "report"), ("pdf", "scorecard"), ("pdf", "brief") })
                {
                    var report = ReportFormat.Find(format, kind)!;
                    var name = $"{format} {kind}";
                    long size = 0;
                    var times = await TimeAsync(n, () =>
                    {
                        using var buffer = new MemoryStream();
                        report.Write(new ReportSource(card), parameters, buffer);
                        size = buffer.Length;
                        return Task.FromResult(0);
                    });
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{name}: median {Median(times):F1} ms, min {times.Min():F1} ms, {size / 1024} KiB, x{Median(times) / Median(baseline):F1} the scorecard"));
                }
                output.WriteLine($"peak working set of the process: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB");
                return 0;
            }, ct);
            return 0;
        });
        return new Command("bench", CliText.Both("Benchmarks")) { BenchAll.Create(), CircuitBench.Create(), ImportFilesBench.Create(), DossierBench.CreateChildCommand(), DossierListBench.CreateChildCommand(), SoakBench.Create(), scorecard, export };
    }

    private static async Task<List<double>> TimeAsync<T>(int runs, Func<Task<T>> work)
    {
        for (var i = 0; i < 3; i++) await work(); // warm-up: JIT, connection pool, PostgreSQL caches
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await work();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>The scorecard's statements alone, every row read and dropped: where the time goes.</summary>
    private static async Task<int> SqlOnlyAsync(IDbContextFactory<ReformDbContext> factory, ScorecardRequest request, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var sql in ScorecardSql.Batch)
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.AddRange(ScorecardSql.Parameters(request.PlanYear, request.Period, request.Scope.Level, null));
            batch.BatchCommands.Add(command);
        }
        var rows = 0;
        await using var reader = await batch.ExecuteReaderAsync(ct);
        do
        {
            while (await reader.ReadAsync(ct)) rows++;
        } while (await reader.NextResultAsync(ct));
        return rows;
    }

    /// <summary>
    /// The same sums done the way not to: every monthly row of every unit for the three windows the scorecard
    /// reads (the period, the previous like period, the year to date) brought into memory and added up in C#,
    /// per unit, per level and for the whole city. A timing foil only: its figures are counted, never shown or
    /// compared, so it stays plain — every unit with rows at its latest level rather than the units in force (the same
    /// units on the full-size database, which has no reorganisation).
    /// </summary>
    private static async Task<int> NaiveSumsAsync(IDbContextFactory<ReformDbContext> factory, ScorecardRequest request, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        Period[] windows = [request.Period, request.Period.Previous(), Period.YearToDate(request.Period.Year, request.Period.LastMonth)];
        var levels = (await db.UnitVersions.AsNoTracking().OrderBy(v => v.ValidFrom).ToListAsync(ct))
            .GroupBy(v => v.UnitId).ToDictionary(g => g.Key, g => g.Last().Level);
        var rules = await db.Indicators.AsNoTracking().ToDictionaryAsync(i => i.Id, i => new IndicatorRule(i.Code, i.PillarCode, i.Kind, i.Rollup), ct);
        var figures = 0;
        foreach (var window in windows)
        {
            var (first, last) = (window.FirstDay, window.LastDay);
            var rows = await db.Measurements.AsNoTracking().Where(m => m.IsCurrent && m.Period >= first && m.Period <= last).ToListAsync(ct);
            var perUnit = rows.GroupBy(m => (m.UnitId, m.IndicatorId))
                .Select(g => (g.Key, Figure: Rollups.Combine(rules[g.Key.IndicatorId], window,
                    g.Select(m => new MonthlyFigure(m.Period.Year, m.Period.Month, m.Numerator, m.Denominator, m.Value)))))
                .ToList();
            var perLevel = perUnit.GroupBy(x => (levels[x.Key.UnitId], x.Key.IndicatorId)).Select(g => Rollups.Sum(g.Select(x => x.Figure)));
            var city = perUnit.GroupBy(x => x.Key.IndicatorId).Select(g => Rollups.Sum(g.Select(x => x.Figure)));
            figures += perUnit.Count + perLevel.Count() + city.Count();
        }
        return figures;
    }
}
