using System.Globalization;
using System.Text.Json;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Data.Seed;
using HaNoi.ReformDashboard.Data.Targets;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Data.Tests.Seed;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HaNoi.ReformDashboard.Data.Tests.Targets;

[Collection(PostgresCollection.Name)]
public sealed class TargetEditorTests(PostgresServer postgres)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(7));
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-US");
    private static readonly TargetValues AtLeast98 = new(">=", 98, false, "Tối thiểu 98%");

    [Theory]
    // Operator from the list of ComparisonOperator codes only.
    [InlineData("ONTIME", null, "SNV", "=>", "98", "ok", "operator", "OperatorUnknown", "'=>' is not in the list (>, >=, <=, <, =)")]
    [InlineData("ONTIME", null, "SNV", "", "98", "ok", "operator", "OperatorUnknown", "'' is not in the list")]
    // A percentage within 0–100 (a ratio and a value alike).
    [InlineData("ONTIME", null, "SNV", ">=", "100.5", "ok", "threshold", "ThresholdPercent", "100.5 is outside 0–100")]
    [InlineData("SIPAS", "city", null, ">=", "-1", "ok", "threshold", "ThresholdPercent", "-1 is outside 0–100")]
    // A rank within 1–63, whole.
    [InlineData("PARINDEX_RANK", null, null, "<=", "0", "ok", "threshold", "ThresholdRank", "from 1 to 63 (0 entered)")]
    [InlineData("PARINDEX_RANK", null, null, "<=", "64", "ok", "threshold", "ThresholdRank", "(64 entered)")]
    [InlineData("PARINDEX_RANK", null, null, "<=", "10.5", "ok", "threshold", "ThresholdRank", "(10.5 entered)")]
    // A milestone is done (1).
    [InlineData("LAND_PAY", null, null, ">=", "0.5", "ok", "threshold", "ThresholdMilestone", "threshold 1 (0.5 entered)")]
    [InlineData("ONTIME", null, "SNV", ">=", null, "ok", "threshold", "ThresholdRequired", "enter a number")]
    // The unit must be in force in the plan year (the ward ended in 2020) and must exist.
    [InlineData("ONTIME", null, "00099", ">=", "98", "ok", "unit", "UnitNotInForce", "code '00099' names no unit in force in 2022")]
    [InlineData("ONTIME", null, "NOPE", ">=", "98", "ok", "unit", "UnitNotInForce", "code 'NOPE' names no unit in force in 2022")]
    // The indicator is in the year's catalogue, and reported at the chosen level.
    [InlineData("NO_SUCH", null, null, ">=", "98", "ok", "indicator", "IndicatorUnknown", "'NO_SUCH' is not in the 2022 catalogue")]
    [InlineData("ONTIME", "city", null, ">=", "98", "ok", "scope", "LevelNotReported", "the city level does not report ONTIME in 2022")]
    // A duplicate scope: ONTIME already has a target for all levels.
    [InlineData("ONTIME", null, null, ">=", "98", "ok", "scope", "DuplicateScope", "ONTIME already has a target for this scope in 2022")]
    // Why is required.
    [InlineData("ONTIME", null, "SNV", ">=", "98", "   ", "reason", "ReasonRequired", "Reason: say why")]
    public async Task A_target_breaking_a_rule_is_refused_naming_its_field_in_both_languages_and_nothing_is_written(
        string indicator, string? level, string? unit, string op, string? threshold, string reason, string field, string key, string english)
    {
        await using var db = await SmallCityAsync();
        UnitLevel? scopeLevel = level is null ? null : CatalogueCodes.TryParseLevel(level, out var l) ? l : throw new ArgumentException(level);
        var values = new TargetValues(op, threshold is null ? null : decimal.Parse(threshold, CultureInfo.InvariantCulture), false, "");
        var before = await CountsAsync(db);

        var result = await TargetEditor.CreateAsync(db, new TargetScope(2022, indicator, scopeLevel, unit), values, reason, "staff", Now);

        result.Ok.Should().BeFalse();
        var problem = result.Problems.Should().ContainSingle().Which;
        problem.Field.Should().Be(field);
        problem.Key.Should().Be(key);
        problem.Message(En).Should().Contain(english);
        problem.Message(Vi).Should().NotBe(problem.Message(En)).And.NotBeNullOrWhiteSpace().And.NotContain("{0}");
        db.ChangeTracker.Clear();
        (await CountsAsync(db)).Should().Be(before);
    }

    [Fact]
    public async Task Several_problems_are_all_reported_at_once()
    {
        await using var db = await SmallCityAsync();

        var result = await TargetEditor.CreateAsync(db, new TargetScope(2022, "ONTIME", null, "NOPE"), new TargetValues("!", 120, false, ""), "", "staff", Now);

        result.Problems.Select(p => p.Field).Should().BeEquivalentTo(["reason", "operator", "threshold", "unit"]);
    }

    [Fact]
    public async Task An_edit_and_a_removal_of_a_missing_target_or_without_a_change_are_refused()
    {
        await using var db = await SmallCityAsync();
        var ontime = await TargetIdAsync(db, "ONTIME");

        (await TargetEditor.UpdateAsync(db, 999_999, AtLeast98, "why", "staff", Now)).Problems.Single().Key.Should().Be("TargetGone");
        (await TargetEditor.RemoveAsync(db, 999_999, "why", "staff", Now)).Problems.Single().Key.Should().Be("TargetGone");
        var same = new TargetValues(">", 99, false, "Trên 99% số hồ sơ TTHC được trả kết quả giải quyết đúng hạn");
        (await TargetEditor.UpdateAsync(db, ontime, same, "why", "staff", Now)).Problems.Single().Key.Should().Be("NothingChanged");
        (await TargetEditor.UpdateAsync(db, ontime, AtLeast98 with { Threshold = 101 }, "why", "staff", Now)).Problems.Single().Key.Should().Be("ThresholdPercent");
        (await db.TargetRevisions.CountAsync()).Should().Be(0);
        (await db.AuditLog.CountAsync(a => a.Entity == "target")).Should().Be(0);
    }

    [Fact]
    public async Task A_unit_target_created_then_edited_twice_has_three_revisions_and_three_audit_entries_naming_the_unit()
    {
        await using var db = await SmallCityAsync();
        var snv = await db.UnitVersions.Where(v => v.Code == "SNV").Select(v => v.UnitId).SingleAsync();

        var created = await TargetEditor.CreateAsync(db, new TargetScope(2022, "ONTIME", null, "SNV"), AtLeast98, "Sở Nội vụ cam kết riêng", "an@so-noi-vu", Now);
        created.Ok.Should().BeTrue(string.Join("; ", created.Problems.Select(p => p.Message(En))));
        var id = created.TargetId!.Value;
        (await TargetEditor.UpdateAsync(db, id, AtLeast98 with { Threshold = 97.5m }, "Điều chỉnh theo văn bản 12/UBND", "binh@so-noi-vu", Now.AddHours(1))).Revision.Should().Be(2);
        (await TargetEditor.UpdateAsync(db, id, new TargetValues(">", 97.5m, true, "Phấn đấu trên 97,5%"), "Chuyển thành chỉ tiêu phấn đấu", "an@so-noi-vu", Now.AddHours(2))).Revision.Should().Be(3);
        db.ChangeTracker.Clear();

        var history = await TargetEditor.HistoryAsync(db, id);
        history.Select(r => (r.Revision, r.Operator, r.Threshold, r.Aspirational, r.ChangedBy)).Should().Equal(
            (1, ComparisonOperator.GreaterOrEqual, 98m, false, "an@so-noi-vu"),
            (2, ComparisonOperator.GreaterOrEqual, 97.5m, false, "binh@so-noi-vu"),
            (3, ComparisonOperator.GreaterThan, 97.5m, true, "an@so-noi-vu"));
        history.Select(r => r.Reason).Should().Equal("Sở Nội vụ cam kết riêng", "Điều chỉnh theo văn bản 12/UBND", "Chuyển thành chỉ tiêu phấn đấu");
        history.Should().OnlyContain(r => r.UnitId == snv && r.PlanYear == 2022 && !r.Removed);
        history[1].ChangedAt.Should().Be(Now.AddHours(1));

        var audit = await db.AuditLog.Where(a => a.Entity == "target").OrderBy(a => a.Id).ToListAsync();
        audit.Select(a => a.Action).Should().Equal("target.create", "target.update", "target.update");
        audit.Should().OnlyContain(a => a.UnitId == snv && a.Entity == "target" && a.EntityKey == id.ToString(CultureInfo.InvariantCulture));
        using var second = JsonDocument.Parse(audit[1].Details);
        second.RootElement.GetProperty("old").GetProperty("threshold").GetDecimal().Should().Be(98);
        second.RootElement.GetProperty("new").GetProperty("threshold").GetDecimal().Should().Be(97.5m);
        second.RootElement.GetProperty("reason").GetString().Should().Be("Điều chỉnh theo văn bản 12/UBND");
        second.RootElement.GetProperty("unit").GetString().Should().Be("SNV");
        using var first = JsonDocument.Parse(audit[0].Details);
        first.RootElement.GetProperty("old").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task A_removed_target_keeps_its_history_and_its_scope_and_a_seeded_target_starts_from_its_earlier_state()
    {
        await using var db = await SmallCityAsync();
        var ontime = await TargetIdAsync(db, "ONTIME");

        (await TargetEditor.UpdateAsync(db, ontime, AtLeast98, "Hạ theo thực tế", "staff", Now)).Revision.Should().Be(2);
        var removed = await TargetEditor.RemoveAsync(db, ontime, "Chỉ tiêu bỏ khỏi kế hoạch", "staff", Now.AddMinutes(5));
        removed.Revision.Should().Be(3);
        db.ChangeTracker.Clear();

        (await db.Targets.AnyAsync(t => t.Id == ontime)).Should().BeFalse();
        var history = await TargetEditor.HistoryAsync(db, ontime);
        // Revision 1: the seeded state, without an author; 2: the edit; 3: the removal, its last values kept.
        history.Select(r => (r.Revision, r.Operator, r.Threshold, r.Removed, r.ChangedBy)).Should().Equal(
            (1, ComparisonOperator.GreaterThan, 99m, false, ""),
            (2, ComparisonOperator.GreaterOrEqual, 98m, false, "staff"),
            (3, ComparisonOperator.GreaterOrEqual, 98m, true, "staff"));
        history.Should().OnlyContain(r => r.PlanYear == 2022 && r.Level == null && r.UnitId == null);
        (await db.AuditLog.Where(a => a.Action == "target.remove").SingleAsync()).UnitId.Should().BeNull();
        // The scope is free again.
        (await TargetEditor.CreateAsync(db, new TargetScope(2022, "ONTIME"), AtLeast98, "Đặt lại", "staff", Now)).Ok.Should().BeTrue();
    }

    [Fact]
    public async Task A_change_whose_audit_entry_fails_writes_neither_the_target_nor_its_revision()
    {
        await using var db = await SmallCityAsync();
        var ontime = await TargetIdAsync(db, "ONTIME");
        // The audit row fails inside the database: the target's change must not stay without it.
        await db.Database.ExecuteSqlRawAsync("""
            CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit refused'; END $$;
            CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit();
            """);
        try
        {
            await db.Invoking(d => TargetEditor.UpdateAsync(d, ontime, AtLeast98, "why", "staff", Now)).Should().ThrowAsync<DbUpdateException>();
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER refuse_audit ON audit_log; DROP FUNCTION refuse_audit();");
        }
        db.ChangeTracker.Clear();

        var target = await db.Targets.SingleAsync(t => t.Id == ontime);
        (target.Operator, target.Threshold).Should().Be((ComparisonOperator.GreaterThan, 99m));
        (await db.TargetRevisions.CountAsync()).Should().Be(0);
        (await db.AuditLog.CountAsync(a => a.Entity == "target")).Should().Be(0);
    }

    [Fact]
    public async Task The_scorecard_scores_with_the_new_threshold_right_after_an_edit()
    {
        await using var db = await SmallCityAsync();
        var service = new ScorecardService(postgres.Factory(postgres.ScratchConnectionString), TimeProvider.System, cache: new ScorecardCache());
        var january = new ScorecardRequest(2022, Period.Month(2022, 1), ScorecardScope.ForLevel(UnitLevel.Department));
        // SNV: 990 of 1 000 on time = 99,00 %; "> 99" is not met (a gap of 0, within the tolerance of 5: at risk).
        var before = (await service.GetAsync(january))!.Unit("SNV")!.For("ONTIME")!.Score;
        (before.Target!.Threshold, before.Status).Should().Be((99m, Status.AtRisk));

        (await TargetEditor.UpdateAsync(db, await TargetIdAsync(db, "ONTIME"), new TargetValues(">=", 99, false, "Tối thiểu 99%"), "Theo kế hoạch sửa đổi", "staff", Now)).Ok.Should().BeTrue();

        // "≥ 99": 99,00 % meets it.
        var after = (await service.GetAsync(january))!.Unit("SNV")!.For("ONTIME")!.Score;
        (after.Target!.Operator, after.Target.Threshold, after.Status).Should().Be((ComparisonOperator.GreaterOrEqual, 99m, Status.Met));
    }

    [Fact]
    public async Task Two_editors_of_one_target_at_once_take_turns_and_both_revisions_are_kept()
    {
        await using var db = await SmallCityAsync();
        var ontime = await TargetIdAsync(db, "ONTIME");

        var results = await Task.WhenAll(
            Task.Run(async () => { await using var a = PostgresServer.CreateContext(postgres.ScratchConnectionString); return await TargetEditor.UpdateAsync(a, ontime, AtLeast98, "a", "a", Now); }),
            Task.Run(async () => { await using var b = PostgresServer.CreateContext(postgres.ScratchConnectionString); return await TargetEditor.UpdateAsync(b, ontime, AtLeast98 with { Threshold = 97 }, "b", "b", Now); }));

        results.Should().OnlyContain(r => r.Ok);
        results.Select(r => r.Revision!.Value).Should().BeEquivalentTo([2, 3]);
        var history = await TargetEditor.HistoryAsync(db, ontime);
        history.Select(r => r.Revision).Should().Equal(1, 2, 3);
        (await db.AuditLog.CountAsync(a => a.Action == "target.update")).Should().Be(2);
    }

    private async Task<(int Targets, int Revisions, int Audit)> CountsAsync(ReformDbContext db) =>
        (await db.Targets.CountAsync(), await db.TargetRevisions.CountAsync(), await db.AuditLog.CountAsync());

    private static Task<int> TargetIdAsync(ReformDbContext db, string indicator) =>
        db.Targets.Where(t => t.Indicator!.Code == indicator && t.Level == null && t.UnitId == null).Select(t => t.Id).SingleAsync();

    /// <summary>The small seed with a rank, a milestone and a ward that ended before the plan year.</summary>
    private async Task<ReformDbContext> SmallCityAsync()
    {
        await postgres.ResetScratchAsync();
        var folder = new SeedFolderBuilder()
            .Append("units.csv", "00099,Phường Cũ,Old Ward,commune,002,2008-08-01,2020-12-31,")
            .Append("indicators.csv", "PARINDEX_RANK,TD,Xếp hạng PAR INDEX,PAR INDEX rank,rank,stock,annual,city,2,Thứ hạng,own_report")
            .Append("indicators.csv", "LAND_PAY,TTHC,Tích hợp thanh toán đất đai,Land payment integration,milestone,stock,annual,city,0,Hoàn thành,own_report")
            .WriteTo(postgres.TempRoot);
        var db = PostgresServer.CreateContext(postgres.ScratchConnectionString);
        await SeedLoader.LoadAsync(db, folder);
        db.ChangeTracker.Clear();
        return db;
    }
}
