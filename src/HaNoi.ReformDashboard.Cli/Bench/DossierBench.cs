using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using HaNoi.ReformDashboard.Cli.SeedGeneration.FullSize;
using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Data.Dossiers;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using HaNoi.ReformDashboard.Cli.Messages;

namespace HaNoi.ReformDashboard.Cli.Bench;

/// <summary>
/// The dossiers at full size (issue 20), in <c>reform bench all</c>: the storage a million dossiers take and the plan of a
/// one-month query (partition pruning), read from the data; then, in a scratch copy of the database (dropped afterwards),
/// re-deriving one month's six figures for every unit against a plain GROUP BY over that month's partition (as is, and
/// after a change of the rules' data), the ingest
/// of new dossiers through <see cref="DossierImport"/> (check, then commit with the derivation) against a bare binary
/// COPY of the same rows into a table without index, and the peak working set of a process importing a 1 GiB file.
/// Needs a database seeded with dossiers (<c>seed fullsize</c>).
/// </summary>
public static class DossierBench
{
    private const double IngestGoal = 3, DeriveGoal = 2, MemoryGoalMiB = 300;

    public static async Task<IReadOnlyList<BenchFigure>> RunAsync(BenchHost host, BenchAllOptions options, TextWriter log, CancellationToken ct)
    {
        string source;
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<ReformDbContext>>().CreateDbContextAsync(ct))
            source = db.Database.GetConnectionString()!;
        var figures = new List<BenchFigure>();
        DateOnly month;
        await using (var connection = new NpgsqlConnection(source))
        {
            await connection.OpenAsync(ct);
            month = await LastMonthAsync(connection, ct)
                ?? throw new InvalidOperationException("the database holds no dossiers: load them with 'reform seed fullsize' (--dossier-years, --dossiers-per-year).");
            figures.Add(await StorageAsync(connection, ct));
            figures.Add(await PruningAsync(connection, month, log, ct));
        }

