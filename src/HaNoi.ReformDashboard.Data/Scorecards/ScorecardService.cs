using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Data.Schema;
using Target = HaNoi.ReformDashboard.Domain.Scoring.Target;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Domain.Scoring;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HaNoi.ReformDashboard.Data.Scorecards;

public sealed class ScoringOptions
{
    /// <summary>Weight of each pillar in a unit's score (docs/scoring.md, rule 6); a pillar not listed weighs 1.</summary>
    public Dictionary<string, decimal> PillarWeights { get; set; } = [];
}

/// <summary>
/// Builds the <see cref="Scorecard"/> for (plan year, period, scope): the catalogue (<see cref="CatalogueService"/>),
/// one batch of SQL for the sums, then the pure scoring engine for statuses, gaps, scores, ranks and run-rates. With a
/// <see cref="ScorecardCache"/> (the dashboard registers one; the CLI does not), a scorecard is built once per data
/// version and day however many people open it at once, and its catalogue is read once per data version.
/// </summary>
/// <param name="catalogue">Where the catalogue comes from; by default one kept in <paramref name="cache"/> (none: read each time).</param>
public sealed class ScorecardService(IDbContextFactory<ReformDbContext> factory, TimeProvider clock, ScoringOptions? options = null, ScorecardCache? cache = null,
    CatalogueService? catalogue = null)
{
    private const int Current = 0, Previous = 1, YearToDate = 2;
    private readonly CatalogueService _catalogue = catalogue ?? new CatalogueService(factory, cache);

    /// <summary>The scorecard, or null when the scope names a unit that does not exist in the period.</summary>
    public async Task<Scorecard?> GetAsync(ScorecardRequest request, CancellationToken ct = default)
    {
        if (request.Scope.Alone) return await AloneAsync(request, ct);
        if (cache is null) return await BuildAsync(request, null, ct);
        // The data version moves with every write (migration DataVersion); the day decides "provisional".
        var version = await DataVersionAsync(ct);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var key = $"scorecard:{request.PlanYear}:{request.Period}:{request.Scope}:{today:yyyy-MM-dd}";
        return await cache.GetOrBuildAsync(key, version, () => BuildAsync(request, version, CancellationToken.None), ct);
    }

    /// <summary>The counter every change to scorecard data moves on (migration DataVersion).</summary>
    public Task<long> DataVersionAsync(CancellationToken ct = default) => ScorecardCache.DataVersionAsync(factory, ct);

    /// <param name="version">The data version just read for the scorecard's key (null: none read), so the catalogue's key needs no second read.</param>
    private async Task<Scorecard?> BuildAsync(ScorecardRequest request, long? version, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var catalogue = version is { } v ? await _catalogue.ForPeriodAsync(request.PlanYear, request.Period, v, ct)
            : await _catalogue.ForPeriodAsync(request.PlanYear, request.Period, ct);
        var raw = await LoadAsync(request, catalogue, ct);
        if (raw is null) return null;
        var card = Assemble(request, raw);
        Telemetry.ReformMetrics.ScorecardDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds,
            new KeyValuePair<string, object?>("scope", ScopeTag(request.Scope)));
        return card;
    }

    /// <summary>
    /// One unit's scorecard without its peers' rows (<see cref="ScorecardScope.ForUnitAlone"/>): its level's scorecard
    /// (cached when the service has a cache) cut down to the unit, with the unit's own series read beside it. Every
    /// figure is the level scorecard's, so it cannot differ from the unit's full scorecard.
    /// </summary>
    private async Task<Scorecard?> AloneAsync(ScorecardRequest request, CancellationToken ct)
    {
        var (year, period, scope) = request;
        var code = scope.UnitCode ?? throw new ArgumentException("A unit alone needs a unit code.", nameof(request));
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await CatalogueUnits.ByCodeAsync(db, code, period.FirstDay, period.LastDay, ct) is not { } unit) return null;
        // The city is a level of one (and "city" names the city-wide scope): its own scorecard has no peers to leave out.
        if (unit.Info.Level == UnitLevel.City) return await GetAsync(request with { Scope = ScorecardScope.ForUnit(code) }, ct);
        if (await GetAsync(new ScorecardRequest(year, period, ScorecardScope.ForLevel(unit.Info.Level)), ct) is not { } level) return null;

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(ScorecardSql.UnitSeries, connection);
        command.Parameters.AddRange(ScorecardSql.Parameters(year, period, unit.Info.Level, unit.Id));
        var months = new Dictionary<string, List<(int Month, Figure Figure)>>();
        var rows = 0;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows++;
                var indicator = reader.GetString(0);
                if (!months.TryGetValue(indicator, out var points)) months[indicator] = points = [];
                points.Add((reader.GetInt32(1), ReadFigure(reader, 2)));
            }
        }
        Telemetry.ReformMetrics.ScorecardRows.Add(rows, new KeyValuePair<string, object?>("scope", "unit-alone"));

        // In the order the unit's full scorecard lists them: each indicator's city series, then the unit's.
        var series = new List<MonthlySeries>();
        foreach (var indicator in level.Indicators)
        {
            if (level.CitySeries(indicator.Code) is { } city) series.Add(city);
            if (indicator.Levels.Contains(unit.Info.Level))
                series.Add(SeriesFor(indicator, months.GetValueOrDefault(indicator.Code) ?? [], code, period));
        }
        // A new record, not "level with { … }": a copy would share the cached card's lookup indexes.
        return new Scorecard(year, period, scope, level.Provisional, level.Pillars, level.Indicators, level.City, level.Levels,
            level.Units.Where(u => u.Unit.Code == code).ToList(), series, level.Benchmarks,
            level.Explanations.Where(e => e.UnitCode == code).ToList())
        {
            CityCode = level.CityCode,
            CityKey = level.CityKey,
            LevelsInForce = level.LevelsInForce,
            Lineage = level.Lineage,
            CityPillars = level.CityPillars,
            CityScore = level.CityScore,
            ReportsExpected = level.ReportsExpected,
            ReportsReceived = level.ReportsReceived,
        };
    }

    private async Task<RawScorecard?> LoadAsync(ScorecardRequest request, PeriodCatalogue catalogue, CancellationToken ct)
    {
        var (year, period, scope) = request;
        // The unit scope needs its level first (its peers are ranked with it).
        UnitLevel? detailLevel = scope.Level;
        int? seriesUnit = null;
        if (scope.UnitCode is { } code)
        {
            if (catalogue.Unit(code) is not { } unit) return null;
            seriesUnit = unit.Id;
            detailLevel = unit.Info.Level;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        await using var batch = new NpgsqlBatch(connection);
        void Add(string sql)
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.AddRange(ScorecardSql.Parameters(year, period, detailLevel, seriesUnit, scope.IndicatorCode));
            batch.BatchCommands.Add(command);
        }
        foreach (var sql in ScorecardSql.Batch) Add(sql);
        if (scope.IndicatorCode is not null) Add(ScorecardSql.ReportCounts);

        var raw = new RawScorecard(catalogue, scope.IndicatorCode) { DetailLevel = detailLevel };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var rows = 0;
        async Task<bool> Read()
        {
            if (!await reader.ReadAsync(ct)) return false;
            rows++;
            return true;
        }
        await reader.NextResultAsync(ct); // past the session setting
        while (await Read())
        {
            var figure = (ReadFigure(reader, 4), reader.GetInt32(7));
            if (reader.IsDBNull(3))
                raw.Sums[new SumKey(reader.GetInt32(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2))] = figure;
            else
                raw.UnitSums[new UnitSumKey(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(3))] = figure;
        }
        await reader.NextResultAsync(ct);
        while (await Read())
        {
            var key = new SeriesKey(reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt32(2));
            if (!raw.Series.TryGetValue(key, out var points)) raw.Series[key] = points = [];
            points.Add((reader.GetInt32(3), ReadFigure(reader, 4)));
        }
        await reader.NextResultAsync(ct);
        while (await Read())
            raw.Explanations.Add(new Explanation(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5))
            {
                Remedy = reader.GetString(6), ExpectedBy = reader.IsDBNull(7) ? null : reader.GetFieldValue<DateOnly>(7), Revision = reader.GetInt32(8),
            });
        if (scope.IndicatorCode is not null && await reader.NextResultAsync(ct) && await Read())
            raw.CatalogueReports = (reader.GetInt32(0) * period.MonthCount, reader.GetInt32(1));
        Telemetry.ReformMetrics.ScorecardRows.Add(rows, new KeyValuePair<string, object?>("scope", ScopeTag(scope)));
        return raw;
    }

    private static string ScopeTag(ScorecardScope scope) => scope.UnitCode is not null ? "unit" : scope.Level?.ToCode() ?? "city";

    private Scorecard Assemble(ScorecardRequest request, RawScorecard raw)
    {
        var (year, period, scope) = request;
        var book = raw.Catalogue.TargetBook;
        var city = raw.Units.FirstOrDefault(u => u.Info.Level == UnitLevel.City);

        // Units shown in detail: every unit of the scope's level (a unit's peers are needed to rank it), by level.
        var detailUnits = raw.Units.Where(u => raw.DetailLevel is null || u.Info.Level == raw.DetailLevel).ToList();
        // The run-rate looks at the months left in the plan year; a period of another year has none.
        var runRateApplies = period.Year == year;
        // A cell's scorecard read one indicator: the scores that need every indicator (unit, pillar, city, points
        // lost) are left out rather than half-made, and "provisional" comes from the whole catalogue's reports.
        var whole = scope.IndicatorCode is null;
        var units = new List<UnitScorecard>(detailUnits.Count);
        var benchmarks = new Dictionary<(string, UnitLevel), Benchmark>();
        var (expected, received) = (0, 0);
        foreach (var peers in detailUnits.GroupBy(u => u.Info.Level))
        {
            var (owed, arrived) = ScoreLevel(raw, peers.Key, peers.ToList(), year, runRateApplies, period, whole, units, benchmarks);
            expected += owed;
            received += arrived;
        }

        var levelsInForce = raw.Units.Select(u => u.Info.Level).Distinct().Order().ToList();
        // A level with no unit in force in the period (districts after 1 July 2025) has no roll-up.
        var levels = levelsInForce
            .Where(level => raw.DetailLevel is null || level == raw.DetailLevel)
            .Select(level => new LevelRollup(level, raw.Indicators.Where(i => i.Info.Levels.Contains(level))
                .Select(i => ScoreRollup(raw, i, book.Find(year, i.Info.Code, level, ""), level.ToCode(), runRateApplies, period).ToScored(i.Info.Code)).ToList()))
            .ToList();

        var cityLayout = new Layout(raw, raw.Indicators);
        var cityCells = raw.Indicators.Select(i =>
        {
            var target = book.Find(year, i.Info.Code, UnitLevel.City, city?.Info.Code ?? "");
            // The city reports some indicators itself (PARINDEX, SIPAS…); the rest is the sum of every unit.
            return i.Info.Rule.CityReportsItself
                ? ScoreRollup(raw, i, target, UnitLevel.City.ToCode(), runRateApplies, period)
                : ScoreRollup(raw, i, target, null, runRateApplies, period);
        }).ToList();
        var cityScores = cityCells.Select(c => c.Score).ToList();
        var cityPillars = whole ? cityLayout.PillarScores(cityScores) : [];
        var cityScore = whole ? Scores.ForUnit(cityPillars, options?.PillarWeights) : null;
        var cityLost = whole ? cityLayout.PointsLost(cityScores, options?.PillarWeights) : null;
        var cityRollup = new LevelRollup(UnitLevel.City, cityCells.Select((c, j) => c.ToScored(raw.Indicators[j].Info.Code, cityLost?[j])).ToList());

        var series = new List<MonthlySeries>();
        var seriesUnit = scope.UnitCode is { } scopeCode ? raw.Units.FirstOrDefault(u => u.Info.Code == scopeCode) : null;
        foreach (var indicator in raw.Indicators)
        {
            var level = indicator.Info.Rule.CityReportsItself ? UnitLevel.City.ToCode() : null;
            series.Add(SeriesFor(raw, indicator, new SeriesKey(indicator.Id, level, null), null, period));
            if (seriesUnit is not null && indicator.Info.Levels.Contains(seriesUnit.Info.Level))
                series.Add(SeriesFor(raw, indicator, new SeriesKey(indicator.Id, null, seriesUnit.Id), seriesUnit.Info.Code, period));
        }

        // Provisional ("tạm tính"): the period is not over, or monthly reports are missing.
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        if (!whole) (expected, received) = raw.CatalogueReports;

        return new Scorecard(year, period, scope, Provisional.Is(period, today, expected, received),
            raw.Pillars, raw.Indicators.Select(i => i.Info).ToList(), cityRollup, levels,
            units, series, benchmarks,
            raw.Explanations.Where(e => scope.UnitCode is null || e.UnitCode == scope.UnitCode).ToList())
        {
            CityCode = city?.Info.Code,
            CityKey = city?.Info.Key,
            LevelsInForce = levelsInForce,
            Lineage = raw.Lineage,
            CityPillars = cityPillars,
            CityScore = cityScore,
            ReportsExpected = expected,
            ReportsReceived = received,
        };
    }

    /// <summary>
    /// Every unit of one level scored, ranked and counted, into <paramref name="units"/> and <paramref name="benchmarks"/>.
    /// A cell's rank needs its whole column and its points lost its whole row, so the cells are scored into plain arrays
    /// first and each record is made once, at the end; the level's indicators, targets and pillars are worked out once.
    /// </summary>
    /// <returns>The monthly reports the level's units owed for the period, and how many arrived.</returns>
    private (int Expected, int Received) ScoreLevel(RawScorecard raw, UnitLevel level, List<PeriodUnit> peers, int year, bool runRateApplies,
        Period period, bool whole, List<UnitScorecard> units, Dictionary<(string, UnitLevel), Benchmark> benchmarks)
    {
        var weights = options?.PillarWeights;
        var layout = new Layout(raw, raw.Indicators.Where(i => i.Info.Levels.Contains(level)).ToList());
        var indicators = layout.Indicators;
        var targets = indicators.Select(i => raw.Catalogue.TargetBook.ForLevel(year, i.Info.Code, level)).ToArray();
        var (n, m) = (peers.Count, indicators.Count);

        var cells = new Cell[n][];
        var pillars = new List<PillarScore>[n];
        var lost = new IReadOnlyList<decimal?>[n];
        var scores = new decimal?[n];
        // The unit's own score in the previous like period, for its rank change; only a unit in force then has one.
        var previousScores = new decimal?[n];
        // By indicator, then unit: a column is what a ranking and a benchmark read.
        var values = Columns(m, n);
        var previousValues = Columns(m, n);
        for (var k = 0; k < n; k++)
        {
            var unit = peers[k];
            var inPrevious = raw.PreviousUnits.Contains(unit.Id);
            var row = cells[k] = new Cell[m];
            var rowScores = new IndicatorScore[m];
            var previousRow = inPrevious ? new IndicatorScore[m] : null;
            var predecessors = raw.MergedPredecessors.GetValueOrDefault(unit.Id);
            for (var j = 0; j < m; j++)
            {
                var (cell, own) = ScoreUnit(raw, indicators[j], targets[j].Find(unit.Info.Code), unit.Id, predecessors, runRateApplies, period);
                row[j] = cell;
                rowScores[j] = cell.Score;
                values[j][k] = cell.Score.Value;
                if (previousRow is null) continue;
                // Without predecessors the cell's previous figure is the unit's own: its value is already worked out.
                var ownValue = previousValues[j][k] = predecessors is null && indicators[j].Info.Rule.Kind == indicators[j].Info.Kind
                    ? cell.PreviousValue : own.ValueFor(indicators[j].Info.Kind);
                previousRow[j] = Scores.Evaluate(indicators[j].Info.Rule, cell.Score.Target, ownValue);
            }
            pillars[k] = layout.PillarScores(rowScores);
            lost[k] = layout.PointsLost(rowScores, weights);
            scores[k] = Scores.ForUnit(pillars[k], weights);
            if (previousRow is not null) previousScores[k] = Scores.ForUnit(layout.PillarScores(previousRow), weights);
        }

        var unitRanks = Ranking.Places(scores, Better.Higher);
        var rankedUnits = unitRanks.OfType<int>().ToList();
        var percentile = Percentiles.Among(rankedUnits);
        // Rank changes only among the peers in force in both periods (the others have no previous score).
        var unitChanges = Ranking.ChangesAt(scores, previousScores, Better.Higher);
        var ranks = new int?[m][];
        var rankChanges = new int?[m][];
        var rankedPeers = new int[m];
        var percentiles = new Func<int?, decimal?>[m];
        for (var j = 0; j < m; j++)
        {
            var rule = indicators[j].Info.Rule;
            // The first peer's target with one decides which way is better (a unit's own target may differ).
            var orientation = rule.Orientation(cells.Select(row => row[j].Score.Target).FirstOrDefault(t => t is not null));
            ranks[j] = Ranking.Places(values[j], orientation);
            rankedPeers[j] = ranks[j].Count(r => r is not null);
            percentiles[j] = Percentiles.Among(ranks[j].OfType<int>().ToList());
            rankChanges[j] = Ranking.ChangesAt(values[j], previousValues[j], orientation);
            var code = indicators[j].Info.Code;
            benchmarks[(code, level)] = Benchmarks.Of(values[j], rule.Orientation(raw.Catalogue.TargetBook.Find(year, code, level, "")));
        }

        var monthly = indicators.Where(i => i.Info.Frequency == Frequency.Monthly).ToList();
        var (expected, received) = (0, 0);
        for (var k = 0; k < n; k++)
        {
            var unit = peers[k];
            var owed = monthly.Count * period.MonthCount;
            var arrived = 0;
            foreach (var indicator in monthly)
                arrived += raw.UnitSums.TryGetValue(new UnitSumKey(Current, indicator.Id, unit.Id), out var sum) ? sum.Months : 0;
            expected += owed;
            received += arrived;
            var row = new ScoredIndicator[m];
            for (var j = 0; j < m; j++)
            {
                row[j] = cells[k][j].ToScored(indicators[j].Info.Code, whole ? lost[k][j] : null, ranks[j][k], rankedPeers[j], rankChanges[j][k],
                    percentiles[j](ranks[j][k]));
            }
            units.Add(whole
                ? new UnitScorecard(unit.Info, row, pillars[k], scores[k])
                {
                    Rank = unitRanks[k], RankedPeers = rankedUnits.Count, RankChange = unitChanges[k], Percentile = percentile(unitRanks[k]),
                    ReportsExpected = owed, ReportsReceived = arrived,
                }
                : new UnitScorecard(unit.Info, row, [], null));
        }
        return (expected, received);
    }

    private static decimal?[][] Columns(int count, int length)
    {
        var columns = new decimal?[count][];
        for (var j = 0; j < count; j++) columns[j] = new decimal?[length];
        return columns;
    }

    /// <summary>
    /// How a row of indicators (a level's, or the city's) falls into pillars, worked out once for all the owners
    /// scored on it: the pillars in the plan's order, each with the positions of its indicators.
    /// </summary>
    private sealed class Layout
    {
        private readonly (string Code, int[] Positions)[] _pillars;
        private readonly string[] _pillarOf;

        public Layout(RawScorecard raw, IReadOnlyList<PlanIndicator> indicators)
        {
            Indicators = indicators;
            _pillarOf = indicators.Select(i => i.Info.PillarCode).ToArray();
            // In the order met, then (stably) the plan's order: a pillar unknown to the catalogue comes first.
            _pillars = _pillarOf.Distinct().OrderBy(raw.PillarOrder)
                .Select(p => (p, Enumerable.Range(0, _pillarOf.Length).Where(j => _pillarOf[j] == p).ToArray())).ToArray();
        }

        public IReadOnlyList<PlanIndicator> Indicators { get; }

        public List<PillarScore> PillarScores(IReadOnlyList<IndicatorScore> row)
        {
            var pillars = new List<PillarScore>(_pillars.Length);
            var scores = new List<IndicatorScore>(row.Count);
            foreach (var (code, positions) in _pillars)
            {
                scores.Clear();
                foreach (var j in positions) scores.Add(row[j]);
                pillars.Add(new PillarScore(code, Scores.ForPillar(scores)));
            }
            return pillars;
        }

        public IReadOnlyList<decimal?> PointsLost(IReadOnlyList<IndicatorScore> row, IReadOnlyDictionary<string, decimal>? weights) =>
            Scores.PointsLost(row.Select((score, j) => (_pillarOf[j], score)).ToList(), weights);
    }

    /// <summary>
    /// A unit's cell and its own value in the previous like period (no predecessors): what its rank then was based on.
    /// </summary>
    /// <param name="predecessors">The units merged into this one (<see cref="RawScorecard.MergedPredecessors"/>), if any.</param>
    private static (Cell Cell, Figure PreviousOwn) ScoreUnit(RawScorecard raw, PlanIndicator indicator, Target? target, int unitId,
        IReadOnlyList<int>? predecessors, bool runRateApplies, Period period)
    {
        var found = raw.UnitSums.TryGetValue(new UnitSumKey(Current, indicator.Id, unitId), out var current);
        // A period from January is its own year to date: no second look-up.
        var ytdTag = YtdTag(period);
        (Figure, int)? ytd = ytdTag == Current ? (found ? current : null)
            : raw.UnitSums.TryGetValue(new UnitSumKey(ytdTag, indicator.Id, unitId), out var y) ? y : null;
        var own = PreviousOf(raw, indicator.Id, unitId);
        // A unit that absorbed others compares with their combined past, its own included (ratio of sums).
        var previous = predecessors is null ? own : Rollups.Sum(CombinedPast(raw, indicator.Id, unitId, predecessors));
        var cell = Score(indicator, target, current, previous, ytd, runRateApplies, period, previousCombined: predecessors is { Count: > 0 });
        return (cell, own);
    }

    private static Figure PreviousOf(RawScorecard raw, int indicatorId, int unitId) =>
        raw.UnitSums.GetValueOrDefault(new UnitSumKey(Previous, indicatorId, unitId)).Figure;

    /// <summary>The unit's own previous figure, then its predecessors' (apart: no closure for the many units that absorbed none).</summary>
    private static IEnumerable<Figure> CombinedPast(RawScorecard raw, int indicatorId, int unitId, IReadOnlyList<int> predecessors) =>
        predecessors.Prepend(unitId).Select(id => PreviousOf(raw, indicatorId, id));

    private static Cell ScoreRollup(RawScorecard raw, PlanIndicator indicator, Target? target, string? level, bool runRateApplies, Period period)
    {
        var current = raw.Sums.GetValueOrDefault(new SumKey(Current, indicator.Id, level));
        var previous = raw.Sums.GetValueOrDefault(new SumKey(Previous, indicator.Id, level)).Figure;
        var ytd = raw.Sums.TryGetValue(new SumKey(YtdTag(period), indicator.Id, level), out var y) ? y : ((Figure, int)?)null;
        return Score(indicator, target, current, previous, ytd, runRateApplies, period);
    }

    private static Cell Score(PlanIndicator indicator, Target? target, (Figure Figure, int Months) current, Figure previousFigure,
        (Figure Figure, int Months)? ytd, bool runRateApplies, Period period, bool previousCombined = false)
    {
        var rule = indicator.Info.Rule;
        var score = Scores.Evaluate(rule, target, current.Figure.ValueFor(rule.Kind));
        var previousValue = previousFigure.ValueFor(rule.Kind);
        var runRate = RunRate.NotApplicable;
        if (runRateApplies && ytd is { Months: > 0 } sofar)
        {
            var averageDenominator = (sofar.Figure.Denominator ?? 0m) / period.LastMonth;
            runRate = RunRates.Required(rule, target, sofar.Figure, period.LastMonth, averageDenominator);
        }
        return new Cell(current.Figure, score, previousValue, current.Months, runRate, previousCombined);
    }

    /// <summary>A scored cell before its ranks and points lost are known: the record is made once, with them.</summary>
    private readonly record struct Cell(Figure Figure, IndicatorScore Score, decimal? PreviousValue, int Months, RunRate RunRate, bool PreviousCombined)
    {
        public ScoredIndicator ToScored(string indicatorCode, decimal? pointsLost = null, int? rank = null, int rankedPeers = 0, int? rankChange = null,
            decimal? percentile = null) =>
            new(indicatorCode, Figure, Score, PreviousValue, Changes.Between(PreviousValue, Score.Value), Months)
            {
                RunRate = RunRate, PreviousCombined = PreviousCombined, PointsLost = pointsLost,
                Rank = rank, RankedPeers = rankedPeers, RankChange = rankChange, Percentile = percentile,
            };
    }

    // A period that starts in January is its own year to date (see ScorecardSql.Parameters).
    private static int YtdTag(Period period) => period.FirstMonth == 1 ? Current : YearToDate;

    private static MonthlySeries SeriesFor(RawScorecard raw, PlanIndicator indicator, SeriesKey key, string? unitCode, Period period) =>
        SeriesFor(indicator.Info, raw.Series.GetValueOrDefault(key) ?? [], unitCode, period);

    private static MonthlySeries SeriesFor(IndicatorInfo indicator, List<(int Month, Figure Figure)> months, string? unitCode, Period period)
    {
        var points = Enumerable.Range(1, period.LastMonth).Select(month =>
        {
            var figure = months.FirstOrDefault(p => p.Month == month).Figure;
            return new MonthlyPoint(month, figure, figure.ValueFor(indicator.Kind));
        }).ToList();
        return new MonthlySeries(unitCode, indicator.Code, points);
    }

    private static Figure ReadFigure(NpgsqlDataReader reader, int first) => new(
        reader.IsDBNull(first) ? null : reader.GetDecimal(first),
        reader.IsDBNull(first + 1) ? null : reader.GetDecimal(first + 1),
        reader.IsDBNull(first + 2) ? null : reader.GetDecimal(first + 2));

    private static UnitLevel Level(string code) =>
        CatalogueCodes.TryParseLevel(code, out var level) ? level : throw new InvalidOperationException($"Unknown level '{code}'.");

    private readonly record struct SumKey(int Tag, int IndicatorId, string? Level);
    private readonly record struct UnitSumKey(int Tag, int IndicatorId, int UnitId);
    private readonly record struct SeriesKey(int IndicatorId, string? Level, int? UnitId);
    /// <summary>The catalogue a scorecard is scored against (shared, read-only) and the figures read for it.</summary>
    private sealed class RawScorecard(PeriodCatalogue catalogue, string? indicatorCode)
    {
        public PeriodCatalogue Catalogue { get; } = catalogue;
        public UnitLevel? DetailLevel { get; init; }
        public IReadOnlyList<PeriodUnit> Units => Catalogue.Units;
        public IReadOnlySet<int> PreviousUnits => Catalogue.PreviousUnits;
        public IReadOnlyDictionary<int, IReadOnlyList<int>> MergedPredecessors => Catalogue.MergedPredecessors;
        public IReadOnlyList<LineageEvent> Lineage => Catalogue.Lineage;
        public IReadOnlyList<PillarInfo> Pillars => Catalogue.Pillars;
        /// <summary>The plan year's indicators; a cell's scorecard reads its one indicator.</summary>
        public IReadOnlyList<PlanIndicator> Indicators { get; } = indicatorCode is null ? catalogue.Indicators
            : catalogue.Indicators.Where(i => i.Info.Code == indicatorCode).ToList();
        public Dictionary<UnitSumKey, (Figure Figure, int Months)> UnitSums { get; } = [];
        public Dictionary<SumKey, (Figure Figure, int Months)> Sums { get; } = [];
        public Dictionary<SeriesKey, List<(int Month, Figure Figure)>> Series { get; } = [];
        public List<Explanation> Explanations { get; } = [];
        /// <summary>A cell's scorecard: the reports its level owed and received over the whole catalogue.</summary>
        public (int Expected, int Received) CatalogueReports { get; set; }

        public int PillarOrder(string code) => Catalogue.PillarOrder(code);
    }
}
