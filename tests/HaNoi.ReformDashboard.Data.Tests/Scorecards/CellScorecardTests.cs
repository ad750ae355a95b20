using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Testing;

namespace HaNoi.ReformDashboard.Data.Tests.Scorecards;

/// <summary>
/// The unit × indicator page's narrow scorecard (one cell, its series, its peers on that indicator) shows what the
/// unit's full scorecard shows for that cell, for units of every level and every period kind, on the demo and on the
/// restructured city (merged units compare with their predecessors); it leaves out what needs every indicator.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CellScorecardTests(PostgresServer postgres)
{
    [Theory]
    [InlineData("demo", 2022, "2022-03", "00001", "ONTIME")]
    [InlineData("demo", 2022, "2022-Q3", "001", "ONLINE_DOSSIER")]
    [InlineData("demo", 2022, "2022-YTD-9", "SNV", "ONTIME")]
    [InlineData("demo", 2022, "2022", "HN", "SIPAS")]
    [InlineData("restructured", 2025, "2025-Q3", "00004", "ONTIME")]
    [InlineData("restructured", 2025, "2025-12", "00004", "DIGITISED_RECORDS")]
    public async Task A_cell_shows_what_the_units_full_scorecard_shows_for_it(string data, int year, string periodText, string unit, string indicator)
    {
        var database = data == "demo" ? await postgres.DemoAsync() : await postgres.RestructuredAsync();
        var service = new ScorecardService(postgres.Factory(database), TimeProvider.System);
        var period = Period.Parse(periodText);

        var full = await service.GetAsync(new ScorecardRequest(year, period, ScorecardScope.ForUnit(unit)));
        var cell = await service.GetAsync(new ScorecardRequest(year, period, ScorecardScope.ForCell(unit, indicator)));

        var expected = full!.Unit(unit)!.For(indicator);
        expected.Should().NotBeNull($"{unit} reports {indicator}");
        cell!.Indicators.Select(i => i.Code).Should().Equal(indicator);
        cell.Unit(unit)!.For(indicator).Should().BeEquivalentTo(expected! with { PointsLost = null });
        cell.Units.Select(u => (u.Unit.Code, u.For(indicator)?.Score.Value, u.For(indicator)?.Rank))
            .Should().Equal(full.Units.Select(u => (u.Unit.Code, u.For(indicator)?.Score.Value, u.For(indicator)?.Rank)), "its peers' values and ranks");
        cell.Benchmarks.Should().BeEquivalentTo(full.Benchmarks.Where(b => b.Key.IndicatorCode == indicator).ToDictionary());
        cell.UnitSeries(unit, indicator).Should().BeEquivalentTo(full.UnitSeries(unit, indicator));
        cell.Provisional.Should().Be(full.Provisional);
        (cell.ReportsExpected, cell.ReportsReceived).Should().Be((full.ReportsExpected, full.ReportsReceived));
        cell.Lineage.Should().BeEquivalentTo(full.Lineage);
        cell.Unit(unit)!.Score.Should().BeNull("a unit's score needs every indicator");
        full.Unit(unit)!.Score.Should().NotBeNull();
    }
}
