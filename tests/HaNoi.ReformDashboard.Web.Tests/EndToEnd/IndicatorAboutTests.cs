using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
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
        await page.GetByTestId("headline-ONTIME-info").FocusAsync(); // the keyboard, not only the mouse
        await Expect(page.GetByTestId("headline-ONTIME-about-facts-plan")).ToHaveTextAsync(sentence);
    }

    private static string SeedColumn(string file, Func<string[], bool> match, string column)
    {
        var table = CsvRows(File.ReadAllText(Path.Combine(RepositoryPaths.SeedData, file)));
        var index = Array.IndexOf(table[0], column);
        return table.Skip(1).Single(match)[index];
    }

    // A small RFC 4180 reader of its own, so the expected text does not come through the app's reader.
    private static List<string[]> CsvRows(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\n') { row.Add(cell.ToString()); cell.Clear(); rows.Add([.. row]); row.Clear(); }
            else if (c != '\r') cell.Append(c);
        }
        if (cell.Length > 0 || row.Count > 0) { row.Add(cell.ToString()); rows.Add([.. row]); }
        return rows;
    }
}
