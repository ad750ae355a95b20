namespace HaNoi.ReformDashboard.Web.Tests.EndToEnd;

/// <summary>A leader's tablet and a phone: the page never scrolls sideways, every target is big enough for a finger, axe is clean.</summary>
[Collection(DashboardCollection.Name)]
public sealed class SmallScreenTests(DashboardApp app)
{
    // Visible links, buttons and fields lower than 44 px (WCAG 2.5.5's size for touch), described for the message.
    private const string SmallTargets = """
        () => [...document.querySelectorAll('a, button, input, select, [role=button], [tabindex="0"]')]
            .map(e => [e, e.getBoundingClientRect()])
            .filter(([e, r]) => r.width > 0 && r.height > 0 && r.height < 43.5 && getComputedStyle(e).visibility !== 'hidden')
            .map(([e, r]) => `${e.tagName} "${(e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 30)}" ${Math.round(r.width)}×${Math.round(r.height)}`)
        """;

    [Theory]
    [InlineData("/?year=2022&period=2022-12&level=district", 768, "overview-768")]
    [InlineData("/?year=2022&period=2022-12&level=commune", 390, "overview-390")]
    [InlineData("/units/268?year=2022&period=2022-12", 768, "unit-768")]
    [InlineData("/units/268?year=2022&period=2022-12", 390, "unit-390")]
    public async Task The_page_fits_the_screen_with_finger_sized_targets_and_no_accessibility_violation(string path, int width, string name)
    {
        var page = await app.OpenAsync(path, width, height: 900);
        await page.Locator("h1").First.WaitForAsync();

        var pageWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        var small = await page.EvaluateAsync<string[]>(SmallTargets);
        var violations = await Accessibility.SeriousViolationsAsync(page);
        await DashboardApp.ScreenshotAsync(page, "small-" + name);

        pageWidth.Should().BeLessThanOrEqualTo(width, "wide tables scroll inside their own region, not the page");
        small.Should().BeEmpty();
        violations.Should().BeEmpty();
    }
}
