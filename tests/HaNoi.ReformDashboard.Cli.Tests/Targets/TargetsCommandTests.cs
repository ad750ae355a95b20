using System.Globalization;
using HaNoi.ReformDashboard.Cli.Tests.Infrastructure;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Testing;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Cli.Tests.Targets;

/// <summary><c>reform targets list | set | remove</c> as a separate process on a demo database of its own.</summary>
[Collection(CliPostgresCollection.Name)]
public sealed class TargetsCommandTests(PostgresServer postgres)
{
    private async Task<(string ConnectionString, Dictionary<string, string> Environment)> DatabaseAsync()
    {
        var cs = await DemoDatabase.CopyAsync(postgres, "cli_targets_");
        return (cs, new Dictionary<string, string> { ["ConnectionStrings__Reform"] = cs });
    }

    // Refused input changes nothing (each case checks it), so the refusals share one database.
    private static readonly SemaphoreSlim SharedGate = new(1);
    private static (string ConnectionString, Dictionary<string, string> Environment)? _shared;

    private async Task<(string ConnectionString, Dictionary<string, string> Environment)> SharedDatabaseAsync()
    {
        await SharedGate.WaitAsync();
        try
        {
            return _shared ??= await DatabaseAsync();
        }
        finally
        {
            SharedGate.Release();
        }
    }

    [Fact]
    public async Task List_shows_the_seeded_targets_and_set_then_set_then_remove_writes_a_revision_and_an_audit_entry_each()
    {
        var (cs, env) = await DatabaseAsync();

        var (listExit, list, listError) = await CliProcess.RunAsync(env, null, "targets", "list", "--year", "2022");

        listExit.Should().Be(0, listError);
        var lines = list.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // An independent reading of the seed: its 2022 rows, and ONTIME's "> 99" for every level.
        var seeded = File.ReadAllLines(Path.Combine(RepositoryPaths.SeedData, "targets.csv")).Skip(1).Count(l => l.StartsWith("2022,", StringComparison.Ordinal));
        lines.Should().HaveCount(seeded);
        lines.Should().ContainSingle(l => l.Split('\t')[1] == "ONTIME").Which.Split('\t')[2..6].Should().Equal("all", ">", "99", "-");

        var (addExit, added, addError) = await CliProcess.RunAsync(env, null,
            "targets", "set", "--year", "2022", "--indicator", "ONTIME", "--unit", "268", "--operator", ">=", "--threshold", "99.5", "--reason", "Quận Hà Đông phấn đấu cao hơn");
        var (editExit, edited, editError) = await CliProcess.RunAsync(env, null,
            "targets", "set", "--year", "2022", "--indicator", "ONTIME", "--unit", "268", "--operator", ">=", "--threshold", "99.8", "--aspirational", "--reason", "Điều chỉnh giữa kỳ");

        addExit.Should().Be(0, addError);
        editExit.Should().Be(0, editError);
        added.Should().Contain("revision 1");
        edited.Should().Contain("revision 2");
        await using (var db = PostgresServer.CreateContext(cs))
        {
            var target = await db.Targets.Include(t => t.Indicator).SingleAsync(t => t.PlanYear == 2022 && t.Indicator!.Code == "ONTIME" && t.UnitId != null);
            (target.Operator, target.Threshold, target.Aspirational).Should().Be((ComparisonOperator.GreaterOrEqual, 99.8m, true));
            var revisions = await db.TargetRevisions.Where(r => r.TargetId == target.Id).OrderBy(r => r.Revision).ToListAsync();
            revisions.Select(r => (r.Revision, r.Threshold, r.Reason)).Should().Equal((1, 99.5m, "Quận Hà Đông phấn đấu cao hơn"), (2, 99.8m, "Điều chỉnh giữa kỳ"));
            revisions.Should().OnlyContain(r => r.ChangedBy.StartsWith("cli:", StringComparison.Ordinal));
            (await db.AuditLog.Where(a => a.Entity == "target" && a.EntityKey == target.Id.ToString(CultureInfo.InvariantCulture)).Select(a => a.Action).ToListAsync())
                .Should().BeEquivalentTo(["target.create", "target.update"]);
        }

        var (removeExit, removed, removeError) = await CliProcess.RunAsync(env, null,
            "targets", "remove", "--year", "2022", "--indicator", "ONTIME", "--unit", "268", "--reason", "Trở lại chỉ tiêu chung");
        var (_, after, _) = await CliProcess.RunAsync(env, null, "targets", "list", "--year", "2022");

        removeExit.Should().Be(0, removeError);
        removed.Should().Contain("revision 3");
        after.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(seeded);
        await using (var db = PostgresServer.CreateContext(cs))
        {
            (await db.Targets.CountAsync(t => t.PlanYear == 2022 && t.UnitId != null)).Should().Be(0);
            var last = await db.TargetRevisions.OrderByDescending(r => r.Id).FirstAsync();
            (last.Revision, last.Removed, last.Reason).Should().Be((3, true, "Trở lại chỉ tiêu chung"));
            (await db.AuditLog.CountAsync(a => a.Action == "target.remove")).Should().Be(1);
        }
    }

