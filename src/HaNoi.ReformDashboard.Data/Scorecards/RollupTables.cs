using System.Diagnostics;
using HaNoi.ReformDashboard.Data.Schema;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Data.Scorecards;

public sealed record RollupSummary(long UnitMonthRows, long LevelMonthRows, long LevelWindowRows, TimeSpan Elapsed);

/// <summary>
/// The roll-up tables the scorecard reads (migrations Rollups, LevelWindows). Triggers keep them exact on every write; this
/// recomputes them from measurements when that is wanted anyway — after a bulk load, or to check nothing drifted.
/// </summary>
public static class RollupTables
{
    /// <summary>Everything again from measurements in one transaction: readers see the old figures or the new, never half.</summary>
    public static async Task<RollupSummary> RebuildAsync(ReformDbContext db, CancellationToken ct = default)
    {
        var started = Stopwatch.GetTimestamp();
        // Ten years of Hanoi is a million rows (tens of seconds on a busy machine); the default 30 s is for pages.
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await db.Database.ExecuteSqlRawAsync("SELECT rollups_rebuild()", ct);
            await tx.CommitAsync(ct);
        }
        // Fresh statistics: the planner reads the new tables by their key only if it knows how big they are.
        await db.Database.ExecuteSqlRawAsync("ANALYZE unit_month_figures; ANALYZE level_month_figures; ANALYZE level_window_figures", ct);
        var unitRows = await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM unit_month_figures").SingleAsync(ct);
        var levelRows = await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM level_month_figures").SingleAsync(ct);
        var windowRows = await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM level_window_figures").SingleAsync(ct);
        return new RollupSummary(unitRows, levelRows, windowRows, Stopwatch.GetElapsedTime(started));
    }
}
