using System.Net;
using System.Text;

namespace HaNoi.ReformDashboard.Web.Tests.EndToEnd;

[Collection(DashboardCollection.Name)]
public sealed class ReportDownloadTests(DashboardApp app)
{

    [Theory]
    [InlineData("xlsx", "report", "PK", "Bao-cao", ".xlsx")]
    [InlineData("pdf", "report", "%PDF", "Bao-cao", ".pdf")]
    [InlineData("pdf", "scorecard", "%PDF", "Bang-diem", ".pdf")]
    [InlineData("docx", "report", "PK", "Bao-cao", ".docx")]
    public async Task A_report_downloads_whole_with_a_vietnamese_file_name(string format, string kind, string magic, string asciiStart, string extension)
    {
        using var http = await app.HttpClientAsync(Data.Accounts.Roles.ReformOffice);
        using var response = await http.GetAsync($"{app.BaseUrl}/reports/download?year=2022&period=2022-Q4&format={format}&kind={kind}&level=district");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Encoding.ASCII.GetString(bytes, 0, magic.Length).Should().Be(magic);
        var disposition = response.Content.Headers.ContentDisposition!;
        disposition.DispositionType.Should().Be("attachment");
        disposition.FileName!.Trim('"').Should().StartWith(asciiStart).And.EndWith(extension);
        disposition.FileNameStar.Should().Contain("quý IV-2022").And.EndWith(extension);
    }

    [Fact]
    public async Task The_unit_page_exports_the_units_workbook_with_its_filters()
    {
        var page = await app.OpenAsync("/units/268?year=2022&period=2022-Q3");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-xlsx").ClickAsync());

        download.SuggestedFilename.Should().EndWith(".xlsx").And.Contain("III-2022");
        var path = Path.Combine(DashboardApp.ScreenshotFolder, "unit-268-q3.xlsx");
        await download.SaveAsAsync(path);
        Encoding.ASCII.GetString(File.ReadAllBytes(path), 0, 2).Should().Be("PK");
        download.Url.Should().Contain("unit=268").And.Contain("period=2022-Q3");
    }

    [Fact]
    public async Task The_reports_page_downloads_the_leaders_pdf_for_one_chosen_unit()
    {
        var page = await app.OpenAsync("/reports?year=2022&period=2022-12&level=district");
        await page.GetByTestId("report-scope").SelectOptionAsync("unit");
        await page.GetByTestId("report-unit").SelectOptionAsync("268");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-pdf-scorecard").ClickAsync());

        download.Url.Should().Contain("unit=268").And.Contain("kind=scorecard").And.Contain("period=2022-12");
        var path = Path.Combine(DashboardApp.ScreenshotFolder, "scorecard-268.pdf");
        await download.SaveAsAsync(path);
        Encoding.ASCII.GetString(File.ReadAllBytes(path), 0, 4).Should().Be("%PDF");
        await DashboardApp.ScreenshotAsync(page, "reports-page");
        (await Accessibility.SeriousViolationsAsync(page)).Should().BeEmpty();
    }

    [Theory]
    [InlineData("year=2022&period=2022-13&format=xlsx", "không hợp lệ")]
    [InlineData("year=2022&period=2022-Q4&format=docx&kind=scorecard", "Không có báo cáo dạng")]
    [InlineData("year=2022&period=2022-Q4&format=pdf&kind=brief&level=district", "Bản tóm tắt dành cho toàn thành phố hoặc một đơn vị")]
    [InlineData("year=2022&period=2022-Q4&format=xlsx&level=ward", "Cấp 'ward' không hợp lệ")]
    public async Task Bad_parameters_get_a_message_in_both_languages_and_no_file(string query, string vietnamese)
    {
        using var http = await app.HttpClientAsync(Data.Accounts.Roles.ReformOffice);
        using var response = await http.GetAsync($"{app.BaseUrl}/reports/download?{query}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentDisposition.Should().BeNull();
        (await response.Content.ReadAsStringAsync()).Should().Contain(vietnamese);
    }

    [Fact]
    public async Task The_brief_downloads_in_the_language_the_user_chose()
    {
        using var http = await app.HttpClientAsync(Data.Accounts.Roles.Leader);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{app.BaseUrl}/reports/download?year=2022&period=2022-12&format=pdf&kind=brief&unit=268");
        request.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Den-US%7Cuic%3Den-US");
        using var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Encoding.ASCII.GetString(bytes, 0, 4).Should().Be("%PDF");
        // The catalog's language sits in clear text in the PDF's last section.
        Encoding.Latin1.GetString(bytes).Should().Contain("/Lang (en-US)");
        response.Content.Headers.ContentDisposition!.FileNameStar.Should().StartWith("Tóm tắt tháng 12-2022");
    }

    [Fact]
    public async Task The_unit_page_downloads_the_units_one_page_brief()
    {
        var page = await app.OpenAsync("/units/268?year=2022&period=2022-12");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-pdf-brief").ClickAsync());

        download.Url.Should().Contain("kind=brief").And.Contain("unit=268").And.Contain("period=2022-12");
        var path = Path.Combine(DashboardApp.ScreenshotFolder, "brief-268.pdf");
        await download.SaveAsAsync(path);
        Encoding.ASCII.GetString(File.ReadAllBytes(path), 0, 4).Should().Be("%PDF");
        new FileInfo(path).Length.Should().BeLessThan(300_000);
    }

    [Fact]
    public async Task An_unknown_unit_is_not_found()
    {
        using var http = await app.HttpClientAsync(Data.Accounts.Roles.ReformOffice);
        using var response = await http.GetAsync($"{app.BaseUrl}/reports/download?year=2022&period=2022-Q4&format=pdf&unit=NOPE");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Contain("NOPE");
    }
}
