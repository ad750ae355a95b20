using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Data.Seed;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Data.Tests.Seed;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Domain.Scoring;
using HaNoi.ReformDashboard.Testing;
using Microsoft.Extensions.Time.Testing;

namespace HaNoi.ReformDashboard.Data.Tests.Scorecards;

/// <summary>The query side on a small hand-made data set whose every figure is computed by hand below.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ScorecardServiceTests(PostgresServer postgres)
{
    // Two districts, one ward. ONTIME "> 99 %" (flow), STAFF "≥ 100 %" (stock), SIPAS reported by the city.
    private static SeedFolderBuilder Data() => new SeedFolderBuilder()
        .Append("units.csv", "001,Quận Ba Đình,Ba Dinh District,district,HN,2008-08-01,,")
        .Replace("indicators.csv", 1, "ONTIME,TTHC,Hồ sơ trả kết quả đúng hạn,On-time dossiers,ratio,flow,monthly,department;district;commune,5,x,sum_of_units")
        .Append("indicators.csv", "STAFF,TTHC,CBCCVC được bồi dưỡng,Staff trained,ratio,stock,monthly,department;district;commune,5,x,sum_of_units")
        .Append("targets.csv", "2022,STAFF,,,>=,100,false,100% cán bộ")
        .Replace("measurements-2022.csv", 1, "SNV,ONTIME,2022-01,990,1000,")
        .Replace("measurements-2022.csv", 2, "002,ONTIME,2022-01,99,100,")
        .Replace("measurements-2022.csv", 3, "00037,ONTIME,2022-01,0,0,")
        .Append("measurements-2022.csv", "002,ONTIME,2022-02,900,900,")
        .Append("measurements-2022.csv", "002,ONTIME,2022-03,10,10,")
        .Append("measurements-2022.csv", "001,ONTIME,2022-01,500,500,")
        .Append("measurements-2022.csv", "001,ONTIME,2022-02,450,500,")
        .Append("measurements-2022.csv", "001,ONTIME,2022-03,500,500,")
        .Append("measurements-2022.csv", "002,STAFF,2022-01,10,50,")
        .Append("measurements-2022.csv", "002,STAFF,2022-03,50,50,")
        .Append("measurements-2022.csv", "002,STAFF,2022-02,40,50,")
        .Append("measurements-2022.csv", "001,STAFF,2022-01,50,50,")
        .Append("measurements-2022.csv", "001,STAFF,2022-02,50,50,")
        .Append("measurements-2022.csv", "001,STAFF,2022-03,50,50,");

    [Fact]
    public async Task A_district_quarter_is_the_ratio_of_its_summed_months()
    {
        var card = await CardAsync(Period.Quarter(2022, 1), ScorecardScope.ForLevel(UnitLevel.District));

        var hoanKiem = card.Unit("002")!.For("ONTIME")!;
        hoanKiem.Figure.Should().Be(Figure.Ratio(1009, 1010));
        hoanKiem.Score.Value.Should().Be(100m * 1009 / 1010); // 99,90 % > 99 %
        hoanKiem.Score.Status.Should().Be(Status.Met);
        hoanKiem.MonthsReported.Should().Be(3);
    }

    [Fact]
    public async Task A_level_roll_up_is_the_ratio_of_the_summed_figures_not_the_mean_of_unit_rates()
    {
        var card = await CardAsync(Period.Quarter(2022, 1), ScorecardScope.ForLevel(UnitLevel.District));

        // Districts together: (1009 + 1450) / (1010 + 1500) = 97,968… %; the mean of the two units' rates would be 98,28… %.
        var level = card.Level(UnitLevel.District)!.For("ONTIME")!;
        level.Figure.Should().Be(Figure.Ratio(2459, 2510));
        level.Score.Value.Should().Be(100m * 2459 / 2510);
        level.Score.Value.Should().NotBe((100m * 1009 / 1010 + 100m * 1450 / 1500) / 2);
        level.Score.Status.Should().Be(Status.AtRisk); // 1,03 points short, within the 5-point tolerance
    }

    [Fact]
    public async Task A_stock_indicator_over_a_quarter_takes_the_latest_month_not_the_sum()
    {
        var card = await CardAsync(Period.Quarter(2022, 1), ScorecardScope.ForUnit("002"));

        var staff = card.Unit("002")!.For("STAFF")!;
        staff.Figure.Should().Be(Figure.Ratio(50, 50));
        staff.Score.Status.Should().Be(Status.Met);
    }

    [Fact]
    public async Task A_zero_denominator_is_no_data_not_zero_percent()
    {
        var card = await CardAsync(Period.Month(2022, 1), ScorecardScope.ForLevel(UnitLevel.Commune));

        var ward = card.Unit("00037")!.For("ONTIME")!;
        ward.Score.Status.Should().Be(Status.NoData);
        ward.Score.Value.Should().BeNull();
        card.Unit("00037")!.Score.Should().BeNull();
        card.Unit("00037")!.Rank.Should().BeNull();
    }

    [Fact]
    public async Task The_city_figure_sums_every_unit_of_every_level_except_what_the_city_reports_itself()
    {
        var card = await CardAsync(Period.Month(2022, 1), ScorecardScope.City);

        card.City.For("ONTIME")!.Figure.Should().Be(Figure.Ratio(990 + 99 + 0 + 500, 1000 + 100 + 0 + 500));
        card.City.For("SIPAS")!.Figure.Value.Should().BeNull(); // reported in December only
        var december = await CardAsync(Period.Month(2022, 12), ScorecardScope.City);
        december.City.For("SIPAS")!.Score.Value.Should().Be(86.9m);
        december.City.For("SIPAS")!.Score.Status.Should().Be(Status.Met);
    }

    [Fact]
    public async Task Units_of_a_level_are_ranked_by_the_mean_of_their_pillar_scores()
    {
        var card = await CardAsync(Period.Month(2022, 2), ScorecardScope.ForLevel(UnitLevel.District));

        // February, one pillar (TTHC) holding both indicators:
        // Hoàn Kiếm: ONTIME 900/900 = 100 % met (100), STAFF 40/50 = 80 % missed (80)        → 90
        // Ba Đình:   ONTIME 450/500 = 90 % missed (100 × 90 / 99), STAFF 50/50 met (100)    → 95,45…
        var baDinh = card.Unit("001")!;
        baDinh.For("ONTIME")!.Score.Score.Should().Be(100m * 90 / 99);
        baDinh.Score.Should().Be((100m * 90 / 99 + 100m) / 2);
        card.Unit("002")!.Score.Should().Be(90m);
        baDinh.Rank.Should().Be(1);
        card.Unit("002")!.Rank.Should().Be(2);
        baDinh.RankedPeers.Should().Be(2);
    }

    [Fact]
    public async Task Each_shortfall_states_the_points_it_costs_and_each_unit_its_percentile()
    {
        var card = await CardAsync(Period.Month(2022, 2), ScorecardScope.ForLevel(UnitLevel.District));

        // Hoàn Kiếm (90): STAFF at 80 costs (100 − 80) ÷ 2 = 10 points, ONTIME met costs 0.
        var hoanKiem = card.Unit("002")!;
        hoanKiem.For("STAFF")!.PointsLost.Should().Be(10m);
        hoanKiem.For("ONTIME")!.PointsLost.Should().Be(0m);
        // Ba Đình is ahead of its only peer, Hoàn Kiếm of nobody.
        card.Unit("001")!.Percentile.Should().Be(100m);
        hoanKiem.Percentile.Should().Be(0m);
    }

    [Fact]
    public async Task The_city_has_pillar_scores_and_a_score_from_its_own_figures()
    {
        var card = await CardAsync(Period.Month(2022, 2), ScorecardScope.City);

        // February, city: ONTIME (900 + 450 + 0) / (900 + 500 + 0) = 96,43 % against "> 99 %" scores 100 × 96,43 / 99;
        // STAFF (40 + 50) / (50 + 50) = 90 % against "≥ 100 %" scores 90. Both are TTHC, the only pillar scored.
        var ontime = 100m * (100m * 1350 / 1400) / 99;
        var tthc = card.CityPillars.Single(p => p.PillarCode == "TTHC");
        card.City.For("ONTIME")!.Score.Score.Should().Be(ontime);
        tthc.Score.Should().Be((ontime + 90m) / 2);
        card.CityScore.Should().Be(tthc.Score, "one scored pillar");
        card.City.For("STAFF")!.PointsLost.Should().Be((100m - 90m) / 2);
    }

    [Fact]
    public async Task Change_compares_with_the_previous_like_period()
    {
        var card = await CardAsync(Period.Month(2022, 2), ScorecardScope.ForUnit("001"));

        var ontime = card.Unit("001")!.For("ONTIME")!;
        ontime.PreviousValue.Should().Be(100m);
        ontime.Change.Should().Be(90m - 100m);
    }

    [Fact]
    public async Task Run_rate_after_two_months_is_what_the_remaining_ten_need()
    {
        var card = await CardAsync(Period.YearToDate(2022, 2), ScorecardScope.ForUnit("001"));

        // Ba Đình YTD-2: 950 / 1000, average 500 a month; ten months left: r = (99 × (1000 + 5000) − 100 × 950) / 5000 = 99,8 %.
        var runRate = card.Unit("001")!.For("ONTIME")!.RunRate;
        runRate.RequiredRate.Should().Be(99.8m);
        runRate.Status.Should().Be(RunRateStatus.WithinReach);
    }

    [Fact]
    public async Task A_unit_scope_returns_the_unit_with_its_peers_its_series_and_nothing_for_an_unknown_code()
    {
        var card = await CardAsync(Period.Quarter(2022, 1), ScorecardScope.ForUnit("002"));

        card.Units.Select(u => u.Unit.Code).Should().BeEquivalentTo(["001", "002"]);
        card.UnitSeries("002", "ONTIME")!.Points.Select(p => p.Value).Should().Equal(99m, 100m, 100m);
        var unknown = await (await ServiceAsync()).GetAsync(new ScorecardRequest(2022, Period.Quarter(2022, 1), ScorecardScope.ForUnit("NOPE")));
        unknown.Should().BeNull();
    }

    [Fact]
    public async Task A_period_not_over_or_with_missing_reports_is_provisional_and_a_complete_past_one_is_not()
    {
        var service = await ServiceAsync(new DateTimeOffset(2022, 3, 15, 9, 0, 0, TimeSpan.FromHours(7)));
        var running = await service.GetAsync(new ScorecardRequest(2022, Period.Quarter(2022, 1), ScorecardScope.ForLevel(UnitLevel.District)));
        running!.Provisional.Should().BeTrue();

        var later = await ServiceAsync(new DateTimeOffset(2023, 1, 15, 9, 0, 0, TimeSpan.FromHours(7)));
        var complete = await later.GetAsync(new ScorecardRequest(2022, Period.Quarter(2022, 1), ScorecardScope.ForLevel(UnitLevel.District)));
        complete!.Provisional.Should().BeFalse(); // both districts reported both monthly indicators every month

        var wards = await later.GetAsync(new ScorecardRequest(2022, Period.Quarter(2022, 1), ScorecardScope.ForLevel(UnitLevel.Commune)));
        wards!.Provisional.Should().BeTrue(); // the ward reported ONTIME in January only
    }

    [Fact]
    public async Task A_unit_merged_mid_year_counts_in_the_periods_it_existed_and_is_gone_after()
    {
        var connectionString = await postgres.ResetScratchAsync();
        var data = Data()
            .Append("units.csv", "003,Quận Cũ,Old District,district,HN,2008-08-01,2022-01-31,002")
            .Append("measurements-2022.csv", "003,ONTIME,2022-01,80,100,");
        await using (var db = PostgresServer.CreateContext(connectionString))
            await SeedLoader.LoadAsync(db, data.WriteTo(postgres.TempRoot));
        var service = new ScorecardService(postgres.Factory(connectionString), TimeProvider.System);

        var quarter = await service.GetAsync(new ScorecardRequest(2022, Period.Quarter(2022, 1), ScorecardScope.ForLevel(UnitLevel.District)));
        var february = await service.GetAsync(new ScorecardRequest(2022, Period.Month(2022, 2), ScorecardScope.ForLevel(UnitLevel.District)));

        quarter!.Unit("003")!.For("ONTIME")!.Figure.Should().Be(Figure.Ratio(80, 100));
        quarter.Level(UnitLevel.District)!.For("ONTIME")!.Figure.Should().Be(Figure.Ratio(2459 + 80, 2510 + 100));
        february!.Unit("003").Should().BeNull();
        february.Units.Should().HaveCount(2);
    }

    private async Task<Scorecard> CardAsync(Period period, ScorecardScope scope)
    {
        var service = await ServiceAsync();
        return (await service.GetAsync(new ScorecardRequest(2022, period, scope)))!;
    }

    private async Task<ScorecardService> ServiceAsync(DateTimeOffset? now = null)
    {
        var connectionString = await postgres.ResetScratchAsync();
        await using (var db = PostgresServer.CreateContext(connectionString))
            await SeedLoader.LoadAsync(db, Data().WriteTo(postgres.TempRoot));
        return new ScorecardService(postgres.Factory(connectionString), new FakeTimeProvider(now ?? new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero)));
    }
}
