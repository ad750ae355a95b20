using HaNoi.ReformDashboard.Cli.Tests.Infrastructure;
using HaNoi.ReformDashboard.Data.LocalDatabase;
using HaNoi.ReformDashboard.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HaNoi.ReformDashboard.Cli.Tests.Import;

/// <summary>PostgreSQL stops while an import is in the middle of its commit: nothing is written, the command says so
/// in one line, and the same import goes through once the server is back.</summary>
[Collection(CliPostgresCollection.Name)]
public sealed class ImportOutageTests(PostgresServer postgres)
{
    [Fact]
    public async Task PostgreSQL_stopped_mid_commit_leaves_nothing_written_a_one_line_message_and_the_same_import_succeeds_afterwards()
    {
        var cs = await DemoDatabase.CopyAsync(postgres, "cli_import_outage_");
        var env = new Dictionary<string, string> { ["ConnectionStrings__Reform"] = cs };
        var file = Path.Combine(postgres.TempRoot, Guid.NewGuid().ToString("N")[..8] + "-outage.csv");
        File.WriteAllText(file, "unit_code,indicator_code,period,numerator,denominator,value\n00001,ONTIME,2022-03,251,257,\n00001,ONTIME,2022-04,252,258,\n");
        // The file is valid.
        var dry = await CliProcess.RunAsync(env, null, "import", "--file", file, "--dry-run");
        dry.ExitCode.Should().Be(0, dry.Error);
        int rowsBefore;
        await using (var db = PostgresServer.CreateContext(cs)) rowsBefore = await db.Measurements.CountAsync();

        // The audit log's insert trigger takes advisory lock (12, 0) to chain the entries; the import adds its entry
        // last, after the batch and the new revisions. Holding that lock stops the commit exactly there.
        // Connections of the test's own, outside the pool: the stop below ends them.
        var direct = new NpgsqlConnectionStringBuilder(cs) { Pooling = false }.ConnectionString;
        var gate = new NpgsqlConnection(direct);
        await gate.OpenAsync();
        var hold = await gate.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_xact_lock(12, 0)", gate, hold)) await take.ExecuteNonQueryAsync();
        var import = CliProcess.RunAsync(env, null, "import", "--file", file);
        // Watched from a connection of its own: inside a transaction pg_stat_activity keeps its first snapshot.
        var watch = new NpgsqlConnection(direct);
        await watch.OpenAsync();
        await WaitUntilAsync(async () => await ScalarAsync<long>(watch,
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory' AND query ILIKE '%audit_log%'") == 1,
            () => import.IsCompleted);
        // By now the batch and the new revisions are written inside the import's transaction, unseen by others.
        (await ScalarAsync<long>(watch, "SELECT count(*) FROM import_batches WHERE kind = 'import'")).Should().Be(0);

        await postgres.Server.StopAsync();
        foreach (var ended in new[] { watch, gate })
        {
            try { await ended.DisposeAsync(); }
            catch (NpgsqlException) { } // the server ended it first
        }
        var (exit, output, error) = await import;
        postgres.Replace(await LocalPostgres.StartAsync(new LocalPostgresOptions
        {
            RootDirectory = postgres.Server.RootDirectory, Port = postgres.Server.Port, DatabaseName = "scratch",
        }));

        exit.Should().Be(3, error);
        output.Should().BeEmpty();
        error.Trim().Split('\n').Should().ContainSingle().Which.Should()
            .Contain("không có gì thay đổi").And.Contain("nothing changed").And.NotContain("   at ");
        await using (var db = PostgresServer.CreateContext(cs))
        {
            (await db.ImportBatches.CountAsync(b => b.Kind == "import")).Should().Be(0);
            (await db.Measurements.CountAsync()).Should().Be(rowsBefore, "no revision was added");
            (await db.AuditLog.CountAsync(a => a.Action == "import")).Should().Be(0);
        }

        var again = await CliProcess.RunAsync(env, null, "import", "--file", file);

        again.ExitCode.Should().Be(0, again.Error);
        again.Output.Should().Contain("2 changed");
        await using (var db = PostgresServer.CreateContext(cs))
        {
            (await db.ImportBatches.CountAsync(b => b.Kind == "import")).Should().Be(1);
            (await db.Measurements.CountAsync()).Should().Be(rowsBefore + 2);
            (await db.Measurements.CountAsync(m => m.IsCurrent && m.Revision == 2
                && ((m.Numerator == 251 && m.Denominator == 257) || (m.Numerator == 252 && m.Denominator == 258)))).Should().Be(2);
            (await db.AuditLog.CountAsync(a => a.Action == "import")).Should().Be(1);
        }
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Asks the database again until the condition holds (each question is a round trip, which paces the loop: no fixed
    /// delay); fails if the command ends first or after a minute.
    /// </summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, Func<bool> gaveUp)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!await condition())
        {
            gaveUp().Should().BeFalse("the import must still be waiting for the lock");
            DateTime.UtcNow.Should().BeBefore(deadline);
        }
    }
}
