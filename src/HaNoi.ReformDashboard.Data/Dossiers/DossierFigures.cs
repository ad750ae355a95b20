using HaNoi.ReformDashboard.Data.Import;
using HaNoi.ReformDashboard.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace HaNoi.ReformDashboard.Data.Dossiers;

/// <summary>What a recount did to the figures: revisions written, figures left with none in force, unit-months recounted.</summary>
public sealed record DossierFiguresResult(int Written, int Withdrawn, int UnitMonths);

/// <summary>
/// The six figures counted from dossiers (docs/scoring.md): recounted in PostgreSQL for the unit-months a change
/// touched (<c>dossier_figures_refresh</c>, Schema/Sql), in the writer's transaction, under the same month locks as
/// the monthly import so the two never interleave.
/// </summary>
public static class DossierFigures
{
    public const string HanoiTimeZone = "Asia/Ho_Chi_Minh";

    /// <summary>The unit-months a batch touched: where its records were received and ended, and where the records it replaced were.</summary>
    private const string TouchedByBatchSql = $"""
        SELECT DISTINCT unit_id, month FROM (
            SELECT unit_id, date_trunc('month', received_at AT TIME ZONE '{HanoiTimeZone}')::date AS month FROM dossier_stage
            UNION ALL
            SELECT unit_id, date_trunc('month', finished_at AT TIME ZONE '{HanoiTimeZone}')::date FROM dossier_stage WHERE finished_at IS NOT NULL
            UNION ALL
            SELECT unit_id, date_trunc('month', received_at AT TIME ZONE '{HanoiTimeZone}')::date FROM dossier_history
            WHERE superseded_by_batch_id = @batch AND NOT arrived_late
            UNION ALL
            SELECT unit_id, date_trunc('month', finished_at AT TIME ZONE '{HanoiTimeZone}')::date FROM dossier_history
            WHERE superseded_by_batch_id = @batch AND NOT arrived_late AND finished_at IS NOT NULL
        ) k
        """;

    /// <summary>Every unit-month with dossiers received or ended from <paramref name="first"/> through <paramref name="last"/>, or counted before.</summary>
    private const string TouchedBetweenSql = $"""
        SELECT DISTINCT unit_id, month FROM (
            SELECT unit_id, date_trunc('month', received_at AT TIME ZONE '{HanoiTimeZone}')::date AS month FROM dossiers
            WHERE received_at >= (@first::timestamp AT TIME ZONE '{HanoiTimeZone}') AND received_at < (@end::timestamp AT TIME ZONE '{HanoiTimeZone}')
            UNION ALL
            -- Ended in a month of the span: probed per unit and month through (unit_id, finished_at), since the partitions
            -- are by received time and a range of finished_at alone would read every one of them whole.
            SELECT u.id, m.month::date FROM units u
            CROSS JOIN generate_series(@first::timestamp, @end::timestamp - interval '1 month', interval '1 month') AS m(month)
            CROSS JOIN LATERAL (
                SELECT 1 FROM dossiers d
                WHERE d.unit_id = u.id AND d.finished_at >= (m.month AT TIME ZONE '{HanoiTimeZone}')
                  AND d.finished_at < ((m.month + interval '1 month') AT TIME ZONE '{HanoiTimeZone}')
                  AND d.received_at < (@end::timestamp AT TIME ZONE '{HanoiTimeZone}')
                LIMIT 1
            ) ended
            UNION ALL
            SELECT unit_id, month FROM dossier_month_counts WHERE month >= @first AND month < @end
        ) k
        """;

    /// <summary>Recounts what an import batch touched (its records staged in <c>dossier_stage</c>), inside the import's transaction.</summary>
    internal static async Task<DossierFiguresResult> RefreshBatchAsync(ReformDbContext db, long batchId, string actor, DateTimeOffset at, CancellationToken ct)
    {
        var keys = await ReadKeysAsync(db, TouchedByBatchSql, [new NpgsqlParameter("batch", batchId)], ct);
        return await RefreshAsync(db, keys, batchId, actor, at, ct);
    }

