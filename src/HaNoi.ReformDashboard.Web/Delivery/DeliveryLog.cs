using HaNoi.ReformDashboard.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HaNoi.ReformDashboard.Web.Delivery;

public enum DeliveryStatus { Sent, Failed, Skipped }

public sealed record DeliveryEntry(long Id, string Period, string Recipient, string? UnitCode, DeliveryStatus Status, int Attempt, string? Detail, DateTimeOffset At);

/// <summary>
/// Every attempt to send a brief (sent, failed, skipped), in PostgreSQL. The table is the delivery feature's own
/// (created here if missing) so that it stays out of the catalogue's migrations.
/// </summary>
public sealed class DeliveryLog(IDbContextFactory<ReformDbContext> factory)
{
    /// <summary>Why a brief was skipped, as the log stores it (the page words it in the UI's language).</summary>
    public const string UnitNotFound = "unit_not_found", NoData = "no_data";

    private readonly SemaphoreSlim _creating = new(1, 1);
    private bool _created;

    private const string Create = """
        CREATE TABLE IF NOT EXISTS delivery_log (
            id bigserial PRIMARY KEY,
            period text NOT NULL,
            recipient text NOT NULL,
            unit_code text NULL,
            status text NOT NULL CHECK (status IN ('sent', 'failed', 'skipped')),
            attempt int NOT NULL,
            detail text NULL,
            at timestamptz NOT NULL DEFAULT now());
        CREATE INDEX IF NOT EXISTS delivery_log_period ON delivery_log (period, recipient);
        """;

    public async Task AddAsync(string period, Recipient recipient, DeliveryStatus status, int attempt, string? detail, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "INSERT INTO delivery_log (period, recipient, unit_code, status, attempt, detail) VALUES (@period, @recipient, @unit, @status, @attempt, @detail)", connection);
        command.Parameters.AddWithValue("period", period);
        command.Parameters.AddWithValue("recipient", recipient.Email);
        command.Parameters.AddWithValue("unit", (object?)recipient.UnitCode ?? DBNull.Value);
        command.Parameters.AddWithValue("status", status.ToString().ToLowerInvariant());
        command.Parameters.AddWithValue("attempt", attempt);
        command.Parameters.AddWithValue("detail", (object?)detail ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Whether this brief already reached this person for the period (so a second instance or a re-run sends it once).</summary>
    public async Task<bool> WasSentAsync(string period, Recipient recipient, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM delivery_log WHERE period = @period AND recipient = @recipient AND unit_code IS NOT DISTINCT FROM @unit AND status = 'sent')", connection);
        command.Parameters.AddWithValue("period", period);
        command.Parameters.AddWithValue("recipient", recipient.Email);
        command.Parameters.Add(new NpgsqlParameter("unit", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)recipient.UnitCode ?? DBNull.Value });
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    public async Task<IReadOnlyList<DeliveryEntry>> LatestAsync(int count, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT id, period, recipient, unit_code, status, attempt, detail, at FROM delivery_log ORDER BY id DESC LIMIT @count", connection);
        command.Parameters.AddWithValue("count", count);
        var entries = new List<DeliveryEntry>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            entries.Add(new DeliveryEntry(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                Enum.Parse<DeliveryStatus>(reader.GetString(4), ignoreCase: true), reader.GetInt32(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.GetFieldValue<DateTimeOffset>(7)));
        }
        return entries;
    }

    /// <summary>A connection with the table in place; the caller disposes it.</summary>
    internal async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(ct);
        if (_created) return connection;
        await _creating.WaitAsync(ct);
        try
        {
            // Two instances may create it at once: the lock makes the second wait, then find it there.
            await using var create = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('delivery_log'));" + Create, connection);
            await using (var transaction = await connection.BeginTransactionAsync(ct))
            {
                create.Transaction = transaction;
                await create.ExecuteNonQueryAsync(ct);
                await transaction.CommitAsync(ct);
            }
            _created = true;
        }
        finally
        {
            _creating.Release();
        }
        return connection;
    }
}
