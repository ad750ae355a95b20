using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Domain.Scoring;

namespace HaNoi.ReformDashboard.Data.Scorecards;

/// <summary>What a scorecard covers: the whole city, every unit of one level, or one unit (with its peers).</summary>
public sealed record ScorecardScope(UnitLevel? Level, string? UnitCode)
{
    /// <summary>Set for one cell: only this indicator is read and scored (see <see cref="ForCell"/>).</summary>
    public string? IndicatorCode { get; init; }

    public static ScorecardScope City { get; } = new(null, null);
    public static ScorecardScope ForLevel(UnitLevel level) => new(level, null);
    public static ScorecardScope ForUnit(string unitCode) => new(null, unitCode);

    /// <summary>
    /// One unit × one indicator (the unit × indicator page): the cell, its series and its peers' values on that
    /// indicator only, so the page does not compute a whole level. Ranks, benchmarks, roll-ups and "provisional" are as
    /// in the unit's full scorecard; scores of units and pillars, which need every indicator, are left out (null).
    /// </summary>
    public static ScorecardScope ForCell(string unitCode, string indicatorCode) => new(null, unitCode) { IndicatorCode = indicatorCode };

    /// <summary>Set for one unit without its peers' rows (see <see cref="ForUnitAlone"/>).</summary>
    public bool Alone { get; init; }

    /// <summary>
    /// One unit for its exports (the brief, the unit's report): its cells, ranks, percentile, benchmarks and the
    /// roll-ups it compares with are those of its full scorecard, taken from its level's scorecard — a rank needs every
    /// peer's score, so that is built once per level and data version and shared through the cache, not once per unit —
    /// and only the unit's own series is read for it. <see cref="Scorecard.Units"/> holds that unit alone.
    /// </summary>
    public static ScorecardScope ForUnitAlone(string unitCode) => new(null, unitCode) { Alone = true };

    public override string ToString() => (UnitCode ?? Level?.ToCode() ?? "city") + (IndicatorCode is { } i ? "/" + i : "");
}

public sealed record ScorecardRequest(int PlanYear, Period Period, ScorecardScope Scope);

public sealed record PillarInfo(string Code, string NameVi, string NameEn, int Order);

/// <summary>One cell of a scorecard: a unit (or a roll-up) × one indicator over the period, scored.</summary>
public sealed record ScoredIndicator(
    string IndicatorCode,
    Figure Figure,
    IndicatorScore Score,
    decimal? PreviousValue,
    decimal? Change,
    int MonthsReported)
{
    /// <summary>Place among the peers of the unit's level on this indicator; null for roll-ups or without data.</summary>
    public int? Rank { get; init; }
    public int RankedPeers { get; init; }
    /// <summary>Share (percent) of the other ranked peers this unit is ahead of on this indicator (<see cref="Percentiles.Of"/>).</summary>
    public decimal? Percentile { get; init; }
    /// <summary>
    /// Places gained since the previous like period (positive: better), ranked among the peers in force and ranked in
    /// both periods; null when the unit was not ranked in both.
    /// </summary>
    public int? RankChange { get; init; }
    public RunRate RunRate { get; init; } = RunRate.NotApplicable;
    /// <summary>The previous figure is the combined one of the units merged into this one since ("tính gộp").</summary>
    public bool PreviousCombined { get; init; }

    /// <summary>Points of the owner's score (unit or city) this indicator's shortfall costs (<see cref="Scores.PointsLost"/>).</summary>
    public decimal? PointsLost { get; init; }
}

