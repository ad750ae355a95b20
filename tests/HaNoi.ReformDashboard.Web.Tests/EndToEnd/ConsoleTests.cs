using Microsoft.Playwright;

namespace HaNoi.ReformDashboard.Web.Tests.EndToEnd;

/// <summary>A new user's first look: no page leaves an error or a warning in the browser console.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ConsoleTests(DashboardApp app)
{
    private static readonly string[] Pages =
    [
        "/",
        "/?year=2022&period=2022-Q3&level=commune",
        "/units/268?year=2022&period=2022-Q4",
        "/units/268/indicators/ONTIME?year=2022&period=2022-Q4",
        "/indicators/ONTIME?year=2022&period=2022-Q4&level=district",
        "/reports",
        "/data",
    ];

    private static readonly string[] NotFoundPages = ["/units/NOPE", "/no-such-page"];

    [Fact]
    public async Task Every_page_leaves_the_browser_console_empty()
    {
        var page = await app.NewPageAsync();
        var messages = new List<string>();
        page.Console += (_, m) =>
        {
            // The one expected line: Chromium notes the 404 status of a not-found page's own document.
            var ownStatus = m.Location.StartsWith(page.Url + ":", StringComparison.Ordinal) && NotFoundPages.Any(p => page.Url.EndsWith(p, StringComparison.Ordinal))
                && m.Text.Contains("404", StringComparison.Ordinal);
            if (m.Type is "error" or "warning" && !ownStatus) messages.Add($"{page.Url}: {m.Type} {m.Text} ({m.Location})");
        };
        page.PageError += (_, e) => messages.Add($"{page.Url}: page error {e}");
        page.RequestFailed += (_, r) => messages.Add($"{page.Url}: request failed {r.Url} {r.Failure}");

        foreach (var path in Pages.Concat(NotFoundPages))
        {
            await app.GotoAsync(page, path);
            await page.Locator("h1").First.WaitForAsync();
            // Charts and late resources have arrived once the network is quiet (the circuit's WebSocket does not count).
            // A bound, not a pause: under a loaded machine (the test projects run side by side) 20 s was once too short.
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new PageWaitForLoadStateOptions { Timeout = 60_000 });
        }

        messages.Should().BeEmpty();
    }
}
