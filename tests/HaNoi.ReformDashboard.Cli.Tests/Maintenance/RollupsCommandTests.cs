using HaNoi.ReformDashboard.Cli.Tests.Infrastructure;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Testing;
using Npgsql;

namespace HaNoi.ReformDashboard.Cli.Tests.Maintenance;

/// <summary><c>rollups rebuild</c>: the roll-up tables computed again from measurements.</summary>
[Collection(CliPostgresCollection.Name)]
public sealed class RollupsCommandTests(PostgresServer postgres)
{
    [Fact]
    public async Task Rebuild_restores_rollups_that_were_damaged_behind_the_triggers_back()
    {
        var connection = await DemoDatabase.CopyAsync(postgres, "rollups_rebuild_");
        var december = () => ScorecardSql.Parameters(2022, Period.Month(2022, 12), null, null);
        List<string> expected;
        await using (var reading = new NpgsqlConnection(connection))
        {
            await reading.OpenAsync();
            expected = await (await ScorecardOracle.ReadAsync(reading)).SumsAsync(Period.Month(2022, 12), null);
        }
        (await TextRowsAsync(connection, ScorecardSql.Sums, december())).Should().Equal(expected, "the demo's roll-ups as loaded");
        // Written straight into the roll-up tables, which no trigger watches: the scorecard's sums go wrong.
        await ExecuteAsync(connection, "DELETE FROM unit_month_figures WHERE month = 12; DELETE FROM level_window_figures WHERE last_month = 12");
        (await TextRowsAsync(connection, ScorecardSql.Sums, december())).Should().NotEqual(expected);

        var (exit, output, error) = await RunAsync(connection, "rollups", "rebuild");

        exit.Should().Be(0, error);
        output.Should().Contain("unit_month_figures=").And.Contain("level_window_figures=").And.Contain("Rebuilt");
        (await TextRowsAsync(connection, ScorecardSql.Sums, december())).Should().Equal(expected);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> TextRowsAsync(string connectionString, string sql, NpgsqlParameter[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT t::text FROM ({sql}) t ORDER BY t::text COLLATE \"C\"", connection);
        command.Parameters.AddRange(parameters);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(string connectionString, params string[] args) =>
        CliProcess.RunAsync(new Dictionary<string, string> { ["ConnectionStrings__Reform"] = connectionString, ["SeedData"] = RepositoryPaths.SeedData }, runAs: null, args);
}
