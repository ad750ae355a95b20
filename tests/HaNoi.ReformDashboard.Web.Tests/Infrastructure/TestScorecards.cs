using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Domain.Scoring;

namespace HaNoi.ReformDashboard.Web.Tests.Infrastructure;

/// <summary>Small hand-made scorecards: components take plain model objects, so their tests need no database.</summary>
public static class TestScorecards
{
    public static readonly Period December = Period.Month(2022, 12);

    public static readonly IndicatorInfo OnTime = Indicator("ONTIME", "Hồ sơ đúng hạn", "Dossiers on time", IndicatorKind.Ratio, "TTHC");
    public static readonly IndicatorInfo Digitised = Indicator("DIGITISED_RECORDS", "Hồ sơ được số hóa", "Records digitised", IndicatorKind.Ratio, "CQS");

    public static readonly Target OnTimeTarget = new(ComparisonOperator.GreaterThan, 99m);

    public static IndicatorInfo Indicator(string code, string vi, string en, IndicatorKind kind, string pillar) =>
        new(code, pillar, vi, en, kind, Rollup.Flow, Frequency.Monthly, [UnitLevel.Department, UnitLevel.District, UnitLevel.Commune],
            new IndicatorRule(code, pillar, kind, Rollup.Flow));

    /// <summary>A unit × indicator cell scored by the real engine from a numerator and a denominator.</summary>
    public static ScoredIndicator Cell(IndicatorInfo indicator, Target? target, decimal? numerator, decimal? denominator,
        decimal? previous = null, int? rank = null, int peers = 0)
    {
        var figure = numerator is decimal n && denominator is decimal d ? Figure.Ratio(n, d) : Figure.None;
        var score = Scores.Evaluate(indicator.Rule, target, figure.ValueFor(indicator.Kind));
        return new ScoredIndicator(indicator.Code, figure, score, previous, Changes.Between(previous, score.Value), numerator is null ? 0 : 1)
        {
            Rank = rank,
            RankedPeers = peers,
        };
    }

    public static UnitScorecard Unit(string code, string vi, decimal? score, int? rank, int peers, params ScoredIndicator[] cells) =>
        new(new UnitInfo(code, vi, vi, UnitLevel.District, "HN"), cells, [], score) { Rank = rank, RankedPeers = peers };

    /// <summary>Four districts whose ONTIME figures are met, at risk, missed and missing.</summary>
    public static Scorecard Districts()
    {
        var units = new List<UnitScorecard>
        {
            Unit("268", "Quận Hà Đông", 100m, 1, 3, Cell(OnTime, OnTimeTarget, 995, 1000), Cell(Digitised, null, 60, 100)),
            Unit("001", "Quận Ba Đình", 98m, 2, 3, Cell(OnTime, OnTimeTarget, 960, 1000), Cell(Digitised, null, 50, 100)),
            Unit("006", "Quận Đống Đa", 80m, 3, 3, Cell(OnTime, OnTimeTarget, 800, 1000), Cell(Digitised, null, 40, 100)),
            Unit("250", "Huyện Mê Linh", null, null, 3, Cell(OnTime, OnTimeTarget, null, null), Cell(Digitised, null, null, null)),
        };
        var city = new LevelRollup(UnitLevel.City, [Cell(OnTime, OnTimeTarget, 3255, 3300, previous: 98.5m), Cell(Digitised, null, 150, 300)]);
        return new Scorecard(2022, December, ScorecardScope.ForLevel(UnitLevel.District), false,
            [new PillarInfo("TTHC", "Thủ tục hành chính", "Administrative procedures", 3), new PillarInfo("CQS", "Chính quyền số", "Digital government", 7)],
            [OnTime, Digitised], city, [], units, [], new Dictionary<(string, UnitLevel), Benchmark>(), []);
    }

    /// <summary>Five communes of two districts (Ba Đình 001, Hà Đông 268): ONTIME met, at risk, missed, met, missing.</summary>
    public static Scorecard Communes()
    {
        static UnitScorecard Commune(string code, string name, string district, ScoredIndicator cell) =>
            new(new UnitInfo(code, name, name, UnitLevel.Commune, district), [cell], [], null);
        var units = new List<UnitScorecard>
        {
            Commune("00001", "Phường Phúc Xá", "001", Cell(OnTime, OnTimeTarget, 995, 1000)),
            Commune("00004", "Phường Trúc Bạch", "001", Cell(OnTime, OnTimeTarget, 960, 1000)),
            Commune("09552", "Phường Nguyễn Trãi", "268", Cell(OnTime, OnTimeTarget, 800, 1000)),
            Commune("09556", "Phường Hà Cầu", "268", Cell(OnTime, OnTimeTarget, 1000, 1000)),
            Commune("09562", "Phường La Khê", "268", Cell(OnTime, OnTimeTarget, null, null)),
        };
        return Districts() with { Scope = ScorecardScope.ForLevel(UnitLevel.Commune), Units = units, Indicators = [OnTime] };
    }

    public static readonly IReadOnlyDictionary<string, UnitInfo> DistrictsOfCommunes = new Dictionary<string, UnitInfo>
    {
        ["001"] = new("001", "Quận Ba Đình", "Ba Dinh District", UnitLevel.District, "HN"),
        ["268"] = new("268", "Quận Hà Đông", "Ha Dong District", UnitLevel.District, "HN"),
    };
}
