using System.Security.Cryptography;
using System.Text;
using HaNoi.ReformDashboard.Data.Audit;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HaNoi.ReformDashboard.Data.Tests.Audit;

/// <summary>The audit log holds: the database refuses changes to an entry and chains each new one by its hash.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AuditLogChainTests(PostgresServer postgres)
{
    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task InsertAsync(NpgsqlConnection connection, string actor, string action)
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO audit_log (at, actor, action, entity, entity_key, details) VALUES (now(), @actor, @action, 'target', '1', '{}')", connection);
        command.Parameters.AddWithValue("actor", actor);
        command.Parameters.AddWithValue("action", action);
        await command.ExecuteNonQueryAsync();
    }

    [Theory]
    [InlineData("UPDATE audit_log SET actor = 'someone else'", "UPDATE")]
    [InlineData("DELETE FROM audit_log", "DELETE")]
    [InlineData("DELETE FROM audit_log WHERE false", "DELETE")]
    [InlineData("TRUNCATE audit_log", "TRUNCATE")]
    public async Task The_database_refuses_to_change_or_remove_an_entry_with_a_message_in_both_languages(string statement, string operation)
    {
        await using var connection = await OpenAsync(await postgres.ResetScratchAsync());
        await InsertAsync(connection, "an", "target.update");

        var refused = async () => await ScalarAsync(connection, statement);

        (await refused.Should().ThrowAsync<PostgresException>()).Which.MessageText.Should()
            .Be($"Nhật ký kiểm tra chỉ được ghi thêm: lệnh {operation} bị từ chối. / The audit log is append-only: {operation} refused.");
        (await ScalarAsync(connection, "SELECT count(*) FROM audit_log WHERE actor = 'an'")).Should().Be(1L);
    }

    [Fact]
    public async Task The_owner_of_the_table_may_only_insert_and_select_even_with_the_trigger_disabled()
    {
        // A database owned by an ordinary role (as a configured server's app role would be), migrated by it.
        var owner = "audit_owner_" + Guid.NewGuid().ToString("N")[..8];
        await using (var admin = await OpenAsync(postgres.ScratchConnectionString))
            await ScalarAsync(admin, $"CREATE ROLE {owner} LOGIN PASSWORD 'owner-password'");
        var superuserConnection = await postgres.CreateDatabaseAsync(owner);
        await using (var admin = await OpenAsync(superuserConnection))
            await ScalarAsync(admin, $"ALTER DATABASE {owner} OWNER TO {owner}; ALTER SCHEMA public OWNER TO {owner}");
        var ownerConnection = new NpgsqlConnectionStringBuilder(superuserConnection) { Username = owner, Password = "owner-password" }.ConnectionString;
        await using (var db = PostgresServer.CreateContext(ownerConnection)) await db.Database.MigrateAsync();
        await using var connection = await OpenAsync(ownerConnection);

        await InsertAsync(connection, "an", "target.update");
        (await ScalarAsync(connection, "SELECT count(*) FROM audit_log")).Should().Be(1L);
        // The owner may drop its own trigger; the revoked privileges still hold.
        await ScalarAsync(connection, "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
        foreach (var statement in new[] { "UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log", "TRUNCATE audit_log" })
        {
            var refused = async () => await ScalarAsync(connection, statement);
            (await refused.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.InsufficientPrivilege, statement);
        }
        (await ScalarAsync(connection, "SELECT actor FROM audit_log")).Should().Be("an");
    }

    [Fact]
    public async Task An_entrys_hash_is_the_sha256_of_its_canonical_text_and_the_previous_hash()
    {
        await using var connection = await OpenAsync(await postgres.ResetScratchAsync());
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO audit_log (at, actor, action, entity, entity_key, unit_id, details) VALUES
                ('2022-12-31 17:00:00.123456+00', 'Nguyễn Văn An', 'target.update', 'target', '42', NULL, '{"b": 1, "a": "Hà Nội"}'),
                ('2023-01-01 00:00:00+07', 'an', 'import', 'import_batch', '', 7, '{}')
            """, connection))
            await insert.ExecuteNonQueryAsync();

        // By hand: "audit_log v1", then each field as <UTF-8 bytes>:<value> on its own line. "Nguyễn Văn An" is 16 bytes
        // (ễ three, ă two); PostgreSQL prints the jsonb with its keys ordered, 26 bytes (à two, ộ three); no unit and
        // the first entry's previous hash are empty.
        const string first = "audit_log v1\n1:1\n27:2022-12-31T17:00:00.123456Z\n16:Nguyễn Văn An\n13:target.update\n6:target\n2:42\n0:\n26:{\"a\": \"Hà Nội\", \"b\": 1}\n0:\n";
        var firstHash = Sha256(first);
        var second = $"audit_log v1\n1:2\n27:2022-12-31T17:00:00.000000Z\n2:an\n6:import\n12:import_batch\n0:\n1:7\n2:{{}}\n64:{firstHash}\n";
        var secondHash = Sha256(second);

        await using var db = PostgresServer.CreateContext(postgres.ScratchConnectionString);
        var entries = await db.AuditLog.OrderBy(a => a.Id).ToListAsync();
        entries.Select(e => (e.Id, e.Hash)).Should().Equal((1L, firstHash), (2L, secondHash));
        AuditChain.Canonical(new ChainedEntry(1, new DateTimeOffset(2022, 12, 31, 17, 0, 0, TimeSpan.Zero).AddTicks(1_234_560), "Nguyễn Văn An",
            "target.update", "target", "42", null, "{\"a\": \"Hà Nội\", \"b\": 1}"), "").Should().Be(first);
        var report = await AuditChain.VerifyAsync(connection);
        report.Should().Be(new ChainReport(2, secondHash, null));
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public async Task An_entry_written_through_the_app_gets_its_id_and_hash_from_the_database()
    {
        await postgres.ResetScratchAsync();
        await using var db = PostgresServer.CreateContext(postgres.ScratchConnectionString);
        var entry = new AuditEntry { At = DateTimeOffset.UtcNow, Actor = "an", Action = "target.update", Entity = "target", EntityKey = "1", Details = "{}" };
        db.AuditLog.Add(entry);
        await db.SaveChangesAsync();

        entry.Id.Should().Be(1);
        entry.Hash.Should().MatchRegex("^[0-9a-f]{64}$");
    }

    [Fact]
    public async Task Writers_that_overlap_keep_one_chain_in_id_order()
    {
        var connectionString = await postgres.ResetScratchAsync();
        await using var first = await OpenAsync(connectionString);
        await using var second = await OpenAsync(connectionString);
        // The first writer holds the chain until it commits; the second waits for it, then follows its entry.
        await using var held = await first.BeginTransactionAsync();
        await InsertAsync(first, "first", "a");
        var waiting = InsertAsync(second, "second", "b");
        await WaitUntilBlockedAsync(connectionString, second.ProcessID);
        await InsertAsync(first, "first", "c");
        await held.CommitAsync();
        await waiting;

        (await ScalarAsync(first, "SELECT string_agg(actor || ':' || action, ' ' ORDER BY id) FROM audit_log")).Should().Be("first:a first:c second:b");
        await using var verify = await OpenAsync(connectionString);
        (await AuditChain.VerifyAsync(verify)).Should().Match<ChainReport>(r => r.Intact && r.Entries == 3);
    }

    /// <summary>Until the backend waits on a lock (pg_stat_activity), checked as often as the server answers.</summary>
    private static async Task WaitUntilBlockedAsync(string connectionString, int processId)
    {
        await using var watcher = await OpenAsync(connectionString);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((string?)await ScalarAsync(watcher, $"SELECT wait_event_type FROM pg_stat_activity WHERE pid = {processId}") != "Lock")
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The second writer never waited for the first.");
        }
    }

    [Fact]
    public async Task Verify_names_the_first_entry_a_superuser_altered_with_the_triggers_off()
    {
        var connectionString = await postgres.ResetScratchAsync();
        await using (var connection = await OpenAsync(connectionString))
        {
            foreach (var action in new[] { "a", "b", "c", "d" }) await InsertAsync(connection, "an", action);
            (await AuditChain.VerifyAsync(connection)).Should().Match<ChainReport>(r => r.Intact && r.Entries == 4);
        }

        await PostgresServer.AsSuperuserBypassingTriggersAsync(connectionString, "UPDATE audit_log SET actor = 'someone else' WHERE id = 3");

        await using var reader = await OpenAsync(connectionString);
        var report = await AuditChain.VerifyAsync(reader);
        report.Entries.Should().Be(2);
        report.Broken!.Id.Should().Be(3);
        report.Broken.Actor.Should().Be("someone else");
        report.Broken.Stored.Should().NotBe(report.Broken.Computed);
    }

    [Fact]
    public async Task Verify_names_the_entry_after_one_a_superuser_removed()
    {
        var connectionString = await postgres.ResetScratchAsync();
        await using (var connection = await OpenAsync(connectionString))
            foreach (var action in new[] { "a", "b", "c" }) await InsertAsync(connection, "an", action);

        await PostgresServer.AsSuperuserBypassingTriggersAsync(connectionString, "DELETE FROM audit_log WHERE id = 2");

        await using var reader = await OpenAsync(connectionString);
        (await AuditChain.VerifyAsync(reader)).Broken!.Id.Should().Be(3);
    }
}
