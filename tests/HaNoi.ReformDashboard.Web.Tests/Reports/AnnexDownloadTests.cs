using System.IO.Compression;
using System.Net;
using System.Text;
using HaNoi.ReformDashboard.Web.Tests.EndToEnd;
using static HaNoi.ReformDashboard.Data.Accounts.Roles;

namespace HaNoi.ReformDashboard.Web.Tests.Reports;

/// <summary>
/// The published annex of the reform index downloads as xlsx, PDF and Word, each with its content type, from the
/// links of the ranking page; anything else is refused in both languages. The demo seed holds the published 2022
/// results of the 21 departments (docs/assessment.md), so the 2022 department block has a ranking.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class AnnexDownloadTests(DashboardApp app)
{
    [Theory]
    [InlineData("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK", "xl/workbook.xml")]
    [InlineData("pdf", "application/pdf", "%PDF-", null)]
    [InlineData("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "PK", "word/document.xml")]
    public async Task The_annex_downloads_in_each_format_with_its_content_type_and_name(string format, string contentType, string magic, string? part)
    {
        using var http = await app.HttpClientAsync(ReformOffice);
        using var response = await http.GetAsync($"/assessment/annex?year=2022&block=department&format={format}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be(contentType);
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        var disposition = response.Content.Headers.ContentDisposition!;
        disposition.DispositionType.Should().Be("attachment");
        disposition.FileNameStar.Should().Be($"Phụ lục Chỉ số CCHC 2022 department.{format}");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Encoding.ASCII.GetString(bytes, 0, magic.Length).Should().Be(magic);
        if (part is not null)
        {
            using var zip = new ZipArchive(new MemoryStream(bytes));
            zip.GetEntry(part).Should().NotBeNull($"a {format} file holds {part}");
        }
    }

    [Theory]
    [InlineData("year=2022&block=department&format=odt")]
    [InlineData("year=2022&block=department")]
    [InlineData("year=2022&block=ward&format=pdf")]
    public async Task An_unknown_format_or_block_is_refused_in_both_languages_without_a_file(string query)
    {
        using var http = await app.HttpClientAsync(Leader);
        using var response = await http.GetAsync($"/assessment/annex?{query}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentDisposition.Should().BeNull();
        (await response.Content.ReadAsStringAsync()).Should().Contain("format=xlsx|pdf|docx").And.Contain("Cần year").And.Contain("are needed");
    }

    [Fact]
    public async Task The_ranking_page_links_the_annex_in_the_three_formats_for_whoever_may_export()
    {
        using var office = await app.HttpClientAsync(ReformOffice);
        var page = await office.GetStringAsync("/assessment?year=2022&block=department");
        foreach (var format in new[] { "xlsx", "pdf", "docx" })
        {
            page.Should().Contain($"data-testid=\"assessment-annex-{format}\"")
                .And.Contain($"href=\"/assessment/annex?year=2022&amp;block=department&amp;format={format}\"");
        }
        page.Should().Contain("Tải phụ lục kết quả dạng PDF");

        using var head = await app.HttpClientAsync(DepartmentHead);
        (await head.GetStringAsync("/assessment?year=2022&block=department")).Should().NotContain("assessment-annex");
    }
}
