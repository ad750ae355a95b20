using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace HaNoi.ReformDashboard.Web.Tests.EndToEnd;

[Collection(DashboardCollection.Name)]
public sealed class ExplanationTests(DashboardApp app)
{
    [Fact]
    public async Task A_units_explanation_of_a_miss_shows_beside_that_indicator()
    {
        var card = await app.Services.GetRequiredService<ScorecardService>()
            .GetAsync(new ScorecardRequest(2022, Period.Quarter(2022, 3), ScorecardScope.ForLevel(UnitLevel.District)));
        var (unit, cell) = card!.Units.SelectMany(u => u.Indicators.Select(i => (u.Unit, Cell: i))).First(x => x.Cell.Score.Status == Status.Missed);
        const string text = "Hệ thống một cửa điện tử gián đoạn trong tháng 8; đơn vị đã khắc phục và bổ sung nhân lực.";
        await using (var db = PostgresServer.CreateContext(app.ConnectionString))
        {
            db.Explanations.Add(new Data.Schema.Explanation
            {
                UnitId = await db.UnitVersions.Where(u => u.Code == unit.Code).Select(u => u.UnitId).SingleAsync(),
                IndicatorId = await db.Indicators.Where(i => i.Code == cell.IndicatorCode).Select(i => i.Id).SingleAsync(),
                Period = "2022-Q3", Text = text, Author = "Chủ tịch UBND", CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        var page = await app.OpenAsync($"/units/{unit.Code}?year=2022&period=2022-Q3");

        await Expect(page.GetByTestId($"explanation-{cell.IndicatorCode}")).ToContainTextAsync(text);
        await Expect(page.GetByTestId($"explanation-{cell.IndicatorCode}")).ToContainTextAsync("Chủ tịch UBND");
        await DashboardApp.ScreenshotAsync(page, "unit-with-explanation");
    }
}
