using HaNoi.ReformDashboard.Testing;
using static Microsoft.Playwright.Assertions;

namespace HaNoi.ReformDashboard.Web.Tests.EndToEnd;

/// <summary>The dashboard over the test fixture of the demo city restructured on 1 July 2025 (not the shipped demo).</summary>
public sealed class RestructuredDashboardApp : DashboardApp
{
    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() => [new("SeedData", RepositoryPaths.Restructured2025)];
    // Quận Hà Đông (268) was abolished on 1 July 2025; the Department of Home Affairs is still in force.
    protected override string HeadUnit => "SNV";
}

[CollectionDefinition(Name)]
public sealed class RestructuredCollection : ICollectionFixture<RestructuredDashboardApp>
{
    public const string Name = "restructured";
}

[Collection(RestructuredCollection.Name)]
public sealed class RestructuredCityTests(RestructuredDashboardApp app)
{
    [Fact]
    public async Task After_the_reorganisation_the_overview_offers_no_district_level_and_a_merged_ward_shows_its_combined_past()
    {
        // 2025-Q3: no district exists any more; the Overview lands on a level that does.
        var page = await app.OpenAsync("/?year=2025&period=2025-Q3");
        await Expect(page.GetByTestId("level-commune")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("level-district")).ToHaveCountAsync(0);
        await app.GotoAsync(page, "/?year=2025&period=2025-Q3&level=district");
        await Expect(page.GetByTestId("level-not-in-force")).ToContainTextAsync("không còn sau sắp xếp");

        // Before it, the thirty districts are there.
        await app.GotoAsync(page, "/?year=2025&period=2025-Q2&level=district");
        await Expect(page.GetByTestId("level-district")).ToHaveAttributeAsync("aria-current", "true");

        // Ngọc Hà absorbed three wards: who, from when, and its previous figure combined with theirs.
        await app.GotoAsync(page, "/units/00016?year=2025&period=2025-Q3");
        await Expect(page.GetByTestId("lineage-merged_into")).ToContainTextAsync("Từ ngày 01/07/2025, sáp nhập vào đơn vị: Phường Vĩnh Phúc, Phường Cống Vị, Phường Liễu Giai.");
        await Expect(page.GetByTestId("previous-combined-note")).ToContainTextAsync("tính gộp các đơn vị trước sắp xếp");
        await Expect(page.GetByTestId("previous-combined-ONTIME")).ToContainTextAsync("Kỳ trước*:");

        // Its trend runs on through the merger, and the page says the earlier months are combined.
        await app.GotoAsync(page, "/units/00016/indicators/ONTIME?year=2025&period=2025-Q3");
        await Expect(page.GetByTestId("trend-combined-note")).ToContainTextAsync("Các tháng trước ngày 01/07/2025");
        await Expect(page.GetByTestId("month-1")).ToBeVisibleAsync();
        await DashboardApp.ScreenshotAsync(page, "restructured-unit-indicator");

        // The code 00004 named Trúc Bạch until June and the new Phường Ba Đình since.
        await app.GotoAsync(page, "/units/00004?year=2025&period=2025-Q2");
        await Expect(page.GetByTestId("unit-name")).ToHaveTextAsync("Phường Trúc Bạch");
        await app.GotoAsync(page, "/units/00004?year=2025&period=2025-Q3");
        await Expect(page.GetByTestId("unit-name")).ToHaveTextAsync("Phường Ba Đình");
    }
}
