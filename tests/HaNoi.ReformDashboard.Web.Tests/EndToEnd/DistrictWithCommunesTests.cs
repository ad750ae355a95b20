using System.Globalization;
using static Microsoft.Playwright.Assertions;

namespace HaNoi.ReformDashboard.Web.Tests.EndToEnd;

/// <summary>docs/scoring.md, rule 1: a district's figure together with its communes, shown apart from the district's own.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DistrictWithCommunesTests(DashboardApp app)
{
    [Fact]
    public async Task Ha_dong_with_its_wards_is_the_ratio_of_their_summed_dossiers_beside_its_own_figure()
    {
        // Hà Đông (268) and its 17 wards, ONTIME, October–December 2022, added up from the seed files.
        var units = SeedCsv.Rows("units.csv").Skip(1).Where(u => u[0] == "268" || u[4] == "268").Select(u => u[0]).ToHashSet();
        var rows = SeedCsv.Rows("measurements-2022.csv").Skip(1)
            .Where(r => units.Contains(r[0]) && r[1] == "ONTIME" && r[2] is "2022-10" or "2022-11" or "2022-12").ToList();
        var value = 100m * rows.Sum(r => decimal.Parse(r[3], CultureInfo.InvariantCulture)) / rows.Sum(r => decimal.Parse(r[4], CultureInfo.InvariantCulture));
        var expected = value.ToString("N2", CultureInfo.GetCultureInfo("vi-VN")) + " %";
        units.Should().HaveCount(18);

        var page = await app.OpenAsync("/units/268/indicators/ONTIME?year=2022&period=2022-Q4");
        await Expect(page.GetByTestId("figure-with-communes-value")).ToHaveTextAsync(expected);
        await Expect(page.GetByTestId("figure-value")).Not.ToHaveTextAsync(expected); // the district's own figure stays its own

        await app.GotoAsync(page, "/indicators/ONTIME?year=2022&period=2022-Q4&level=district");
        await page.Locator("input#unit-search").FillAsync("ha dong");
        await Expect(page.GetByTestId("with-communes-268")).ToHaveTextAsync(expected);
    }
}
