using System.Data;
using HaNoi.ReformDashboard.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HaNoi.ReformDashboard.Data.Dossiers;

/// <summary>
/// One raw-SQL read of the dossiers (a list, its counts, an overdue page or count) on the context's connection. A
/// <c>serial</c> read (the overdue dossiers: the open ones and those ended after the day, through indexes, over every
/// partition) runs with parallel query off: PostgreSQL's parallel workers take longer to start than they save on a few
/// thousand rows (at full size the city-wide count took about 1.5× as long with two workers; docs/performance.md). The
/// setting is made for the read's own short read-only transaction, never for a transaction of the caller's. A list's
/// reads plan a few partitions through its bounds and are not given parallel plans.
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
