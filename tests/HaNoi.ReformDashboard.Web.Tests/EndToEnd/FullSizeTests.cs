extern alias cli;

using System.Diagnostics;
using HaNoi.ReformDashboard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;
using FullSizeLoader = cli::HaNoi.ReformDashboard.Cli.SeedGeneration.FullSize.FullSizeLoader;

namespace HaNoi.ReformDashboard.Web.Tests.EndToEnd;

/// <summary>The dashboard over Hanoi at its 2022 size (579 communes), one year of synthetic figures from the generator.</summary>
public sealed class FullSizeDashboardApp : DashboardApp
{
    protected override async Task PrepareDatabaseAsync(string connectionString)
    {
        await using var db = PostgresServer.CreateContext(connectionString);
        await db.Database.MigrateAsync();
        await FullSizeLoader.LoadAsync(db, RepositoryPaths.SeedData, 2022, 2022, seed: 2022, national: false, TextWriter.Null, CancellationToken.None);
    }
}

[CollectionDefinition(Name)]
public sealed class FullSizeCollection : ICollectionFixture<FullSizeDashboardApp>
{
    public const string Name = "fullsize";
}

[Collection(FullSizeCollection.Name)]
public sealed class FullSizeTests(FullSizeDashboardApp app, ITestOutputHelper output)
{
    [Fact]
    public async Task The_communes_heatmap_groups_579_communes_under_30_districts_searches_them_and_draws_only_what_is_in_view()
    {
        var page = await app.NewPageAsync();
        var started = Stopwatch.GetTimestamp();
        await app.GotoAsync(page, "/?year=2022&period=2022-12&level=commune");
        await Expect(page.Locator("[data-testid^=heatmap-group-]")).ToHaveCountAsync(30);
        output.WriteLine($"Overview, communes, 2022-12: interactive with the grouped heatmap in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms");

        // Chương Mỹ had 32 communes in 2022, none of them in the seed: all synthetic, all there.
        await Expect(page.GetByTestId("heatmap-group-277")).ToContainTextAsync("32 đơn vị");
        await page.GetByTestId("heatmap-expand-all").ClickAsync();
        await Expect(page.GetByTestId("heatmap")).ToHaveAttributeAsync("data-rows", "609"); // 579 communes + 30 headings
        var drawn = await page.Locator("[data-testid=heatmap] tbody tr").CountAsync();
        drawn.Should().BeLessThan(200, "only the rows in view (and a few more) are rendered");
        await DashboardApp.ScreenshotAsync(page, "fullsize-overview-expanded");
        (await Accessibility.SeriousViolationsAsync(page)).Should().BeEmpty();

        // Without accents; every word must match, so "phuc xa" would also find Phúc Thọ's communes (xã).
        await page.Locator("input#heatmap-search").FillAsync("truc bach");
        await Expect(page.Locator("[data-testid^=heatmap-row-]")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("heatmap-row-00004")).ToContainTextAsync("Phường Trúc Bạch");
        await Expect(page.Locator("[data-testid^=heatmap-group-]")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task The_indicator_page_shows_the_distribution_of_579_communes_with_the_chosen_one_and_the_top_and_bottom_ten()
    {
        var page = await app.NewPageAsync();
        var started = Stopwatch.GetTimestamp();
        await app.GotoAsync(page, "/indicators/ONTIME?year=2022&period=2022-12&level=commune&unit=00001");
        await Expect(page.GetByTestId("unit-chart")).ToHaveAttributeAsync("data-kind", "strip");
        await page.Locator("[data-testid=unit-chart] .main-svg").First.WaitForAsync();
        output.WriteLine($"Indicator page, ONTIME, communes, 2022-12: chart drawn in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms");

        await Expect(page.Locator("[data-testid=top-ten] li")).ToHaveCountAsync(10);
        await Expect(page.Locator("[data-testid=bottom-ten] li")).ToHaveCountAsync(10);
        await Expect(page.Locator("[data-testid=unit-results] tbody tr.unit-result-row")).ToHaveCountAsync(25); // a page, not 579 rows
        await Expect(page.Locator("[data-testid=unit-chart]")).ToContainTextAsync("Phường Phúc Xá");
        await DashboardApp.ScreenshotAsync(page, "fullsize-indicator");
        (await Accessibility.SeriousViolationsAsync(page)).Should().BeEmpty();
    }
}
