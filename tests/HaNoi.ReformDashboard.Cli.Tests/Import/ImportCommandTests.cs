using HaNoi.ReformDashboard.Cli.Tests.Infrastructure;
using HaNoi.ReformDashboard.Testing;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Cli.Tests.Import;

[Collection(CliPostgresCollection.Name)]
public sealed class ImportCommandTests(PostgresServer postgres)
{
    private const string Header = "unit_code,indicator_code,period,numerator,denominator,value";

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(postgres.TempRoot, Guid.NewGuid().ToString("N")[..8] + "-" + name);
        File.WriteAllText(path, string.Join("\n", [Header, .. lines]) + "\n");
        return path;
    }

    [Fact]
    public async Task A_refused_file_exits_2_writes_nothing_and_lists_its_problems_in_errors_csv()
    {
        var cs = await DemoDatabase.CopyAsync(postgres, "cli_import_");
        var env = new Dictionary<string, string> { ["ConnectionStrings__Reform"] = cs };
        var bad = Write("bad.csv", "00001,ONTIME,2022-03,250,257,", "00001,ONTIME,2022-04,\"1,000\",5,", "HN,SIPAS,2023-01,,,90");
        var good = Write("good.csv", "00001,ONTIME,2022-03,250,257,");
        var errorsOut = Path.Combine(postgres.TempRoot, Guid.NewGuid().ToString("N")[..8] + "-errors.csv");

        var refused = await CliProcess.RunAsync(env, null, "import", "--file", bad, "--errors-out", errorsOut);
        var dry = await CliProcess.RunAsync(env, null, "import", "--file", good, "--dry-run");
        await using var db = PostgresServer.CreateContext(cs);
        var afterDry = await db.ImportBatches.CountAsync();
        var imported = await CliProcess.RunAsync(env, null, "import", "--file", good);
        var missing = await CliProcess.RunAsync(env, null, "import", "--file", Path.Combine(postgres.TempRoot, "none.csv"));

        refused.ExitCode.Should().Be(2);
        refused.Error.Should().Contain("dòng 3, cột numerator").And.Contain("row 4, column period").And.NotContain("   at ");
        File.ReadAllBytes(errorsOut).Take(3).Should().Equal(0xEF, 0xBB, 0xBF);
        File.ReadAllLines(errorsOut).Should().Equal(
            "row,column,value,message_vi,message_en",
            "3,numerator,\"1,000\",\"'1,000' không phải là số (dùng dấu chấm thập phân, không dùng dấu phân cách hàng nghìn, ví dụ 99.5).\",\"'1,000' is not a number (use a decimal point and no thousands separator, e.g. 99.5).\"",
            "4,period,2023-01,kỳ '2023-01' không thuộc năm kế hoạch nào (2022).,period '2023-01' is in no plan year (2022).");
        (dry.ExitCode, afterDry).Should().Be((0, 1), "the dry run writes no batch beside the seed's");
        dry.Output.Should().Contain("1 changed");
        imported.ExitCode.Should().Be(0, imported.Error);
        (await db.ImportBatches.CountAsync(b => b.Kind == "import")).Should().Be(1);
        (await db.Measurements.CountAsync(m => m.Numerator == 250 && m.Denominator == 257 && m.IsCurrent && m.Revision == 2)).Should().Be(1);
        missing.ExitCode.Should().Be(3);
    }

    [Fact]
    public async Task A_database_that_does_not_answer_is_an_operational_error_in_one_line_with_exit_3()
    {
        // A loopback port just given back by the system: nothing listens there.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var env = new Dictionary<string, string> { ["ConnectionStrings__Reform"] = $"Host=127.0.0.1;Port={port};Username=reform;Password=x;Database=reform" };

        var (exit, _, error) = await CliProcess.RunAsync(env, null, "import", "--file", Path.Combine(RepositoryPaths.SeedData, "measurements-2022.csv"), "--dry-run");

        exit.Should().Be(3);
        error.Should().Contain("Lỗi cơ sở dữ liệu, lệnh đã dừng").And.Contain("A database error stopped the command").And.NotContain("   at ");
    }

    [Fact]
    public async Task A_bad_seed_file_is_refused_with_its_row_and_exit_2_not_a_stack_trace()
    {
        var seed = RepositoryPaths.CopySeedData(postgres.TempRoot);
        var path = Path.Combine(seed, "measurements-2022.csv");
        var lines = File.ReadAllLines(path);
        var unit = lines[4].Split(',')[0];
        lines[4] = "ZZZZZ" + lines[4][unit.Length..];
        File.WriteAllLines(path, lines);
        var cs = await postgres.CreateDatabaseAsync("cli_badseed_" + Guid.NewGuid().ToString("N")[..8]);

        var (exit, _, error) = await CliProcess.RunAsync(new Dictionary<string, string> { ["ConnectionStrings__Reform"] = cs, ["SeedData"] = seed }, null,
            "scorecard", "--year", "2022", "--period", "2022-12", "--level", "city");

        exit.Should().Be(2);
        error.Should().Contain("measurements-2022.csv, dòng 5, cột unit_code").And.Contain("unknown unit code 'ZZZZZ'");
        error.Should().NotContain("Unhandled").And.NotContain("   at ");
    }
}