public sealed record UnitScorecard(
    UnitInfo Unit,
    IReadOnlyList<ScoredIndicator> Indicators,
    IReadOnlyList<PillarScore> Pillars,
    decimal? Score)
{
    /// <summary>Place among the units of the same level by unit score; units without a score are not ranked.</summary>
    public int? Rank { get; init; }
    public int RankedPeers { get; init; }
    /// <summary>Places gained by unit score since the previous like period, among peers ranked in both; else null.</summary>
    public int? RankChange { get; init; }

    /// <summary>Share (percent) of the other ranked peers this unit is ahead of (<see cref="Percentiles.Of"/>).</summary>
    public decimal? Percentile { get; init; }

    /// <summary>Monthly reports this unit owed for the period, and how many arrived.</summary>
    public int ReportsExpected { get; init; }
    public int ReportsReceived { get; init; }

    private readonly Lookup<string, ScoredIndicator> _byIndicator = new();
    public ScoredIndicator? For(string indicatorCode) => _byIndicator.Find(Indicators, i => i.IndicatorCode, indicatorCode);
}

/// <summary>A reorganisation that made a unit of the scorecard: who merged into (or split off as) whom, from which day.</summary>
public sealed record LineageEvent(
    LineageKind Kind, DateOnly EffectiveOn,
    string PredecessorCode, string PredecessorNameVi, string PredecessorNameEn,
    string SuccessorCode, string SuccessorNameVi, string SuccessorNameEn);

/// <summary>The sum over every unit of one level (or, for <see cref="Scorecard.City"/>, the city figure).</summary>
public sealed record LevelRollup(UnitLevel Level, IReadOnlyList<ScoredIndicator> Indicators)
{
    private readonly Lookup<string, ScoredIndicator> _byIndicator = new();
    public ScoredIndicator? For(string indicatorCode) => _byIndicator.Find(Indicators, i => i.IndicatorCode, indicatorCode);
}

public sealed record MonthlyPoint(int Month, Figure Figure, decimal? Value);

/// <summary>Months 1 … the period's last month of the plan year, for one indicator of the city or of one unit.</summary>
public sealed record MonthlySeries(string? UnitCode, string IndicatorCode, IReadOnlyList<MonthlyPoint> Points);

/// <summary>The current version of a unit's explanation (giải trình) of a miss in the period: cause, remedy, expected date.</summary>
public sealed record Explanation(string UnitCode, string IndicatorCode, string Period, string Cause, string Author, DateTimeOffset CreatedAt)
{
    public string Remedy { get; init; } = "";
    /// <summary>Null only for an explanation written before the field existed.</summary>
    public DateOnly? ExpectedBy { get; init; }
    /// <summary>1 for the first version; each edit adds one.</summary>
    public int Revision { get; init; } = 1;
}