    /// <summary>
    /// Recounts every unit-month from <paramref name="first"/> through <paramref name="last"/> (first days of months): after a
    /// change of the rules' data (holidays, a procedure's legal limit), or to check the counts. Its own transaction.
    /// </summary>
    public static async Task<DossierFiguresResult> RefreshMonthsAsync(ReformDbContext db, DateOnly first, DateOnly last, string actor,
        DateTimeOffset at, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await RecountMonthsAsync(db, first, last, actor, at, ct);
        if (result.Written + result.Withdrawn > 0)
        {
            db.AuditLog.Add(new AuditEntry
            {
                At = at, Actor = actor, Action = "dossiers.recount", Entity = "measurements",
                EntityKey = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{first:yyyy-MM}..{last:yyyy-MM}"),
                Details = System.Text.Json.JsonSerializer.Serialize(new { result.UnitMonths, result.Written, result.Withdrawn }),
            });
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>As <see cref="RefreshMonthsAsync"/>, inside the caller's transaction and without its audit entry (a holiday import audits its own).</summary>
    internal static async Task<DossierFiguresResult> RecountMonthsAsync(ReformDbContext db, DateOnly first, DateOnly last, string actor,
        DateTimeOffset at, CancellationToken ct)
    {
        // The dossier writers' lock: no import changes the records while they are counted.
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(20, 0)", ct);
        var keys = await ReadKeysAsync(db, TouchedBetweenSql,
            [new NpgsqlParameter("first", first), new NpgsqlParameter("end", last.AddMonths(1))], ct);
        return await RefreshAsync(db, keys, null, actor, at, ct);
    }

    private static async Task<DossierFiguresResult> RefreshAsync(ReformDbContext db, List<(int UnitId, DateOnly Month)> keys, long? batchId, string actor,
        DateTimeOffset at, CancellationToken ct)
    {
        if (keys.Count == 0) return new DossierFiguresResult(0, 0, 0);
        using var longWrites = CurrentFigures.LongWrites(db);
        await CurrentFigures.LockMonthsAsync(db, keys.Select(k => k.Month), ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand("SELECT written, withdrawn FROM dossier_figures_refresh(@units, @months, @batch, @actor, @at)", connection)
        {
            Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction(),
            CommandTimeout = db.Database.GetCommandTimeout() ?? 300,
        };
        command.Parameters.Add(new NpgsqlParameter("units", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = keys.Select(k => k.UnitId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("months", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = keys.Select(k => k.Month).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("batch", NpgsqlDbType.Bigint) { Value = (object?)batchId ?? DBNull.Value });
        command.Parameters.AddWithValue("actor", actor);
        command.Parameters.AddWithValue("at", at.ToUniversalTime());
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new DossierFiguresResult(reader.GetInt32(0), reader.GetInt32(1), keys.Count);
    }

    private static async Task<List<(int, DateOnly)>> ReadKeysAsync(ReformDbContext db, string sql, NpgsqlParameter[] parameters, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand(sql, connection)
        {
            Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction(),
            CommandTimeout = db.Database.GetCommandTimeout() ?? 300,
        };
        command.Parameters.AddRange(parameters);
        var keys = new List<(int, DateOnly)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) keys.Add((reader.GetInt32(0), reader.GetFieldValue<DateOnly>(1)));
        return keys;
    }

    /// <summary>The unit-months among <paramref name="keys"/> that have dossiers: their six figures come from the dossiers alone.</summary>
    public static async Task<HashSet<(int UnitId, DateOnly Month)>> CountedFromDossiersAsync(ReformDbContext db, IReadOnlyCollection<(int UnitId, DateOnly Month)> keys,
        CancellationToken ct)
    {
        var found = new HashSet<(int, DateOnly)>();
        if (keys.Count == 0) return found;
        await db.Database.OpenConnectionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand("""
            SELECT c.unit_id, c.month FROM dossier_month_counts c
            JOIN unnest(@units, @months) AS k(unit_id, month) ON k.unit_id = c.unit_id AND k.month = c.month
            """, connection) { Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction() };
        command.Parameters.Add(new NpgsqlParameter("units", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = keys.Select(k => k.UnitId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("months", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = keys.Select(k => k.Month).ToArray() });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) found.Add((reader.GetInt32(0), reader.GetFieldValue<DateOnly>(1)));
        return found;
    }
}
