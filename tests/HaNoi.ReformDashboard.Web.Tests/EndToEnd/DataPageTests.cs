using Microsoft.Playwright;

namespace HaNoi.ReformDashboard.Web.Tests.EndToEnd;

[Collection(DashboardCollection.Name)]
public sealed class DataPageTests(DashboardApp app)
{
    [Fact]
    public async Task A_fresh_database_is_migrated_seeded_and_its_counts_shown_in_vietnamese()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/data");

        await Assertions.Expect(page.GetByTestId("units-district-value")).ToHaveTextAsync("30");
        await Assertions.Expect(page.GetByTestId("units-department-value")).ToHaveTextAsync("21");
        await Assertions.Expect(page.GetByTestId("indicators-value")).ToHaveTextAsync("22");
        await Assertions.Expect(page.GetByTestId("measurements-value")).ToHaveTextAsync("17.332"); // vi-VN groups thousands with a dot
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Tổng quan dữ liệu");
        await DashboardApp.ScreenshotAsync(page, "data-page-vi");
    }

    [Fact]
    public async Task The_data_page_has_no_serious_accessibility_violation()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/data");
        await Assertions.Expect(page.GetByTestId("units-district-value")).ToHaveTextAsync("30");

        (await Accessibility.SeriousViolationsAsync(page)).Should().BeEmpty();
    }
}
