using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using HaNoi.ReformDashboard.Data.Dossiers;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Web.Dossiers;
using HaNoi.ReformDashboard.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Npgsql;
using HaNoi.ReformDashboard.Cli.Messages;

namespace HaNoi.ReformDashboard.Cli.Bench;

/// <summary>
/// The dossier lists at full size (issue 21, item 6), in <c>reform bench all</c> (section <c>dossier-lists</c>), read-only
/// on the seeded database: the first page of the largest unit-month's late dossiers against the plainest page of the
/// same unit-month's rows through its index (goal ≤ 2×); the city-wide overdue count against a plain COUNT of the same
/// dossiers (goal ≤ 2×); and the peak working set of a process writing a list of 100,000 rows or more as .xlsx, against
/// the same process writing a short list (flat: the same within a few MiB).
/// </summary>
public static class DossierListBench
{
    private const double PageGoal = 2, CountGoal = 2;
    private const int DownloadRows = 100_000;

    public static async Task<IReadOnlyList<BenchFigure>> RunAsync(BenchHost host, BenchAllOptions options, TextWriter log, CancellationToken ct)
    {
        var factory = host.Services.GetRequiredService<IDbContextFactory<ReformDbContext>>();
        string connectionString;
        await using (var db = await factory.CreateDbContextAsync(ct)) connectionString = db.Database.GetConnectionString()!;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        var (unitId, unitCode, month, ended) = await BusiestUnitMonthAsync(connection, ct)
            ?? throw new InvalidOperationException("the database holds no dossiers: load them with 'reform seed fullsize' (--dossier-years, --dossiers-per-year).");
        var runs = Math.Max(5, options.Runs);
        var figures = new List<BenchFigure>();
        figures.AddRange(await FirstPageAsync(factory, connection, unitId, unitCode, month, ended, runs, log, ct));
        figures.AddRange(await OverdueCountAsync(factory, connection, DossierOverdue.DefaultAsOf(month.AddMonths(1).AddDays(-1), DateOnly.FromDateTime(DateTime.Today)), runs, log, ct));
        figures.AddRange(await DownloadAsync(connectionString, connection, log, ct));
        return figures;
    }

