using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HaNoi.ReformDashboard.Data.Dossiers;

/// <summary>
/// The monthly partitions of <c>dossiers</c>, one per Hanoi month of the received time (UTC+7 all year: Vietnam keeps
/// no summer time), named <c>dossiers_yYYYYmMM</c>. Made ahead by a maintenance step in a transaction of its own —
/// never by an import, whose transaction would hold the lock that creating a partition takes on the whole table.
/// </summary>
public static class DossierPartitions
{
    public const string DefaultPartition = "dossiers_default";

    /// <summary>How many months past the current one the migrate step keeps made.</summary>
    public const int MonthsAhead = 3;

    private static readonly TimeSpan Hanoi = TimeSpan.FromHours(7);

    public static string NameOf(DateOnly month) => string.Create(CultureInfo.InvariantCulture, $"dossiers_y{month.Year:D4}m{month.Month:D2}");

    /// <summary>The first day of the Hanoi month a moment falls in.</summary>
    public static DateOnly MonthOf(DateTimeOffset at)
    {
        var local = at.ToOffset(Hanoi);
        return new DateOnly(local.Year, local.Month, 1);
    }

    /// <summary>The names of the partitions attached to <c>dossiers</c> (the default one included).</summary>
    public static async Task<HashSet<string>> ExistingAsync(NpgsqlConnection connection, CancellationToken ct = default)
    {
        await using var command = new NpgsqlCommand(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'dossiers'::regclass", connection);
        var names = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) names.Add(reader.GetString(0));
        return names;
    }

    /// <summary>Makes the partitions of every month from <paramref name="from"/> through <paramref name="through"/> that are missing; returns their names.</summary>
    public static async Task<IReadOnlyList<string>> EnsureAsync(NpgsqlConnection connection, DateOnly from, DateOnly through, CancellationToken ct = default)
    {
        from = new DateOnly(from.Year, from.Month, 1);
        through = new DateOnly(through.Year, through.Month, 1);
        var made = new List<string>();
        if (from > through) return made;
        await using var tx = await connection.BeginTransactionAsync(ct);
        // One maker at a time (the app and a scheduled CLI may both start): the second finds the first's partitions.
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(20, 1)", connection, tx))
            await lockCommand.ExecuteNonQueryAsync(ct);
        var existing = await ExistingAsync(connection, ct);
        for (var month = from; month <= through; month = month.AddMonths(1))
        {
            var name = NameOf(month);
            if (existing.Contains(name)) continue;
            var sql = string.Create(CultureInfo.InvariantCulture,
                $"CREATE TABLE {name} PARTITION OF dossiers FOR VALUES FROM ('{month:yyyy-MM-dd} 00:00:00+07') TO ('{month.AddMonths(1):yyyy-MM-dd} 00:00:00+07')");
            await using var create = new NpgsqlCommand(sql, connection, tx);
            await create.ExecuteNonQueryAsync(ct);
            made.Add(name);
        }
        await tx.CommitAsync(ct);
        return made;
    }

    /// <summary>
    /// The migrate step's pre-step: every month of the plan years the database holds (or of this year, when it holds
    /// none) through <see cref="MonthsAhead"/> months past the current one.
    /// </summary>
    public static async Task<IReadOnlyList<string>> EnsureAheadAsync(Schema.ReformDbContext db, DateOnly today, CancellationToken ct = default)
    {
        var firstYear = await db.PlanYears.Select(p => (int?)p.Year).MinAsync(ct) ?? today.Year;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await connection.OpenAsync(ct);
        try
        {
            return await EnsureAsync(connection, new DateOnly(Math.Min(firstYear, today.Year), 1, 1), today.AddMonths(MonthsAhead), ct);
        }
        finally
        {
            if (opened) await connection.CloseAsync();
        }
    }
}
