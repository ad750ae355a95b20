using System.Net;
using ClosedXML.Excel;
using HaNoi.ReformDashboard.Testing;
using HaNoi.ReformDashboard.Web.Tests.EndToEnd;
using static HaNoi.ReformDashboard.Data.Accounts.Roles;

namespace HaNoi.ReformDashboard.Web.Tests.Assessment;

/// <summary>
/// GET /assessment/framework/workbook: the empty example and a year's framework as the workbook the CLI writes, read back
/// with ClosedXML and compared with the seed's own file; the framework page offers the loads to the office only.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class FrameworkWorkbookTests(DashboardApp app)
{
    private static readonly string[] Columns = ["code", "name_vi", "name_en", "max_points", "method", "scale", "evidence_vi", "applies_to", "indicator_code"];

    private static async Task<XLWorkbook> ReadAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        return new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task The_template_is_an_example_with_its_guide_and_a_years_workbook_holds_that_years_framework_row_by_row()
    {
        using var http = await app.HttpClientAsync(ReformOffice);
        using (var template = await ReadAsync(await http.GetAsync("/assessment/framework/workbook")))
        {
            template.Worksheet("Khung").Row(1).CellsUsed().Select(c => c.GetString()).Should().Equal(Columns);
            template.Worksheet("Khung").Cell(2, 1).GetString().Should().Be("total");
            template.Worksheet("Hướng dẫn").Column(1).CellsUsed().Skip(1).Select(c => c.GetString()).Should().Equal(Columns);
        }

        // The seed's 2023 sample, line by line: every code in the file's order (the CSV has no quoted commas in its codes).
        var seed = File.ReadAllLines(Path.Combine(RepositoryPaths.SeedData, "assessment-framework-2023.csv")).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')[0]).ToList();
        using var response = await http.GetAsync("/assessment/framework/workbook?year=2023");
        response.Content.Headers.ContentDisposition!.FileNameStar.Should().StartWith("khung-tieu-chi-2023-v");
        using var year = await ReadAsync(response);
        year.Worksheet("Khung").RowsUsed().Skip(1).Select(r => r.Cell(1).GetString()).Should().Equal(seed);
        year.Worksheet("Khung").Cell(2, 2).GetString().Should().StartWith("Khung mẫu — không phải bộ tiêu chí chính thức");
    }

    [Fact]
    public async Task A_year_without_a_framework_is_not_found_and_a_leader_reads_the_page_without_the_loads()
    {
        using var leader = await app.HttpClientAsync(Leader);
        (await leader.GetAsync("/assessment/framework/workbook?year=2098")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var page = await leader.GetStringAsync("/assessment/framework?year=2023");
        page.Should().Contain("data-testid=\"framework-tree\"").And.Contain("data-testid=\"framework-sample\"").And.NotContain("framework-office");
        using var office = await app.HttpClientAsync(ReformOffice);
        (await office.GetStringAsync("/assessment/framework?year=2023")).Should().Contain("data-testid=\"framework-office\"").And.Contain("framework-upload-file");
    }
}
