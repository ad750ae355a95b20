using System.Text;
using HaNoi.ReformDashboard.Cli.Tests.Infrastructure;
using HaNoi.ReformDashboard.Testing;
using Npgsql;

namespace HaNoi.ReformDashboard.Cli.Tests.Holidays;

[Collection(CliPostgresCollection.Name)]
public sealed class HolidaysCommandTests(PostgresServer postgres)
{
    private string Write(string name, string text)
    {
        var path = Path.Combine(postgres.TempRoot, Guid.NewGuid().ToString("N")[..8] + "-" + name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    private static async Task<long> CountAsync(string cs, string sql)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static string Seeded2022(params string[] leaveOut) => string.Join("\n", ["date,kind,name_vi,name_en",
        .. File.ReadAllLines(Path.Combine(RepositoryPaths.SeedData, "holidays.csv"))
            .Where(l => l.StartsWith("2022-", StringComparison.Ordinal) && !leaveOut.Any(d => l.StartsWith(d, StringComparison.Ordinal)))]) + "\n";

    [Fact]
    public async Task Import_refuses_a_bad_file_by_row_checks_a_dry_run_and_lists_a_year()
    {
        var cs = await DemoDatabase.CopyAsync(postgres, "cli_holidays_");
        var env = new Dictionary<string, string> { ["ConnectionStrings__Reform"] = cs };
        var bad = Write("bad.csv", "date,kind,name_vi,name_en\n2023-01-02,holiday,Nghỉ bù,In lieu\n2023-01-21,holiday,Tết,Tết\n2023-01-02,holiday,Lặp,Again\n");

        var listed = await CliProcess.RunAsync(env, null, "holidays", "list", "--year", "2023");
        var refused = await CliProcess.RunAsync(env, null, "holidays", "import", "--file", bad);
        var dry = await CliProcess.RunAsync(env, null, "holidays", "import", "--file", Write("2022.csv", Seeded2022("2022-04-11")), "--dry-run");
        var missing = await CliProcess.RunAsync(env, null, "holidays", "import", "--file", Path.Combine(postgres.TempRoot, "none.csv"));

        listed.ExitCode.Should().Be(0, listed.Error);
        listed.Output.Should().Contain("2023-01-20\tFri\tholiday\tTết Nguyên đán\tLunar New Year (Tết)")
            .And.Contain("2023: 11 weekdays off, 0 weekend days worked, 249 working days.");
        refused.ExitCode.Should().Be(2);
        refused.Error.Should().Contain("dòng 3, cột kind: ngày 21/01/2023 là thứ Bảy, vốn đã nghỉ")
            .And.Contain("row 4, column date: 2023-01-02 is already on row 2.")
            .And.Contain("The file is refused: 2 problems, nothing written.").And.NotContain("   at ");
        dry.ExitCode.Should().Be(0, dry.Error);
        dry.Output.Should().Contain("Valid: 10 days of 2022; nothing written (--dry-run).");
        (await CountAsync(cs, "SELECT count(*) FROM calendar_exceptions")).Should().Be(97, "the seed's rows, nothing changed");
        (await CountAsync(cs, "SELECT count(*) FROM audit_log WHERE action = 'holidays.import'")).Should().Be(0);
        missing.ExitCode.Should().Be(3);
    }

    [Fact]
    public async Task Import_recounts_the_figures_a_changed_holiday_moves_and_prints_them()
    {
        var cs = await DemoDatabase.CopyAsync(postgres, "cli_holidays_");
        var env = new Dictionary<string, string> { ["ConnectionStrings__Reform"] = cs };
        // A birth registration (1 working day) without a due time, received Friday 8 April 2022 and ended Tuesday 12 April,
        // across Monday 11 April (Hùng Kings' Day in lieu).
        var dossiers = Write("dossiers.csv", string.Join("\n",
            "dossier_code,procedure_code,field_code,unit_code,received_at,due_at,finished_at,returned_at,status,channel,supplement_requests,supplement_days,fee_required,paid_online,digitised,e_result,reused_data,synced_national,updated_at",
            "HS-GIOTO,1.001193,HT,00001,2022-04-08T09:00:00+07:00,,2022-04-12T15:00:00+07:00,,finished,direct,0,0,false,false,false,false,false,false,2022-04-13T10:00:00+07:00") + "\n");
        (await CliProcess.RunAsync(env, null, "dossiers", "import", "--file", dossiers)).ExitCode.Should().Be(0);

        var removed = await CliProcess.RunAsync(env, null, "holidays", "import", "--file", Write("2022.csv", Seeded2022("2022-04-11")));
        var again = await CliProcess.RunAsync(env, null, "holidays", "import", "--file", Write("2022.csv", Seeded2022("2022-04-11")));

        removed.ExitCode.Should().Be(0, removed.Error);
        removed.Output.Should().Contain("Replaced the calendar of 2022: 10 days, 0 added, 1 removed, 0 renamed.")
            .And.Contain("Recounted 2022-04 through 2022-04: 1 unit-months, 1 figures changed, 0 withdrawn.")
            .And.Contain("ONTIME\t00001\t2022-04\t1/1\t0/1");
        again.ExitCode.Should().Be(0, again.Error);
        again.Output.Should().Contain("No figure counted from dossiers needed a recount.");
        (await CountAsync(cs, "SELECT count(*) FROM audit_log WHERE action = 'holidays.import'")).Should().Be(2);
    }
}
