using HaNoi.ReformDashboard.Data.Assessment;
using HaNoi.ReformDashboard.Data.Files;
using HaNoi.ReformDashboard.Data.Import;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Domain.Assessment;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static HaNoi.ReformDashboard.Data.Tests.Assessment.AssessmentDatabase;

namespace HaNoi.ReformDashboard.Data.Tests.Assessment;

/// <summary>The framework file's checks, its versions and copies, and the template read back.</summary>
[Collection(PostgresCollection.Name)]
public sealed class FrameworkImportTests(PostgresServer postgres)
{
    private static readonly DateTimeOffset At = new(2023, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Bad_rows_are_refused_each_by_row_and_column_and_nothing_is_stored()
    {
        await using var db = await ScratchAsync(postgres);
        var file = await ReadFrameworkAsync(db, 2022,
            "total,Thử,Test,10,,,,,",
            "1,Lĩnh vực 1,Field 1,6,,,,department;district,",
            "1.1,Tiêu chí 1.1,Criterion 1.1,4,,,,,",
            "1.1.1,A,A,1,yes_no,,,,",
            "1.1.2,B,B,3,figure,>=99:3,,,NOPE",
            "1.3.1,X,X,1,yes_no,,,,",
            "1.2,C,C,2,maybe,,,,",
            "1.1.4,D,D,abc,yes_no,,,,",
            "1.1.5,E,E,1,scale,Tốt 1,,,",
            "1.1.1,A again,A,1,yes_no,,,,",
            "2.1.1.1,F,F,1,yes_no,,,,",
            "1.1.6,G,G,1,yes_no,,,province,");

        file.IsValid.Should().BeFalse();
        file.Framework.Should().BeNull();
        file.Errors.Select(e => (e.Row, e.Column, e.MessageEn)).Should().Equal(
            (6, "indicator_code", "there is no indicator 'NOPE'."),
            (7, "code", "no criterion 1.3 on the rows above."),
            (8, "method", "only a sub-criterion fills this column."),
            (9, "max_points", "'abc' is not a number (use a dot for decimals, e.g. 12.5)."),
            (10, "scale", "a scale is written \"Tốt:1; Đạt:0.5; Chưa đạt:0\" (level, colon, points; each level once)."),
            (11, "code", "the code 1.1.1 is already on row 5."),
            (12, "code", "'2.1.1.1' is not a code: field 1, criterion 1.1, sub-criterion 1.1.1."),
            (13, "applies_to", "'province' is not a block (department, district, commune; separated by ;)."));
        file.Errors[1].MessageVi.Should().Be("chưa có tiêu chí 1.3 ở các dòng trên.");
        (await db.AssessmentFrameworks.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_framework_whose_points_do_not_add_up_is_refused_at_the_rows_that_declare_them()
    {
        await using var db = await ScratchAsync(postgres);
        // Criterion 1.2 (row 8) declared 3 over its one sub-criterion of 2; field 1 (row 3) then adds up to 4 + 3 = 7, not 6.
        var rows = TenPoints.Select(r => r.StartsWith("1.2,", StringComparison.Ordinal) ? "1.2,Tiêu chí 1.2,Criterion 1.2,3,,,,," : r).ToArray();
        var file = await ReadFrameworkAsync(db, 2022, rows);

        file.Errors.Select(e => (e.Row, e.Column, e.MessageEn)).Should().Equal(
            (8, "max_points", "criterion 1.2 declares 3 points but its sub-criteria for the department block add up to 2."),
            (8, "max_points", "criterion 1.2 declares 3 points but its sub-criteria for the district block add up to 2."),
            (3, "max_points", "field 1 declares 6 points but its criteria for the department block add up to 7."),
            (3, "max_points", "field 1 declares 6 points but its criteria for the district block add up to 7."));
        file.Errors[0].MessageVi.Should().Be("tiêu chí 1.2 ghi 3 điểm nhưng các tiêu chí thành phần áp dụng cho khối sở, ban, ngành cộng lại 2 điểm.");
    }

    [Fact]
    public async Task Each_load_is_a_new_version_the_latest_is_current_and_a_copy_starts_the_next_year()
    {
        await using var db = await ScratchAsync(postgres);
        var first = await LoadTenPointsAsync(db, 2022);
        var second = await LoadTenPointsAsync(db, 2022);
        var copy = await FrameworkStore.CopyAsync(db, 2022, 2023, "office@hanoi", At);
        var none = await FrameworkStore.CopyAsync(db, 2019, 2020, "office@hanoi", At);

        (first.Version, second.Version, copy!.Version, copy.Year).Should().Be((1, 2, 1, 2023));
        none.Should().BeNull();
        var current = await FrameworkStore.CurrentAsync(db, 2022);
        current!.Id.Should().Be(second.Id);
        current.Framework.MaximumFor(UnitLevel.Department).Should().Be(10m);
        current.Framework.SurveyMaximumFor(UnitLevel.District).Should().Be(4m);
        var ontime = current.Framework.SubCriteria.Single(s => s.Code == "1.1.2");
        (ontime.Method, ontime.IndicatorCode, ontime.Steps.Count, ontime.AppliesTo.Single()).Should().Be((ScoringMethod.Figure, "ONTIME", 3, UnitLevel.Department));
        (await db.AssessmentFrameworks.SingleAsync(f => f.Year == 2023)).CopiedFromId.Should().Be(second.Id);
        (await FrameworkStore.CurrentAsync(db, 2023))!.Framework.SubCriteria.Select(s => s.Code)
            .Should().Equal(current.Framework.SubCriteria.Select(s => s.Code));
        (await db.AssessmentSubCriteria.CountAsync()).Should().Be(3 * 5, "five sub-criteria in each of three versions");
        (await db.AuditLog.Where(a => a.Action.StartsWith("assessment.framework")).OrderBy(a => a.Id).Select(a => a.Action + " " + a.EntityKey).ToListAsync())
            .Should().Equal("assessment.framework.import 2022 v1", "assessment.framework.import 2022 v2", "assessment.framework.copy 2023 v1");
    }

    [Fact]
    public async Task The_template_and_a_stored_framework_written_as_a_workbook_read_back_as_they_were()
    {
        await using var db = await ScratchAsync(postgres);
        var example = FrameworkTemplate.Workbook(null);
        using (var stream = new MemoryStream(example))
            (await FrameworkTemplate.ReadAsync(db, "mau.xlsx", stream, stream.Length, 2022, new ImportOptions())).Errors.Should().BeEmpty("the template's example adds up");

        var stored = await LoadTenPointsAsync(db, 2022);
        using var written = new MemoryStream(FrameworkTemplate.Workbook(stored));
        var read = await FrameworkTemplate.ReadAsync(db, "khung-2022.xlsx", written, written.Length, 2022, new ImportOptions());
        read.Errors.Should().BeEmpty();
        FrameworkTemplate.Rows(new StoredFramework(0, 2022, 1, read.TitleVi, read.TitleEn, false, read.Framework!))
            .Should().BeEquivalentTo(FrameworkTemplate.Rows(stored), o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task A_file_over_the_size_limit_or_with_another_header_is_refused_whole()
    {
        await using var db = await ScratchAsync(postgres);
        using var content = Csv([.. Header, .. TenPoints]);
        var tooBig = await FrameworkTemplate.ReadAsync(db, "khung.csv", content, content.Length, 2022, new ImportOptions { MaxFileBytes = 100 });
        using var wrong = Csv("unit_code,survey_score", "SNV,3");
        var header = await FrameworkTemplate.ReadAsync(db, "khung.csv", wrong, wrong.Length, 2022, new ImportOptions());

        tooBig.Errors.Should().ContainSingle().Which.MessageEn.Should().StartWith("the file of ").And.Contain("MB exceeds the limit of");
        header.Errors.Should().ContainSingle().Which.Should().Match<CellError>(e => e.Row == 1 && e.MessageEn.StartsWith("the header must be \"code,name_vi,"));
    }

    [Fact]
    public async Task Answers_and_appraisals_are_append_only_a_version_cannot_be_changed_or_deleted()
    {
        await using var db = await ScratchAsync(postgres);
        var framework = await LoadTenPointsAsync(db, 2022);
        var round = new AssessmentRound { Year = 2022, Block = UnitLevel.Department, FrameworkId = framework.Id, OpensOn = new(2023, 1, 9), ClosesOn = new(2023, 1, 31), CreatedBy = "office", CreatedAt = At };
        db.AssessmentRounds.Add(round);
        await db.SaveChangesAsync();
        var assessment = new UnitAssessment { RoundId = round.Id, UnitId = await UnitIdAsync(db, "SNV"), State = "draft", UpdatedAt = At };
        db.UnitAssessments.Add(assessment);
        await db.SaveChangesAsync();
        var sub = await db.AssessmentSubCriteria.SingleAsync(s => s.FrameworkId == framework.Id && s.Code == "1.1.1");
        db.AssessmentAnswers.Add(new AssessmentAnswer { UnitAssessmentId = assessment.Id, SubCriterionId = sub.Id, Answer = "yes", SelfScore = 1m, Author = "head@snv", CreatedAt = At });
        await db.SaveChangesAsync();

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        async Task<string?> Refusal(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            try { await command.ExecuteNonQueryAsync(); return null; }
            catch (PostgresException ex) { return ex.MessageText; }
        }
        (await Refusal("UPDATE assessment_answers SET self_score = 0")).Should().Be("assessment_answers is append-only: a new version is added instead of changing one");
        (await Refusal("DELETE FROM assessment_answers")).Should().Be("assessment_answers is append-only: a version is never deleted");
        (await Refusal("UPDATE assessment_answers SET is_current = false")).Should().BeNull("retiring the current version is how a new one is added");
        (await Refusal("UPDATE assessment_answers SET is_current = true")).Should().NotBeNull("a retired version does not come back");
    }
}
