using System.Security.Cryptography;
using System.Text;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Testing;

namespace HaNoi.ReformDashboard.Data.Tests.Scorecards;

/// <summary>
/// The 2022 demo's scorecard CSV (the CLI's <c>scorecard --format csv</c>) for every level and every period kind
/// is byte for byte what it was before units had versions, once its last column, unit_key (added by issue 22), is
/// taken off: the SHA-256 of each file was recorded from the commit before that change (Golden/demo-scorecards.sha256).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DemoScorecardCsvTests(PostgresServer postgres)
{
    private static readonly string[] Periods = ["2022-03", "2022-12", "2022-Q1", "2022-Q3", "2022-Q4", "2022-YTD-6", "2022-YTD-9", "2022-YTD-12", "2022"];
    private static readonly string[] Scopes = ["city", "department", "district", "commune", "unit:001", "unit:00001", "unit:SNV"];

    [Fact]
    public async Task Every_level_and_period_kind_gives_the_same_bytes_as_before_unit_versions_plus_the_unit_key()
    {
        var expected = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "tests", "HaNoi.ReformDashboard.Data.Tests", "Scorecards", "Golden", "demo-scorecards.sha256"))
            .Where(l => l.Length > 0).ToList();
        var service = new ScorecardService(postgres.Factory(await postgres.DemoAsync()), TimeProvider.System);

        var actual = new List<string>();
        foreach (var scopeText in Scopes)
        {
            var scope = scopeText switch
            {
                "city" => ScorecardScope.City,
                var s when s.StartsWith("unit:", StringComparison.Ordinal) => ScorecardScope.ForUnit(s[5..]),
                var s => ScorecardScope.ForLevel(Enum.Parse<UnitLevel>(s, ignoreCase: true)),
            };
            foreach (var period in Periods)
            {
                var card = await service.GetAsync(new ScorecardRequest(2022, Period.Parse(period), scope));
                using var text = new StringWriter();
                ScorecardRows.WriteCsv(ScorecardRows.From(card!), text);
                var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(WithoutUnitKey(text.ToString())))).ToLowerInvariant();
                actual.Add($"{hash}  {scopeText.Replace(':', '-')}_{period}.csv");
            }
        }

        actual.Should().Equal(expected);
    }

    /// <summary>The CSV as it was before the unit_key column: each line without its last field, which every row has.</summary>
    private static string WithoutUnitKey(string csv)
    {
        var lines = csv.Split("\r\n");
        lines[^1].Should().BeEmpty("the file ends with a line end");
        lines[0].Should().EndWith(",unit_key");
        return string.Join("\r\n", lines.Select((line, i) =>
        {
            if (line.Length == 0) return line;
            var last = line.LastIndexOf(',');
            if (i > 0) line[(last + 1)..].Should().MatchRegex("^[0-9A-Za-z@-]+$", "every unit row carries its unit's key (never quoted)");
            return line[..last];
        }));
    }
}
