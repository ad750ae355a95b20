using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using HaNoi.ReformDashboard.Data.Assessment;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Domain.Assessment;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Testing;
using Microsoft.EntityFrameworkCore;
using static HaNoi.ReformDashboard.Data.Tests.Assessment.AssessmentDatabase;

namespace HaNoi.ReformDashboard.Data.Tests.Assessment;

/// <summary>
/// A round on the ten-point framework (departments: 1.1.1 yes/no 1, 1.1.2 ONTIME figure 3, 1.2.1 yes/no 2, 2.1.1 survey 4),
/// open 1–31 March 2023 (Hanoi days): the head's drafts, prefill, evidence and submission, the office's appraisal,
/// request for evidence, the unit's answer and the final result.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AssessmentWorkflowTests(PostgresServer postgres)
{
    private static readonly AssessmentCaller Office = new("office@hanoi", AssessmentRole.Office);
    private static readonly AssessmentCaller HeadSnv = new("head@snv", AssessmentRole.UnitHead, "SNV");
    private static readonly AssessmentCaller HeadStp = new("head@stp", AssessmentRole.UnitHead, "STP");
    private static readonly AssessmentCaller Leader = new("leader@hanoi", AssessmentRole.Reader);
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN"), En = CultureInfo.GetCultureInfo("en-US");

    private static DateTimeOffset Hanoi(int month, int day, int hour = 9, int minute = 0) => new(2023, month, day, hour, minute, 0, TimeSpan.FromHours(7));

    private async Task<ReformDbContext> RoundAsync()
    {
        var db = await ScratchAsync(postgres);
        await LoadTenPointsAsync(db, 2023);
        (await RoundDesk.OpenAsync(db, Office, 2023, UnitLevel.Department, new(2023, 3, 1), new(2023, 3, 31), Hanoi(2, 20))).Ok.Should().BeTrue();
        return db;
    }

    private static Task<AssessmentResult> SaveAsync(ReformDbContext db, AssessmentCaller who, string unit, AnswerDraft draft, DateTimeOffset at) =>
        SelfAssessmentWriter.SaveAsync(db, who, 2023, unit, draft, at);

    private static byte[] Pdf => Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n");

    private static byte[] Zip(params string[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var name in entries)
                using (var writer = new StreamWriter(zip.CreateEntry(name).Open())) writer.Write("<x/>");
        return buffer.ToArray();
    }

    private static Task<AssessmentResult> UploadAsync(ReformDbContext db, AssessmentCaller who, string sub, string name, byte[] content, DateTimeOffset at, long max = EvidenceStore.DefaultMaxBytes) =>
        EvidenceStore.UploadAsync(db, who, 2023, "SNV", sub, name, new MemoryStream(content), at, max);

    [Fact]
    public async Task Only_the_office_opens_a_round_on_the_years_current_framework_once_per_block_with_a_window_that_runs_forward()
    {
        await using var db = await ScratchAsync(postgres);
        (await RoundDesk.OpenAsync(db, Office, 2023, UnitLevel.Department, new(2023, 3, 1), new(2023, 3, 31), Hanoi(2, 1))).Problem!.Key.Should().Be("NoFramework");
        var framework = await LoadTenPointsAsync(db, 2023);

        (await RoundDesk.OpenAsync(db, HeadSnv, 2023, UnitLevel.Department, new(2023, 3, 1), new(2023, 3, 31), Hanoi(2, 1))).Problem!.Key.Should().Be("NotOffice");
        var backwards = await RoundDesk.OpenAsync(db, Office, 2023, UnitLevel.Department, new(2023, 3, 31), new(2023, 3, 1), Hanoi(2, 1));
        backwards.Problem!.Message(En).Should().Be("The closing day (1 Mar 2023) must be on or after the opening day (31 Mar 2023).");
        backwards.Problem.Message(Vi).Should().Be("Ngày đóng (01/03/2023) phải từ ngày mở (31/03/2023) trở đi.");
        (await RoundDesk.OpenAsync(db, Office, 2023, UnitLevel.Commune, new(2023, 3, 1), new(2023, 3, 31), Hanoi(2, 1))).Problem!.Key.Should().Be("BlockNotInFramework");

        (await RoundDesk.OpenAsync(db, Office, 2023, UnitLevel.Department, new(2023, 3, 1), new(2023, 3, 31), Hanoi(2, 1))).Ok.Should().BeTrue();
        (await RoundDesk.OpenAsync(db, Office, 2023, UnitLevel.Department, new(2023, 4, 1), new(2023, 4, 30), Hanoi(2, 1))).Problem!.Message(En)
            .Should().Be("A round of 2023 already exists for departments.");
        (await db.AssessmentRounds.SingleAsync()).FrameworkId.Should().Be(framework.Id);
        (await db.AuditLog.CountAsync(a => a.Action == RoundDesk.OpenAction)).Should().Be(1);
    }

    [Fact]
    public async Task The_head_drafts_inside_the_Hanoi_window_only_for_their_own_unit_and_each_score_follows_the_sub_criterions_rule()
    {
        await using var db = await RoundAsync();
        var yes = new AnswerDraft("1.1.1", "yes", null, null, null);

        // 16:59 UTC on 28 February is 23:59 in Hanoi: the round has not opened; a minute later it has.
        (await SaveAsync(db, HeadSnv, "SNV", yes, new DateTimeOffset(2023, 2, 28, 16, 59, 0, TimeSpan.Zero))).Problem!.Key.Should().Be("NotEditable");
        (await SaveAsync(db, HeadStp, "SNV", yes, Hanoi(3, 1))).Problem!.Message(En).Should().Be("Only the head of unit SNV may self-assess for it.");
        (await SaveAsync(db, Office, "SNV", yes, Hanoi(3, 1))).Problem!.Key.Should().Be("NotHead");
        (await SaveAsync(db, HeadSnv, "001", yes, Hanoi(3, 1))).Problem!.Message(En).Should().Be("No assessment round of 2023 has been opened for districts.");

        (await SaveAsync(db, HeadSnv, "SNV", new("1.1.1", "yes", null, 0m, null), Hanoi(3, 1))).Problem!.Message(En)
            .Should().Be("The answer 'yes' of sub-criterion 1.1.1 gives 1 points, not 0.");
        (await SaveAsync(db, HeadSnv, "SNV", new("1.1.1", "maybe", null, null, null), Hanoi(3, 1))).Problem!.Key.Should().Be("AnswerUnknown");
        (await SaveAsync(db, HeadSnv, "SNV", new("1.1.2", null, 96m, 3m, null), Hanoi(3, 1))).Problem!.Message(En)
            .Should().Be("The figure 96 of sub-criterion 1.1.2 earns 2 points, not 3.");
        (await SaveAsync(db, HeadSnv, "SNV", new("1.1.2", null, 96m, 2.5m, null), Hanoi(3, 1))).Problem!.Message(En)
            .Should().Be("2.5 is not a score sub-criterion 1.1.2 gives (its scores: 0; 1; 2; 3).");
        (await SaveAsync(db, HeadSnv, "SNV", new("1.1.2", null, 96m, 4m, null), Hanoi(3, 1))).Problem!.Message(Vi)
            .Should().Be("Điểm 4 của tiêu chí thành phần 1.1.2 phải từ 0 đến 3.");
        (await SaveAsync(db, HeadSnv, "SNV", new("1.1.3", "Tốt", null, 3m, null), Hanoi(3, 1))).Problem!.Key.Should().Be("NotApplicable");
        (await SaveAsync(db, HeadSnv, "SNV", new("2.1.1", null, null, 4m, null), Hanoi(3, 1))).Problem!.Key.Should().Be("ScoredBySurvey");
        (await SaveAsync(db, HeadSnv, "SNV", new("1.2.1", "no", null, null, "ab\0c"), Hanoi(3, 1))).Problem!.Key.Should().Be("TextControl");
        (await db.AssessmentAnswers.CountAsync()).Should().Be(0, "nothing refused is half-saved");
        (await db.UnitAssessments.CountAsync()).Should().Be(0);

        (await SaveAsync(db, HeadSnv, "SNV", yes, Hanoi(3, 1))).Ok.Should().BeTrue();
        (await SaveAsync(db, HeadSnv, "SNV", yes, Hanoi(3, 2))).Unchanged.Should().BeTrue();
        (await SaveAsync(db, HeadSnv, "SNV", new("1.1.1", "no", null, null, "  Chưa ban hành kế hoạch.  "), Hanoi(3, 3))).Ok.Should().BeTrue();
        (await SaveAsync(db, HeadSnv, "SNV", new("1.1.2", null, 96m, null, null), Hanoi(3, 3))).Ok.Should().BeTrue();

        var versions = await db.AssessmentAnswers.OrderBy(a => a.Id).ToListAsync();
        versions.Select(a => (a.Version, a.IsCurrent, a.Answer, a.SelfScore, a.Author)).Should().Equal(
            (1, false, "yes", 1m, "head@snv"), (2, true, "no", 0m, "head@snv"), (1, true, (string?)null, 2m, "head@snv"));
        versions[1].NoEvidenceReason.Should().Be("Chưa ban hành kế hoạch.");
        (await db.AuditLog.CountAsync(a => a.Action == SelfAssessmentWriter.SaveAction)).Should().Be(3, "the unchanged save wrote nothing");
        var retire = () => db.Database.ExecuteSqlRawAsync("UPDATE assessment_answers SET self_score = 0 WHERE version = 1");
        await retire.Should().ThrowAsync<Npgsql.PostgresException>("a version once written is never changed");
    }

    [Fact]
    public async Task The_figures_the_dashboard_measures_are_filled_in_with_the_score_they_earn_and_a_typed_figure_is_kept()
    {
        await using var db = await RoundAsync();
        var (written, problem) = await SelfAssessmentWriter.PrefillAsync(db, HeadSnv, 2023, "SNV", new Dictionary<string, decimal> { ["ONTIME"] = 99.2m }, Hanoi(3, 2));
        (written, problem).Should().Be((1, (AssessmentProblem?)null));
        var filled = await db.AssessmentAnswers.SingleAsync(a => a.IsCurrent);
        (filled.Figure, filled.SelfScore, filled.FigureFromScorecard).Should().Be((99.2m, 3m, true));

        (await SelfAssessmentWriter.PrefillAsync(db, HeadSnv, 2023, "SNV", new Dictionary<string, decimal> { ["ONTIME"] = 94m }, Hanoi(3, 3))).Written.Should().Be(1, "a filled figure is refreshed");
        (await SaveAsync(db, HeadSnv, "SNV", new("1.1.2", null, 90.5m, null, null), Hanoi(3, 4))).Ok.Should().BeTrue();
        (await SelfAssessmentWriter.PrefillAsync(db, HeadSnv, 2023, "SNV", new Dictionary<string, decimal> { ["ONTIME"] = 99.9m }, Hanoi(3, 5))).Written.Should().Be(0, "a typed figure is the unit's word");
        (await db.AssessmentAnswers.Where(a => a.IsCurrent).Select(a => new { a.Figure, a.SelfScore, a.FigureFromScorecard }).SingleAsync())
            .Should().BeEquivalentTo(new { Figure = (decimal?)90.5m, SelfScore = (decimal?)1m, FigureFromScorecard = false });
        (await SelfAssessmentWriter.PrefillAsync(db, HeadStp, 2023, "SNV", new Dictionary<string, decimal>(), Hanoi(3, 5))).Problem!.Key.Should().Be("NotHead");
    }

    [Fact]
    public async Task The_scorecard_figure_of_a_unit_for_the_year_is_its_whole_year_ratio()
    {
        var connectionString = await postgres.DemoAsync();
        var figures = new ScorecardFigures(new ScorecardService(postgres.Factory(connectionString), TimeProvider.System));
        var values = await figures.YearValuesAsync(2022, "SNV");
        // SNV's twelve ONTIME reports of 2022 in seed-data/measurements-2022.csv: 5062 on time of 5086.
        values["ONTIME"].Should().Be(100m * 5062m / 5086m);
        (await figures.YearValuesAsync(2031, "SNV")).Should().BeEmpty("not a plan year");
    }

    [Fact]
    public async Task Evidence_is_typed_by_its_content_capped_in_size_hashed_and_only_the_units_head_uploads_it()
    {
        await using var db = await RoundAsync();
        var pdf = await UploadAsync(db, HeadSnv, "1.2.1", @"C:\fakepath\bao-cao.html", Pdf, Hanoi(3, 2));
        pdf.Ok.Should().BeTrue();
        var stored = await db.AssessmentEvidence.SingleAsync();
        (stored.FileName, stored.ContentType, stored.SizeBytes).Should().Be(("bao-cao.html.pdf", "application/pdf", Pdf.Length));
        stored.Sha256.Should().Be(Convert.ToHexString(SHA256.HashData(Pdf)).ToLowerInvariant());

        (await UploadAsync(db, HeadSnv, "1.2.1", "ke-hoach.docx", Zip("[Content_Types].xml", "word/document.xml"), Hanoi(3, 2))).Ok.Should().BeTrue();
        (await UploadAsync(db, HeadSnv, "1.2.1", "so-lieu.xlsx", Zip("[Content_Types].xml", "xl/workbook.xml"), Hanoi(3, 2))).Ok.Should().BeTrue();
        (await UploadAsync(db, HeadSnv, "1.2.1", "anh.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0], Hanoi(3, 2))).Ok.Should().BeTrue();
        (await UploadAsync(db, HeadSnv, "1.2.1", "anh.jpeg", [0xFF, 0xD8, 0xFF, 0xE0, 0, 0], Hanoi(3, 2))).Ok.Should().BeTrue();
        (await db.AssessmentEvidence.OrderBy(e => e.Id).Select(e => e.ContentType).ToListAsync()).Should().Equal(
            EvidenceStore.Pdf, EvidenceStore.Docx, EvidenceStore.Xlsx, EvidenceStore.Png, EvidenceStore.Jpeg);

        (await UploadAsync(db, HeadSnv, "1.2.1", "trang.pdf", Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), Hanoi(3, 2))).Problem!.Message(En)
            .Should().Be("'trang.pdf' is not a PDF, Word (.docx), Excel (.xlsx), PNG or JPEG file (checked by its content).");
        (await UploadAsync(db, HeadSnv, "1.2.1", "a.zip", Zip("word/document.xml"), Hanoi(3, 2))).Problem!.Key.Should().Be("EvidenceType");
        (await UploadAsync(db, HeadSnv, "1.2.1", "a.docx", [.. "PK\x03\x04"u8, 1, 2, 3], Hanoi(3, 2))).Problem!.Key.Should().Be("EvidenceType");
        (await UploadAsync(db, HeadSnv, "1.2.1", "cu.doc", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0], Hanoi(3, 2))).Problem!.Key.Should().Be("EvidenceOldOffice");
        (await UploadAsync(db, HeadSnv, "1.2.1", "lon.pdf", Pdf, Hanoi(3, 2), max: 16)).Problem!.Key.Should().Be("EvidenceTooLarge");
        (await UploadAsync(db, HeadSnv, "1.2.1", "rong.pdf", [], Hanoi(3, 2))).Problem!.Key.Should().Be("EvidenceEmpty");
        (await UploadAsync(db, HeadStp, "1.2.1", "a.pdf", Pdf, Hanoi(3, 2))).Problem!.Key.Should().Be("NotHead");
        (await UploadAsync(db, HeadSnv, "2.1.1", "a.pdf", Pdf, Hanoi(3, 2))).Problem!.Key.Should().Be("SubCriterionNotFound");
        (await UploadAsync(db, HeadSnv, "1.2.1", "a.pdf", Pdf, Hanoi(4, 1))).Problem!.Key.Should().Be("NotEditable");
        (await db.AssessmentEvidence.CountAsync()).Should().Be(5);

        var file = await EvidenceStore.OpenAsync(db, pdf.Id);
        file!.Content.Should().Equal(Pdf);
        (file.UnitKey, file.Year, file.ContentType).Should().Be(("SNV", 2023, EvidenceStore.Pdf));
        (await EvidenceStore.RemoveAsync(db, HeadSnv, 2023, "SNV", pdf.Id, Hanoi(3, 3))).Ok.Should().BeTrue();
        (await EvidenceStore.RemoveAsync(db, HeadSnv, 2023, "SNV", pdf.Id, Hanoi(3, 3))).Problem!.Key.Should().Be("EvidenceNotFound");
        (await db.AssessmentEvidence.CountAsync()).Should().Be(5, "a removed file stays stored");
        (await db.AuditLog.CountAsync(a => a.Action == EvidenceStore.UploadAction)).Should().Be(5);
    }

    [Fact]
    public async Task A_submitted_assessment_locks_is_appraised_sent_back_for_evidence_answered_and_made_final_and_ranks()
    {
        await using var db = await RoundAsync();
        await SaveAsync(db, HeadSnv, "SNV", new("1.1.1", "yes", null, null, null), Hanoi(3, 2));
        await SaveAsync(db, HeadSnv, "SNV", new("1.1.2", null, 99.5m, 3m, null), Hanoi(3, 2));
        (await SelfAssessmentWriter.SubmitAsync(db, HeadSnv, 2023, "SNV", Hanoi(3, 3))).Problem!.Message(En).Should().Be("Cannot submit yet: sub-criteria 1.2.1 have no self-score.");
        await SaveAsync(db, HeadSnv, "SNV", new("1.2.1", "yes", null, 2m, null), Hanoi(3, 3));
        (await SelfAssessmentWriter.SubmitAsync(db, HeadSnv, 2023, "SNV", Hanoi(3, 3))).Problem!.Message(En)
            .Should().Be("Cannot submit yet: sub-criteria 1.1.1, 1.1.2, 1.2.1 have neither evidence nor the reason there is none.");
        await UploadAsync(db, HeadSnv, "1.1.1", "qd.pdf", Pdf, Hanoi(3, 4));
        await UploadAsync(db, HeadSnv, "1.1.2", "so-lieu.pdf", Pdf, Hanoi(3, 4));
        await SaveAsync(db, HeadSnv, "SNV", new("1.2.1", "yes", null, 2m, "Báo cáo gửi qua hệ thống, không có bản giấy."), Hanoi(3, 4));
        (await AppraisalWriter.AppraiseAsync(db, Office, 2023, "SNV", "1.1.1", 1m, null, Hanoi(3, 4))).Problem!.Key.Should().Be("NotSubmitted");
        (await SelfAssessmentWriter.SubmitAsync(db, HeadSnv, 2023, "SNV", Hanoi(3, 5))).Ok.Should().BeTrue();

        (await SaveAsync(db, HeadSnv, "SNV", new("1.1.1", "no", null, null, "x"), Hanoi(3, 6))).Problem!.Key.Should().Be("NotEditable", "a submitted draft is locked");
        (await AppraisalWriter.AppraiseAsync(db, HeadSnv, 2023, "SNV", "1.1.1", 1m, null, Hanoi(4, 3))).Problem!.Key.Should().Be("NotOffice");
        (await AppraisalWriter.AppraiseAsync(db, Leader, 2023, "SNV", "1.1.1", 1m, null, Hanoi(4, 3))).Problem!.Key.Should().Be("NotOffice");
        (await AppraisalWriter.AppraiseAsync(db, Office, 2023, "SNV", "1.1.2", 2.5m, null, Hanoi(4, 3))).Problem!.Key.Should().Be("NotAStep");
        (await AppraisalWriter.AppraiseAsync(db, Office, 2023, "SNV", "1.1.1", 1m, "Đạt.", Hanoi(4, 3))).Ok.Should().BeTrue();
        (await AppraisalWriter.AppraiseAsync(db, Office, 2023, "SNV", "1.1.2", 1m, "Số liệu hệ thống 91,2 %, không phải 99,5 %.", Hanoi(4, 3))).Ok.Should().BeTrue();
        (await db.UnitAssessments.SingleAsync()).State.Should().Be("under_appraisal");

        (await AppraisalWriter.RequestEvidenceAsync(db, Office, 2023, "SNV", "1.2.1", new(2023, 4, 3), "Bổ sung", Hanoi(4, 3))).Problem!.Key.Should().Be("DueNotFuture");
        (await AppraisalWriter.RequestEvidenceAsync(db, Office, 2023, "SNV", "1.2.1", new(2023, 4, 10), "Bổ sung báo cáo quý.", Hanoi(4, 3))).Ok.Should().BeTrue();
        (await db.UnitAssessments.SingleAsync()).State.Should().Be("evidence_requested");
        (await AppraisalWriter.FinalizeAsync(db, Office, 2023, "SNV", Hanoi(4, 4))).Problem!.Key.Should().Be("EvidencePending");

        // The unit answers before the deadline, past the round's window.
        (await UploadAsync(db, HeadSnv, "1.2.1", "bao-cao-quy.pdf", Pdf, Hanoi(4, 10, 23, 59))).Ok.Should().BeTrue();
        (await SelfAssessmentWriter.SubmitAsync(db, HeadSnv, 2023, "SNV", Hanoi(4, 11))).Problem!.Key.Should().Be("NotEditable", "the deadline has passed");
        (await SelfAssessmentWriter.SubmitAsync(db, HeadSnv, 2023, "SNV", Hanoi(4, 10))).Ok.Should().BeTrue();
        (await db.UnitAssessments.SingleAsync()).State.Should().Be("under_appraisal");

        (await AppraisalWriter.FinalizeAsync(db, Office, 2023, "SNV", Hanoi(4, 12))).Problem!.Message(En).Should().Be("Cannot finalise yet: sub-criteria 1.2.1 have no appraised score.");
        (await AppraisalWriter.AppraiseAsync(db, Office, 2023, "SNV", "1.2.1", 2m, "Đã bổ sung.", Hanoi(4, 12))).Ok.Should().BeTrue();
        (await AppraisalWriter.FinalizeAsync(db, Office, 2023, "SNV", Hanoi(4, 12))).Ok.Should().BeTrue();
        (await AppraisalWriter.AppraiseAsync(db, Office, 2023, "SNV", "1.2.1", 0m, null, Hanoi(4, 13))).Problem!.Key.Should().Be("AlreadyFinal");

        (await db.AssessmentAppraisals.Where(a => a.IsCurrent).OrderBy(a => a.SubCriterionId).Select(a => a.AppraisedScore).ToListAsync()).Should().Equal(1m, 1m, 2m);
        (await db.AssessmentAppraisals.CountAsync()).Should().Be(4, "the request and the later score are two versions of 1.2.1");
        (await db.AuditLog.Where(a => a.Action.StartsWith("assessment.") && a.Action != SelfAssessmentWriter.SaveAction && a.Action != EvidenceStore.UploadAction)
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync()).Should().Equal(
            "assessment.framework.import", RoundDesk.OpenAction, SelfAssessmentWriter.SubmitAction, AppraisalWriter.AppraiseAction, AppraisalWriter.AppraiseAction,
            AppraisalWriter.RequestAction, SelfAssessmentWriter.AnswerAction, AppraisalWriter.AppraiseAction, AppraisalWriter.FinalizeAction);

        // (1 + 1 + 2) appraised + 3 survey over 10: 70 %.
        var snvId = await UnitIdAsync(db, "SNV");
        db.SurveyScores.Add(new SurveyScore { Year = 2023, UnitId = snvId, Score = 3m, ImportedBy = "office@hanoi", ImportedAt = Hanoi(4, 1).ToUniversalTime() });
        await db.SaveChangesAsync();
        var ranking = await RankingQuery.ForYearAsync(db, 2023, UnitLevel.Department);
        ranking.Rows.Select(r => (r.Unit.Code, r.Appraised, r.IndexPercent, r.Rank)).Should().Equal(("SNV", 4m, 70m, 1));

        var (view, _) = await UnitAssessmentQuery.LoadAsync(db, 2023, "SNV", Hanoi(4, 13));
        (view!.State, view.SelfScore, view.Appraised, view.UnitMayEdit).Should().Be((AssessmentState.Final, 6m, 4m, false));
        // The survey's part is lost or won for the unit as a whole, not per field: field 1 lost 2 points, all on criterion 1.1 (4 − 1 − 1).
        view.Losses.Select(f => (f.Code, f.Lost)).Should().Equal(("1", 2m));
        view.Losses[0].Criteria.Select(c => (c.Code, c.Lost)).Should().Equal(("1.1", 2m), ("1.2", 0m));
    }

    [Fact]
    public async Task After_the_window_a_draft_is_written_only_through_the_offices_reopening_and_a_closed_round_refuses_drafts()
    {
        await using var db = await RoundAsync();
        var draft = new AnswerDraft("1.1.1", "yes", null, null, null);
        (await SaveAsync(db, HeadStp, "STP", draft, Hanoi(4, 2))).Problem!.Key.Should().Be("NotEditable");
        (await RoundDesk.ReopenAsync(db, HeadStp, 2023, "STP", new(2023, 4, 5), "Trễ", Hanoi(4, 2))).Problem!.Key.Should().Be("NotOffice");
        (await RoundDesk.ReopenAsync(db, Office, 2023, "STP", new(2023, 4, 5), " ", Hanoi(4, 2))).Problem!.Key.Should().Be("ReasonRequired");
        (await RoundDesk.ReopenAsync(db, Office, 2023, "STP", new(2023, 4, 1), "Trễ", Hanoi(4, 2))).Problem!.Key.Should().Be("ReopenUntilPast");
        (await RoundDesk.ReopenAsync(db, Office, 2023, "STP", new(2023, 4, 5), "Đơn vị xin nộp muộn do sáp nhập.", Hanoi(4, 2))).Ok.Should().BeTrue();
        (await SaveAsync(db, HeadStp, "STP", draft, Hanoi(4, 5, 23, 59))).Ok.Should().BeTrue();
        (await SaveAsync(db, HeadStp, "STP", draft with { Answer = "no" }, Hanoi(4, 6))).Problem!.Key.Should().Be("NotEditable");
        (await SaveAsync(db, HeadSnv, "SNV", draft, Hanoi(4, 3))).Problem!.Key.Should().Be("NotEditable", "the reopening is STP's alone");

        (await RoundDesk.CloseAsync(db, Office, 2023, UnitLevel.Department, Hanoi(4, 7))).Ok.Should().BeTrue();
        (await RoundDesk.CloseAsync(db, Office, 2023, UnitLevel.Department, Hanoi(4, 7))).Problem!.Key.Should().Be("RoundNotOpen");
        (await db.AuditLog.CountAsync(a => a.Action == RoundDesk.ReopenAction || a.Action == RoundDesk.CloseAction)).Should().Be(2);
    }

    [Fact]
    public async Task The_offices_progress_shows_every_unit_of_the_block_with_who_submitted_and_what_awaits_appraisal()
    {
        await using var db = await RoundAsync();
        await SaveAsync(db, HeadSnv, "SNV", new("1.1.1", "yes", null, null, "Không có"), Hanoi(3, 2));
        await SaveAsync(db, HeadSnv, "SNV", new("1.1.2", null, 99m, null, "Không có"), Hanoi(3, 2));
        await SaveAsync(db, HeadSnv, "SNV", new("1.2.1", "yes", null, null, "Không có"), Hanoi(3, 2));
        (await SelfAssessmentWriter.SubmitAsync(db, HeadSnv, 2023, "SNV", Hanoi(3, 3))).Ok.Should().BeTrue();
        await SaveAsync(db, HeadStp, "STP", new("1.1.1", "yes", null, null, null), Hanoi(3, 2));

        var progress = (await RoundProgressQuery.ForYearAsync(db, 2023)).Single();
        progress.SelfScored.Should().Be(3);
        progress.Units.Select(u => (u.Unit.Code, u.State, u.Answered)).Should().Equal(
            ("SKH", (AssessmentState?)null, 0), ("SNV", AssessmentState.Submitted, 3), ("STC", null, 0), ("STP", AssessmentState.Draft, 1));
        (progress.Submitted, progress.AwaitingAppraisal, progress.Final).Should().Be((1, 1, 0));
    }
}
