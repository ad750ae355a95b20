using System.Globalization;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Domain.Scoring;
using Npgsql;

namespace HaNoi.ReformDashboard.Testing;

/// <summary>
/// What ScorecardSql's Sums and Series must return, computed by the Domain's flow/stock rule — <see cref="Rollups.Combine"/>
/// over a unit's months, <see cref="Rollups.Sum"/> over units — from the stored months read plainly (a SELECT of the current
/// rows, no sum in SQL): the oracle the roll-ups' SQL is held to. Which units count in a window is the one "in force" rule,
/// read from units_in_force. Rows are written as PostgreSQL prints the SQL's records (t::text: NULL empty, numeric(18,4)
/// with its four decimals) and sorted as TextRowsAsync sorts them, so the comparison is of every digit and the scale.
/// </summary>
public sealed class ScorecardOracle
{
    private readonly NpgsqlConnection _connection;
    private readonly Dictionary<int, IndicatorRule> _rules;
    private readonly Dictionary<(int UnitId, int IndicatorId), List<MonthlyFigure>> _months;

    private ScorecardOracle(NpgsqlConnection connection, Dictionary<int, IndicatorRule> rules,
        Dictionary<(int, int), List<MonthlyFigure>> months) => (_connection, _rules, _months) = (connection, rules, months);

    /// <summary>Reads the indicators' rules and every current month once; the connection stays in use for the units in force.</summary>
    public static async Task<ScorecardOracle> ReadAsync(NpgsqlConnection connection)
    {
        var rules = new Dictionary<int, IndicatorRule>();
        await using (var command = new NpgsqlCommand("SELECT id, code, pillar_code, kind, rollup FROM indicators", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                if (!CatalogueCodes.TryParseKind(reader.GetString(3), out var kind) || !CatalogueCodes.TryParseRollup(reader.GetString(4), out var rollup))
                    throw new InvalidOperationException($"indicator {reader.GetString(1)}: kind or roll-up not known");
                rules[reader.GetInt32(0)] = new IndicatorRule(reader.GetString(1), reader.GetString(2), kind, rollup);
            }
        }

        var months = new Dictionary<(int, int), List<MonthlyFigure>>();
        await using (var command = new NpgsqlCommand(
            "SELECT unit_id, indicator_id, period, numerator, denominator, value FROM measurements WHERE is_current", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                decimal? Read(int i) => reader.IsDBNull(i) ? null : reader.GetDecimal(i);
                var period = reader.GetFieldValue<DateOnly>(2);
                var month = new MonthlyFigure(period.Year, period.Month, Read(3), Read(4), Read(5));
                // Combine skips a month with no field (nothing reported) where the SQL would take it as a stock's latest
                // month: such a row is outside what the two are held equal on, so none may be stored.
                if (month.Figure.IsNone)
                    throw new InvalidOperationException($"unit {reader.GetInt32(0)}, indicator {reader.GetInt32(1)}, {period}: a stored month with every field NULL");
                var key = (reader.GetInt32(0), reader.GetInt32(1));
                if (!months.TryGetValue(key, out var list)) months[key] = list = [];
                list.Add(month);
            }
        }
        return new ScorecardOracle(connection, rules, months);
    }

    /// <summary>
    /// ScorecardSql.Sums: for the period (tag 0), the previous like period (1) and the year to date (2, none when the
    /// period starts in January), each unit's figure — of the detail level only, every unit when none — each level's and
    /// the city's, with the months reported.
    /// </summary>
    public async Task<List<string>> SumsAsync(Period period, UnitLevel? detailLevel)
    {
        var windows = new List<(int Tag, Period Window)> { (0, period), (1, period.Previous()) };
        if (period.FirstMonth != 1) windows.Add((2, Period.YearToDate(period.Year, period.LastMonth)));

        var rows = new List<string>();
        foreach (var (tag, window) in windows)
        {
            var inForce = await UnitsInForceAsync(window);
            var units = new List<(int UnitId, string Level, int IndicatorId, Figure Figure, int Months)>();
            foreach (var ((unitId, indicatorId), months) in _months)
            {
                if (!inForce.TryGetValue(unitId, out var level)) continue;
                var count = months.Count(m => window.Contains(m.Year, m.Month));
                if (count == 0) continue;
                units.Add((unitId, level, indicatorId, Rollups.Combine(_rules[indicatorId], window, months), count));
            }

            rows.AddRange(units.Where(u => detailLevel is null || u.Level == detailLevel.Value.ToCode())
                .Select(u => Row(tag, u.IndicatorId, u.Level, u.UnitId, u.Figure, u.Months)));
            rows.AddRange(units.GroupBy(u => (u.IndicatorId, u.Level))
                .Select(g => Row(tag, g.Key.IndicatorId, g.Key.Level, null, Rollups.Sum(g.Select(u => u.Figure)), g.Sum(u => u.Months))));
            rows.AddRange(units.GroupBy(u => u.IndicatorId)
                .Select(g => Row(tag, g.Key, null, null, Rollups.Sum(g.Select(u => u.Figure)), g.Sum(u => u.Months))));
        }
        return Sorted(rows);
    }

