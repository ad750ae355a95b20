using HaNoi.ReformDashboard.Testing;
using Npgsql;

namespace HaNoi.ReformDashboard.Cli.Tests.Infrastructure;

/// <summary>
/// A database of its own for a test, as a new user's first command leaves it (migrated, the demo loaded, the partitions
/// made ahead). The first command is run once per test run, on an empty database that is then only ever copied
/// (CREATE DATABASE … TEMPLATE, under a second): migrating and seeding took about ten seconds for each test that did it.
/// Tests of the first run itself (an empty database, a bad seed folder, <c>seed fullsize</c>) still start from nothing.
/// </summary>
public static class DemoDatabase
{
    private const string Template = "cli_first_run";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _server;

    public static async Task<string> CopyAsync(PostgresServer postgres, string prefix)
    {
        await Gate.WaitAsync();
        try
        {
            if (_server != postgres.ScratchConnectionString)
            {
                var template = await postgres.CreateDatabaseAsync(Template);
                var (exit, _, error) = await CliProcess.RunAsync(new Dictionary<string, string> { ["ConnectionStrings__Reform"] = template }, null, "db", "info");
                if (exit != 0) throw new InvalidOperationException($"the first run of the CLI failed ({exit}): {error}");
                _server = postgres.ScratchConnectionString;
            }
            var name = prefix + Guid.NewGuid().ToString("N")[..8];
            await using var connection = new NpgsqlConnection(postgres.ScratchConnectionString);
            await connection.OpenAsync();
            // The template is only ever opened by that one CLI run, which has ended: no session holds it.
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{Template}\"", connection);
            await create.ExecuteNonQueryAsync();
            return new NpgsqlConnectionStringBuilder(postgres.ScratchConnectionString) { Database = name }.ConnectionString;
        }
        finally
        {
            Gate.Release();
        }
    }
}
