using System.Collections.Concurrent;
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

    /// <summary>How many statements <see cref="PrepareAsync"/> leaves prepared on one server connection at most.</summary>
    internal const int MaxPrepared = 64;

    /// <summary>The texts <see cref="PrepareAsync"/> prepared, per server and server process (one pooled connection).</summary>
    private static readonly ConcurrentDictionary<(string Server, int Process), ConcurrentDictionary<string, byte>> Prepared = new();

    /// <summary>
    /// Prepares the read on its server connection, where Npgsql keeps it across the pool's closes and opens: the same
    /// text on the same connection is then neither parsed nor, once PostgreSQL has chosen its generic plan (after five
    /// custom ones), planned again — most of a list page's time on the server. Only for reads whose bounds are in the
    /// text (a plan of the partitions they name); each prepared statement keeps its plan in the server process (about
    /// 180 KB for a page over three partitions), so a connection that has prepared <see cref="MaxPrepared"/> texts drops
    /// them all and starts again.
    /// </summary>
    public async Task PrepareAsync(CancellationToken ct)
    {
        var connection = Command.Connection!;
        if (Prepared.Count > 4096) Prepared.Clear(); // server processes come and go with the pool: forget them now and then
        var texts = Prepared.GetOrAdd(($"{connection.Host}:{connection.Port}/{connection.Database}", connection.ProcessID), _ => new());
        if (!texts.ContainsKey(Command.CommandText))
        {
            if (texts.Count >= MaxPrepared)
            {
                connection.UnprepareAll(); // Npgsql's only form: one round trip, rare
                texts.Clear();
            }
            texts.TryAdd(Command.CommandText, 0);
        }
        await Command.PrepareAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        await Command.DisposeAsync();
        // Nothing was written: ending the transaction unfinished (a rollback) only ends its setting, and cannot fail after an error.
        if (_own is not null) await _own.DisposeAsync();
    }
}
