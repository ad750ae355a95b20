using System.Diagnostics;
using System.Globalization;
using System.Text;
using HaNoi.ReformDashboard.Data.Files;
using HaNoi.ReformDashboard.Data.Import;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace HaNoi.ReformDashboard.Cli.Bench;

/// <summary>
/// The monthly import through its real path (size check, read, every row check, preview against the current figures,
/// the commit with its batch, revisions, month locks and audit entry) against a bare binary COPY of the same rows into
/// a scratch table without index or constraint. Everything happens in a scratch copy of the database (CREATE DATABASE …
/// TEMPLATE), dropped afterwards: the bench never writes to the data it measures.
/// </summary>
public static class ImportBench
{
    private sealed record Row(int UnitId, int IndicatorId, DateOnly Period, decimal? Numerator, decimal? Denominator, decimal? Value, string UnitCode, string IndicatorCode);

    private const int WarmUpRows = 1_000;

    private const string CopyColumns = "unit_id, indicator_id, period, numerator, denominator, value, revision, is_current, import_batch_id, source, recorded_by, recorded_at";

    public static async Task<IReadOnlyList<BenchFigure>> RunAsync(BenchHost host, BenchAllOptions options, TextWriter log, CancellationToken ct)
    {
        string source;
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<ReformDbContext>>().CreateDbContextAsync(ct))
            source = db.Database.GetConnectionString()!;
        var sourceBuilder = new NpgsqlConnectionStringBuilder(source);
        var scratchName = sourceBuilder.Database + "_bench_import";
        var admin = new NpgsqlConnectionStringBuilder(source) { Database = "postgres", Pooling = false, CommandTimeout = 3600 }.ConnectionString;
        var scratch = new NpgsqlConnectionStringBuilder(source) { Database = scratchName, Pooling = false }.ConnectionString;

