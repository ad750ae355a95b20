using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Domain.Scoring;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Target = HaNoi.ReformDashboard.Domain.Scoring.Target;

namespace HaNoi.ReformDashboard.Data.Catalogue;

/// <summary>
/// The catalogue (units in force, indicators, targets) of a plan year and period, read once per data version: with a
/// <see cref="ScorecardCache"/> (the dashboard registers one) a scorecard build and the pages that list units or
/// indicators share one read until a write moves the data version; without one (the CLI) it is read each time.
/// </summary>
public sealed class CatalogueService(IDbContextFactory<ReformDbContext> factory, ScorecardCache? cache = null)
{
    /// <summary>The catalogue of (plan year, period) at the current data version.</summary>
    public async Task<PeriodCatalogue> ForPeriodAsync(int planYear, Period period, CancellationToken ct = default) =>
        cache is null ? await ReadAsync(planYear, period, ct) : await ForPeriodAsync(planYear, period, await ScorecardCache.DataVersionAsync(factory, ct), ct);

    /// <summary>The catalogue as of a data version the caller has just read (a scorecard build: one read of it for both).</summary>
    public Task<PeriodCatalogue> ForPeriodAsync(int planYear, Period period, long dataVersion, CancellationToken ct = default) =>
        cache is null ? ReadAsync(planYear, period, ct)
            : cache.GetOrBuildAsync($"catalogue:{planYear}:{period}", dataVersion, () => ReadAsync(planYear, period, CancellationToken.None), ct);

    /// <summary>What every indicator of the plan year means and who answers for it (<see cref="IndicatorDescriptionQuery"/>).</summary>
    public async Task<IReadOnlyDictionary<string, IndicatorDescription>> DescriptionsAsync(int planYear, CancellationToken ct = default)
    {
        var query = new IndicatorDescriptionQuery(factory);
        if (cache is null) return await query.RunAsync(planYear, ct);
        var version = await ScorecardCache.DataVersionAsync(factory, ct);
        return await cache.GetOrBuildAsync($"descriptions:{planYear}", version, () => query.RunAsync(planYear, CancellationToken.None), ct);
    }

    /// <summary>One batch (one round trip): the catalogue statements of <see cref="ScorecardSql.CatalogueBatch"/>, in that order.</summary>
    private async Task<PeriodCatalogue> ReadAsync(int planYear, Period period, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var sql in ScorecardSql.CatalogueBatch)
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.AddRange(ScorecardSql.Parameters(planYear, period, null, null));
            batch.BatchCommands.Add(command);
        }

        await using var reader = await batch.ExecuteReaderAsync(ct);
        var units = new List<PeriodUnit>();
        while (await reader.ReadAsync(ct))
            units.Add(new PeriodUnit(reader.GetInt32(0), new UnitInfo(reader.GetString(1), reader.GetString(2), reader.GetString(3), Level(reader.GetString(4)),
                reader.IsDBNull(5) ? null : reader.GetString(5)) { Key = reader.GetString(7) }, reader.GetFieldValue<DateOnly>(6)));
        await reader.NextResultAsync(ct);
        var previousUnits = new HashSet<int>();
        while (await reader.ReadAsync(ct))
            previousUnits.Add(reader.GetInt32(0));
        await reader.NextResultAsync(ct);
        var pillars = new List<PillarInfo>();
        while (await reader.ReadAsync(ct))
            pillars.Add(new PillarInfo(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3)));
        await reader.NextResultAsync(ct);
        var indicators = new List<PlanIndicator>();
        while (await reader.ReadAsync(ct))
            indicators.Add(CatalogueIndicators.Read(reader));
        await reader.NextResultAsync(ct);
        var targets = new List<TargetEntry>();
        while (await reader.ReadAsync(ct))
        {
            CatalogueCodes.TryParseOperator(reader.GetString(3), out var op);
            targets.Add(new TargetEntry(planYear, reader.GetString(0), reader.IsDBNull(1) ? null : Level(reader.GetString(1)),
                reader.IsDBNull(2) ? null : reader.GetString(2), new Target(op, reader.GetDecimal(4), reader.GetBoolean(5))));
        }
        await reader.NextResultAsync(ct);
        var merged = new Dictionary<int, List<int>>();
        while (await reader.ReadAsync(ct))
        {
            var unitId = reader.GetInt32(0);
            if (!merged.TryGetValue(unitId, out var predecessors)) merged[unitId] = predecessors = [];
            predecessors.Add(reader.GetInt32(1));
        }
        await reader.NextResultAsync(ct);
        var lineage = new List<LineageEvent>();
        while (await reader.ReadAsync(ct))
        {
            CatalogueCodes.TryParseLineageKind(reader.GetString(0), out var kind);
            lineage.Add(new LineageEvent(kind, reader.GetFieldValue<DateOnly>(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.GetString(7)));
        }
        Telemetry.ReformMetrics.ScorecardRows.Add(units.Count + previousUnits.Count + pillars.Count + indicators.Count + targets.Count
            + merged.Values.Sum(p => p.Count) + lineage.Count, new KeyValuePair<string, object?>("scope", "catalogue"));
        return new PeriodCatalogue(planYear, period, units, previousUnits, pillars, indicators, targets,
            merged.ToDictionary(m => m.Key, m => (IReadOnlyList<int>)m.Value), lineage);
    }

    private static UnitLevel Level(string code) => CatalogueUnits.Level(code);
}
