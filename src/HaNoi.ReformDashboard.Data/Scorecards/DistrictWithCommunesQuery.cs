using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Domain.Scoring;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HaNoi.ReformDashboard.Data.Scorecards;

/// <summary>
/// The separate, labelled figure of docs/scoring.md (rule 1): each district's ratio together with its communes — Σ numerators ÷
/// Σ denominators over the district's own report and its communes' — for one indicator and period. The period
/// roll-up is the scorecard's (flow indicators add the months, stock ones take each unit's latest month), as are the
/// units in force; it is kept apart from the scorecard batch because only the district view of one indicator needs it.
/// </summary>
public sealed class DistrictWithCommunesQuery(IDbContextFactory<ReformDbContext> factory)
{
    public const string Sql = """
        WITH valid_units AS (
            SELECT unit_id AS id, code, level, parent_id FROM units_in_force(@first_day, @last_day)
        ),
        -- Each unit's figure in the period, by the scorecard's own rule (unit_window_figures, read from the roll-ups).
        per_unit AS (
            SELECT p.unit_id, p.n * 0.0001 AS numerator, p.d * 0.0001 AS denominator
            FROM unit_window_figures(@first_day, @last_day,
                                     ARRAY(SELECT id FROM indicators WHERE code = @indicator AND kind = 'ratio'), NULL) p
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
        var result = new Dictionary<string, Figure>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            result[reader.GetString(0)] = new Figure(reader.IsDBNull(1) ? null : reader.GetDecimal(1), reader.IsDBNull(2) ? null : reader.GetDecimal(2), null);
        return result;
    }
}
