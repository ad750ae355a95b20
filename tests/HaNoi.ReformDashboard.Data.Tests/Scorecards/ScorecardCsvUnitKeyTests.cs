using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Testing;

namespace HaNoi.ReformDashboard.Data.Tests.Scorecards;

/// <summary>
/// A code reused after the 1 July 2025 reorganisation names two units in a year that spans it: the scorecard CSV's
/// last column, unit_key, tells them apart (issue 22, item 2).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ScorecardCsvUnitKeyTests(PostgresServer postgres)
{
    [Fact]
    public async Task The_2025_commune_scorecard_lists_each_reused_code_twice_and_the_unit_key_tells_the_two_units_apart()
    {
        var service = new ScorecardService(postgres.Factory(await postgres.RestructuredAsync()), TimeProvider.System);
        var card = await service.GetAsync(new ScorecardRequest(2025, Period.WholeYear(2025), ScorecardScope.ForLevel(UnitLevel.Commune)));
        using var text = new StringWriter();
        ScorecardRows.WriteCsv(ScorecardRows.From(card!), text);

        var lines = text.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().EndWith(",score,unit_key", "unit_key comes after the columns readers already had");
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        rows.Should().OnlyContain(r => r.Length == 12 && r[11].Length > 0);
        foreach (var code in (string[])["00004", "00070", "09552"])
        {
            var units = rows.Where(r => r[0] == code).GroupBy(r => r[11]).ToList();
            units.Select(u => u.Key).Should().BeEquivalentTo([code, $"{code}@2025-07"], $"{code} names the old ward until June and the new one from July");
            units.Should().OnlyContain(u => u.Any() && u.Select(r => r[1]).Distinct().Count() == u.Count(), "one row per indicator of each unit");
        }
    }
}
