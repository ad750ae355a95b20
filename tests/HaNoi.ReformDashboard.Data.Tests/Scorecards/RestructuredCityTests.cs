using System.Globalization;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Testing;

namespace HaNoi.ReformDashboard.Data.Tests.Scorecards;

/// <summary>
/// The demo city restructured on 1 July 2025 (tests/Fixtures/restructured-2025): districts abolished, wards merged
/// (some into a continuing ward, some into a new ward that reuses a predecessor's code, one split off anew),
/// departments merged (one renamed with a new code). Expected figures are read straight from the fixture's CSV.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RestructuredCityTests(PostgresServer postgres)
{
    private static readonly Lazy<List<string[]>> Rows = new(() =>
        File.ReadLines(Path.Combine(RepositoryPaths.Restructured2025, "measurements-2025.csv")).Skip(1).Select(l => l.Split(',')).ToList());

    [Fact]
    public async Task After_the_first_of_July_there_is_no_district_level_and_before_there_are_thirty_districts()
    {
        var q3 = await CardAsync("2025-Q3", ScorecardScope.City);
        q3.LevelsInForce.Should().Equal(UnitLevel.City, UnitLevel.Department, UnitLevel.Commune);
        (await CardAsync("2025-Q3", ScorecardScope.ForLevel(UnitLevel.District))).Units.Should().BeEmpty();

        var q2 = await CardAsync("2025-Q2", ScorecardScope.ForLevel(UnitLevel.District));
        q2.LevelsInForce.Should().Contain(UnitLevel.District);
        q2.Units.Should().HaveCount(30);
        (await CardAsync("2025-Q3", ScorecardScope.ForLevel(UnitLevel.Commune))).Units.Select(u => u.Unit.Code)
            .Should().BeEquivalentTo(["00004", "00016", "00031", "00070", "00073", "09552", "09562", "09566", "09886"]);
    }

    [Fact]
    public async Task A_ward_that_absorbed_three_others_compares_with_their_combined_past()
    {
        var card = await CardAsync("2025-Q3", ScorecardScope.ForLevel(UnitLevel.Commune));

        var cell = card.Unit("00016")!.For("ONTIME")!;
        // Ngọc Hà's own April–June plus Vĩnh Phúc, Cống Vị and Liễu Giai's, added as numerators over denominators.
        var (n, d) = HandSum(["00016", "00006", "00007", "00008"], "ONTIME", 4, 6);
        cell.PreviousCombined.Should().BeTrue();
        cell.PreviousValue.Should().Be(100m * n / d);
        card.LineageOf("00016").Select(l => (l.PredecessorCode, l.Kind, l.EffectiveOn))
            .Should().BeEquivalentTo([("00006", LineageKind.MergedInto, new DateOnly(2025, 7, 1)), ("00007", LineageKind.MergedInto, new DateOnly(2025, 7, 1)), ("00008", LineageKind.MergedInto, new DateOnly(2025, 7, 1))]);
    }

    [Fact]
    public async Task A_new_ward_reusing_a_code_compares_with_its_predecessors_and_the_code_names_the_old_ward_before()
    {
        var q3 = await CardAsync("2025-Q3", ScorecardScope.ForUnit("00004"));
        q3.Unit("00004")!.Unit.NameVi.Should().Be("Phường Ba Đình");
        var (n, d) = HandSum(["00001", "00004", "00010", "00013", "00019"], "ONTIME", 4, 6);
        q3.Unit("00004")!.For("ONTIME")!.PreviousValue.Should().Be(100m * n / d);

        var q2 = await CardAsync("2025-Q2", ScorecardScope.ForUnit("00004"));
        q2.Unit("00004")!.Unit.NameVi.Should().Be("Phường Trúc Bạch");
        q2.Unit("00004")!.Unit.ParentCode.Should().Be("001");
        var (n2, d2) = HandSum(["00004"], "ONTIME", 4, 6);
        q2.Unit("00004")!.For("ONTIME")!.Score.Value.Should().Be(100m * n2 / d2, "Trúc Bạch's own months, not the new ward's");
    }

    [Fact]
    public async Task A_ward_split_off_anew_has_no_past_attributed_to_it()
    {
        var card = await CardAsync("2025-Q3", ScorecardScope.ForUnit("09566"));

        var cell = card.Unit("09566")!.For("ONTIME")!;
        cell.PreviousValue.Should().BeNull();
        cell.PreviousCombined.Should().BeFalse();
        cell.RankChange.Should().BeNull();
        card.LineageOf("09566").Should().ContainSingle(l => l.Kind == LineageKind.SplitFrom && l.PredecessorCode == "09565");
    }

    [Fact]
    public async Task A_renamed_department_keeps_its_history_and_adds_the_one_merged_into_it()
    {
        var card = await CardAsync("2025-Q3", ScorecardScope.ForUnit("SNNMT"));

        card.Unit("SNNMT")!.Unit.NameVi.Should().Be("Sở Nông nghiệp và Môi trường");
        var (n, d) = HandSum(["SNNPTNT", "STNMT"], "ONTIME", 4, 6);
        card.Unit("SNNMT")!.For("ONTIME")!.PreviousValue.Should().Be(100m * n / d);
        // The unit's trend runs on through the merger: January is the renamed department's own plus the merged one's.
        var (jn, jd) = HandSum(["SNNPTNT", "STNMT"], "ONTIME", 1, 1);
        card.UnitSeries("SNNMT", "ONTIME")!.Points[0].Value.Should().Be(100m * jn / jd);
        card.Units.Should().NotContain(u => u.Unit.Code == "STNMT" || u.Unit.Code == "SNNPTNT");
    }

    [Fact]
    public async Task Rank_changes_compare_only_wards_in_force_and_ranked_in_both_quarters()
    {
        var card = await CardAsync("2025-Q3", ScorecardScope.ForLevel(UnitLevel.Commune));
        string[] continuing = ["00016", "00031", "00073", "09562", "09886"];

        card.Units.Where(u => !continuing.Contains(u.Unit.Code)).SelectMany(u => u.Indicators).Should().OnlyContain(i => i.RankChange == null);
        // Hand ranking of the continuing wards on their own ONTIME, Q2 and Q3, at two decimals, 1-2-2-4.
        var now = continuing.ToDictionary(c => c, c => { var (n, d) = HandSum([c], "ONTIME", 7, 9); return Math.Round(100m * n / d, 2); });
        var then = continuing.ToDictionary(c => c, c => { var (n, d) = HandSum([c], "ONTIME", 4, 6); return Math.Round(100m * n / d, 2); });
        foreach (var code in continuing)
        {
            var rankNow = 1 + now.Values.Count(v => v > now[code]);
            var rankThen = 1 + then.Values.Count(v => v > then[code]);
            card.Unit(code)!.For("ONTIME")!.RankChange.Should().Be(rankThen - rankNow, code);
        }
    }

    [Fact]
    public async Task The_plan_year_owns_its_catalogue_and_headline_indicators()
    {
        var y2025 = await CardAsync("2025-Q3", ScorecardScope.City, planYear: 2025);
        y2025.Indicators.Select(i => i.Code).Should().NotContain("LAND_PAY_INTEGRATION").And.HaveCount(21);
        y2025.Headline.Select(i => i.Code).Should().Equal("PARINDEX_RANK", "SIPAS", "ONTIME", "ONLINE_DOSSIER", "DATA_REUSE", "ONLINE_PAYMENT_TX");

        var y2022 = await CardAsync("2022-Q3", ScorecardScope.City, planYear: 2022);
        y2022.Indicators.Should().HaveCount(22);
        y2022.Headline.Select(i => i.Code).Should().Equal("PARINDEX_RANK", "SIPAS", "ONTIME", "ONLINE_DOSSIER", "ONLINE_PAYMENT_TX", "DIGITISED_RECORDS");
    }

    private async Task<Scorecard> CardAsync(string period, ScorecardScope scope, int planYear = 2025)
    {
        var service = new ScorecardService(postgres.Factory(await postgres.RestructuredAsync()), TimeProvider.System);
        return (await service.GetAsync(new ScorecardRequest(planYear, Period.Parse(period), scope)))!;
    }

    /// <summary>Σ numerators and Σ denominators of some units' rows for months first…last of 2025, from the CSV.</summary>
    private static (decimal N, decimal D) HandSum(string[] units, string indicator, int first, int last)
    {
        var rows = Rows.Value.Where(r => units.Contains(r[0]) && r[1] == indicator
            && int.Parse(r[2][5..], CultureInfo.InvariantCulture) is var m && m >= first && m <= last).ToList();
        rows.Should().NotBeEmpty();
        return (rows.Sum(r => decimal.Parse(r[3], CultureInfo.InvariantCulture)), rows.Sum(r => decimal.Parse(r[4], CultureInfo.InvariantCulture)));
    }
}
