using System.Globalization;
using System.Text.Json;
using HaNoi.ReformDashboard.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using HaNoi.ReformDashboard.Data.Messages;

namespace HaNoi.ReformDashboard.Data.Catalogue;

/// <summary>The plan year cannot be copied as asked; the message is bilingual (Vietnamese / English).</summary>
public sealed class PlanYearCopyException(string message) : Exception(message);

public sealed record PlanYearCopied(int From, int To, int Indicators, int Targets, int TargetsLeftOut);

/// <summary>
/// A new plan year starts as a copy of an earlier one: its title, its catalogue (indicators, levels, tolerances,
/// headline cards) and its targets, in one transaction with an audit entry. A target of a unit that is not in force
/// in the new year is left out (and counted). The CLI uses it now; the targets page will use the same operation.
/// </summary>
public static class PlanYearCopy
{
    public static async Task<PlanYearCopied> CopyAsync(ReformDbContext db, int from, int to, string actor, DateTimeOffset now, CancellationToken ct = default)
    {
        if (to is < 2000 or > 2100)
            throw new PlanYearCopyException(DataText.Both("YearIsOutOfRange", to));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var source = await db.PlanYears.SingleOrDefaultAsync(p => p.Year == from, ct)
            ?? throw new PlanYearCopyException(DataText.Both("ThereIsNoPlanYear", from));
        if (await db.PlanYears.AnyAsync(p => p.Year == to, ct))
            throw new PlanYearCopyException(DataText.Both("PlanYearAlreadyExistsIt", to));

        string Retitle(string title) => title.Replace(from.ToString(CultureInfo.InvariantCulture), to.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        db.PlanYears.Add(new PlanYear { Year = to, TitleVi = Retitle(source.TitleVi), TitleEn = Retitle(source.TitleEn) });
        await db.SaveChangesAsync(ct);

        NpgsqlParameter[] Parameters() => [new("from_year", from), new("to_year", to), new("first_day", new DateOnly(to, 1, 1)), new("last_day", new DateOnly(to, 12, 31))];
        var indicators = await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO plan_year_indicators (plan_year, indicator_id, levels, tolerance, headline_order)
            SELECT @to_year, indicator_id, levels, tolerance, headline_order FROM plan_year_indicators WHERE plan_year = @from_year
            """, Parameters(), ct);
        var targets = await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO targets (plan_year, indicator_id, level, unit_id, operator, threshold, aspirational, source_vi)
            SELECT @to_year, indicator_id, level, unit_id, operator, threshold, aspirational, source_vi FROM targets
            WHERE plan_year = @from_year
              AND (unit_id IS NULL OR unit_id IN (SELECT unit_id FROM units_in_force(@first_day, @last_day)))
            """, Parameters(), ct);
        var all = await db.Targets.CountAsync(t => t.PlanYear == from, ct);

        var copied = new PlanYearCopied(from, to, indicators, targets, all - targets);
        db.AuditLog.Add(new AuditEntry
        {
            At = now.ToUniversalTime(), Actor = actor, Action = "plan_year.copy", Entity = "plan_year",
            EntityKey = to.ToString(CultureInfo.InvariantCulture), Details = JsonSerializer.Serialize(copied),
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return copied;
    }
}
