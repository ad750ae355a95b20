using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HaNoi.ReformDashboard.Data.Catalogue;

/// <summary>
/// Units by code as they were in a period (e.g. the districts a list of communes belongs to), for headings; a
/// scorecard carries only its level. The units come from units_in_force, the one rule.
/// </summary>
public sealed class UnitNamesQuery(IDbContextFactory<ReformDbContext> factory)
{
    public async Task<IReadOnlyDictionary<string, UnitInfo>> RunAsync(IEnumerable<string> codes, Period period, CancellationToken ct = default)
    {
        var wanted = codes.Distinct(StringComparer.Ordinal).ToArray();
        if (wanted.Length == 0) return new Dictionary<string, UnitInfo>();
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Database.SqlQueryRaw<Row>("""
                SELECT u.code, u.name_vi, u.name_en, u.level, p.code AS parent_code
                FROM units_in_force(@first_day, @last_day) u
                LEFT JOIN units_in_force(@first_day, @last_day) p ON p.unit_id = u.parent_id
                WHERE u.code = ANY(@codes)
                ORDER BY u.valid_from
                """,
                new NpgsqlParameter("first_day", period.FirstDay), new NpgsqlParameter("last_day", period.LastDay), new NpgsqlParameter("codes", wanted))
            .ToListAsync(ct);
        // A code reused within the period: the unit that started later (as everywhere else).
        return rows.GroupBy(r => r.code).ToDictionary(g => g.Key, g =>
        {
            var r = g.Last();
            CatalogueCodes.TryParseLevel(r.level, out var level);
            return new UnitInfo(r.code, r.name_vi, r.name_en, level, r.parent_code);
        }, StringComparer.Ordinal);
    }

    // Column names as the SQL returns them.
#pragma warning disable IDE1006
    private sealed record Row(string code, string name_vi, string name_en, string level, string? parent_code);
#pragma warning restore IDE1006
}