        var sourceBuilder = new NpgsqlConnectionStringBuilder(source);
        var scratchName = sourceBuilder.Database + "_bench_dossiers";
        var admin = new NpgsqlConnectionStringBuilder(source) { Database = "postgres", Pooling = false, CommandTimeout = 3600 }.ConnectionString;
        var scratch = new NpgsqlConnectionStringBuilder(source) { Database = scratchName, Pooling = false, CommandTimeout = 3600 }.ConnectionString;
        log.WriteLine($"dossiers: copying the database into {scratchName}…");
        await ImportBench.CreateScratchAsync(admin, sourceBuilder.Database!, scratchName, ct);
        var folder = Directory.CreateTempSubdirectory("reform-dossier-bench-");
        try
        {
            figures.AddRange(await DeriveAsync(scratch, month, options, log, ct));
            if (options.DossierRows > 0) figures.AddRange(await IngestAsync(scratch, month.Year, options, folder.FullName, log, ct));
            if (options.DossierFileMegabytes > 0) figures.AddRange(await FileMemoryAsync(scratch, month.Year, options, folder.FullName, log, ct));
            return figures;
        }
        finally
        {
            folder.Delete(recursive: true);
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync(CancellationToken.None);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{scratchName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>(d) pg_total_relation_size over the partitions (heap, TOAST and their indexes), per million dossiers held.</summary>
    private static async Task<BenchFigure> StorageAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        const string sql = """
            SELECT count(*), coalesce(sum(pg_relation_size(c.oid)), 0)::bigint, coalesce(sum(pg_indexes_size(c.oid)), 0)::bigint,
                   coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint
            FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'dossiers'::regclass
            """;
        var dossiers = await ScalarAsync<long>(connection, "SELECT count(*) FROM dossiers", ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var (partitions, heap, indexes, total) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        const double mib = 1024 * 1024;
        var perMillion = total / mib / (dossiers / 1e6);
        return new BenchFigure("dossiers: storage per million dossiers", "MiB", perMillion, perMillion, Note: string.Create(CultureInfo.InvariantCulture,
            $"{dossiers:N0} dossiers in {partitions} partitions: {total / mib / 1024:F2} GiB in all (heap {heap / mib:N0} MiB, indexes {indexes / mib:N0} MiB); {total / (double)dossiers:N0} bytes a dossier"));
    }

    /// <summary>(e) The plan of a one-month query: only that month's partition is scanned.</summary>
    private static async Task<BenchFigure> PruningAsync(NpgsqlConnection connection, DateOnly month, TextWriter log, CancellationToken ct)
    {
        var (from, to) = (Hanoi(month), Hanoi(month.AddMonths(1)));
        var sql = $"EXPLAIN (COSTS OFF) SELECT unit_id, count(*) FROM dossiers WHERE received_at >= '{from}' AND received_at < '{to}' GROUP BY unit_id";
        var plan = new List<string>();
        await using (var command = new NpgsqlCommand(sql, connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) plan.Add(reader.GetString(0));
        var partitions = await ScalarAsync<long>(connection, "SELECT count(*) FROM pg_inherits WHERE inhparent = 'dossiers'::regclass", ct);
        // Partition names only: an index-only scan names the partition's index too (dossiers_y2022m12_unit_id_received_at_idx).
        var scanned = plan.SelectMany(l => l.Split(' ')).Where(w => System.Text.RegularExpressions.Regex.IsMatch(w, @"^dossiers_(y\d{4}m\d{2}|default)$"))
            .Distinct().ToList();
        log.WriteLine($"dossiers: {sql[8..]}");
        foreach (var line in plan) log.WriteLine("  " + line);
        var pruned = scanned.Count == 1 && scanned[0] == DossierPartitions.NameOf(month);
        return new BenchFigure($"dossiers: partitions a one-month query scans ({month:yyyy-MM})", "partitions", scanned.Count, scanned.Count, Note:
            $"EXPLAIN: {string.Join(", ", scanned)} of {partitions} partitions{(pruned ? " — pruned to the month" : " — NOT pruned")}; {string.Join(" → ", plan.Select(l => l.Trim().Split(" (")[0]))}");
    }

    /// <summary>(b) The six figures of one month recounted for every unit (the function, through RefreshMonthsAsync) against the plainest count of that month's partition.</summary>
    private static async Task<IReadOnlyList<BenchFigure>> DeriveAsync(string scratch, DateOnly month, BenchAllOptions options, TextWriter log, CancellationToken ct)
    {
        var partition = DossierPartitions.NameOf(month);
        var floorSql = $"""
            SELECT unit_id, count(*), count(*) FILTER (WHERE channel = 'online'), count(*) FILTER (WHERE reused_data),
                   count(*) FILTER (WHERE fee_required), count(*) FILTER (WHERE fee_required AND paid_online),
                   count(*) FILTER (WHERE status IN ('finished', 'returned', 'refused')),
                   count(*) FILTER (WHERE status IN ('finished', 'returned', 'refused') AND supplement_requests <= 1
                                    AND finished_at - make_interval(days => supplement_days) <= due_at),
                   count(*) FILTER (WHERE digitised AND e_result), count(*) FILTER (WHERE synced_national)
            FROM {partition} GROUP BY unit_id
            """;
        var runs = Math.Max(3, Math.Min(options.Runs, 5));
        await using var connection = new NpgsqlConnection(scratch);
        await connection.OpenAsync(ct);
        var rows = await ScalarAsync<long>(connection, $"SELECT count(*) FROM {partition}", ct);
        var groups = 0;
        var floorTimes = await TimeAsync(runs, async () =>
        {
            await using var command = new NpgsqlCommand(floorSql, connection);
            await using var reader = await command.ExecuteReaderAsync(ct);
            groups = 0;
            while (await reader.ReadAsync(ct)) groups++;
        });
        var floor = BenchFigure.FromSamples($"dossiers: GROUP BY over one month's partition ({partition})", "ms", floorTimes,
            note: string.Create(CultureInfo.InvariantCulture, $"the six counts by unit over the month's {rows:N0} dossiers, by received month; {groups} units"));

        log.WriteLine($"dossiers: re-deriving {month:yyyy-MM} for every unit, {runs} times…");
        var result = new DossierFiguresResult(0, 0, 0);
        var times = await TimeAsync(runs, async () =>
        {
            await using var db = Context(scratch);
            result = await DossierFigures.RefreshMonthsAsync(db, month, month, "bench", DateTimeOffset.UtcNow, ct);
        });
        var derive = BenchFigure.FromSamples($"dossiers: re-derive one month for every unit ({month:yyyy-MM})", "ms", times, floor,
            string.Create(CultureInfo.InvariantCulture,
                $"DossierFigures.RefreshMonthsAsync (dossier_figures_refresh): {result.UnitMonths} unit-months recounted, ended ones counted by month ended; the rules' data unchanged since the month was last evaluated (its ended dossiers' stored answers kept); {Goal(BenchStatistics.Median(times) / floor.Median, DeriveGoal)}"));

        // The same after a change of the rules' data (a holiday, a legal limit): the month's digest taken away before
        // each run, so every ended dossier's answer is evaluated again.
        log.WriteLine($"dossiers: re-deriving {month:yyyy-MM} with its answers evaluated again, {runs} times…");
        var forget = $"DELETE FROM dossier_rule_answers WHERE month = '{month:yyyy-MM-dd}'";
        var evaluated = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            await ExecuteAsync(connection, forget, ct);
            await using var db = Context(scratch);
            var watch = Stopwatch.StartNew();
            result = await DossierFigures.RefreshMonthsAsync(db, month, month, "bench", DateTimeOffset.UtcNow, ct);
            evaluated.Add(watch.Elapsed.TotalMilliseconds);
        }
        var afterChange = BenchFigure.FromSamples($"dossiers: re-derive one month after a change of the rules' data ({month:yyyy-MM})", "ms", evaluated, floor,
            string.Create(CultureInfo.InvariantCulture,
                $"as above, the month's rules digest taken away before each run: the on-time answer and working days late of every dossier ended in the month evaluated again (only those that change written); {result.UnitMonths} unit-months; no goal of its own"));
        return [floor, derive, afterChange];
    }

    /// <summary>(a) New dossiers through the import, against a bare COPY of the same rows.</summary>
    private static async Task<IReadOnlyList<BenchFigure>> IngestAsync(string scratch, int year, BenchAllOptions options, string folder, TextWriter log, CancellationToken ct)
    {
        var units = await UnitsAsync(scratch, year, ct);
        var codes = units.ToDictionary(u => u.UnitId, u => u.Code);
        var now = DateTimeOffset.UtcNow;
        var plan = new FullSizeDossiers(units, year, year, options.DossierRows, seed: 20, codePrefix: "BENCH");
        var records = plan.EachMonth().SelectMany(m => plan.Month(m, now)).ToList();
        var path = Path.Combine(folder, "bench-dossiers.csv");
        var size = await WriteCsvAsync(path, records, codes, long.MaxValue, ct);

        // The import's code path once on other rows first, so that the timed run is not its first (JIT, plans).
        var warmUpPath = Path.Combine(folder, "bench-dossiers-warm-up.csv");
        var warmUp = new FullSizeDossiers(units, year, year, 2_000, seed: 21, codePrefix: "BENCHWARM");
        await WriteCsvAsync(warmUpPath, warmUp.EachMonth().SelectMany(m => warmUp.Month(m, now)), codes, long.MaxValue, ct);
        await ImportAsync(scratch, warmUpPath, now, ct);

        var copyTimes = new List<double>();
        await using (var connection = new NpgsqlConnection(scratch))
        {
            await connection.OpenAsync(ct);
            await ExecuteAsync(connection, "CREATE TABLE bench_dossier_copy (LIKE dossiers)", ct);
            for (var i = 0; i < 3; i++)
            {
                await ExecuteAsync(connection, "TRUNCATE bench_dossier_copy", ct);
                var watch = Stopwatch.StartNew();
                await FullSizeDossiers.CopyAsync(connection, "bench_dossier_copy", records, 1, ct);
                copyTimes.Add(watch.Elapsed.TotalMilliseconds);
            }
            await ExecuteAsync(connection, "DROP TABLE bench_dossier_copy", ct);
        }
        var copy = BenchFigure.FromSamples($"COPY {records.Count:N0} dossiers", "ms", copyTimes, note: string.Create(CultureInfo.InvariantCulture,
            $"bare binary COPY of the same rows into a table without index (LIKE dossiers); {records.Count / (BenchStatistics.Median(copyTimes) / 1000):N0} rows/s"));

        log.WriteLine($"dossiers: importing {records.Count:N0} dossiers ({size / (1024.0 * 1024):F0} MiB) received in {year}…");
        var (total, result) = await ImportAsync(scratch, path, now, ct);
        if (result.New != records.Count) throw new InvalidOperationException($"the import took {result.New:N0} new dossiers, expected {records.Count:N0}.");
        var import = new BenchFigure($"dossier import {records.Count:N0} rows", "ms", total, total, copy.Name, total / copy.Median, 1,
            string.Create(CultureInfo.InvariantCulture,
                $"{records.Count / (total / 1000):N0} rows/s; a {size / (1024.0 * 1024):F0} MiB CSV read once (each row checked and copied to a stage), merged, the months' counts kept, {result.Figures.UnitMonths:N0} unit-months' figures written ({result.Figures.Written:N0} revisions); {Goal(total / copy.Median, IngestGoal)}"));
        return [copy, import];
    }

    /// <summary>(c) A dossier file of the size asked for, imported by a process of its own; its peak working set against the same process with a header-only file.</summary>
    private static async Task<IReadOnlyList<BenchFigure>> FileMemoryAsync(string scratch, int year, BenchAllOptions options, string folder, TextWriter log,
        CancellationToken ct)
    {
        var units = await UnitsAsync(scratch, year, ct);
        var codes = units.ToDictionary(u => u.UnitId, u => u.Code);
        var target = (long)options.DossierFileMegabytes * 1024 * 1024;
        // About 250 bytes a row; a few more planned than fit, the file cut at the size.
        var planned = (int)Math.Min(int.MaxValue, target / 200);
        var dossiers = new FullSizeDossiers(units, year, year, planned, seed: 22, codePrefix: "BENCHFILE");
        var now = DateTimeOffset.UtcNow;
        var path = Path.Combine(folder, "bench-dossiers-large.csv");
        log.WriteLine($"dossiers: writing a {options.DossierFileMegabytes:N0} MiB dossier file…");
        var size = await WriteCsvAsync(path, dossiers.EachMonth().SelectMany(m => dossiers.Month(m, now)), codes, target, ct);
        var header = Path.Combine(folder, "bench-dossiers-header.csv");
        await File.WriteAllTextAsync(header, string.Join(',', DossierFile.Columns) + "\n", ct);

        var alone = await ChildAsync(scratch, header, ct);
        log.WriteLine($"dossiers: importing the {size / (1024.0 * 1024):F0} MiB file in a child process…");
        var reading = await ChildAsync(scratch, path, ct);
        File.Delete(path);
        if (reading.Refusal is { } refusal) throw new InvalidOperationException($"the {size / (1024.0 * 1024):F0} MiB dossier file was refused: {refusal}");
        const double mib = 1024 * 1024;
        var peak = reading.PeakWorkingSet / mib;
        var total = reading.Milliseconds;
        return
        [
            new BenchFigure($"dossier import of a {size / mib / 1024:F2} GiB file ({reading.Rows:N0} rows), own process: peak working set", "MiB", peak, peak, Note:
                string.Create(CultureInfo.InvariantCulture,
                    $"the same process with a header-only file: {alone.PeakWorkingSet / mib:F0} MiB; imported in {total / 1000:F0} s (one reading, merged, rolled back), {reading.Rows / (total / 1000):N0} rows/s; goal ≤ {MemoryGoalMiB:F0} MiB: {(peak <= MemoryGoalMiB ? "met" : "NOT MET")}")),
        ];
    }

    private static string Goal(double ratio, double goal) => string.Create(CultureInfo.InvariantCulture,
        $"goal ≤ {goal:F0}×: {(ratio <= goal ? "met" : "NOT MET")}");

    private static string Hanoi(DateOnly month) => month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 00:00:00+07";

    private static ReformDbContext Context(string connectionString) =>
        new(new DbContextOptionsBuilder<ReformDbContext>().UseNpgsql(connectionString, o => o.CommandTimeout(3600)).Options);

    /// <summary>The units in force at the end of the year (the one rule, <see cref="CatalogueUnits"/>) with their level's procedures.</summary>
    private static async Task<List<DossierUnit>> UnitsAsync(string connectionString, int year, CancellationToken ct)
    {
        await using var db = Context(connectionString);
        var byLevel = (await db.Procedures.AsNoTracking().ToListAsync(ct)).GroupBy(p => p.Level)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Procedure>)g.OrderBy(p => p.Code, StringComparer.Ordinal).ToList());
        var yearEnd = new DateOnly(year, 12, 31);
        return (await CatalogueUnits.InForceAsync(db, yearEnd, yearEnd, ct))
            .Select(u => new DossierUnit(u.Id, u.Info.Code, u.Info.Level, byLevel.GetValueOrDefault(DossierGenerator.ProcedureLevel(u.Info.Level.ToCode())) ?? []))
            .ToList();
    }

    /// <summary>Writes the records as a dossier file, stopping before <paramref name="limit"/> bytes; returns its size.</summary>
    private static async Task<long> WriteCsvAsync(string path, IEnumerable<DossierRecord> records, Dictionary<int, string> codes, long limit, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        await using var writer = new StreamWriter(file, new UTF8Encoding(false), 1 << 20);
        var header = string.Join(',', DossierFile.Columns) + "\n";
        await writer.WriteAsync(header);
        long size = header.Length;
        foreach (var r in records)
        {
            var line = FullSizeDossiers.CsvLine(r, codes[r.UnitId]) + "\n";
            if (size + line.Length > limit) break; // ASCII: a byte a character
            await writer.WriteAsync(line.AsMemory(), ct);
            size += line.Length;
        }
        return size;
    }

    /// <summary>The import as the CLI and the push API run it: one reading of the file, then the merge.</summary>
    private static async Task<(double Milliseconds, DossierImportResult Result)> ImportAsync(string scratch, string path, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = Context(scratch);
        await using var content = File.OpenRead(path);
        var watch = Stopwatch.StartNew();
        var (check, result) = await DossierImport.ImportAsync(db, Path.GetFileName(path), content, new DossierImportOptions(), "bench", now, ct);
        if (result is null) throw new InvalidOperationException($"the generated dossier file was refused ({check.ErrorCount} problems), first: {check.Errors[0]}");
        return (watch.Elapsed.TotalMilliseconds, result);
    }

    /// <summary>What one child process reports of its file.</summary>
    private sealed record Reading(double Milliseconds, long PeakWorkingSet, int Rows, string? Refusal);

    /// <summary><c>reform bench dossier-file --one F</c> (internal): a child imports one file into ConnectionStrings__Reform, rolled back, and reports.</summary>
    public static Command CreateChildCommand()
    {
        Option<FileInfo> one = new("--one") { Required = true, Description = CliText.Both("Internal") };
        Command command = new("dossier-file", CliText.Both("InternalImportOneDossierFile")) { one };
        command.Hidden = true;
        command.SetAction(async (parse, ct) =>
        {
            var connection = Environment.GetEnvironmentVariable("ConnectionStrings__Reform")
                ?? throw new InvalidOperationException("ConnectionStrings__Reform is not set.");
            parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(await ImportOneAsync(connection, parse.GetValue(one)!, ct)));
            return 0;
        });
        return command;
    }