    /// <summary>
    /// ScorecardSql.Series: month by month from January through the period's end, each level's and the city's figure
    /// over the units in force in that month, and the series unit's own, its merged predecessors' months added in.
    /// </summary>
    public async Task<List<string>> SeriesAsync(Period period, int? seriesUnit)
    {
        var rows = new List<string>();
        for (var m = 1; m <= period.LastMonth; m++)
        {
            var month = Period.Month(period.Year, m);
            var inForce = await UnitsInForceAsync(month);
            var units = _months
                .Where(x => inForce.ContainsKey(x.Key.UnitId) && x.Value.Any(f => month.Contains(f.Year, f.Month)))
                .Select(x => (Level: inForce[x.Key.UnitId], x.Key.IndicatorId, Figure: Rollups.Combine(_rules[x.Key.IndicatorId], month, x.Value)))
                .ToList();
            rows.AddRange(units.GroupBy(u => (u.IndicatorId, u.Level))
                .Select(g => SeriesRow(g.Key.IndicatorId, g.Key.Level, null, m, Rollups.Sum(g.Select(u => u.Figure)))));
            rows.AddRange(units.GroupBy(u => u.IndicatorId)
                .Select(g => SeriesRow(g.Key, null, null, m, Rollups.Sum(g.Select(u => u.Figure)))));
        }

        if (seriesUnit is { } unit)
        {
            // The lineage's months together: Combine adds up several reports of the same month.
            var lineage = (await IdsAsync("SELECT predecessor_id FROM unit_merged_predecessors WHERE unit_id = @unit", unit)).Append(unit).ToHashSet();
            foreach (var indicator in _months.Where(x => lineage.Contains(x.Key.UnitId)).GroupBy(x => x.Key.IndicatorId))
            {
                var months = indicator.SelectMany(x => x.Value).ToList();
                for (var m = 1; m <= period.LastMonth; m++)
                {
                    var month = Period.Month(period.Year, m);
                    if (months.Any(f => month.Contains(f.Year, f.Month)))
                        rows.Add(SeriesRow(indicator.Key, null, unit, m, Rollups.Combine(_rules[indicator.Key], month, months)));
                }
            }
        }
        return Sorted(rows);
    }

    private async Task<Dictionary<int, string>> UnitsInForceAsync(Period window)
    {
        var units = new Dictionary<int, string>();
        await using var command = new NpgsqlCommand("SELECT unit_id, level FROM units_in_force(@first, @last)", _connection);
        command.Parameters.AddWithValue("first", window.FirstDay);
        command.Parameters.AddWithValue("last", window.LastDay);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) units.Add(reader.GetInt32(0), reader.GetString(1));
        return units;
    }

    private async Task<List<int>> IdsAsync(string sql, int unit)
    {
        var ids = new List<int>();
        await using var command = new NpgsqlCommand(sql, _connection);
        command.Parameters.AddWithValue("unit", unit);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetInt32(0));
        return ids;
    }

    private static string Row(int tag, int indicatorId, string? level, int? unitId, Figure figure, int months) =>
        $"({tag},{indicatorId},{level},{unitId},{Text(figure.Numerator)},{Text(figure.Denominator)},{Text(figure.Value)},{months})";

    private static string SeriesRow(int indicatorId, string? level, int? unitId, int month, Figure figure) =>
        $"({indicatorId},{level},{unitId},{month},{Text(figure.Numerator)},{Text(figure.Denominator)},{Text(figure.Value)})";

    /// <summary>As PostgreSQL prints a numeric(18,4) sum: four decimals, nothing for NULL.</summary>
    private static string Text(decimal? value) => value?.ToString("0.0000", CultureInfo.InvariantCulture) ?? "";

    private static List<string> Sorted(List<string> rows) => [.. rows.Order(StringComparer.Ordinal)];
}
