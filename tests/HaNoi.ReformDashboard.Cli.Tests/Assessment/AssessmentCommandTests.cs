using System.Text;
using HaNoi.ReformDashboard.Cli.Tests.Infrastructure;
using HaNoi.ReformDashboard.Testing;
using Npgsql;

namespace HaNoi.ReformDashboard.Cli.Tests.Assessment;

[Collection(CliPostgresCollection.Name)]
public sealed class AssessmentCommandTests(PostgresServer postgres)
{
    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(postgres.TempRoot, Guid.NewGuid().ToString("N")[..8] + "-" + name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n", new UTF8Encoding(false));
        return path;
    }

    private async Task<Dictionary<string, string>> DatabaseAsync() =>
        new() { ["ConnectionStrings__Reform"] = await DemoDatabase.CopyAsync(postgres, "cli_assessment_") };

    private static async Task<long> CountAsync(IReadOnlyDictionary<string, string> env, string sql)
    {
        await using var connection = new NpgsqlConnection(env["ConnectionStrings__Reform"]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Framework_template_imports_as_a_new_version_a_bad_file_is_refused_by_row_and_a_year_is_copied()
    {
        var env = await DatabaseAsync();
        var template = Path.Combine(postgres.TempRoot, Guid.NewGuid().ToString("N")[..8] + "-khung.xlsx");
        var bad = Write("khung.csv",
            "code,name_vi,name_en,max_points,method,scale,evidence_vi,applies_to,indicator_code",
            "total,Thử,Test,4,,,,,",
            "1,Lĩnh vực 1,Field 1,4,,,,department;district,",
            "1.1,Tiêu chí 1.1,Criterion 1.1,4,,,,,",
            "1.1.1,Đúng hạn,On time,3,figure,>=99:3; >=95:2,,,ONTIME");

        var written = await CliProcess.RunAsync(env, null, "assessment", "framework", "template", "--out", template);
        var dry = await CliProcess.RunAsync(env, null, "assessment", "framework", "import", "--year", "2024", "--file", template, "--dry-run");
        var refused = await CliProcess.RunAsync(env, null, "assessment", "framework", "import", "--year", "2024", "--file", bad);
        var imported = await CliProcess.RunAsync(env, null, "assessment", "framework", "import", "--year", "2024", "--file", template);
        var copied = await CliProcess.RunAsync(env, null, "assessment", "framework", "copy", "--from", "2023", "--to", "2024");
        var nothing = await CliProcess.RunAsync(env, null, "assessment", "framework", "copy", "--from", "1999", "--to", "2000");
        var missing = await CliProcess.RunAsync(env, null, "assessment", "framework", "import", "--year", "2024", "--file", Path.Combine(postgres.TempRoot, "none.xlsx"));

        written.ExitCode.Should().Be(0, written.Error);
        dry.ExitCode.Should().Be(0, dry.Error);
        dry.Output.Should().Contain("2 fields, 2 criteria, 3 sub-criteria; department 4 (0 survey), district 4 (0 survey)").And.Contain("nothing written (--dry-run)");
        refused.ExitCode.Should().Be(2);
        // Criterion 1.1 (row 4) declares 4 over a sub-criterion of 3, for each block; field 1 still adds up to its declared 4.
        refused.Error.Should().Contain("khung.csv, dòng 4, cột max_points: tiêu chí 1.1 ghi 4 điểm nhưng các tiêu chí thành phần áp dụng cho khối sở, ban, ngành cộng lại 3 điểm.")
            .And.Contain("row 4, column max_points: criterion 1.1 declares 4 points but its sub-criteria for the district block add up to 3.")
            .And.Contain("The file is refused: 2 problems, nothing written.").And.NotContain("   at ");
        imported.ExitCode.Should().Be(0, imported.Error);
        imported.Output.Should().Contain("Loaded the 2024 framework, version 1.");
        copied.ExitCode.Should().Be(0, copied.Error);
        copied.Output.Should().Contain("Copied the 2023 framework to 2024, version 2.");
        nothing.ExitCode.Should().Be(2);
        missing.ExitCode.Should().Be(3);
        (await CountAsync(env, "SELECT count(*) FROM assessment_frameworks WHERE year = 2024")).Should().Be(2);
        // The seed's sample (2023: 8 fields) copied whole.
        (await CountAsync(env, "SELECT count(*) FROM assessment_fields f JOIN assessment_frameworks k ON k.id = f.framework_id WHERE k.year = 2024 AND k.version = 2")).Should().Be(8);
    }

    [Fact]
    public async Task Results_and_survey_imports_refuse_unknown_units_by_row_and_the_ranking_ties_share_a_rank()
    {
        var env = await DatabaseAsync();
        var badResults = Write("ket-qua.csv", "unit_code,appraised_score,survey_score,max_score", "SNV,70,28,100", "KHONGCO,50,20,100", "STP,80,30,100");
        // SNV (70 + 28) / 100 = 98 %; STP (60.5 + 25) / 100 = 85.5 %; SCT (57.5 + 28) / 100 = 85.5 %, tied;
        // STC had no survey part: 55 / 68 = 80.882… %, shown 80.88; 001 is a district.
        var results = Write("ket-qua.csv", "unit_code,appraised_score,survey_score,max_score",
            "SNV,70,28,100", "STP,60.5,25,100", "STC,55,,68", "SCT,57.5,28,100", "001,60,30,100");
        var badSurvey = Write("dieu-tra.csv", "unit_code,survey_score", "SNV,30", "KHONGCO,20", "STP,33");
        var survey = Write("dieu-tra.csv", "unit_code,survey_score", "SNV,30", "STP,31.25");

        var refusedResults = await CliProcess.RunAsync(env, null, "assessment", "results", "import", "--year", "2023", "--file", badResults);
        var importedResults = await CliProcess.RunAsync(env, null, "assessment", "results", "import", "--year", "2023", "--file", results);
        var ranking = await CliProcess.RunAsync(env, null, "assessment", "ranking", "--year", "2023", "--block", "department", "--format", "csv");
        var refusedSurvey = await CliProcess.RunAsync(env, null, "assessment", "survey", "import", "--year", "2023", "--file", badSurvey);
        var importedSurvey = await CliProcess.RunAsync(env, null, "assessment", "survey", "import", "--year", "2023", "--file", survey);
        var badBlock = await CliProcess.RunAsync(env, null, "assessment", "ranking", "--year", "2023", "--block", "city");

        refusedResults.ExitCode.Should().Be(2);
        refusedResults.Error.Should().Contain("ket-qua.csv, dòng 3, cột unit_code: không có đơn vị mã 'KHONGCO' hoạt động trong năm 2023.")
            .And.Contain("row 4, column max_score: the appraised and survey scores (110) exceed the maximum of 100.")
            .And.Contain("The file is refused: 2 problems, nothing written.");
        importedResults.ExitCode.Should().Be(0, importedResults.Error);
        importedResults.Output.Should().Contain("Imported the 2023 results: 5 units (0 replaced).");
        ranking.ExitCode.Should().Be(0, ranking.Error);
        ranking.Output.Should().Be(string.Join("\r\n",
            "unit_code,appraised_score,survey_score,index_percent,rank",
            "SNV,70,28,98.00,1",
            "SCT,57.5,28,85.50,2",
            "STP,60.5,25,85.50,2",
            "STC,55,,80.88,4") + "\r\n");
        // The sample framework of 2023 gives the survey 32 points.
        refusedSurvey.ExitCode.Should().Be(2);
        refusedSurvey.Error.Should().Contain("row 3, column unit_code: no unit with code 'KHONGCO' was in force in 2023.")
            .And.Contain("row 4, column survey_score: the score 33 exceeds the survey's maximum of 32 points for this block in the 2023 framework.");
        importedSurvey.ExitCode.Should().Be(0, importedSurvey.Error);
        badBlock.ExitCode.Should().Be(2);
        (await CountAsync(env, "SELECT count(*) FROM assessment_survey_scores WHERE year = 2023")).Should().Be(2);
        (await CountAsync(env, "SELECT count(*) FROM audit_log WHERE action IN ('assessment.results.import', 'assessment.survey.import') AND actor LIKE 'cli:%'")).Should().Be(2);
    }

    [Fact]
    public async Task The_ranking_of_the_seeds_2022_results_lists_every_department()
    {
        var env = await DatabaseAsync();
        var ranking = await CliProcess.RunAsync(env, null, "assessment", "ranking", "--year", "2022", "--block", "department");

        ranking.ExitCode.Should().Be(0, ranking.Error);
        var lines = ranking.Output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(22);
        lines[0].Should().Be("unit_code,appraised_score,survey_score,index_percent,rank");
        lines[1].Should().EndWith(",1");
        // SNV's seeded line: 56.46 + 26.68 = 83.14 of 100.
        lines.Should().Contain(l => l.StartsWith("SNV,56.46,26.68,83.14,", StringComparison.Ordinal));
    }
}
