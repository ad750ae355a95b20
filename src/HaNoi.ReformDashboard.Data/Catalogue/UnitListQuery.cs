using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Domain.Scoring;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HaNoi.ReformDashboard.Data.Catalogue;

/// <summary>The units of a level in force in a period, and whether its figures are provisional, for a picker.</summary>
public sealed record UnitList(IReadOnlyList<UnitInfo> Units, bool Provisional);

/// <summary>
/// A list, not a scorecard: the reports page picks a unit from it. The units come from units_in_force (the one rule),
/// a reused code meaning the unit that started later, as in a scorecard; "provisional" is the level scorecard's
/// (its reports counted from the roll-ups, ScorecardSql.ReportCounts).
/// </summary>
public sealed class UnitListQuery(IDbContextFactory<ReformDbContext> factory, TimeProvider clock)
{
    public async Task<UnitList> RunAsync(int planYear, Period period, UnitLevel level, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Database.SqlQueryRaw<Row>("""
                SELECT u.code, u.name_vi, u.name_en, u.level, p.code AS parent_code
                FROM units_in_force(@first_day, @last_day) u
                LEFT JOIN units_in_force(@first_day, @last_day) p ON p.unit_id = u.parent_id
                WHERE u.level = @level
                ORDER BY u.code, u.valid_from
                """,
                new NpgsqlParameter("first_day", period.FirstDay), new NpgsqlParameter("last_day", period.LastDay), new NpgsqlParameter("level", level.ToCode()))
            .ToListAsync(ct);
        var units = rows.GroupBy(r => r.code).Select(g => g.Last())
            .Select(r => new UnitInfo(r.code, r.name_vi, r.name_en, level, r.parent_code)).ToList();

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(ScorecardSql.ReportCounts, connection);
        command.Parameters.AddRange(ScorecardSql.Parameters(planYear, period, level, null));
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var (expected, received) = (reader.GetInt32(0) * period.MonthCount, reader.GetInt32(1));
        return new UnitList(units, Provisional.Is(period, DateOnly.FromDateTime(clock.GetLocalNow().DateTime), expected, received));
    }

    // Column names as the SQL returns them.
#pragma warning disable IDE1006
    private sealed record Row(string code, string name_vi, string name_en, string level, string? parent_code);
#pragma warning restore IDE1006
}