    [Theory]
    [InlineData("set|--indicator|ONTIME|--operator|>=|--threshold|abc|--reason|x", "Ngưỡng: 'abc' không phải là số", "Threshold: 'abc' is not a number")]
    [InlineData("set|--indicator|ONTIME|--operator|>=|--threshold|99,5|--reason|x", "Ngưỡng: '99,5' không phải là số", "Threshold: '99,5' is not a number")]
    [InlineData("set|--indicator|ONTIME|--operator|=>|--threshold|120|--reason|x", "Phép so sánh: '=>' không có trong danh sách", "Threshold: 120 is outside 0–100")]
    [InlineData("set|--indicator|ONTIME|--level|province|--operator|>=|--threshold|99|--reason|x", "Cấp: 'province' không phải là cấp nào", "Level: 'province' is not a level")]
    [InlineData("set|--indicator|ONTIME|--unit|NOPE|--operator|>=|--threshold|99|--reason|x", "Đơn vị: mã 'NOPE' không là đơn vị nào", "Unit: code 'NOPE' names no unit in force in 2022")]
    [InlineData("set|--indicator|ONTIME|--unit||--operator|>=|--threshold|99|--reason|x", "Đơn vị: hãy nhập mã đơn vị", "Unit: enter a unit code")]
    [InlineData("set|--indicator|NOPE|--operator|>=|--threshold|99", "Chỉ số: 'NOPE' không có trong danh mục năm 2022", "Reason: say why the change is made")]
    [InlineData("set|--indicator|ONTIME|--operator|>|--threshold|99|--reason|x", "Chỉ tiêu: không có gì thay đổi", "Target: nothing differs from the current target")]
    [InlineData("remove|--indicator|ONTIME|--unit|268|--reason|x", "Phạm vi: chỉ số ONTIME không có chỉ tiêu cho phạm vi '268' trong năm 2022", "Scope: indicator ONTIME has no target for scope '268' in 2022")]
    [InlineData("remove|--indicator|ONTIME", "Lý do: hãy ghi lý do", "Reason: say why the change is made (required)")]
    public async Task Bad_input_is_refused_with_exit_2_naming_the_field_in_both_languages_and_nothing_changes(string arguments, string vietnamese, string english)
    {
        var (cs, env) = await SharedDatabaseAsync();
        var before = await StateAsync(cs);

        var (exit, output, error) = await CliProcess.RunAsync(env, null, ["targets", .. arguments.Split('|').Take(1), "--year", "2022", .. arguments.Split('|').Skip(1)]);

        exit.Should().Be(2, output);
        error.Should().Contain(vietnamese).And.Contain(english).And.Contain("Nothing written").And.NotContain("   at ");
        (await StateAsync(cs)).Should().Be(before);
    }

    [Fact]
    public async Task Listing_a_plan_year_that_does_not_exist_is_refused_in_both_languages()
    {
        var (_, env) = await SharedDatabaseAsync();

        var (exit, output, error) = await CliProcess.RunAsync(env, null, "targets", "list", "--year", "1999");

        exit.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().Contain("Năm kế hoạch: không có năm 1999").And.Contain("Plan year: there is no plan year 1999");
    }

    /// <summary>Targets, revisions and audit entries, counted, with the targets' thresholds summed: any write moves it.</summary>
    private static async Task<(int Targets, decimal Thresholds, int Revisions, int Audit)> StateAsync(string cs)
    {
        await using var db = PostgresServer.CreateContext(cs);
        return (await db.Targets.CountAsync(), await db.Targets.SumAsync(t => t.Threshold), await db.TargetRevisions.CountAsync(), await db.AuditLog.CountAsync());
    }
}
