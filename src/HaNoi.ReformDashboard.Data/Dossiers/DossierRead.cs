using System.Data;
using HaNoi.ReformDashboard.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HaNoi.ReformDashboard.Data.Dossiers;

/// <summary>
/// One raw-SQL read of the dossiers (a list, its counts, an overdue page or count) on the context's connection. A
/// <c>serial</c> read covers a few thousand rows through indexes (one unit's list, the overdue dossiers): PostgreSQL's
/// parallel workers take longer to start than they save there (at full size, the first page of the largest unit-month
/// took about 150 ms with two workers, 55 ms without; docs/performance.md), so it runs with parallel query off — set
/// for its own short read-only transaction, never for a transaction of the caller's. Reads of every dossier of a
/// period (the city-wide causes) keep the server's setting.
/// </summary>
internal sealed class DossierRead : IAsyncDisposable
{
    private readonly NpgsqlTransaction? _own;

    private DossierRead(NpgsqlCommand command, NpgsqlTransaction? own) => (Command, _own) = (command, own);

    public NpgsqlCommand Command { get; }

    public static async Task<DossierRead> StartAsync(ReformDbContext db, string sql, bool serial, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        NpgsqlTransaction? own = null;
        if (serial && db.Database.CurrentTransaction is null)
        {
            own = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
            await using var setting = new NpgsqlCommand("SET TRANSACTION READ ONLY; SET LOCAL max_parallel_workers_per_gather = 0", connection, own);
            await setting.ExecuteNonQueryAsync(ct);
        }
        return new DossierRead(new NpgsqlCommand(sql, connection, own), own);
    }

    public async ValueTask DisposeAsync()
    {
        await Command.DisposeAsync();
        // Nothing was written: ending the transaction unfinished (a rollback) only ends its setting, and cannot fail after an error.
        if (_own is not null) await _own.DisposeAsync();
    }
}
