using Npgsql;
using NpgsqlTypes;

namespace HaNoi.ReformDashboard.Data.Dossiers;

/// <summary>
/// Dossier records as rows of a binary COPY, in the table's column order: the import's stage table, a month's partition
/// (the full-size seed) and the bench's bare COPY write them the same way.
/// </summary>
public static class DossierCopy
{
    public const string Columns =
        "dossier_code, procedure_code, field_code, unit_id, received_at, due_at, finished_at, returned_at, status, channel, " +
        "supplement_requests, supplement_days, fee_required, paid_online, digitised, e_result, reused_data, synced_national, updated_at, import_batch_id";

    /// <param name="withRowNumber">The import's stage: each record followed by its row in the file.</param>
    public static Task<NpgsqlBinaryImporter> BeginAsync(NpgsqlConnection connection, string table, CancellationToken ct, bool withRowNumber = false) =>
        connection.BeginBinaryImportAsync($"COPY {table} ({Columns}{(withRowNumber ? ", row_number" : "")}) FROM STDIN (FORMAT BINARY)", ct);

    public static async Task WriteAsync(NpgsqlBinaryImporter writer, DossierRecord r, long batchId, CancellationToken ct, int? rowNumber = null)
    {
        await writer.StartRowAsync(ct);
        await writer.WriteAsync(r.DossierCode, NpgsqlDbType.Varchar, ct);
        await writer.WriteAsync(r.ProcedureCode, NpgsqlDbType.Varchar, ct);
        await writer.WriteAsync(r.FieldCode, NpgsqlDbType.Varchar, ct);
        await writer.WriteAsync(r.UnitId, NpgsqlDbType.Integer, ct);
        await writer.WriteAsync(r.ReceivedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
        foreach (var at in new[] { r.DueAt, r.FinishedAt, r.ReturnedAt })
        {
            if (at is { } a) await writer.WriteAsync(a.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
            else await writer.WriteNullAsync(ct);
        }
        await writer.WriteAsync(r.Status, NpgsqlDbType.Varchar, ct);
        await writer.WriteAsync(r.Channel, NpgsqlDbType.Varchar, ct);
        await writer.WriteAsync(r.SupplementRequests, NpgsqlDbType.Integer, ct);
        await writer.WriteAsync(r.SupplementDays, NpgsqlDbType.Integer, ct);
        foreach (var flag in new[] { r.FeeRequired, r.PaidOnline, r.Digitised, r.EResult, r.ReusedData, r.SyncedNational })
            await writer.WriteAsync(flag, NpgsqlDbType.Boolean, ct);
        await writer.WriteAsync(r.UpdatedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
        await writer.WriteAsync(batchId, NpgsqlDbType.Bigint, ct);
        if (rowNumber is { } n) await writer.WriteAsync(n, NpgsqlDbType.Integer, ct);
    }
}
