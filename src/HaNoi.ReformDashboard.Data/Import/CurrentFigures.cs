using HaNoi.ReformDashboard.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace HaNoi.ReformDashboard.Data.Import;

public readonly record struct FigureKey(int UnitId, int IndicatorId, DateOnly Period);

/// <summary>The revision in force of each (unit, indicator, month), its figures and batch, and the latest revision number.</summary>
public readonly record struct CurrentFigure(int? Revision, FigureSet FigureSet, long? BatchId, int LatestRevision);

internal static class CurrentFigures
{
    private const string Sql = """
        SELECT m.revision, m.numerator, m.denominator, m.value, m.import_batch_id,
               coalesce((SELECT max(x.revision) FROM measurements x
                         WHERE x.unit_id = k.unit_id AND x.indicator_id = k.indicator_id AND x.period = k.period), 0)
        FROM unnest(@units, @indicators, @periods) WITH ORDINALITY AS k(unit_id, indicator_id, period, ord)
        LEFT JOIN measurements m ON m.unit_id = k.unit_id AND m.indicator_id = k.indicator_id AND m.period = k.period AND m.is_current
        ORDER BY k.ord
        """;

    /// <summary>One answer per key, in the keys' order (one query for the whole file).</summary>
    public static async Task<List<CurrentFigure>> ReadAsync(ReformDbContext db, IReadOnlyList<FigureKey> keys, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand(Sql, connection) { Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction() };
        command.Parameters.Add(new NpgsqlParameter("units", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = keys.Select(k => k.UnitId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("indicators", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = keys.Select(k => k.IndicatorId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("periods", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = keys.Select(k => k.Period).ToArray() });
        var result = new List<CurrentFigure>(keys.Count);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            decimal? At(int i) => reader.IsDBNull(i) ? null : reader.GetDecimal(i);
            result.Add(new CurrentFigure(reader.IsDBNull(0) ? null : reader.GetInt32(0), new FigureSet(At(1), At(2), At(3)),
                reader.IsDBNull(4) ? null : reader.GetInt64(4), reader.GetInt32(5)));
        }
        return result;
    }

    /// <summary>Marks the revisions in force of these keys as superseded.</summary>
    public static async Task SupersedeAsync(ReformDbContext db, IReadOnlyList<FigureKey> keys, CancellationToken ct)
    {
        if (keys.Count == 0) return;
        await db.Database.ExecuteSqlRawAsync("""
            UPDATE measurements m SET is_current = false
            FROM unnest(@units, @indicators, @periods) AS k(unit_id, indicator_id, period)
            WHERE m.unit_id = k.unit_id AND m.indicator_id = k.indicator_id AND m.period = k.period AND m.is_current
            """,
            [
                new NpgsqlParameter("units", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = keys.Select(k => k.UnitId).ToArray() },
                new NpgsqlParameter("indicators", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = keys.Select(k => k.IndicatorId).ToArray() },
                new NpgsqlParameter("periods", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = keys.Select(k => k.Period).ToArray() },
            ], ct);
    }

    /// <summary>
    /// Imports and reverts touching the same months take turns: a transaction-scoped advisory lock per month,
    /// taken in order so two imports never wait on each other in a circle.
    /// </summary>
    public static async Task LockMonthsAsync(ReformDbContext db, IEnumerable<DateOnly> periods, CancellationToken ct)
    {
        foreach (var month in periods.Select(p => p.Year * 100 + p.Month).Distinct().Order())
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(10, @month)", [new NpgsqlParameter("month", month)], ct);
    }

    /// <summary>
    /// For the writes of an import or a revert, until disposed: the roll-ups' triggers add up the months a write touched
    /// within its own statement — seconds for a file at the size limit on a quiet machine, more under load — past the
    /// 30 s meant for a page's queries.
    /// </summary>
    public static IDisposable LongWrites(ReformDbContext db) => new TimeoutScope(db, TimeSpan.FromMinutes(5));

    private sealed class TimeoutScope : IDisposable
    {
        private readonly ReformDbContext _db;
        private readonly int? _before;

        public TimeoutScope(ReformDbContext db, TimeSpan timeout)
        {
            (_db, _before) = (db, db.Database.GetCommandTimeout());
            db.Database.SetCommandTimeout(timeout);
        }

        public void Dispose() => _db.Database.SetCommandTimeout(_before);
    }

    public static async Task WriteAsync(ReformDbContext db, IEnumerable<(FigureKey Key, FigureSet FigureSet, int Revision)> rows, long batchId, string source, string actor, DateTimeOffset at, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY measurements (unit_id, indicator_id, period, numerator, denominator, value, revision, is_current, import_batch_id, source, recorded_by, recorded_at) FROM STDIN (FORMAT BINARY)", ct);
        // The COPY waits as long as the writer's other commands (the connection's own timeout otherwise).
        if (db.Database.GetCommandTimeout() is int seconds) writer.Timeout = TimeSpan.FromSeconds(seconds);
        foreach (var (key, figures, revision) in rows)
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(key.UnitId, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(key.IndicatorId, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(key.Period, NpgsqlDbType.Date, ct);
            await Nullable(writer, figures.Numerator, ct);
            await Nullable(writer, figures.Denominator, ct);
            await Nullable(writer, figures.Value, ct);
            await writer.WriteAsync(revision, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(true, NpgsqlDbType.Boolean, ct);
            await writer.WriteAsync(batchId, NpgsqlDbType.Bigint, ct);
            await writer.WriteAsync(source, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(actor, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(at, NpgsqlDbType.TimestampTz, ct);
        }
        await writer.CompleteAsync(ct);
    }

    private static Task Nullable(NpgsqlBinaryImporter writer, decimal? value, CancellationToken ct) =>
        value is { } v ? writer.WriteAsync(v, NpgsqlDbType.Numeric, ct) : writer.WriteNullAsync(ct);
}
