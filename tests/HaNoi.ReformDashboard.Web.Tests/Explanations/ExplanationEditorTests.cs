using System.Globalization;
using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Data.Explanations;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Testing;
using HaNoi.ReformDashboard.Web.Accounts;
using HaNoi.ReformDashboard.Web.Explanations;
using HaNoi.ReformDashboard.Web.Resources;
using HaNoi.ReformDashboard.Web.Tests.EndToEnd;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace HaNoi.ReformDashboard.Web.Tests.Explanations;

/// <summary>
/// Writing explanations through the dashboard's editor against the app's PostgreSQL: who may write for which unit
/// and indicator (decided on the server), versions, the audit entry in the same transaction, bad input.
/// Each test uses its own unit × indicator × period of the demo data (2022-Q2), so none sees another's writes.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class ExplanationEditorTests(DashboardApp app)
{
    private static readonly Period Q2 = Period.Quarter(2022, 2);
    private static readonly ActingUser Head = new(DashboardApp.UserName(Roles.DepartmentHead), [Roles.DepartmentHead], DashboardApp.OwnUnit);
    private static readonly ActingUser ReformOffice = new(DashboardApp.UserName(Roles.ReformOffice), [Roles.ReformOffice], null);

    private ExplanationEditor Editor => app.Services.GetRequiredService<ExplanationEditor>();

    /// <summary>The indicators of a unit in Q2 2022 with the given status, as the scoring engine calls them.</summary>
    private async Task<List<string>> IndicatorsAsync(string unit, params Status[] statuses)
    {
        var card = await app.Services.GetRequiredService<ScorecardService>().GetAsync(new ScorecardRequest(2022, Q2, ScorecardScope.ForUnit(unit)));
        return card!.Unit(unit)!.Indicators.Where(i => statuses.Contains(i.Score.Status)).Select(i => i.IndicatorCode).ToList();
    }

    private async Task<Explanation?> CurrentAsync(string unit, string indicator)
    {
        var card = await app.Services.GetRequiredService<ScorecardService>().GetAsync(new ScorecardRequest(2022, Q2, ScorecardScope.ForUnit(unit)));
        return card!.ExplanationOf(unit, indicator);
    }

    private async Task<(int Explanations, int Audit)> CountsAsync()
    {
        await using var db = PostgresServer.CreateContext(app.ConnectionString);
        return (await db.Explanations.CountAsync(), await db.AuditLog.CountAsync(a => a.Entity == "explanation"));
    }

    /// <summary>The transaction that wrote a row (xmin) and, for a superseded version, the one that replaced it (xmax).</summary>
    private async Task<(string Xmin, string Xmax)> TransactionOfAsync(string table, long id)
    {
        await using var db = PostgresServer.CreateContext(app.ConnectionString);
        var sql = table switch
        {
            "explanations" => "SELECT xmin::text || ' ' || xmax::text AS \"Value\" FROM explanations WHERE id = {0}",
            _ => "SELECT xmin::text || ' ' || xmax::text AS \"Value\" FROM audit_log WHERE id = {0}",
        };
        var row = await db.Database.SqlQueryRaw<string>(sql, id).SingleAsync();
        var parts = row.Split(' ');
        return (parts[0], parts[1]);
    }

    private static ExplanationDraft Draft(string unit, string indicator, string? cause = "Thiếu cán bộ tiếp nhận hồ sơ.", string? remedy = "Bổ sung hai cán bộ.",
        DateOnly? expectedBy = null, int? baseRevision = null) =>
        new(unit, indicator, Q2, cause, remedy, expectedBy ?? new DateOnly(2022, 9, 30), baseRevision);

    [Fact]
    public async Task A_department_head_writes_for_their_units_missed_indicator_with_its_audit_entry_in_the_same_transaction()
    {
        var indicator = (await IndicatorsAsync(DashboardApp.OwnUnit, Status.Missed))[0];
        // Typed decomposed (e + combining marks), as some keyboards send it: stored composed (NFC).
        const string typed = "Pha\u0302\u0300n me\u0302\u0300m mo\u0323\u0302t cu\u031B\u0309a lo\u0302\u0303i  ";

        var result = await Editor.SaveAsync(Head, Draft(DashboardApp.OwnUnit, indicator, cause: typed));

        result.Outcome.Should().Be(ExplanationOutcome.Created);
        result.Revision.Should().Be(1);
        var shown = await CurrentAsync(DashboardApp.OwnUnit, indicator);
        shown.Should().NotBeNull();
        shown!.Cause.Should().Be("Phần mềm một cửa lỗi", "stored composed and without the trailing blanks");
        shown.Remedy.Should().Be("Bổ sung hai cán bộ.");
        shown.ExpectedBy.Should().Be(new DateOnly(2022, 9, 30));
        shown.Author.Should().Be(Head.Name, "the author is the signed-in user");

        await using var db = PostgresServer.CreateContext(app.ConnectionString);
        var row = await db.Explanations.SingleAsync(e => e.Period == "2022-Q2" && e.Cause == "Phần mềm một cửa lỗi");
        var audit = await db.AuditLog.SingleAsync(a => a.Entity == "explanation" && a.EntityKey == row.Id.ToString());
        audit.Action.Should().Be("explanation.create");
        audit.Actor.Should().Be(Head.Name);
        audit.UnitId.Should().Be(row.UnitId);
        audit.Details.Should().Contain(indicator).And.Contain("2022-Q2");
        (await TransactionOfAsync("audit_log", audit.Id)).Xmin.Should().Be((await TransactionOfAsync("explanations", row.Id)).Xmin,
            "the explanation and its audit entry are written by one transaction");
    }

    [Fact]
    public async Task Another_unit_a_met_indicator_or_another_role_is_refused_on_the_server_and_nothing_is_written()
    {
        var otherMissed = (await IndicatorsAsync(DashboardApp.OtherUnit, Status.Missed, Status.AtRisk))[0];
        var ownMet = (await IndicatorsAsync(DashboardApp.OwnUnit, Status.Met))[0];
        var ownMissed = (await IndicatorsAsync(DashboardApp.OwnUnit, Status.Missed))[^1];
        var before = await CountsAsync();

        (await Editor.SaveAsync(Head, Draft(DashboardApp.OtherUnit, otherMissed))).Outcome.Should().Be(ExplanationOutcome.NotAllowed);
        (await Editor.SaveAsync(ReformOffice, Draft(DashboardApp.OwnUnit, ownMissed))).Outcome.Should().Be(ExplanationOutcome.NotAllowed);
        var met = await Editor.SaveAsync(Head, Draft(DashboardApp.OwnUnit, ownMet));
        met.Outcome.Should().Be(ExplanationOutcome.NotExplainable);
        met.Status.Should().Be(Status.Met);
        (await Editor.SaveAsync(Head, Draft(DashboardApp.OwnUnit, "NO_SUCH_INDICATOR"))).Outcome.Should().Be(ExplanationOutcome.NotFound);

        (await CountsAsync()).Should().Be(before);
    }

    [Fact]
    public async Task An_edit_adds_a_version_both_stay_readable_and_the_scorecard_shows_the_latest()
    {
        var indicator = (await IndicatorsAsync(DashboardApp.OwnUnit, Status.Missed))[1];
        var first = await Editor.SaveAsync(Head, Draft(DashboardApp.OwnUnit, indicator, cause: "Nguyên nhân ban đầu."));
        var second = await Editor.SaveAsync(Head, Draft(DashboardApp.OwnUnit, indicator, cause: "Nguyên nhân đã xác minh: mạng gián đoạn.", remedy: "Thuê thêm đường truyền dự phòng.",
            expectedBy: new DateOnly(2022, 12, 31), baseRevision: 1));

        first.Outcome.Should().Be(ExplanationOutcome.Created);
        second.Outcome.Should().Be(ExplanationOutcome.Updated);
        second.Revision.Should().Be(2);
        var shown = await CurrentAsync(DashboardApp.OwnUnit, indicator);
        shown!.Cause.Should().Be("Nguyên nhân đã xác minh: mạng gián đoạn.");
        shown.Revision.Should().Be(2);
        await using var db = PostgresServer.CreateContext(app.ConnectionString);
        var versions = (await ExplanationQueries.VersionsAsync(db, DashboardApp.OwnUnit, Q2)).Where(v => v.IndicatorCode == indicator).ToList();
        versions.Select(v => (v.Revision, v.IsCurrent, v.Cause)).Should().Equal(
            (2, true, "Nguyên nhân đã xác minh: mạng gián đoạn."), (1, false, "Nguyên nhân ban đầu."));
        versions.Should().OnlyContain(v => v.Author == Head.Name);
        versions[0].CreatedAt.Should().BeOnOrAfter(versions[1].CreatedAt);

        // The edit's audit entry, the new version and the end of the old one: one transaction.
        var rows = await db.Explanations.Where(e => e.Period == "2022-Q2" && e.Cause.StartsWith("Nguyên nhân")).OrderBy(e => e.Revision).ToListAsync();
        var audit = await db.AuditLog.SingleAsync(a => a.Entity == "explanation" && a.EntityKey == rows[1].Id.ToString());
        audit.Action.Should().Be("explanation.update");
        var edit = (await TransactionOfAsync("explanations", rows[1].Id)).Xmin;
        (await TransactionOfAsync("audit_log", audit.Id)).Xmin.Should().Be(edit);
        (await TransactionOfAsync("explanations", rows[0].Id)).Xmax.Should().Be(edit, "the old version stopped being current in the same transaction");

        // Editing from a stale page, or saving the same text again, writes nothing.
        var counts = await CountsAsync();
        var stale = await Editor.SaveAsync(Head, Draft(DashboardApp.OwnUnit, indicator, cause: "Bản sửa từ trang cũ.", baseRevision: 1));
        stale.Outcome.Should().Be(ExplanationOutcome.Conflict);
        stale.Revision.Should().Be(2);
        (await Editor.SaveAsync(Head, Draft(DashboardApp.OwnUnit, indicator, cause: "Nguyên nhân đã xác minh: mạng gián đoạn.", remedy: "Thuê thêm đường truyền dự phòng.",
            expectedBy: new DateOnly(2022, 12, 31), baseRevision: 2))).Outcome.Should().Be(ExplanationOutcome.Unchanged);
        (await CountsAsync()).Should().Be(counts);
    }

    [Fact]
    public async Task Two_first_explanations_saved_at_once_leave_one_version_and_tell_the_other_writer()
    {
        var may = Period.Month(2022, 5);
        var card = await app.Services.GetRequiredService<ScorecardService>().GetAsync(new ScorecardRequest(2022, may, ScorecardScope.ForUnit(DashboardApp.OwnUnit)));
        var indicator = card!.Unit(DashboardApp.OwnUnit)!.Indicators.First(i => i.Score.Status is Status.Missed or Status.AtRisk).IndicatorCode;
        ExplanationDraft Typed(string cause) => new(DashboardApp.OwnUnit, indicator, may, cause, "Bổ sung cán bộ.", new DateOnly(2022, 6, 30), null);

        var before = await CountsAsync();
        var results = await Task.WhenAll(Editor.SaveAsync(Head, Typed("Bản của tab thứ nhất.")), Editor.SaveAsync(Head, Typed("Bản của tab thứ hai.")));

        results.Select(r => r.Outcome).Should().BeEquivalentTo([ExplanationOutcome.Created, ExplanationOutcome.Conflict]);
        (await CountsAsync()).Should().Be((before.Explanations + 1, before.Audit + 1), "one version and its audit entry, nothing of the other");
    }

    public static TheoryData<string?, string?, int?, string, string, string> BadDrafts => new()
    {
        // cause, remedy, expected by (days after the period's first day; null: none), field in Vietnamese, in English, words of the message
        { "   ", "Bổ sung cán bộ.", 60, "Nguyên nhân", "Cause", "required" },
        { new string('x', 2001), "Bổ sung cán bộ.", 60, "Nguyên nhân", "Cause", "2,001" },
        { "Thiếu cán bộ.", "Bổ sung\0 cán bộ.", 60, "Giải pháp khắc phục", "Remedy", "control character" },
        { "Thiếu cán bộ.", "Bổ sung cán bộ.", -1, "Thời hạn dự kiến", "Expected by", "1 Apr 2022" },
        { "Thiếu cán bộ.", "Bổ sung cán bộ.", 700, "Thời hạn dự kiến", "Expected by", "31 Dec 2023" },
        { "Thiếu cán bộ.", "Bổ sung cán bộ.", null, "Thời hạn dự kiến", "Expected by", "required" },
    };

    [Theory]
    [MemberData(nameof(BadDrafts))]
    public async Task Bad_input_changes_nothing_and_its_message_names_the_field_in_Vietnamese_and_English(
        string? cause, string? remedy, int? days, string fieldVi, string fieldEn, string words)
    {
        var indicator = (await IndicatorsAsync(DashboardApp.OwnUnit, Status.Missed, Status.AtRisk))[^1];
        var before = await CountsAsync();
        var draft = new ExplanationDraft(DashboardApp.OwnUnit, indicator, Q2, cause, remedy, days is { } d ? Q2.FirstDay.AddDays(d) : null, null);

        var result = await Editor.SaveAsync(Head, draft);

        result.Outcome.Should().Be(ExplanationOutcome.Invalid);
        result.Problems.Should().ContainSingle();
        (await CountsAsync()).Should().Be(before);
        var l = app.Services.GetRequiredService<IStringLocalizer<Strings>>();
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("vi-VN");
            ExplanationEditor.Message(result.Problems![0], l).Should().StartWith(fieldVi + ":");
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("en-US");
            ExplanationEditor.Message(result.Problems![0], l).Should().StartWith(fieldEn + ":").And.Contain(words);
        }
        finally
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public async Task Markup_a_formula_and_a_right_to_left_override_are_stored_as_typed_and_read_as_typed_in_the_workbook_and_the_pdf()
    {
        const string cause = "\u202E=HYPERLINK(\"http://x.example\",\"y\") <script>window.pwned=1</script> mạng gián đoạn";
        const string printedCause = "=HYPERLINK(\"http://x.example\",\"y\") <script>window.pwned=1</script> mạng gián đoạn";
        const string remedy = "+SUM(A1) <b>đậm</b> & 'nháy'";
        var june = Period.Month(2022, 6);
        var card = await app.Services.GetRequiredService<ScorecardService>().GetAsync(new ScorecardRequest(2022, june, ScorecardScope.ForUnit(DashboardApp.OwnUnit)));
        var indicator = card!.Unit(DashboardApp.OwnUnit)!.Indicators.First(i => i.Score.Status is Status.Missed or Status.AtRisk).IndicatorCode;

        var result = await Editor.SaveAsync(Head, new ExplanationDraft(DashboardApp.OwnUnit, indicator, june, cause, remedy, new DateOnly(2022, 7, 15), null));

        result.Outcome.Should().Be(ExplanationOutcome.Created);
        await using (var db = PostgresServer.CreateContext(app.ConnectionString))
            (await db.Explanations.Where(e => e.Period == "2022-06" && e.Remedy == remedy).Select(e => e.Cause).SingleAsync()).Should().Be(cause, "stored as typed");

        using var http = await app.HttpClientAsync(Roles.ReformOffice);
        var query = $"/reports/download?year=2022&period=2022-06&kind=report&unit={DashboardApp.OwnUnit}";
        using var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(await http.GetByteArrayAsync(query + "&format=xlsx")));
        var row = workbook.Worksheet("So sánh và giải trình").RowsUsed()
            .Single(r => r.Cell(2).GetString() == DashboardApp.OwnUnit && r.Cell(4).GetString() == indicator);
        row.Cell(13).GetString().Should().Be(printedCause, "the text as typed, without the override");
        row.Cell(14).GetString().Should().Be(remedy);
        new[] { row.Cell(13), row.Cell(14) }.Should().OnlyContain(c => !c.HasFormula && c.Style.IncludeQuotePrefix);
        row.Cell(15).GetDateTime().Should().Be(new DateTime(2022, 7, 15));
        workbook.Worksheets.SelectMany(w => w.CellsUsed()).Should().NotContain(c => c.GetString().Contains('\u202E'));

        var pdf = await http.GetByteArrayAsync(query + "&format=pdf");
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        var text = string.Concat(document.GetPages().Select(p => p.Text));
        Squash(text).Should().Contain(Squash("Nguyên nhân: " + printedCause)).And.Contain(Squash("Giải pháp khắc phục: " + remedy))
            .And.Contain(Squash("Thời hạn dự kiến: 15/07/2022"));
        text.Should().NotContain("\u202E");
    }

    private static string Squash(string text) => string.Concat(text.Normalize(System.Text.NormalizationForm.FormC).Where(c => !char.IsWhiteSpace(c)));
}