/// <summary>
/// Everything a screen, an export or the CLI shows for (plan year, period, scope), computed once by the
/// scoring engine from sums PostgreSQL made, so every view of a figure agrees. Immutable: the scorecard cache
/// hands the same instance to every reader (no copy, no serialisation).
/// </summary>
[System.ComponentModel.ImmutableObject(true)]
public sealed record Scorecard(
    int PlanYear,
    Period Period,
    ScorecardScope Scope,
    bool Provisional,
    IReadOnlyList<PillarInfo> Pillars,
    IReadOnlyList<IndicatorInfo> Indicators,
    LevelRollup City,
    IReadOnlyList<LevelRollup> Levels,
    /// <summary>Every unit of the scope's level (for one unit: the unit and its ranked peers; for <see cref="ScorecardScope.ForUnitAlone"/>: the unit).</summary>
    IReadOnlyList<UnitScorecard> Units,
    IReadOnlyList<MonthlySeries> Series,
    IReadOnlyDictionary<(string IndicatorCode, UnitLevel Level), Benchmark> Benchmarks,
    IReadOnlyList<Explanation> Explanations)
{
    /// <summary>The code of the city unit (HN), when the catalogue has one.</summary>
    public string? CityCode { get; init; }

    /// <summary>The stable key of the city unit, when the catalogue has one.</summary>
    public string? CityKey { get; init; }

    /// <summary>The levels that have units in force in the period (after 1 July 2025 there is no district level).</summary>
    public IReadOnlyList<UnitLevel> LevelsInForce { get; init; } = Enum.GetValues<UnitLevel>();

    /// <summary>Reorganisations up to the period's end that made units of this scorecard.</summary>
    public IReadOnlyList<LineageEvent> Lineage { get; init; } = [];

    /// <summary>The plan year's headline indicators, in order.</summary>
    public IReadOnlyList<IndicatorInfo> Headline => Indicators.Where(i => i.HeadlineOrder is not null).OrderBy(i => i.HeadlineOrder).ToList();

    /// <summary>The unit's current explanation of the indicator in this period, if it wrote one.</summary>
    public Explanation? ExplanationOf(string unitCode, string indicatorCode) =>
        Explanations.LastOrDefault(e => e.UnitCode == unitCode && e.IndicatorCode == indicatorCode);

    /// <summary>The reorganisations that made one unit (merged into it or split off as it).</summary>
    public IEnumerable<LineageEvent> LineageOf(string unitCode) => Lineage.Where(l => l.SuccessorCode == unitCode);
    /// <summary>The city's pillar scores and score, from the city figures by the unit rules (docs/scoring.md, rule 6).</summary>
    public IReadOnlyList<PillarScore> CityPillars { get; init; } = [];
    public decimal? CityScore { get; init; }

    /// <summary>Monthly reports the scope's units owed for the period, and how many arrived (what makes it provisional).</summary>
    public int ReportsExpected { get; init; }
    public int ReportsReceived { get; init; }

    private readonly Lookup<string, IndicatorInfo> _indicators = new();
    private readonly Lookup<string, UnitScorecard> _units = new();
    private readonly Lookup<UnitLevel, LevelRollup> _levels = new();
    private readonly Lookup<(string? UnitCode, string IndicatorCode), MonthlySeries> _series = new();

    public IndicatorInfo Indicator(string code) =>
        _indicators.Find(Indicators, i => i.Code, code) ?? throw new InvalidOperationException($"No indicator '{code}' in this scorecard.");
    public UnitScorecard? Unit(string code) => _units.Find(Units, u => u.Unit.Code, code);
    public LevelRollup? Level(UnitLevel level) => _levels.Find(Levels, l => l.Level, level);
    public MonthlySeries? CitySeries(string indicatorCode) => _series.Find(Series, s => (s.UnitCode, s.IndicatorCode), (null, indicatorCode));
    public MonthlySeries? UnitSeries(string unitCode, string indicatorCode) => _series.Find(Series, s => (s.UnitCode, s.IndicatorCode), (unitCode, indicatorCode));
    public bool IsEmpty => Units.All(u => u.Indicators.All(i => i.Figure.IsNone)) && City.Indicators.All(i => i.Figure.IsNone);
}

/// <summary>
/// A dictionary over a list of an immutable record, built on first use: hundreds of units × a dozen indicators are
/// looked up by code on every page, and a linear scan per lookup made that quadratic. Keyed on the list instance, so
/// a copy made with <c>with { … }</c> and a new list never reads a stale index; the first of equal keys wins, as
/// FirstOrDefault did. Safe to share across threads: a race only builds the same index twice. Always equal to
/// another, so it never changes the owning record's value equality.
/// </summary>
internal sealed class Lookup<TKey, TValue> where TKey : notnull where TValue : class
{
    public override bool Equals(object? obj) => obj is Lookup<TKey, TValue>;
    public override int GetHashCode() => 0;

    // One reference, written at once: a reader never sees one list's index beside another list.
    private sealed record Built(IReadOnlyList<TValue> Source, Dictionary<TKey, TValue> Index);
    private Built? _built;

    public TValue? Find(IReadOnlyList<TValue> source, Func<TValue, TKey> key, TKey wanted)
    {
        var built = _built;
        if (built is null || !ReferenceEquals(built.Source, source))
        {
            var index = new Dictionary<TKey, TValue>(source.Count);
            foreach (var item in source) index.TryAdd(key(item), item);
            _built = built = new Built(source, index);
        }
        return built.Index.GetValueOrDefault(wanted);
    }
}
