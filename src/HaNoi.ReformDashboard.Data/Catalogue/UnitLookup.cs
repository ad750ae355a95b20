using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HaNoi.ReformDashboard.Data.Catalogue;

/// <summary>The unit a code names in a period, by the one rule (the SQL function units_in_force).</summary>
public static class UnitLookup
{
    public sealed record UnitInForce(int UnitId, UnitLevel Level);

    public static async Task<UnitInForce?> InForceAsync(ReformDbContext db, string code, DateOnly first, DateOnly last, CancellationToken ct = default)
    {
        var found = await db.Database.SqlQueryRaw<Row>(ScorecardSql.UnitByCode,
                new NpgsqlParameter("code", code), new NpgsqlParameter("first_day", first), new NpgsqlParameter("last_day", last))
            .ToListAsync(ct);
        return found is [var row] && CatalogueCodes.TryParseLevel(row.level, out var level) ? new UnitInForce(row.unit_id, level) : null;
    }

    // Column names as the SQL returns them.
#pragma warning disable IDE1006
    private sealed record Row(int unit_id, string level);
#pragma warning restore IDE1006
}
