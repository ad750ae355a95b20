using HaNoi.ReformDashboard.Data.LocalDatabase;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Seed;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Respawn;
using Xunit;

namespace HaNoi.ReformDashboard.Testing;

/// <summary>
/// One throwaway PostgreSQL cluster per test run, started with the app's own launcher in a temp folder
/// and removed at the end. Holds a read-only database with the demo data and a scratch database that
/// is reset (Respawn) before each test that writes.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly SemaphoreSlim _demoLock = new(1, 1);
    private string? _demoConnectionString;
    private string? _restructuredConnectionString;
    private Respawner? _respawner;

    public LocalPostgres Server { get; private set; } = null!;
    public string ScratchConnectionString { get; private set; } = "";
    public string TempRoot { get; } = Path.Combine(Path.GetTempPath(), "reform-tests-" + Guid.NewGuid().ToString("N")[..12]);

    public async Task InitializeAsync()
    {
        Server = await LocalPostgres.StartAsync(new LocalPostgresOptions { RootDirectory = Path.Combine(TempRoot, "pg"), DatabaseName = "scratch" });
        ScratchConnectionString = Server.ConnectionString;
        await using var db = CreateContext(ScratchConnectionString);
        await db.Database.MigrateAsync();
        _respawner = await RespawnerFor(ScratchConnectionString);
    }

    /// <summary>After a restart of the same cluster (outage tests), the handle that stops it at the end.</summary>
    public void Replace(LocalPostgres restarted) => Server = restarted;

    public async Task DisposeAsync()
    {
        await Server.StopAsync();
        if (Directory.Exists(TempRoot)) Directory.Delete(TempRoot, recursive: true);
    }

    public static ReformDbContext CreateContext(string connectionString) =>
        new(new DbContextOptionsBuilder<ReformDbContext>().UseNpgsql(connectionString).Options);

    public IDbContextFactory<ReformDbContext> Factory(string connectionString) => new ContextFactory(connectionString);

    /// <summary>The scratch database, emptied of every row (schema kept).</summary>
    public async Task<string> ResetScratchAsync()
    {
        await using var connection = new NpgsqlConnection(ScratchConnectionString);
        await connection.OpenAsync();
        await _respawner!.ResetAsync(connection);
        await EmptyAuditLogAsync(connection);
        return ScratchConnectionString;
    }

    /// <summary>
    /// Empties the append-only audit log the one way the database leaves open: as the cluster's superuser (the tests
    /// connect as it), with triggers off for the session (session_replication_role, a superuser-only setting) and
    /// privileges bypassed. The app cannot do this; tests of the log itself use it to start from nothing.
    /// </summary>
    public static async Task EmptyAuditLogAsync(NpgsqlConnection connection)
    {
        await using var wipe = new NpgsqlCommand(
            "SET session_replication_role = replica; TRUNCATE audit_log RESTART IDENTITY; RESET session_replication_role;", connection);
        await wipe.ExecuteNonQueryAsync();
    }

    /// <summary>Runs <paramref name="sql"/> as the superuser with the audit log's triggers off: how a tamperer would.</summary>
    public static async Task AsSuperuserBypassingTriggersAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SET session_replication_role = replica; {sql}; RESET session_replication_role;", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A database with the repository's seed-data loaded, created once per run.</summary>
    public async Task<string> DemoAsync()
    {
        await _demoLock.WaitAsync();
        try
        {
            if (_demoConnectionString is not null) return _demoConnectionString;
            var connectionString = await CreateDatabaseAsync("demo");
            await using var db = CreateContext(connectionString);
            await db.Database.MigrateAsync();
            await SeedLoader.LoadAsync(db, RepositoryPaths.SeedData);
            return _demoConnectionString = connectionString;
        }
        finally
        {
            _demoLock.Release();
        }
    }

    /// <summary>A database with the restructured-2025 fixture loaded, created once per run.</summary>
    public async Task<string> RestructuredAsync()
    {
        await _demoLock.WaitAsync();
        try
        {
            if (_restructuredConnectionString is not null) return _restructuredConnectionString;
            var connectionString = await CreateDatabaseAsync("restructured");
            await using var db = CreateContext(connectionString);
            await db.Database.MigrateAsync();
            await SeedLoader.LoadAsync(db, RepositoryPaths.Restructured2025);
            return _restructuredConnectionString = connectionString;
        }
        finally
        {
            _demoLock.Release();
        }
    }

    /// <summary>A new empty database on the same cluster.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using (var connection = new NpgsqlConnection(ScratchConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(ScratchConnectionString) { Database = name }.ConnectionString;
    }

    private static async Task<Respawner> RespawnerFor(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            // The audit log refuses DELETE and TRUNCATE: EmptyAuditLogAsync empties it instead.
            TablesToIgnore = ["__EFMigrationsHistory", "audit_log"],
        });
    }

    private sealed class ContextFactory(string connectionString) : IDbContextFactory<ReformDbContext>
    {
        public ReformDbContext CreateDbContext() => CreateContext(connectionString);
    }
}
