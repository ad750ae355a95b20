using System.Text;
using HaNoi.ReformDashboard.Cli.Tests.Infrastructure;
using HaNoi.ReformDashboard.Testing;

namespace HaNoi.ReformDashboard.Cli.Tests.Exports;

[Collection(CliPostgresCollection.Name)]
public sealed class ExportCommandTests(PostgresServer postgres)
{
    [Theory]
    [InlineData("xlsx", "report", "PK")]
    [InlineData("pdf", "report", "%PDF")]
    [InlineData("pdf", "scorecard", "%PDF")]
    [InlineData("docx", "report", "PK")]
    public async Task Export_writes_the_whole_file_and_leaves_no_temporary_file(string format, string kind, string magic)
    {
        var folder = Directory.CreateDirectory(Path.Combine(postgres.TempRoot, "export-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var file = Path.Combine(folder, $"q4.{format}");

        var (exit, output, error) = await RunAsync("export", "--year", "2022", "--period", "2022-Q4", "--format", format, "--kind", kind, "--level", "district", "--out", file);

        exit.Should().Be(0, error);
        output.Should().Contain(file);
        Encoding.ASCII.GetString(File.ReadAllBytes(file), 0, magic.Length).Should().Be(magic);
        Directory.GetFiles(folder).Should().ContainSingle();
    }

    [Theory]
    [InlineData("docx", "scorecard", "Không hỗ trợ --format docx")]
    [InlineData("xlsx", "scorecard", "Không hỗ trợ --format xlsx --kind scorecard")]
    public async Task An_unsupported_report_exits_non_zero_and_writes_nothing(string format, string kind, string messageVi)
    {
        var file = Path.Combine(postgres.TempRoot, $"never-{Guid.NewGuid():N}.{format}");

        var (exit, _, error) = await RunAsync("export", "--year", "2022", "--period", "2022-Q4", "--format", format, "--kind", kind, "--out", file);

        exit.Should().Be(2);
        error.Should().Contain(messageVi).And.Contain("Unsupported");
        File.Exists(file).Should().BeFalse();
    }

    [Fact]
    public async Task Export_of_a_unit_brief_in_English_writes_a_pdf_whose_language_is_en_US()
    {
        var file = Path.Combine(postgres.TempRoot, $"brief-{Guid.NewGuid():N}.pdf");

        var (exit, _, error) = await RunAsync("export", "--year", "2022", "--period", "2022-06", "--format", "pdf", "--kind", "brief", "--unit", "SNV", "--lang", "en", "--out", file);

        exit.Should().Be(0, error);
        var bytes = File.ReadAllBytes(file);
        Encoding.ASCII.GetString(bytes, 0, 4).Should().Be("%PDF");
        // The catalog's language is written in clear in the PDF's last (incremental) section.
        Encoding.Latin1.GetString(bytes).Should().Contain("/Lang (en-US)");
        bytes.Length.Should().BeLessThan(300_000);
    }

    [Theory]
    [InlineData("--lang", "fr", "Ngôn ngữ 'fr' không hỗ trợ", "Language 'fr' is not supported")]
    [InlineData("--level", "district", "Bản tóm tắt dành cho toàn thành phố hoặc một đơn vị", "The brief is for the city or one unit")]
    public async Task A_brief_in_an_unknown_language_or_for_a_level_is_refused_in_both_languages(string option, string value, string vi, string en)
    {
        var file = Path.Combine(postgres.TempRoot, $"never-{Guid.NewGuid():N}.pdf");

        var (exit, _, error) = await RunAsync("export", "--year", "2022", "--period", "2022-06", "--format", "pdf", "--kind", "brief", option, value, "--out", file);

        exit.Should().Be(2);
        error.Should().Contain(vi).And.Contain(en);
        File.Exists(file).Should().BeFalse();
    }

    private async Task<(int, string, string)> RunAsync(params string[] args) =>
        await CliProcess.RunAsync(new Dictionary<string, string> { ["ConnectionStrings__Reform"] = await postgres.DemoAsync() }, runAs: null, args);
}
