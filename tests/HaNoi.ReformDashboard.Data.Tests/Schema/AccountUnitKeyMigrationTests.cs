using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Data.Seed;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace HaNoi.ReformDashboard.Data.Tests.Schema;

/// <summary>Accounts bound to a unit code before AccountUnitKey are bound to the key of the unit that code names
/// today (else the unit that carried it last); an unknown code stops the migration, which then changes nothing.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AccountUnitKeyMigrationTests(PostgresServer postgres)
{
    private const string Before = "20261201102243_DeliveryLog";

    private static AccountsDbContext Accounts(string connectionString)
    {
        var options = new DbContextOptionsBuilder<AccountsDbContext>();
        options.UseAccountsDatabase(connectionString);
        return new AccountsDbContext(options.Options);
    }

    /// <summary>The restructured-2025 units, and the accounts schema as it was before the migration with these users.</summary>
    private async Task<string> BeforeAsync(string name, params (string User, string? Code)[] users)
    {
        var connectionString = await postgres.CreateDatabaseAsync(name);
        await using (var db = PostgresServer.CreateContext(connectionString))
        {
            await db.Database.MigrateAsync();
            await SeedLoader.LoadAsync(db, RepositoryPaths.Restructured2025);
        }
        await using (var accounts = Accounts(connectionString))
        {
            await accounts.Database.ExecuteSqlRawAsync($"CREATE SCHEMA IF NOT EXISTS {AccountsDbContext.Schema}");
            await accounts.GetService<IMigrator>().MigrateAsync(Before);
        }
        foreach (var (user, code) in users)
        {
            await ExecuteAsync(connectionString, """
                INSERT INTO accounts.users (id, user_name, normalized_user_name, unit_code, email_confirmed, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
                VALUES (@user, @user, upper(@user), @code, false, false, false, true, 0)
                """, ("user", user), ("code", (object?)code ?? DBNull.Value));
        }
        return connectionString;
    }

    [Fact]
    public async Task Each_stored_code_becomes_the_key_of_the_unit_it_names_today_or_carried_it_last()
    {
        var connectionString = await BeforeAsync("accounts_unit_key",
            ("truong-snnmt", "SNNMT"),      // today's code of the unit whose key is SNNPTNT
            ("truong-snnptnt", "SNNPTNT"),  // the same unit's code before July 2025 (no unit carries it today)
            ("truong-00004", "00004"),      // reused: Trúc Bạch until June 2025, the new Ba Đình ward since
            ("truong-268", "268"),          // a district, abolished in July 2025
            ("truong-snv", " SNV "),        // typed with spaces
            ("lanh-dao", null));

        await using (var accounts = Accounts(connectionString))
            await accounts.Database.MigrateAsync();

        (await QueryAsync(connectionString, "SELECT user_name || ' ' || coalesce(unit_key, '-') FROM accounts.users ORDER BY user_name"))
            .Should().Equal("lanh-dao -", "truong-00004 00004@2025-07", "truong-268 268", "truong-snnmt SNNPTNT", "truong-snnptnt SNNPTNT", "truong-snv SNV");
        (await QueryAsync(connectionString, "SELECT column_name::text FROM information_schema.columns WHERE table_schema = 'accounts' AND table_name = 'users' AND column_name LIKE 'unit%'"))
            .Should().Equal("unit_key");
    }

    [Fact]
    public async Task An_unknown_code_stops_the_migration_naming_the_account_and_nothing_changes()
    {
        var connectionString = await BeforeAsync("accounts_unit_key_unknown", ("truong-snv", "SNV"), ("truong-ma-sai", "ZZZ99"));

        var migrate = async () =>
        {
            await using var accounts = Accounts(connectionString);
            await accounts.Database.MigrateAsync();
        };

        var refused = (await migrate.Should().ThrowAsync<PostgresException>()).Which;
        refused.MessageText.Should().Contain("truong-ma-sai (ZZZ99)").And.Contain("Tài khoản gắn với mã đơn vị không tồn tại").And.Contain("Accounts bound to unknown unit codes");
        refused.MessageText.Should().NotContain("truong-snv");
        (await QueryAsync(connectionString, "SELECT user_name || ' ' || unit_code FROM accounts.users ORDER BY user_name"))
            .Should().Equal("truong-ma-sai ZZZ99", "truong-snv SNV");
        (await QueryAsync(connectionString, "SELECT \"MigrationId\"::text FROM accounts.__accounts_migrations WHERE \"MigrationId\" LIKE '%AccountUnitKey'"))
            .Should().BeEmpty();
    }

    private static async Task ExecuteAsync(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> QueryAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }
}
