using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Data.Telemetry;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Testing;
using Npgsql;

namespace HaNoi.ReformDashboard.Data.Tests.Scorecards;

/// <summary>
/// A unit's exports read the unit alone (<see cref="ScorecardScope.ForUnitAlone"/>): the same figures as its full
/// scorecard for every unit of the demo and of the restructured city, and beyond its level's shared scorecard only
/// the unit's own monthly rows — counted from the service's row counter against a plain count of the measurements.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class UnitAloneScorecardTests(PostgresServer postgres)
{
    [Theory]
    [InlineData("demo", 2022, "2022-Q4")]
    [InlineData("demo", 2022, "2022-03")]
    [InlineData("demo", 2022, "2022-YTD-9")]
    [InlineData("demo", 2022, "2022")]
    [InlineData("restructured", 2025, "2025-Q3")]
    [InlineData("restructured", 2025, "2025-12")]
    public async Task Every_unit_alone_shows_what_its_full_scorecard_shows(string data, int year, string periodText)
    {
        var database = data == "demo" ? await postgres.DemoAsync() : await postgres.RestructuredAsync();
        using var cache = new ScorecardCache();
        var service = new ScorecardService(postgres.Factory(database), TimeProvider.System, cache: cache);
        var period = Period.Parse(periodText);
        var city = await service.GetAsync(new ScorecardRequest(year, period, ScorecardScope.City));
        var codes = new List<string>();
        foreach (var level in city!.LevelsInForce)
            codes.AddRange((await service.GetAsync(new ScorecardRequest(year, period, ScorecardScope.ForLevel(level))))!.Units.Select(u => u.Unit.Code));
        codes = codes.Distinct().ToList();
        codes.Should().HaveCountGreaterThan(25);

        foreach (var code in codes)
        {
            var full = await service.GetAsync(new ScorecardRequest(year, period, ScorecardScope.ForUnit(code)));
            var alone = await service.GetAsync(new ScorecardRequest(year, period, ScorecardScope.ForUnitAlone(code)));

            alone!.Units.Should().OnlyContain(u => u.Unit.Code == code);
            if (code != city.CityCode) full!.Units.Count.Should().BeGreaterThan(alone.Units.Count, $"{code}'s full scorecard carries its peers");
            alone.Should().BeEquivalentTo(full! with { Units = full.Units.Where(u => u.Unit.Code == code).ToList() },
                o => o.WithStrictOrdering().Excluding(c => c.Scope), $"unit {code}, {period}");
            alone.Scope.ToString().Should().Be(full.Scope.ToString(), "the report states the same scope");
        }
    }

    [Fact]
    public async Task A_unit_alone_reads_its_own_monthly_rows_and_its_levels_scorecard_once_for_all_its_peers()
    {
        var database = await postgres.DemoAsync();
        using var cache = new ScorecardCache();
        var service = new ScorecardService(postgres.Factory(database), TimeProvider.System, cache: cache);
        var period = Period.Parse("2022-Q4");
        string[] communes = ["00001", "00004", "00007"];
        using var rows = new RowCounter();

        var first = await service.GetAsync(new ScorecardRequest(2022, period, ScorecardScope.ForUnitAlone(communes[0])));
        var levelRows = rows.Take("commune");
        levelRows.Should().BeGreaterThan(0, "the first brief of a level builds that level's scorecard");
        rows.Take("unit-alone").Should().Be(await MonthlyRowsAsync(database, communes[0], period));

        foreach (var code in communes.Skip(1))
        {
            var alone = await service.GetAsync(new ScorecardRequest(2022, period, ScorecardScope.ForUnitAlone(code)));
            alone!.Unit(code)!.RankedPeers.Should().Be(first!.Unit(communes[0])!.RankedPeers);
            rows.Take("commune").Should().Be(0, "the level's scorecard is shared, not read again for each peer");
            rows.Take("unit").Should().Be(0, "no unit-wide scorecard with every peer's rows is built");
            rows.Take("unit-alone").Should().Be(await MonthlyRowsAsync(database, code, period), $"{code} reads its own months only");
        }

        // What the full scope of one unit reads, for scale: every peer's sums.
        await service.GetAsync(new ScorecardRequest(2022, period, ScorecardScope.ForUnit(communes[1])));
        rows.Take("unit").Should().BeGreaterThan(levelRows / 2);
    }

    /// <summary>Indicator × month pairs the unit reported in the plan year through the period's end (the demo merges no unit): an independent count.</summary>
    private static async Task<long> MonthlyRowsAsync(string database, string code, Period period)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT count(DISTINCT (m.indicator_id, m.period)) FROM measurements m
            WHERE m.is_current AND m.period BETWEEN @first AND @last
              AND m.unit_id IN (SELECT unit_id FROM unit_versions WHERE code = @code)
            """, connection);
        command.Parameters.AddWithValue("code", code);
        command.Parameters.AddWithValue("first", new DateOnly(period.Year, 1, 1));
        command.Parameters.AddWithValue("last", period.LastDay);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Sums reform.scorecard.rows by scope while it lives; <see cref="Take"/> reads and resets one scope.</summary>
    private sealed class RowCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<string, long> _rows = new();

        public RowCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ReformMetrics.MeterName && instrument.Name == "reform.scorecard.rows") listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                    if (tag.Key == "scope") _rows.AddOrUpdate((string)tag.Value!, value, (_, sum) => sum + value);
            });
            _listener.Start();
        }

        public long Take(string scope) => _rows.TryRemove(scope, out var sum) ? sum : 0;

        public void Dispose() => _listener.Dispose();
    }
}
