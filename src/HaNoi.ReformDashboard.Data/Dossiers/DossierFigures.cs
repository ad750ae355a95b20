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

    /// <summary>Writes the figures of unit-months whose counts an import just changed, inside the import's transaction.</summary>
    internal static Task<DossierFiguresResult> WriteAsync(ReformDbContext db, List<(int UnitId, DateOnly Month)> keys, long batchId, string actor,
        DateTimeOffset at, CancellationToken ct) =>
        CallAsync(db, "dossier_figures_write", keys.Select(k => k.UnitId).ToList(), keys.Select(k => k.Month).ToList(), batchId, actor, at, ct);

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
        // Every unit with dossiers in the months: the function's own passes over each month find them.
        var months = new List<DateOnly>();
        for (var m = new DateOnly(first.Year, first.Month, 1); m <= last; m = m.AddMonths(1)) months.Add(m);
        return await CallAsync(db, "dossier_figures_refresh", null, months, null, actor, at, ct);
    }

    /// <summary>
    /// <c>dossier_figures_refresh</c> (recount, then write) or <c>dossier_figures_write</c> (write from the kept counts),
    /// under the months' locks; <paramref name="units"/> null: every unit with dossiers in the months (a recount).
    /// </summary>
    private static async Task<DossierFiguresResult> CallAsync(ReformDbContext db, string function, List<int>? units, List<DateOnly> months, long? batchId,
        string actor, DateTimeOffset at, CancellationToken ct)
    {
        if (months.Count == 0) return new DossierFiguresResult(0, 0, 0);
        using var longWrites = CurrentFigures.LongWrites(db);
        await CurrentFigures.LockMonthsAsync(db, months, ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand($"SELECT * FROM {function}(@units, @months, @batch, @actor, @at)", connection)
        {
            Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction(),
            CommandTimeout = db.Database.GetCommandTimeout() ?? 300,
        };
        command.Parameters.Add(new NpgsqlParameter("units", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = (object?)units?.ToArray() ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("months", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = months.ToArray() });
        command.Parameters.Add(new NpgsqlParameter("batch", NpgsqlDbType.Bigint) { Value = (object?)batchId ?? DBNull.Value });
        command.Parameters.AddWithValue("actor", actor);
        command.Parameters.AddWithValue("at", at.ToUniversalTime());
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        // dossier_figures_write knows no more unit-months than it was given; the recount says how many it found.
        return new DossierFiguresResult(reader.GetInt32(0), reader.GetInt32(1), reader.FieldCount > 2 ? reader.GetInt32(2) : units!.Count);
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
