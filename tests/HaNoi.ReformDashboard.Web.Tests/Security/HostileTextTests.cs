using ClosedXML.Excel;
using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Testing;
using HaNoi.ReformDashboard.Web.Tests.EndToEnd;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace HaNoi.ReformDashboard.Web.Tests.Security;

/// <summary>An explanation written to attack its readers: markup, a spreadsheet formula, a right-to-left override.</summary>
[Collection(DashboardCollection.Name)]
public sealed class HostileTextTests(DashboardApp app)
{
    private const string Hostile = "=HYPERLINK(\"http://x.example\",\"y\") <script>window.pwned=1</script> <img src=x onerror=\"window.pwned=2\"> \u202Etxt.exe";

    [Fact]
    public async Task An_explanation_with_markup_a_formula_and_a_bidi_override_stays_inert_on_screen_and_in_the_workbook()
    {
        var card = await app.Services.GetRequiredService<ScorecardService>()
            .GetAsync(new ScorecardRequest(2022, Period.Quarter(2022, 3), ScorecardScope.ForLevel(UnitLevel.District)));
        // The last missed cell: the explanation test uses the first.
        var (unit, cell) = card!.Units.SelectMany(u => u.Indicators.Select(i => (u.Unit, Cell: i))).Last(x => x.Cell.Score.Status == Status.Missed);
        await using (var db = PostgresServer.CreateContext(app.ConnectionString))
        {
            db.Explanations.Add(new Data.Schema.Explanation
            {
                UnitId = await db.UnitVersions.Where(u => u.Code == unit.Code).Select(u => u.UnitId).FirstAsync(),
                IndicatorId = await db.Indicators.Where(i => i.Code == cell.IndicatorCode).Select(i => i.Id).SingleAsync(),
                Period = "2022-Q3", Cause = Hostile, Author = "<b>x</b>", CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        var page = await app.OpenAsync($"/units/{unit.Code}?year=2022&period=2022-Q3");
        var shown = page.GetByTestId($"explanation-{cell.IndicatorCode}");

        await Expect(shown.GetByTestId("explanation-text")).ToHaveTextAsync(Hostile);
        await Expect(shown).ToContainTextAsync("<b>x</b>");
        (await shown.Locator("script, img, b").CountAsync()).Should().Be(0);
        (await page.EvaluateAsync<object?>("() => window.pwned")).Should().BeNull();
        // The override is isolated in its own element: the author line after it keeps its direction.
        (await shown.GetByTestId("explanation-text").EvaluateAsync<string>("e => e.tagName")).Should().Be("BDI");

        using var http = await app.HttpClientAsync(Roles.ReformOffice);
        var bytes = await http.GetByteArrayAsync($"/reports/download?year=2022&period=2022-Q3&format=xlsx&kind=report&unit={unit.Code}");
        using var workbook = new XLWorkbook(new MemoryStream(bytes));
        var cells = workbook.Worksheets.SelectMany(s => s.CellsUsed()).Where(c => c.GetString().Contains("HYPERLINK")).ToList();

        cells.Should().NotBeEmpty("the workbook carries the explanation");
        // Text, not a formula: the quote prefix keeps Excel from reading the leading "=" even when the cell is edited.
        cells.Should().OnlyContain(c => !c.HasFormula && c.Style.IncludeQuotePrefix && c.GetString().StartsWith(Hostile));
        workbook.Worksheets.SelectMany(s => s.Hyperlinks).Should().NotContain(h => h.ExternalAddress != null && h.ExternalAddress.Host == "x.example");
    }
}
