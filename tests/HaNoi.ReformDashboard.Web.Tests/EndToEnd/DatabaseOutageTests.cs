using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace HaNoi.ReformDashboard.Web.Tests.EndToEnd;

[Collection(DashboardCollection.Name)]
public sealed class DatabaseOutageTests(DashboardApp app)
{
    [Fact]
    public async Task When_the_database_stops_the_page_says_so_the_circuit_survives_and_retry_recovers()
    {
        var page = await app.OpenAsync("/?year=2022&period=2022-12&level=district");
        await Expect(page.GetByTestId("heatmap")).ToBeVisibleAsync();

        await app.StopDatabaseAsync();
        try
        {
            await page.GetByTestId("level-commune").ClickAsync(); // a new scorecard is asked for, in the same circuit
            await Expect(page.GetByTestId("load-error")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("load-error")).ToContainTextAsync("Không kết nối được cơ sở dữ liệu");
            await DashboardApp.ScreenshotAsync(page, "database-outage");
        }
        finally
        {
            await app.StartDatabaseAsync();
        }

        await page.GetByTestId("load-error").GetByRole(Microsoft.Playwright.AriaRole.Button).ClickAsync();

        await Expect(page.GetByTestId("heatmap")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("level=commune"));
        // The demo's 49 wards sit under their three districts; opened, every one is there.
        await Expect(page.Locator("[data-testid^=heatmap-group-]")).ToHaveCountAsync(3);
        await page.GetByTestId("heatmap-expand-all").ClickAsync();
        await Expect(page.Locator("[data-testid^=heatmap-row-]")).ToHaveCountAsync(49);
    }
}
