using System.Net;
using System.Text;
using HaNoi.ReformDashboard.Web.Reports;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task A_full_export_queue_answers_busy_in_both_languages_at_once_and_serves_again_when_free()
    {
        // Fill every running place and every waiting place with work that waits on a gate.
        var queue = app.Services.GetRequiredService<ExportQueue>();
        var gate = new TaskCompletionSource();
        var held = new List<ExportJob>();
        while (queue.TryEnqueue("someone", async ct => { await gate.Task.WaitAsync(ct); return ExportOutcome.Failed("held", 500); }) is { } job) held.Add(job);
        held.Count.Should().BeGreaterThan(queue.Concurrency);
        using var http = await app.HttpClientAsync(Data.Accounts.Roles.Leader);
        const string query = "/reports/download?year=2022&period=2022-Q4&format=xlsx&kind=report&level=district";

        using (var busy = await http.GetAsync(query))
        {
            busy.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            busy.Headers.RetryAfter.Should().NotBeNull();
            busy.Content.Headers.ContentDisposition.Should().BeNull();
            (await busy.Content.ReadAsStringAsync()).Should().Contain("Máy chủ đang tạo nhiều báo cáo cùng lúc").And.Contain("The server is busy");
        }

        gate.SetResult();
        await Task.WhenAll(held.Select(j => j.Completion));
        using var served = await http.GetAsync(query);
        served.StatusCode.Should().Be(HttpStatusCode.OK);
        Encoding.ASCII.GetString(await served.Content.ReadAsByteArrayAsync(), 0, 2).Should().Be("PK");
    }

    [Fact]
    public async Task A_ticket_that_is_not_the_users_yields_no_file()
    {
        var queue = app.Services.GetRequiredService<ExportQueue>();
        var made = queue.TryEnqueue(DashboardApp.UserName(Data.Accounts.Roles.ReformOffice),
            _ => Task.FromResult(new ExportOutcome(new ExportFile([80, 75], "application/octet-stream", "attachment; filename=\"x.xlsx\""))))!;
        await made.Completion;
        using var leader = await app.HttpClientAsync(Data.Accounts.Roles.Leader);

        using var response = await leader.GetAsync($"/reports/download?year=2022&period=2022-Q4&format=xlsx&kind=report&ticket={made.Id}");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentDisposition.Should().BeNull();
        (await response.Content.ReadAsStringAsync()).Should().Contain("không còn trên máy chủ").And.Contain("no longer on the server");
        using var owner = await app.HttpClientAsync(Data.Accounts.Roles.ReformOffice);
        using var own = await owner.GetAsync($"/reports/download?year=2022&period=2022-Q4&format=xlsx&kind=report&ticket={made.Id}");
        own.StatusCode.Should().Be(HttpStatusCode.OK);
        (await own.Content.ReadAsByteArrayAsync()).Should().Equal(80, 75);
    }

    [Fact]
    public async Task The_reports_page_shows_the_files_place_in_line_then_downloads_it_when_its_turn_comes()
    {
        var queue = app.Services.GetRequiredService<ExportQueue>();
        var gate = new TaskCompletionSource();
        var started = new SemaphoreSlim(0);
        async Task<ExportOutcome> Held(CancellationToken ct) { started.Release(); await gate.Task.WaitAsync(ct); return ExportOutcome.Failed("held", 500); }
        var held = Enumerable.Range(0, queue.Concurrency).Select(_ => queue.TryEnqueue("someone", Held)!).ToList();
        for (var i = 0; i < held.Count; i++) await started.WaitAsync();
        var page = await app.OpenAsync("/reports?year=2022&period=2022-12&level=district");

        await page.GetByTestId("export-xlsx").ClickAsync();

        var status = page.GetByTestId("export-status");
        await Microsoft.Playwright.Assertions.Expect(status).ToHaveAttributeAsync("data-state", "queued");
        await Microsoft.Playwright.Assertions.Expect(status).ToContainTextAsync("thứ 1 trong hàng đợi");
        await DashboardApp.ScreenshotAsync(page, "reports-export-queued");
        var download = await page.RunAndWaitForDownloadAsync(() => { gate.SetResult(); return Task.CompletedTask; });

        download.Url.Should().Contain("format=xlsx").And.Contain("ticket=");
        var path = Path.Combine(DashboardApp.ScreenshotFolder, "reports-queued.xlsx");
        await download.SaveAsAsync(path);
        Encoding.ASCII.GetString(File.ReadAllBytes(path), 0, 2).Should().Be("PK");
        await Microsoft.Playwright.Assertions.Expect(status).ToHaveAttributeAsync("data-state", "ready");
        await Task.WhenAll(held.Select(j => j.Completion));
    }
}
