using HaNoi.ReformDashboard.Testing;
using static Microsoft.Playwright.Assertions;

namespace HaNoi.ReformDashboard.Web.Tests.EndToEnd;

/// <summary>The plan's own words reach the screens: read here straight from seed-data, not from the app.</summary>
[Collection(DashboardCollection.Name)]
public sealed class IndicatorAboutBrowserTests(DashboardApp app)
{
    [Fact]
    public async Task The_indicator_pages_and_a_headline_card_show_definition_owner_and_the_plan_sentence()
    {
        var definition = SeedColumn("indicators.csv", r => r[0] == "ONTIME", "definition_vi");
        var sentence = SeedColumn("targets.csv", r => r[0] == "2022" && r[1] == "ONTIME", "source_vi");

        var page = await app.OpenAsync("/indicators/ONTIME?year=2022&period=2022-Q4&level=district");
        await Expect(page.GetByTestId("indicator-about-definition")).ToHaveTextAsync(definition);
        await Expect(page.GetByTestId("indicator-about-plan")).ToHaveTextAsync(sentence);
        await Expect(page.GetByTestId("indicator-about-owner")).ToHaveTextAsync("Văn phòng UBND Thành phố");

        await app.GotoAsync(page, "/units/268/indicators/ONTIME?year=2022&period=2022-Q4");
        await Expect(page.GetByTestId("indicator-about-plan")).ToHaveTextAsync(sentence);

        await app.GotoAsync(page, "/?year=2022&period=2022-12");
        // The facts open on keyboard focus, not only on hover, and stay out of the way until then.
        await Expect(page.GetByTestId("headline-ONTIME-about")).ToBeHiddenAsync();
        await page.GetByTestId("headline-ONTIME-info").FocusAsync();
        await Expect(page.GetByTestId("headline-ONTIME-about")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("headline-ONTIME-about-facts-plan")).ToHaveTextAsync(sentence);
    }

    private static string SeedColumn(string file, Func<string[], bool> match, string column)
    {
        var table = SeedCsv.Rows(file);
        var index = Array.IndexOf(table[0], column);
        return table.Skip(1).Single(match)[index];
    }
}