    private static async Task<Reading> ImportOneAsync(string connection, FileInfo file, CancellationToken ct)
    {
        await using var db = Context(connection);
        var now = DateTimeOffset.UtcNow;
        var options = new DossierImportOptions();
        var watch = Stopwatch.StartNew();
        await using var content = file.OpenRead();
        // The import's whole work, in a transaction rolled back: the scratch database stays as the other figures found it.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (check, result) = await DossierImport.ImportAsync(db, file.Name, content, options, "bench", now, ct);
        await tx.RollbackAsync(ct);
        if (result is null) return new Reading(watch.Elapsed.TotalMilliseconds, Process.GetCurrentProcess().PeakWorkingSet64, check.Rows, check.Errors.FirstOrDefault()?.MessageEn);
        return new Reading(watch.Elapsed.TotalMilliseconds, Process.GetCurrentProcess().PeakWorkingSet64, check.Rows, null);
    }

    private static async Task<Reading> ChildAsync(string scratch, string path, CancellationToken ct)
    {
        var info = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // This same program, under `dotnet reform.dll` or as its own executable.
        info.FileName = Environment.ProcessPath!;
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") info.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (var argument in new[] { "bench", "dossier-file", "--one", path }) info.ArgumentList.Add(argument);
        info.Environment["ConnectionStrings__Reform"] = scratch;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0) throw new InvalidOperationException($"importing {Path.GetFileName(path)} ended with exit {process.ExitCode}: {await error}");
        return JsonSerializer.Deserialize<Reading>((await output).Trim().Split('\n')[^1])!;
    }

    private static async Task<DateOnly?> LastMonthAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT max(month) FROM dossier_month_counts", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return reader.IsDBNull(0) ? null : reader.GetFieldValue<DateOnly>(0);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        var value = await command.ExecuteScalarAsync(ct);
        return value is null or DBNull ? default! : (T)value;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<List<double>> TimeAsync(int runs, Func<Task> work)
    {
        await work(); // JIT, PostgreSQL's caches
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
