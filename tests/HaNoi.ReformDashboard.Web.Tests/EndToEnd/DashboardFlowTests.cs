using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HaNoi.ReformDashboard.Web.Tests.EndToEnd;

/// <summary>What the users of README.md ("Signing in") do, in Chromium, on the demo data.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardFlowTests(DashboardApp app)
{
    [Fact]
    public async Task A_leader_reviews_december_switches_to_q3_drills_into_a_missed_cell_and_comes_back()
    {
        var page = await app.OpenAsync("/?year=2022&period=2022-12&level=district");
        await Expect(page.GetByTestId("headline-ONTIME-value")).ToHaveTextAsync(new Regex(@"^\d{2},\d{2} %$"));
        await Expect(page.GetByTestId("period-title")).ToContainTextAsync("12/2022");
        await DashboardApp.ScreenshotAsync(page, "overview-december-1440");

        await page.GetByTestId("period-kind").SelectOptionAsync("Quarter");
        await Expect(page.GetByTestId("period-title")).ToContainTextAsync("Quý"); // re-rendered: the list holds quarters now
        await page.GetByTestId("period-number").SelectOptionAsync("3");
        await Expect(page).ToHaveURLAsync(new Regex("period=2022-Q3"));
        await Expect(page.GetByTestId("period-title")).ToContainTextAsync("III/2022");

        var missed = page.Locator("[data-testid^=heatmap-cell-][data-status=missed]").First;
        var cellId = await missed.GetAttributeAsync("data-testid");
        var (unit, indicator) = SplitCell(cellId!);
        await missed.Locator("a").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/units/{unit}/indicators/{indicator}\\?.*period=2022-Q3"));
        await Expect(page.GetByTestId("figure-status")).ToContainTextAsync("Chưa đạt");
        await Expect(page.GetByTestId("unit-indicator-trend")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("month-9")).ToBeVisibleAsync();
        await DashboardApp.ScreenshotAsync(page, "unit-indicator-from-heatmap");

        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/\?.*period=2022-Q3"));
        await Expect(page.GetByTestId(cellId!)).ToHaveAttributeAsync("data-status", "missed");
    }

    [Fact]
    public async Task A_district_head_reads_the_rank_and_the_run_rate_on_a_tablet()
    {
        var page = await app.OpenAsync("/units/268?year=2022&period=2022-09", width: 768, height: 1024);

        await Expect(page.GetByTestId("unit-name")).ToContainTextAsync("Quận Hà Đông");
        await Expect(page.GetByTestId("unit-rank-value")).ToHaveTextAsync(new Regex(@"^\d{1,2}/30$"));
        await Expect(page.GetByTestId("run-rate-ONTIME")).ToContainTextAsync(new Regex("3 tháng|không thể|đã chắc chắn|Đã đạt", RegexOptions.IgnoreCase));
        await Expect(page.GetByTestId("status-ONTIME")).ToBeVisibleAsync();
        await DashboardApp.ScreenshotAsync(page, "unit-268-768");
    }

    [Fact]
    public async Task The_language_switch_turns_the_dashboard_english_and_the_choice_persists()
    {
        var page = await app.OpenAsync("/?year=2022&period=2022-12");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "vi");

        await page.GetByTestId("language-switch").ClickAsync();
        await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByTestId("headline-ONTIME-value")).ToHaveTextAsync(new Regex(@"^\d{2}\.\d{2}%$"));
        await page.ReloadAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page).ToHaveURLAsync(new Regex("period=2022-12"));
        await Expect(page.GetByTestId("headline-ONTIME-value")).ToHaveTextAsync(new Regex(@"^\d{2}\.\d{2}%$"));
        await Expect(page.GetByTestId("period-title")).ToContainTextAsync("December 2022");
        await DashboardApp.ScreenshotAsync(page, "overview-english");
    }

    [Theory]
    [InlineData("/units/NOPE")]
    [InlineData("/indicators/NOPE")]
    [InlineData("/units/268/indicators/NOPE")]
    [InlineData("/units/268/indicators/SIPAS")] // the city reports SIPAS itself: a district has no such figure
    [InlineData("/no-such-page")]
    public async Task An_unknown_code_or_route_answers_404_with_a_vietnamese_not_found_message(string path)
    {
        var page = await app.NewPageAsync();
        var response = await page.GotoAsync(app.BaseUrl + path);
        await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        response!.Status.Should().Be(404);
        await Expect(page.GetByTestId("not-found")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("not-found")).ToContainTextAsync("Không tìm thấy");
    }

    [Theory]
    [InlineData("/?year=2022&period=2022-12&level=district", "overview")]
    [InlineData("/?year=2022&period=2022-Q3&level=commune", "overview-communes")]
    [InlineData("/units/268?year=2022&period=2022-Q4", "unit")]
    [InlineData("/units/268/indicators/ONTIME?year=2022&period=2022-Q4", "unit-indicator")]
    [InlineData("/indicators/ONTIME?year=2022&period=2022-Q4&level=district", "indicator")]
    [InlineData("/data", "data")]
    [InlineData("/units/NOPE", "not-found")]
    public async Task Every_page_has_no_serious_accessibility_violation(string path, string name)
    {
        var page = await app.OpenAsync(path);
        await page.Locator("[data-testid=load-error], h1").First.WaitForAsync();

        var violations = await Accessibility.SeriousViolationsAsync(page);

        await DashboardApp.ScreenshotAsync(page, "axe-" + name);
        violations.Should().BeEmpty();
    }

    private static (string Unit, string Indicator) SplitCell(string testId)
    {
        // heatmap-cell-{unit}-{INDICATOR}: indicator codes are upper case with underscores, unit codes have no dash.
        var rest = testId["heatmap-cell-".Length..];
        var dash = rest.IndexOf('-');
        return (rest[..dash], rest[(dash + 1)..]);
    }
}
