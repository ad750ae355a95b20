using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Domain.Scoring;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HaNoi.ReformDashboard.Data.Scorecards;

/// <summary>
/// DESIGN §3.1's separate, labelled figure: each district's ratio together with its communes — Σ numerators ÷
/// Σ denominators over the district's own report and its communes' — for one indicator and period. The period
/// roll-up is the scorecard's (flow indicators add the months, stock ones take each unit's latest month), as are the
/// units in force; it is kept apart from the scorecard batch because only the district view of one indicator needs it.
/// </summary>
public sealed class DistrictWithCommunesQuery(IDbContextFactory<ReformDbContext> factory)
{
    public const string Sql = """
        WITH indicator AS (
            SELECT id, rollup = 'flow' AS adds_up FROM indicators WHERE code = @indicator AND kind = 'ratio'
        ),
        valid_units AS (
            SELECT unit_id AS id, code, level, parent_id FROM units_in_force(@first_day, @last_day)
        ),
        per_unit AS (
            SELECT m.unit_id,
                   CASE WHEN bool_and(i.adds_up) THEN sum(m.numerator) ELSE (array_agg(m.numerator ORDER BY m.period DESC))[1] END AS numerator,
                   CASE WHEN bool_and(i.adds_up) THEN sum(m.denominator) ELSE (array_agg(m.denominator ORDER BY m.period DESC))[1] END AS denominator
            FROM measurements m JOIN indicator i ON i.id = m.indicator_id
            WHERE m.is_current AND m.period BETWEEN @first_month AND @last_month
            GROUP BY m.unit_id
        )
        SELECT d.code, sum(p.numerator), sum(p.denominator)
        FROM valid_units d
        JOIN valid_units u ON u.id = d.id OR (u.parent_id = d.id AND u.level = 'commune')
        JOIN per_unit p ON p.unit_id = u.id
        WHERE d.level = 'district'
        GROUP BY d.code
        """;

    public async Task<IReadOnlyDictionary<string, Figure>> RunAsync(string indicatorCode, Period period, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.AddWithValue("indicator", indicatorCode);
        command.Parameters.AddWithValue("first_day", period.FirstDay);
        command.Parameters.AddWithValue("last_day", period.LastDay);
        command.Parameters.AddWithValue("first_month", period.FirstDay);
        command.Parameters.AddWithValue("last_month", period.LastDay);
        var result = new Dictionary<string, Figure>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            result[reader.GetString(0)] = new Figure(reader.IsDBNull(1) ? null : reader.GetDecimal(1), reader.IsDBNull(2) ? null : reader.GetDecimal(2), null);
        return result;
    }
}
