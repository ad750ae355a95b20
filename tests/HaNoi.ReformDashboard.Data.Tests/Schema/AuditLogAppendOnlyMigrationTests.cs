using HaNoi.ReformDashboard.Data.Audit;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace HaNoi.ReformDashboard.Data.Tests.Schema;

/// <summary>Entries written before the log was chained are hashed in id order; the migration goes down again cleanly.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AuditLogAppendOnlyMigrationTests(PostgresServer postgres)
{
    private const string Before = "20261201170546_LevelWindows";

    [Fact]
    public async Task Earlier_entries_are_chained_in_id_order_new_ones_follow_and_down_makes_the_log_editable_again()
    {
        var connectionString = await postgres.CreateDatabaseAsync("before_audit_chain");
        await using (var db = PostgresServer.CreateContext(connectionString))
            await db.GetService<IMigrator>().MigrateAsync(Before);
        await ExecuteAsync(connectionString, """
            INSERT INTO audit_log (at, actor, action, entity, entity_key, details) VALUES
              ('2022-10-01T08:00:00Z', 'a', 'import', 'import_batch', '1', '{"rows": 3}'),
              ('2022-10-02T08:00:00Z', 'b', 'revert', 'import_batch', '2', '{}'),
              ('2022-10-03T08:00:00Z', 'c', 'sign-in', 'account', 'c', '{"address": null}');
            """);

        await using (var db = PostgresServer.CreateContext(connectionString))
            await db.Database.MigrateAsync();
        await ExecuteAsync(connectionString, "INSERT INTO audit_log (at, actor, action, entity, entity_key, details) VALUES (now(), 'd', 'sign-out', 'account', 'd', '{}')");

        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            (await AuditChain.VerifyAsync(connection)).Should().Match<ChainReport>(r => r.Intact && r.Entries == 4);
        }
        (await QueryAsync(connectionString, "SELECT id || ' ' || actor FROM audit_log ORDER BY id")).Should().Equal("1 a", "2 b", "3 c", "4 d");

        await using (var db = PostgresServer.CreateContext(connectionString))
            await db.GetService<IMigrator>().MigrateAsync(Before);
        await ExecuteAsync(connectionString, """
            UPDATE audit_log SET actor = 'e' WHERE id = 4;
            INSERT INTO audit_log (at, actor, action, entity, entity_key, details) VALUES (now(), 'f', 'sign-in', 'account', 'f', '{}');
            """);
        (await QueryAsync(connectionString, "SELECT id || ' ' || actor FROM audit_log ORDER BY id")).Should().Equal("1 a", "2 b", "3 c", "4 e", "5 f");
        (await QueryAsync(connectionString, "SELECT column_name::text FROM information_schema.columns WHERE table_name = 'audit_log' AND column_name = 'hash'")).Should().BeEmpty();
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> QueryAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }
}