        log.WriteLine($"import: copying the database into {scratchName}…");
        await CreateScratchAsync(admin, sourceBuilder.Database!, scratchName, ct);
        try
        {
            return await MeasureAsync(host, options, scratch, log, ct);
        }
        finally
        {
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync(CancellationToken.None);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{scratchName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// A file copy of the database; the template must have no other session, so the app's idle pooled ones are closed
    /// first. <paramref name="admin"/> needs a long command timeout: copying a full-size database takes minutes.
    /// </summary>
    internal static async Task CreateScratchAsync(string admin, string template, string scratchName, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync(ct);
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{scratchName}\" WITH (FORCE)", connection))
            await drop.ExecuteNonQueryAsync(ct);
        var strategy = connection.PostgreSqlVersion.Major >= 15 ? " STRATEGY FILE_COPY" : "";
        for (var attempt = 1; ; attempt++)
        {
            NpgsqlConnection.ClearAllPools();
            try
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{scratchName}\" TEMPLATE \"{template}\"{strategy}", connection);
                await create.ExecuteNonQueryAsync(ct);
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 20)
            {
                await Task.Delay(250, ct); // a background job of the app still holds a session on the template
            }
        }
    }

    private static async Task<IReadOnlyList<BenchFigure>> MeasureAsync(BenchHost host, BenchAllOptions options, string scratch, TextWriter log, CancellationToken ct)
    {
        var importOptions = host.Services.GetRequiredService<ImportOptions>();
        var limit = Math.Min(importOptions.MaxFileBytes, (long)options.ImportMegabytes * 1024 * 1024);
        await using var connection = new NpgsqlConnection(scratch);
        await connection.OpenAsync(ct);

        // The latest figures of the database, as many as the larger file needs (about 35 bytes a row) and a few for a warm-up.
        var wanted = Math.Max(options.ImportRows, (int)Math.Min(limit / 25, 2_000_000)) + WarmUpRows;
        var rows = await LatestRowsAsync(connection, wanted, ct);
        if (rows.Count < options.ImportRows)
            throw new InvalidOperationException($"the database holds {rows.Count:N0} current figures, fewer than the {options.ImportRows:N0} rows asked for.");
        var small = rows.Take(options.ImportRows).ToList();
        var smallFile = Csv(small);
        var (largeRows, largeFile) = options.ImportMegabytes > 0 ? LargestFileWithin(rows.Take(rows.Count - WarmUpRows).ToList(), limit) : ([], []);
        var covered = Math.Max(small.Count, largeRows.Count);
        var warmUp = rows.Skip(covered).Take(WarmUpRows).ToList();

        // They become new figures again: the import then does what a month's file does, write them.
        log.WriteLine($"import: removing {covered + warmUp.Count:N0} figures from the scratch copy so the files bring them anew…");
        await DeleteAsync(connection, rows.Take(covered + warmUp.Count).ToList(), ct);
        // The import's code path once on other rows first, so that the timed run is not its first (JIT, plans).
        if (warmUp.Count > 0) await ImportAsync(scratch, "bench-warm-up.csv", Csv(warmUp), warmUp.Count, importOptions, ct);

        var copyTimes = new List<double>();
        await Execute(connection, $"CREATE TABLE bench_copy ({string.Join(", ", CopyColumns.Split(", ").Zip(ColumnTypes, (c, t) => c + " " + t))})", ct);
        for (var i = 0; i < Math.Max(3, Math.Min(options.Runs, 5)); i++)
        {
            await Execute(connection, "TRUNCATE bench_copy", ct);
            var watch = Stopwatch.StartNew();
            await CopyAsync(connection, small, ct);
            copyTimes.Add(watch.Elapsed.TotalMilliseconds);
        }
        var copy = BenchFigure.FromSamples($"COPY {small.Count:N0} rows", "ms", copyTimes,
            note: string.Create(CultureInfo.InvariantCulture, $"bare binary COPY of the same rows into a scratch table without index; {small.Count / (BenchStatistics.Median(copyTimes) / 1000):N0} rows/s"));

        // The same COPY into measurements itself (its indexes, checks and data_version trigger), rolled back: how much of
        // the import's time the table's own upkeep takes, and how much the checks, preview and bookkeeping.
        var tableTimes = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            var watch = Stopwatch.StartNew();
            await CopyAsync(connection, small, ct, "measurements");
            tableTimes.Add(watch.Elapsed.TotalMilliseconds);
            await tx.RollbackAsync(ct);
        }
        var intoTable = BenchFigure.FromSamples($"COPY {small.Count:N0} rows into measurements", "ms", tableTimes, copy,
            "the same COPY into the real table (its unique and partial indexes, checks, data_version trigger), rolled back");

        log.WriteLine($"import: {small.Count:N0} rows ({smallFile.Length / 1024:N0} KiB) through the import…");
        var (validate, commit) = await ImportAsync(scratch, "bench-100k.csv", smallFile, small.Count, importOptions, ct);
        var total = validate + commit;
        var import = new BenchFigure($"import {small.Count:N0} rows: validate + commit", "ms", total, total, copy.Name, total / copy.Median, 1,
            string.Create(CultureInfo.InvariantCulture, $"{small.Count / (total / 1000):N0} rows/s; validate {validate:F0} ms, commit {commit:F0} ms; aim ≤ 3× COPY"));

        var figures = new List<BenchFigure> { copy, intoTable, import };
        if (options.ImportMegabytes > 0)
        {
            log.WriteLine($"import: a {largeFile.Length / (1024.0 * 1024):F1} MiB file ({largeRows.Count:N0} rows) through the import, memory sampled…");
            GC.Collect();
            GC.WaitForPendingFinalizers();
            using var sampler = new MemorySampler();
            var allocatedBefore = GC.GetTotalAllocatedBytes();
            var (v, c) = await ImportAsync(scratch, "bench-20mb.csv", largeFile, Math.Max(0, largeRows.Count - small.Count), importOptions, ct);
            var peak = sampler.Stop();
            var allocated = (GC.GetTotalAllocatedBytes() - allocatedBefore) / (1024.0 * 1024);
            figures.Add(new BenchFigure($"import a {largeFile.Length / (1024.0 * 1024):F1} MiB file ({largeRows.Count:N0} rows): validate + commit", "ms", v + c, v + c, Samples: 1, Note: string.Create(CultureInfo.InvariantCulture, $"{largeRows.Count / ((v + c) / 1000):N0} rows/s; validate {v:F0} ms, commit {c:F0} ms ({small.Count:N0} rows unchanged)")));
            // What the file itself costs: the rise of the working set over the step's start (the process already holds the
            // dashboard and its cached scorecards), with the absolute peak beside it.
            var rise = peak.WorkingSetMiB - peak.StartWorkingSetMiB;
            figures.Add(new BenchFigure($"import a {largeFile.Length / (1024.0 * 1024):F1} MiB file: working set growth", "MiB", rise, rise, Note:
                string.Create(CultureInfo.InvariantCulture,
                    $"peak working set {peak.WorkingSetMiB:F0} MiB from {peak.StartWorkingSetMiB:F0} MiB at the step's start; managed heap peak {peak.ManagedMiB:F0} MiB; {allocated:N0} MiB allocated during the step")));
        }
        return figures;
    }

    private static readonly string[] ColumnTypes = ["integer", "integer", "date", "numeric", "numeric", "numeric", "integer", "boolean", "bigint", "text", "text", "timestamptz"];

    private static async Task<List<Row>> LatestRowsAsync(NpgsqlConnection connection, int count, CancellationToken ct)
    {
        const string sql = """
            WITH picked AS (
                SELECT m.unit_id, m.indicator_id, m.period, m.numerator, m.denominator, m.value, i.code AS indicator_code
                FROM measurements m
                JOIN indicators i ON i.id = m.indicator_id
                WHERE m.is_current
                  -- A figure counted from dossiers is refused in a monthly file (docs/dossiers.md): not one to bring anew.
                  AND NOT (i.code = ANY (@derived) AND EXISTS (SELECT 1 FROM dossier_month_counts c WHERE c.unit_id = m.unit_id AND c.month = m.period))
                ORDER BY m.period DESC, m.unit_id, m.indicator_id
                LIMIT @count
            ),
            -- Each unit's code in the month, as the import reads it: the one rule for units in force, once per month.
            codes AS (
                SELECT p.period, f.unit_id, f.code
                FROM (SELECT DISTINCT period FROM picked) p
                CROSS JOIN LATERAL units_in_force(p.period, (p.period + interval '1 month - 1 day')::date) f
            )
            SELECT p.unit_id, p.indicator_id, p.period, p.numerator, p.denominator, p.value, c.code, p.indicator_code
            FROM picked p JOIN codes c ON c.period = p.period AND c.unit_id = p.unit_id
            ORDER BY p.period DESC, p.unit_id, p.indicator_id
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("count", count);
        command.Parameters.AddWithValue("derived", Data.Dossiers.DossierIndicators.Codes.ToArray());
        var rows = new List<Row>(count);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new Row(reader.GetInt32(0), reader.GetInt32(1), reader.GetFieldValue<DateOnly>(2),
                reader.IsDBNull(3) ? null : reader.GetDecimal(3), reader.IsDBNull(4) ? null : reader.GetDecimal(4), reader.IsDBNull(5) ? null : reader.GetDecimal(5),
                reader.GetString(6), reader.GetString(7)));
        }
        return rows;
    }

    private static string Line(Row r) => string.Create(CultureInfo.InvariantCulture,
        $"{CsvText.Escape(r.UnitCode)},{CsvText.Escape(r.IndicatorCode)},{r.Period:yyyy-MM},{r.Numerator},{r.Denominator},{r.Value}\n");

    private static string Header => string.Join(",", MeasurementReader.Columns) + "\n";

    private static byte[] Csv(IEnumerable<Row> rows)
    {
        var text = new StringBuilder(Header);
        foreach (var r in rows) text.Append(Line(r));
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>As many of the rows as fit in <paramref name="limit"/> bytes of CSV.</summary>
    private static (List<Row> Rows, byte[] File) LargestFileWithin(List<Row> rows, long limit)
    {
        var text = new StringBuilder(Header);
        var taken = new List<Row>();
        foreach (var r in rows)
        {
            var line = Line(r);
            if (text.Length + line.Length > limit) break; // ASCII: one byte a character
            text.Append(line);
            taken.Add(r);
        }
        return (taken, Encoding.UTF8.GetBytes(text.ToString()));
    }

    private static async Task DeleteAsync(NpgsqlConnection connection, List<Row> rows, CancellationToken ct)
    {
        await Execute(connection, "CREATE TEMP TABLE bench_keys (unit_id integer, indicator_id integer, period date)", ct);
        await using (var writer = await connection.BeginBinaryImportAsync("COPY bench_keys FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var r in rows)
            {
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(r.UnitId, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(r.IndicatorId, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(r.Period, NpgsqlDbType.Date, ct);
            }
            await writer.CompleteAsync(ct);
        }
        await Execute(connection, "DELETE FROM measurements m USING bench_keys k WHERE m.unit_id = k.unit_id AND m.indicator_id = k.indicator_id AND m.period = k.period", ct);
        await Execute(connection, "VACUUM ANALYZE measurements", ct);
    }

    /// <summary>The same twelve columns the import's commit writes, in the same binary format.</summary>
    private static async Task CopyAsync(NpgsqlConnection connection, List<Row> rows, CancellationToken ct, string table = "bench_copy")
    {
        var at = DateTimeOffset.UtcNow;
        await using var writer = await connection.BeginBinaryImportAsync($"COPY {table} ({CopyColumns}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var r in rows)
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(r.UnitId, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(r.IndicatorId, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(r.Period, NpgsqlDbType.Date, ct);
            foreach (var value in new[] { r.Numerator, r.Denominator, r.Value })
            {
                if (value is { } v) await writer.WriteAsync(v, NpgsqlDbType.Numeric, ct);
                else await writer.WriteNullAsync(ct);
            }
            await writer.WriteAsync(1, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(true, NpgsqlDbType.Boolean, ct);
            await writer.WriteAsync(1L, NpgsqlDbType.Bigint, ct);
            await writer.WriteAsync("bench.csv", NpgsqlDbType.Text, ct);
            await writer.WriteAsync("bench", NpgsqlDbType.Text, ct);
            await writer.WriteAsync(at, NpgsqlDbType.TimestampTz, ct);
        }
        await writer.CompleteAsync(ct);
    }

    /// <summary>What the import page and <c>reform import</c> do with a file, timed in two parts.</summary>
    private static async Task<(double Validate, double Commit)> ImportAsync(string scratch, string name, byte[] file, int expectedNew, ImportOptions options, CancellationToken ct)
    {
        await using var db = new ReformDbContext(new DbContextOptionsBuilder<ReformDbContext>().UseNpgsql(scratch).Options);
        var watch = Stopwatch.StartNew();
        var errors = new List<CellError>();
        if (!ImportFileReader.SizeAllowed(name, file.Length, options, errors)) throw new InvalidOperationException(string.Join("; ", errors));
        var preview = await ImportPreview.CreateAsync(db, name, file, DateOnly.FromDateTime(DateTime.UtcNow), options, ct: ct);
        var validate = watch.Elapsed.TotalMilliseconds;
        if (!preview.IsValid)
            throw new InvalidOperationException($"the generated file was refused ({preview.Errors.Count} problems), first: {preview.Errors[0]}");
        if (preview.Count(RowChange.New) != expectedNew)
            throw new InvalidOperationException($"the preview found {preview.Count(RowChange.New):N0} new rows, expected {expectedNew:N0}.");
        watch.Restart();
        await ImportCommit.CommitAsync(db, preview, "bench", DateTimeOffset.UtcNow, ct);
        return (validate, watch.Elapsed.TotalMilliseconds);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The process's working set and managed heap, sampled every 20 ms while a step runs.</summary>
    private sealed class MemorySampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private long _peakWorkingSet, _peakManaged;
        private readonly long _start = Environment.WorkingSet;

        public MemorySampler() => _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                _peakWorkingSet = Math.Max(_peakWorkingSet, Environment.WorkingSet);
                _peakManaged = Math.Max(_peakManaged, GC.GetTotalMemory(false));
                try { await Task.Delay(20, _stop.Token); } catch (OperationCanceledException) { }
            }
        });

        public (double WorkingSetMiB, double StartWorkingSetMiB, double ManagedMiB) Stop()
        {
            _stop.Cancel();
            _loop.Wait();
            const double mib = 1024 * 1024;
            return (Math.Max(_peakWorkingSet, Environment.WorkingSet) / mib, _start / mib, _peakManaged / mib);
        }

        public void Dispose()
        {
            _stop.Cancel();
            _stop.Dispose();
        }
    }
}
