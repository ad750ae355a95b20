using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace HaNoi.ReformDashboard.Web.Tests.EndToEnd;

[Collection(DashboardCollection.Name)]
public sealed class ExplanationTests(DashboardApp app)
{
    [Fact]
    public async Task A_units_explanation_of_a_miss_shows_beside_that_indicator()
    {
        var card = await app.Services.GetRequiredService<ScorecardService>()
            .GetAsync(new ScorecardRequest(2022, Period.Quarter(2022, 3), ScorecardScope.ForLevel(UnitLevel.District)));
        var (unit, cell) = card!.Units.SelectMany(u => u.Indicators.Select(i => (u.Unit, Cell: i))).First(x => x.Cell.Score.Status == Status.Missed);
        const string text = "Hệ thống một cửa điện tử gián đoạn trong tháng 8; đơn vị đã khắc phục và bổ sung nhân lực.";
        await using (var db = PostgresServer.CreateContext(app.ConnectionString))
        {
            db.Explanations.Add(new Data.Schema.Explanation
            {
                UnitId = await db.UnitVersions.Where(u => u.Code == unit.Code).Select(u => u.UnitId).SingleAsync(),
                IndicatorId = await db.Indicators.Where(i => i.Code == cell.IndicatorCode).Select(i => i.Id).SingleAsync(),
                Period = "2022-Q3", Cause = text, Remedy = "Bổ sung hai cán bộ tại Bộ phận Một cửa.", ExpectedBy = new DateOnly(2022, 10, 31), Author = "Chủ tịch UBND", CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        var page = await app.OpenAsync($"/units/{unit.Code}?year=2022&period=2022-Q3");

        await Expect(page.GetByTestId($"explanation-{cell.IndicatorCode}")).ToContainTextAsync(text);
        await Expect(page.GetByTestId($"explanation-{cell.IndicatorCode}")).ToContainTextAsync("Chủ tịch UBND");
        await DashboardApp.ScreenshotAsync(page, "unit-with-explanation");
    }

    [Fact]
    public async Task A_department_head_writes_and_edits_an_explanation_and_it_shows_on_the_overview_in_the_list_and_in_the_pdf_report()
    {
        var card = await app.Services.GetRequiredService<ScorecardService>()
            .GetAsync(new ScorecardRequest(2022, Period.Quarter(2022, 4), ScorecardScope.ForUnit(DashboardApp.OwnUnit)));
        var code = card!.Unit(DashboardApp.OwnUnit)!.Indicators.First(i => i.Score.Status is Status.Missed or Status.AtRisk).IndicatorCode;
        const string unitPage = "/units/268?year=2022&period=2022-Q4";
        const string firstCause = "Đường truyền của Bộ phận Một cửa gián đoạn năm ngày trong tháng 11.";
        const string cause = "Đường truyền của Bộ phận Một cửa gián đoạn năm ngày trong tháng 11; phần mềm chưa đồng bộ hồ sơ.";
        const string remedy = "Thuê đường truyền dự phòng, trực kỹ thuật cuối tuần và đồng bộ lại hồ sơ tồn.";

        var page = await app.OpenAsync("/?year=2022&period=2022-Q4", role: Roles.DepartmentHead);
        // The head finds their unit from the menu.
        await page.GetByTestId("nav-my-unit").ClickAsync();
        await Expect(page.GetByTestId("unit-name")).ToHaveTextAsync("Quận Hà Đông");
        await app.GotoAsync(page, unitPage);
        var panel = page.GetByTestId($"explain-{code}");
        await Expect(panel.GetByTestId($"explain-missing-{code}")).ToBeVisibleAsync();
        await panel.GetByTestId($"explain-open-{code}").ClickAsync();
        await page.Locator("#explain-cause-input").FillAsync(firstCause);
        await page.Locator("#explain-remedy-input").FillAsync(remedy);
        // A date before the quarter starts is refused with the field named, and nothing is saved.
        await page.Locator("#explain-date-input").FillAsync("2022-09-30");
        await panel.GetByTestId("explain-save").ClickAsync();
        await Expect(panel).ToContainTextAsync("Thời hạn dự kiến: không được trước ngày đầu kỳ (01/10/2022).");
        await Expect(panel.GetByTestId("explain-message")).ToContainTextAsync("Chưa lưu");
        await page.Locator("#explain-date-input").FillAsync("2023-03-31");
        await page.Locator("#explain-cause-input").FocusAsync();
        await DashboardApp.ScreenshotAsync(page, "explanation-editor");
        await panel.GetByTestId("explain-save").ClickAsync();
        await Expect(panel.GetByTestId("explain-message")).ToContainTextAsync("Đã lưu giải trình (lần 1).");
        await Expect(panel.GetByTestId("explain-cause")).ToHaveTextAsync(firstCause);

        // The edit: a second version; the first stays readable under "earlier versions".
        await panel.GetByTestId($"explain-open-{code}").ClickAsync();
        await Expect(page.Locator("#explain-cause-input")).ToHaveValueAsync(firstCause);
        await page.Locator("#explain-cause-input").FillAsync(cause);
        await panel.GetByTestId("explain-save").ClickAsync();
        await Expect(panel.GetByTestId("explain-message")).ToContainTextAsync("Đã lưu giải trình (lần 2)");
        await Expect(panel.GetByTestId("explain-cause")).ToHaveTextAsync(cause);
        await Expect(panel.GetByTestId("explain-remedy")).ToHaveTextAsync(remedy);
        await Expect(panel.GetByTestId("explain-expected")).ToHaveTextAsync("31/03/2023");
        await Expect(panel.GetByTestId("explain-by")).ToContainTextAsync($"Lần 2 · {DashboardApp.UserName(Roles.DepartmentHead)}");
        await panel.GetByTestId($"explain-history-{code}").Locator("summary").ClickAsync();
        await Expect(panel.GetByTestId($"explain-version-{code}-1")).ToContainTextAsync(firstCause);
        await Expect(page.GetByTestId($"explanation-{code}")).ToContainTextAsync(cause);
        await DashboardApp.ScreenshotAsync(page, "explanation-saved");

        // Others read it and cannot edit it.
        var office = await app.OpenAsync(unitPage, role: Roles.ReformOffice);
        await Expect(office.GetByTestId($"explain-{code}").GetByTestId("explain-cause")).ToHaveTextAsync(cause);
        await Expect(office.GetByTestId($"explain-open-{code}")).ToHaveCountAsync(0);

        var overview = await app.OpenAsync("/?year=2022&period=2022-Q4&level=district");
        var cell = overview.GetByTestId($"heatmap-cell-268-{code}");
        await Expect(cell).ToHaveAttributeAsync("data-explained", "true");
        await Expect(cell.Locator("a")).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape("Giải trình: " + cause) + "$"));
        await cell.HoverAsync();
        await DashboardApp.ScreenshotAsync(overview, "overview-explained-cell");

        var list = await app.OpenAsync("/explanations?year=2022&period=2022-Q4", role: Roles.ReformOffice);
        var row = list.GetByTestId($"explanations-row-268-{code}-2022-Q4");
        await Expect(row).ToContainTextAsync(cause);
        await Expect(row).ToContainTextAsync(remedy);
        await Expect(row).ToContainTextAsync("31/03/2023");
        await DashboardApp.ScreenshotAsync(list, "explanations-list");

        // The quarterly PDF report of the unit, read back with poppler's pdftotext (department heads do not export: the reform office does).
        using var http = await app.HttpClientAsync(Roles.ReformOffice);
        var pdf = Path.Combine(DashboardApp.ScreenshotFolder, "report-268-2022-Q4.pdf");
        await File.WriteAllBytesAsync(pdf, await http.GetByteArrayAsync("/reports/download?year=2022&period=2022-Q4&format=pdf&kind=report&unit=268"));
        var text = Squash(await PdfTextAsync(pdf));
        text.Should().Contain(Squash($"Nguyên nhân: {cause}")).And.Contain(Squash($"Giải pháp khắc phục: {remedy}"))
            .And.Contain(Squash("Thời hạn dự kiến: 31/03/2023.")).And.Contain(Squash($"({DashboardApp.UserName(Roles.DepartmentHead)}, lần 2)"));
        text.Should().NotContain(Squash(firstCause + "Giải pháp"), "the report shows the latest version only");
    }

    private static async Task<string> PdfTextAsync(string path)
    {
        var start = new System.Diagnostics.ProcessStartInfo("pdftotext", ["-enc", "UTF-8", path, "-"]) { RedirectStandardOutput = true };
        using var process = System.Diagnostics.Process.Start(start)!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(0);
        return text;
    }

    private static string Squash(string text) => string.Concat(text.Normalize(System.Text.NormalizationForm.FormC).Where(c => !char.IsWhiteSpace(c)));
}
