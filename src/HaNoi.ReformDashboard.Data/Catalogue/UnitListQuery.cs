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
/// A list, not a scorecard: the reports page picks a unit from it. The units come from the period's catalogue
/// (units_in_force, the one rule; cached per data version), a reused code meaning the unit that started later, as in a
/// scorecard; "provisional" is the level scorecard's (its reports counted from the roll-ups, ScorecardSql.ReportCounts).
/// </summary>
public sealed class UnitListQuery(IDbContextFactory<ReformDbContext> factory, TimeProvider clock, CatalogueService catalogue)
{
    public async Task<UnitList> RunAsync(int planYear, Period period, UnitLevel level, CancellationToken ct = default)
    {
        var units = (await catalogue.ForPeriodAsync(planYear, period, ct)).UnitsOf(level);

        await using var db = await factory.CreateDbContextAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(ScorecardSql.ReportCounts, connection);
        command.Parameters.AddRange(ScorecardSql.Parameters(planYear, period, level, null));
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var (expected, received) = (reader.GetInt32(0) * period.MonthCount, reader.GetInt32(1));
        return new UnitList(units, Provisional.Is(period, DateOnly.FromDateTime(clock.GetLocalNow().DateTime), expected, received));
    }
}
