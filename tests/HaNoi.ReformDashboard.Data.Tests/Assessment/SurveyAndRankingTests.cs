using HaNoi.ReformDashboard.Data.Assessment;
using HaNoi.ReformDashboard.Data.Import;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Testing;
using Microsoft.EntityFrameworkCore;
using static HaNoi.ReformDashboard.Data.Tests.Assessment.AssessmentDatabase;

namespace HaNoi.ReformDashboard.Data.Tests.Assessment;

/// <summary>The survey and past-results imports, and the ranking from final appraisals or from published results.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SurveyAndRankingTests(PostgresServer postgres)
{
    private static readonly DateTimeOffset At = new(2023, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static async Task<SurveyFile> SurveyAsync(ReformDbContext db, int year, params string[] rows)
    {
        using var content = Csv(["unit_code,survey_score", .. rows]);
        return await SurveyImport.ReadAsync(db, "dieu-tra.csv", content, content.Length, year, new ImportOptions());
    }

    private static async Task<PastResultsFile> ResultsAsync(ReformDbContext db, int year, params string[] rows)
    {
        using var content = Csv(["unit_code,appraised_score,survey_score,max_score", .. rows]);
        return await PastResultsImport.ReadAsync(db, "ket-qua.csv", content, content.Length, year, new ImportOptions());
    }

    [Fact]
    public async Task A_survey_file_with_unknown_units_or_scores_out_of_range_is_refused_by_row_and_a_valid_one_replaces_the_year()
    {
        await using var db = await ScratchAsync(postgres);
        await LoadTenPointsAsync(db, 2022); // 4 survey points for departments and districts
        var refused = await SurveyAsync(db, 2022, "SNV,3", "STP,4.5", "XYZ,2", "OLD,2", "SNV,abc", "HN,3", "STC,-1");

        refused.IsValid.Should().BeFalse();
        refused.Errors.Select(e => (e.Row, e.Column, e.MessageEn)).Should().Equal(
            (3, "survey_score", "the score 4.5 exceeds the survey's maximum of 4 points for this block in the 2022 framework."),
            (4, "unit_code", "no unit with code 'XYZ' was in force in 2022."),
            (5, "unit_code", "no unit with code 'OLD' was in force in 2022."),
            (6, "survey_score", "'abc' is not a number (use a dot for decimals, e.g. 12.5)."),
            (6, "unit_code", "the unit SNV is already on row 2."),
            (7, "unit_code", "the city is not scored by the index as a unit."),
            (8, "survey_score", "the score cannot be negative."));
        refused.Errors[1].MessageVi.Should().Be("không có đơn vị mã 'XYZ' hoạt động trong năm 2022.");
        refused.Errors[0].MessageVi.Should().Be("điểm 4,5 vượt 4 điểm điều tra tối đa của khối này trong bộ tiêu chí năm 2022.");

        var first = await SurveyAsync(db, 2022, "SNV,3", "STP,4", "001,2.5");
        await SurveyImport.CommitAsync(db, first, "office@hanoi", At);
        var second = await SurveyAsync(db, 2022, "SNV,3.5", "STP,4");
        (await SurveyImport.CommitAsync(db, second, "office@hanoi", At)).Should().Be(3, "the year's three scores are replaced");
        (await db.SurveyScores.OrderBy(s => s.Score).Select(s => s.Score).ToListAsync()).Should().Equal(3.5m, 4m);
        (await db.AuditLog.CountAsync(a => a.Action == SurveyImport.Action)).Should().Be(2);
    }

    [Fact]
    public async Task Past_results_are_checked_by_row_and_rank_a_past_year_with_ties_sharing_a_rank()
    {
        await using var db = await ScratchAsync(postgres);
        var refused = await ResultsAsync(db, 2021, "SNV,60,25,100", "STP,80,30,100", "001,,20,100", "STC,50,,0");
        refused.Errors.Select(e => (e.Row, e.Column, e.MessageEn)).Should().Equal(
            (3, "max_score", "the appraised and survey scores (110) exceed the maximum of 100."),
            (4, "appraised_score", "the value is missing."),
            (5, "max_score", "the maximum must be above 0."));

        // 2021: SNV (60 + 25) / 100 = 85 %; STP (50 + 20) / 100 = 70 %; OLD, in force until June, (40 + 30) / 100 = 70 %;
        // STC had no survey part: 45 / 60 = 75 %; the district 001 is another block.
        var valid = await ResultsAsync(db, 2021, "SNV,60,25,100", "STP,50,20,100", "OLD,40,30,100", "STC,45,,60", "001,70,20,100");
        valid.Errors.Should().BeEmpty();
        await PastResultsImport.CommitAsync(db, valid, "office@hanoi", At);

        var ranking = await RankingQuery.ForYearAsync(db, 2021, UnitLevel.Department);
        ranking.Source.Should().Be(RankingSource.PastResults);
        ranking.Rows.Select(r => (r.Unit.Code, r.Total, r.Maximum, r.IndexPercent, r.Rank, r.PreviousRank)).Should().Equal(
            ("SNV", 85m, 100m, 85m, 1, (int?)null), ("STC", 45m, 60m, 75m, 2, null), ("OLD", 70m, 100m, 70m, 3, null), ("STP", 70m, 100m, 70m, 3, null));
        (await RankingQuery.ForYearAsync(db, 2021, UnitLevel.District)).Rows.Select(r => (r.Unit.Code, r.IndexPercent, r.Rank)).Should().Equal(("001", 90m, 1));
    }

    [Fact]
    public async Task A_years_ranking_sums_the_current_appraised_scores_of_final_assessments_adds_the_survey_and_compares_with_the_year_before()
    {
        await using var db = await ScratchAsync(postgres);
        var framework = await LoadTenPointsAsync(db, 2022);
        var round = new AssessmentRound { Year = 2022, Block = UnitLevel.Department, FrameworkId = framework.Id, OpensOn = new(2023, 1, 9), ClosesOn = new(2023, 1, 31), CreatedBy = "office", CreatedAt = At };
        db.AssessmentRounds.Add(round);
        await db.SaveChangesAsync();
        var subs = await db.AssessmentSubCriteria.Where(s => s.FrameworkId == framework.Id).ToDictionaryAsync(s => s.Code, s => s.Id);

        async Task AppraiseAsync(string unit, string state, params (string Code, decimal Score, int Version, bool Current)[] scores)
        {
            var assessment = new UnitAssessment { RoundId = round.Id, UnitId = await UnitIdAsync(db, unit), State = state, UpdatedAt = At };
            db.UnitAssessments.Add(assessment);
            await db.SaveChangesAsync();
            db.AssessmentAppraisals.AddRange(scores.Select(s => new AssessmentAppraisal
            {
                UnitAssessmentId = assessment.Id, SubCriterionId = subs[s.Code], AppraisedScore = s.Score, Version = s.Version, IsCurrent = s.Current,
                Author = "council@snv", CreatedAt = At,
            }));
            await db.SaveChangesAsync();
        }
        // SNV: 1 + 2 (its 1.1.2 first appraised 3, then 2) + 2 = 5, survey 3: (5 + 3) / 10 = 80 %.
        await AppraiseAsync("SNV", "final", ("1.1.1", 1m, 1, true), ("1.1.2", 3m, 1, false), ("1.1.2", 2m, 2, true), ("1.2.1", 2m, 1, true));
        // STP: 1 + 3 + 0 = 4, survey 4: (4 + 4) / 10 = 80 %, tied with SNV.
        await AppraiseAsync("STP", "final", ("1.1.1", 1m, 1, true), ("1.1.2", 3m, 1, true), ("1.2.1", 0m, 1, true));
        // STC: 0 + 1 + 2 = 3 and no survey score: 3 / (10 − 4) = 50 %.
        await AppraiseAsync("STC", "final", ("1.1.1", 0m, 1, true), ("1.1.2", 1m, 1, true), ("1.2.1", 2m, 1, true));
        // SKH is still under appraisal: not ranked.
        await AppraiseAsync("SKH", "under_appraisal", ("1.1.1", 1m, 1, true));
        await SurveyImport.CommitAsync(db, await SurveyAsync(db, 2022, "SNV,3", "STP,4", "SKH,4"), "office@hanoi", At);
        // 2021, published: SNV (60 + 25) / 100 = 85 % (1st), STP (50 + 20) / 100 = 70 % (2nd).
        await PastResultsImport.CommitAsync(db, await ResultsAsync(db, 2021, "SNV,60,25,100", "STP,50,20,100"), "office@hanoi", At);

        var ranking = await RankingQuery.ForYearAsync(db, 2022, UnitLevel.Department);

        ranking.Source.Should().Be(RankingSource.Appraisal);
        ranking.Rows.Select(r => (r.Unit.Code, r.Appraised, r.Survey, r.Maximum, r.IndexPercent, r.Rank, r.PreviousIndexPercent, r.PreviousRank)).Should().Equal(
            ("SNV", 5m, (decimal?)3m, 10m, 80m, 1, (decimal?)85m, (int?)1),
            ("STP", 4m, 4m, 10m, 80m, 1, 70m, 2),
            ("STC", 3m, null, 6m, 50m, 3, null, null));
    }

    [Fact]
    public async Task The_demo_seed_holds_the_sample_framework_and_the_2022_results_of_every_department_and_district()
    {
        await using var db = PostgresServer.CreateContext(await postgres.DemoAsync());
        var sample = await FrameworkStore.CurrentAsync(db, 2023);

        sample!.IsSample.Should().BeTrue();
        sample.TitleVi.Should().StartWith("Khung mẫu — không phải bộ tiêu chí chính thức");
        sample.Framework.Fields.Should().HaveCount(8);
        sample.Framework.MaximumFor(UnitLevel.Department).Should().Be(100m);
        sample.Framework.MaximumFor(UnitLevel.District).Should().Be(100m);
        sample.Framework.SurveyMaximumFor(UnitLevel.Department).Should().Be(32m);
        sample.Framework.SubCriteria.Select(s => s.IndicatorCode).OfType<string>().Should().Contain(["ONTIME", "ONLINE_DOSSIER", "DIGITISED_RECORDS"]);
        // SYNTHETIC 2022 results whose block averages are the published ones: departments 85.73 %, districts 92.75 %.
        var departments = await RankingQuery.ForYearAsync(db, 2022, UnitLevel.Department);
        var districts = await RankingQuery.ForYearAsync(db, 2022, UnitLevel.District);
        departments.Rows.Should().HaveCount(21);
        districts.Rows.Should().HaveCount(30);
        Math.Round(departments.Rows.Average(r => r.IndexPercent), 2).Should().Be(85.73m);
        Math.Round(districts.Rows.Average(r => r.IndexPercent), 2).Should().Be(92.75m);
    }
}
