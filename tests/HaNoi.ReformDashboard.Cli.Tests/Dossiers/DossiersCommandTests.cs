using System.Text;
using HaNoi.ReformDashboard.Cli.Tests.Infrastructure;
using HaNoi.ReformDashboard.Data.Dossiers;
using HaNoi.ReformDashboard.Testing;
using Npgsql;

namespace HaNoi.ReformDashboard.Cli.Tests.Dossiers;

[Collection(CliPostgresCollection.Name)]
public sealed class DossiersCommandTests(PostgresServer postgres)
{
    private string WriteGenerated(string name, int count, Func<string[], string[]>? lastRow = null)
    {
        var rows = DossierGenerator.Generate([new("002", "district"), new("00037", "commune")], ProcedureCatalogue.Read(RepositoryPaths.SeedData), 2022, count, seed: 11).ToList();
        if (lastRow is not null) rows[^1] = new DossierFileRow(lastRow(rows[^1].Cells));
        var path = Path.Combine(postgres.TempRoot, Guid.NewGuid().ToString("N")[..8] + "-" + name);
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(false))) DossierFile.Write(writer, rows);
        return path;
    }

    private static async Task<long> CountAsync(string cs, string sql)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Import_exits_2_on_a_refused_file_0_on_a_dry_run_and_an_import_and_3_on_a_missing_file()
    {
        var cs = await DemoDatabase.CopyAsync(postgres, "cli_dossiers_");
        var env = new Dictionary<string, string> { ["ConnectionStrings__Reform"] = cs };
        var bad = WriteGenerated("bad.csv", 200, cells => { cells[9] = "fax"; return cells; });
        var good = WriteGenerated("good.csv", 200);
        var errorsOut = Path.Combine(postgres.TempRoot, Guid.NewGuid().ToString("N")[..8] + "-errors.csv");

        var refused = await CliProcess.RunAsync(env, null, "dossiers", "import", "--file", bad, "--errors-out", errorsOut);
        var dry = await CliProcess.RunAsync(env, null, "dossiers", "import", "--file", good, "--dry-run");
        var afterDry = await CountAsync(cs, "SELECT count(*) FROM dossiers");
        var imported = await CliProcess.RunAsync(env, null, "dossiers", "import", "--file", good);
        var again = await CliProcess.RunAsync(env, null, "dossiers", "import", "--file", good);
        var missing = await CliProcess.RunAsync(env, null, "dossiers", "import", "--file", Path.Combine(postgres.TempRoot, "none.csv"));

        refused.ExitCode.Should().Be(2);
        refused.Error.Should().Contain("dòng 201, cột channel: kênh 'fax' không hợp lệ (direct, online, postal).")
            .And.Contain("row 201, column channel: 'fax' is not a channel (direct, online, postal).").And.NotContain("   at ");
        File.ReadAllLines(errorsOut).Should().Equal(
            "row,column,value,message_vi,message_en",
            "201,channel,fax,\"kênh 'fax' không hợp lệ (direct, online, postal).\",\"'fax' is not a channel (direct, online, postal).\"");
        (dry.ExitCode, afterDry).Should().Be((0, 0));
        dry.Output.Should().Contain("Valid: 200 dossiers; nothing written (--dry-run).");
        imported.ExitCode.Should().Be(0, imported.Error);
        imported.Output.Should().Contain("200 new dossiers, 0 updated, 0 unchanged, 0 older records arriving late");
        (await CountAsync(cs, "SELECT count(*) FROM dossiers")).Should().Be(200);
        again.ExitCode.Should().Be(0, again.Error);
        again.Output.Should().Contain("Nothing changed: 200 dossiers already hold these records.");
        missing.ExitCode.Should().Be(3);
    }

    [Fact]
    public async Task Partitions_made_by_the_migrate_step_and_by_the_command_and_a_bad_month_is_refused()
    {
        var cs = await DemoDatabase.CopyAsync(postgres, "cli_partitions_");
        var env = new Dictionary<string, string> { ["ConnectionStrings__Reform"] = cs };

        var made = await CliProcess.RunAsync(env, null, "dossiers", "partitions", "--through", "2031-02");
        var bad = await CliProcess.RunAsync(env, null, "dossiers", "partitions", "--through", "2031-13");

        made.ExitCode.Should().Be(0, made.Error);
        made.Output.Should().Contain("(2022-01 through 2031-02)").And.Contain("dossiers_y2031m02");
        (await CountAsync(cs, "SELECT count(*) FROM pg_inherits WHERE inhparent = 'dossiers'::regclass")).Should().Be(9 * 12 + 2 + 1, "2022-01 through 2031-02 and the default");
        bad.ExitCode.Should().Be(2);
    }
}
