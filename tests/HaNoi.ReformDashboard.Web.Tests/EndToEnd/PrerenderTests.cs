using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HaNoi.ReformDashboard.Web.Tests.EndToEnd;

/// <summary>The circuit takes over what the prerender loaded: the page does not load again or flash its loading bar.</summary>
[Collection(DashboardCollection.Name)]
public sealed class PrerenderTests(DashboardApp app)
{
    // Records, from the first byte of the document on, whether a loading bar was ever in the page.
    private const string WatchLoadingBar = """
        window.__loadingBarSeen = false;
        new MutationObserver(() => {
            if (document.querySelector('.mud-progress-linear')) window.__loadingBarSeen = true;
        }).observe(document, { childList: true, subtree: true });
        """;

    [Theory]
    [InlineData("/?year=2022&period=2022-12&level=district", "heatmap")]
    [InlineData("/units/268/indicators/ONTIME?year=2022&period=2022-Q4", "revision-history")]
    public async Task The_interactive_page_shows_the_prerendered_figures_without_loading_again(string path, string testId)
    {
        var page = await app.NewPageAsync();
        await page.AddInitScriptAsync(WatchLoadingBar);

        await app.GotoAsync(page, path);

        await Expect(page.GetByTestId(testId)).ToBeVisibleAsync();
        (await page.EvaluateAsync<bool>("window.__loadingBarSeen")).Should().BeFalse();
    }
}