    /// <summary>The unit with the most dossiers ended in the last month that received any: the longest late list a head opens.</summary>
    private static async Task<(int UnitId, string Code, DateOnly Month, long Ended)?> BusiestUnitMonthAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            WITH latest AS (SELECT max(month) AS month FROM dossier_month_counts WHERE received > 0)
            SELECT c.unit_id, v.code, c.month, c.ended
            FROM latest
            JOIN dossier_month_counts c ON c.month = latest.month
            -- The unit's code in that month: the one rule for units in force.
            JOIN units_in_force(latest.month, (latest.month + interval '1 month - 1 day')::date) v ON v.unit_id = c.unit_id
            ORDER BY c.ended DESC, c.unit_id LIMIT 1
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? (reader.GetInt32(0), reader.GetString(1), reader.GetFieldValue<DateOnly>(2), reader.GetInt32(3))
            : null;
    }

    private static async Task<IReadOnlyList<BenchFigure>> FirstPageAsync(IDbContextFactory<ReformDbContext> factory, NpgsqlConnection connection,
        int unitId, string unitCode, DateOnly month, long ended, int runs, TextWriter log, CancellationToken ct)
    {
        const int pageSize = 50; // the page's (UnitDossiersPage.PageSize)
        var (from, to) = (Hanoi(month), Hanoi(month.AddMonths(1)));
        // The floor: the plainest SQL for the same rows — the page's 51 late dossiers of the unit-month in the list's order
        // (received, then code), keys only, through the index of the late ones, from the partition where the month's
        // ended dossiers start (ended_received_from, as the list reads it); nothing computed, nothing joined.
        DateOnly receivedFrom;
        await using (var bound = new NpgsqlCommand($"SELECT ended_received_from FROM dossier_month_counts WHERE unit_id = {unitId} AND month = '{month:yyyy-MM-dd}'", connection))
            receivedFrom = (DateOnly)(await bound.ExecuteScalarAsync(ct))!;
        var floorSql = $"""
            SELECT d.received_at, d.dossier_code FROM dossiers d
            WHERE d.unit_id = {unitId} AND d.finished_at >= '{from}' AND d.finished_at < '{to}' AND NOT d.on_time
              AND d.received_at >= '{Hanoi(receivedFrom)}' AND d.received_at < '{to}'
            ORDER BY d.received_at, d.dossier_code LIMIT {pageSize + 1}
            """;
        var floorCodes = new List<string>();
        var filter = new DossierListFilter(DossierIndicators.OnTime, unitId, month, month);
        var (floorTimes, pageTimes, countTimes) = (new List<double>(), new List<double>(), new List<double>());
        DossierListPage? page = null;
        DossierListCounts? counts = null;
        log.WriteLine($"dossier lists: the late dossiers of {unitCode} in {month:yyyy-MM} ({ended:N0} ended), {runs} times…");
        for (var i = -1; i < runs; i++) // i = -1: warm-up (JIT, plans, caches), not kept
        {
            var watch = Stopwatch.StartNew();
            floorCodes.Clear();
            await using (var command = new NpgsqlCommand(floorSql, connection))
            await using (var reader = await command.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) floorCodes.Add(reader.GetString(1));
            if (i >= 0) floorTimes.Add(watch.Elapsed.TotalMilliseconds);

            watch.Restart();
            await using (var db = await factory.CreateDbContextAsync(ct))
                page = await DossierList.PageAsync(db, filter, null, pageSize, ct);
            if (i >= 0) pageTimes.Add(watch.Elapsed.TotalMilliseconds);

            watch.Restart();
            await using (var db = await factory.CreateDbContextAsync(ct))
                counts = await DossierList.CountAsync(db, filter, ct);
            if (i >= 0) countTimes.Add(watch.Elapsed.TotalMilliseconds);
        }
        if (page!.Rows.Count == 0 || counts!.Total != ended)
            throw new InvalidOperationException($"the list of {unitCode} {month:yyyy-MM} counts {counts!.Total:N0} dossiers, the month's counts {ended:N0}.");
        // The same rows: the page's first 50 are the floor's (when there are that many late ones).
        if (counts.Miss >= pageSize && !page.Rows.Select(r => r.DossierCode).SequenceEqual(floorCodes.Take(pageSize)))
            throw new InvalidOperationException($"the first page of {unitCode} {month:yyyy-MM} is not the floor's rows.");
        var floor = BenchFigure.FromSamples($"dossier lists: index floor, a page of {unitCode} {month:yyyy-MM}", "ms", floorTimes,
            note: string.Create(CultureInfo.InvariantCulture, $"the keys of the first {pageSize + 1} of the unit-month's late dossiers by received time (received from {receivedFrom:yyyy-MM}) through ix_dossiers_late, nothing computed or joined"));
        var first = BenchFigure.FromSamples($"dossier lists: first page of the late dossiers, {unitCode} {month:yyyy-MM}", "ms", pageTimes, floor,
            string.Create(CultureInfo.InvariantCulture,
                $"DossierList.PageAsync, {page.Rows.Count} rows (of {counts.Miss:N0} late among {ended:N0}): the bound, the late ones through ix_dossiers_late with procedure names, unit key and working days late; {Goal(BenchStatistics.Median(pageTimes) / floor.Median, PageGoal)}"));
        var count = BenchFigure.FromSamples($"dossier lists: the counts on top, {unitCode} {month:yyyy-MM}", "ms", countTimes, floor,
            string.Create(CultureInfo.InvariantCulture, $"DossierList.CountAsync: {counts.Total:N0} counted, {counts.Miss:N0} late"));
        return [floor, first, count];
    }

    private static async Task<IReadOnlyList<BenchFigure>> OverdueCountAsync(IDbContextFactory<ReformDbContext> factory, NpgsqlConnection connection, DateOnly asOf,
        int runs, TextWriter log, CancellationToken ct)
    {
        var m = Hanoi(asOf.AddDays(1));
        // The rule of DossierOverdue as one plain COUNT: due before the end of the day, received by then, not ended by then
        // (open, or ended later; a withdrawn one is neither).
        var floorSql = $"""
            SELECT count(*) FROM dossiers d
            WHERE d.due_at < '{m}' AND d.received_at < '{m}'
              AND (d.finished_at IS NULL OR (d.status IN ('finished', 'returned', 'refused') AND d.finished_at >= '{m}'))
            """;
        var (floorTimes, appTimes) = (new List<double>(), new List<double>());
        long plain = 0;
        OverdueCounts? counts = null;
        log.WriteLine($"dossier lists: the city-wide overdue count as of {asOf:yyyy-MM-dd}, {runs} times…");
        for (var i = -1; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await using (var command = new NpgsqlCommand(floorSql, connection) { CommandTimeout = 600 })
                plain = (long)(await command.ExecuteScalarAsync(ct))!;
            if (i >= 0) floorTimes.Add(watch.Elapsed.TotalMilliseconds);

            watch.Restart();
            await using (var db = await factory.CreateDbContextAsync(ct))
                counts = await DossierOverdue.CountsAsync(db, asOf, ct: ct);
            if (i >= 0) appTimes.Add(watch.Elapsed.TotalMilliseconds);
        }
        if (counts!.City != plain)
            throw new InvalidOperationException($"the overdue count as of {asOf:yyyy-MM-dd} is {counts.City:N0}; a plain COUNT of the rule finds {plain:N0}.");
        var floor = BenchFigure.FromSamples($"dossier lists: plain COUNT of the overdue as of {asOf:yyyy-MM-dd}", "ms", floorTimes,
            note: string.Create(CultureInfo.InvariantCulture, $"{plain:N0} dossiers, one COUNT(*) with the rule's WHERE"));
        var app = BenchFigure.FromSamples($"dossier lists: overdue city-wide as of {asOf:yyyy-MM-dd}", "ms", appTimes, floor,
            string.Create(CultureInfo.InvariantCulture,
                $"DossierOverdue.CountsAsync: {counts.City:N0} at {counts.Units.Count} units, per unit with its name on the day; {Goal(BenchStatistics.Median(appTimes) / floor.Median, CountGoal)}"));
        return [floor, app];
    }

    /// <summary>What a child process reports of one download it wrote.</summary>
    private sealed record Written(long Rows, long Bytes, double Milliseconds, long PeakWorkingSet);

    private static async Task<IReadOnlyList<BenchFigure>> DownloadAsync(string connectionString, NpgsqlConnection connection, TextWriter log, CancellationToken ct)
    {
        // The unit whose dossiers received over the fewest recent months reach 100,000 (an ONLINE_DOSSIER list: every
        // dossier received); on a smaller database, the unit with the most over all its months.
        await using var command = new NpgsqlCommand($"""
            SELECT unit_id, month, total FROM (
                SELECT unit_id, month, sum(received) OVER (PARTITION BY unit_id ORDER BY month DESC) AS total,
                       row_number() OVER (PARTITION BY unit_id ORDER BY month DESC) AS months
                FROM dossier_month_counts) t
            ORDER BY total >= {DownloadRows} DESC, CASE WHEN total >= {DownloadRows} THEN months END, total DESC LIMIT 1
            """, connection);
        (int Unit, DateOnly From, long Total)? span = null;
        await using (var reader = await command.ExecuteReaderAsync(ct))
            if (await reader.ReadAsync(ct)) span = (reader.GetInt32(0), reader.GetFieldValue<DateOnly>(1), reader.GetInt64(2));
        if (span is not { } s) throw new InvalidOperationException("the database holds no dossiers.");
        var last = await LastMonthAsync(connection, s.Unit, ct);

        log.WriteLine($"dossier lists: writing {s.Total:N0} dossiers as .xlsx in a child process…");
        var small = await ChildAsync(connectionString, s.Unit, last, last, ct);
        var large = await ChildAsync(connectionString, s.Unit, s.From, last, ct);
        if (large.Rows != s.Total) throw new InvalidOperationException($"the download wrote {large.Rows:N0} rows, the months' counts {s.Total:N0}.");
        const double mib = 1024 * 1024;
        var growth = (large.PeakWorkingSet - small.PeakWorkingSet) / mib;
        return
        [
            new BenchFigure($"dossier lists: .xlsx download of {large.Rows:N0} rows, own process: peak working set", "MiB", large.PeakWorkingSet / mib, large.PeakWorkingSet / mib,
                Note: string.Create(CultureInfo.InvariantCulture,
                    $"{large.Bytes / mib:F1} MiB written in {large.Milliseconds / 1000:F1} s ({large.Rows / (large.Milliseconds / 1000):N0} rows/s); the same process writing {small.Rows:N0} rows: {small.PeakWorkingSet / mib:F0} MiB; {growth:+0;-0;0} MiB for {large.Rows - small.Rows:N0} more rows — {(growth <= 32 ? "flat" : "NOT flat")}")),
        ];
    }

    private static async Task<DateOnly> LastMonthAsync(NpgsqlConnection connection, int unitId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"SELECT max(month) FROM dossier_month_counts WHERE unit_id = {unitId} AND received > 0", connection);
        return (DateOnly)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary><c>reform bench dossier-download</c> (internal): a child writes one unit's ONLINE_DOSSIER list over the months as .xlsx, and reports.</summary>
    public static Command CreateChildCommand()
    {
        Option<int> unit = new("--unit-id") { Required = true, Description = CliText.Both("Internal") };
        Option<string> from = new("--from") { Required = true, Description = CliText.Both("InternalYYYYMM") };
        Option<string> to = new("--to") { Required = true, Description = CliText.Both("InternalYYYYMM") };
        Command command = new("dossier-download", CliText.Both("InternalWriteADossierList"))
        {
            unit, from, to,
        };
        command.Hidden = true;
        command.SetAction(async (parse, ct) =>
        {
            var connection = Environment.GetEnvironmentVariable("ConnectionStrings__Reform")
                ?? throw new InvalidOperationException("ConnectionStrings__Reform is not set.");
            var month = (string text) => DateOnly.ParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var written = await WriteOneAsync(connection, parse.GetValue(unit), month(parse.GetValue(from)!), month(parse.GetValue(to)!), ct);
            parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(written));
            return 0;
        });
        return command;
    }

    /// <summary>The download endpoint's work without HTTP: the rows as the database sends them, into a temporary file.</summary>
    private static async Task<Written> WriteOneAsync(string connectionString, int unitId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();
        var files = new DossierListFiles(services.GetRequiredService<IStringLocalizer<Strings>>());
        await using var db = new ReformDbContext(new DbContextOptionsBuilder<ReformDbContext>().UseNpgsql(connectionString, o => o.CommandTimeout(3600)).Options);
        var filter = new DossierListFilter(DossierIndicators.OnlineDossier, unitId, from, to);
        var path = Path.GetTempFileName();
        try
        {
            var watch = Stopwatch.StartNew();
            long rows = 0;
            async IAsyncEnumerable<DossierRow> Counted()
            {
                await foreach (var row in DossierList.StreamAsync(db, filter, ct)) { rows++; yield return row; }
            }
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
                await files.WriteXlsxAsync(file, "bench", Counted(), ct);
            return new Written(rows, new FileInfo(path).Length, watch.Elapsed.TotalMilliseconds, Process.GetCurrentProcess().PeakWorkingSet64);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<Written> ChildAsync(string connectionString, int unitId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var info = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, FileName = Environment.ProcessPath! };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") info.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (var argument in new[] { "bench", "dossier-download", "--unit-id", unitId.ToString(CultureInfo.InvariantCulture),
                     "--from", from.ToString("yyyy-MM", CultureInfo.InvariantCulture), "--to", to.ToString("yyyy-MM", CultureInfo.InvariantCulture) })
            info.ArgumentList.Add(argument);
        info.Environment["ConnectionStrings__Reform"] = connectionString;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0) throw new InvalidOperationException($"the download child ended with exit {process.ExitCode}: {await error}");
        return JsonSerializer.Deserialize<Written>((await output).Trim().Split('\n')[^1])!;
    }

    private static string Goal(double ratio, double goal) => string.Create(CultureInfo.InvariantCulture,
        $"goal ≤ {goal:F0}×: {(ratio <= goal ? "met" : "NOT MET")}");

    private static string Hanoi(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 00:00:00+07";
}
