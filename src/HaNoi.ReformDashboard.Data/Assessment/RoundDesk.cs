using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Domain.Assessment;
using HaNoi.ReformDashboard.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Data.Assessment;

/// <summary>
/// The reform office's rounds: open a year's round for a block on the year's current framework, close it early, and
/// reopen it for one unit (a late submission) until a day. Each act with its audit entry, in one transaction.
/// </summary>
public static class RoundDesk
{
    public const string OpenAction = "assessment.round.open", CloseAction = "assessment.round.close", ReopenAction = "assessment.round.reopen";

    public static async Task<AssessmentResult> OpenAsync(ReformDbContext db, AssessmentCaller caller, int year, UnitLevel block, DateOnly opensOn, DateOnly closesOn,
        DateTimeOffset at, CancellationToken ct = default)
    {
        at = at.ToUniversalTime();
        if (caller.Role != AssessmentRole.Office) return AssessmentResult.Refused("NotOffice");
        if (closesOn < opensOn) return AssessmentResult.Refused("WindowBackwards", opensOn, closesOn);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(23, {0})", [year], ct);
        if (await FrameworkStore.CurrentAsync(db, year, ct) is not { } framework) return AssessmentResult.Refused("NoFramework", year);
        if (!framework.Framework.AssessedBlocks.Contains(block)) return AssessmentResult.Refused("BlockNotInFramework", year, block);
        if (await db.AssessmentRounds.AnyAsync(r => r.Year == year && r.Block == block, ct)) return AssessmentResult.Refused("RoundExists", year, block);
        var round = new AssessmentRound { Year = year, Block = block, FrameworkId = framework.Id, OpensOn = opensOn, ClosesOn = closesOn, CreatedBy = caller.Name, CreatedAt = at };
        db.AssessmentRounds.Add(round);
        await db.SaveChangesAsync(ct);
        AssessmentScopes.Audit(db, caller.Name, OpenAction, "assessment_rounds", round.Id, null, at,
            new { year, block = block.ToCode(), framework = framework.Id, version = framework.Version, opensOn, closesOn });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return new AssessmentResult(Id: round.Id);
    }

    /// <summary>Closes the round before its last day: units then write only through a reopening.</summary>
    public static async Task<AssessmentResult> CloseAsync(ReformDbContext db, AssessmentCaller caller, int year, UnitLevel block, DateTimeOffset at, CancellationToken ct = default)
    {
        at = at.ToUniversalTime();
        if (caller.Role != AssessmentRole.Office) return AssessmentResult.Refused("NotOffice");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var round = (await db.AssessmentRounds.FromSql($"SELECT * FROM assessment_rounds WHERE year = {year} AND block = {block.ToCode()} FOR UPDATE").ToListAsync(ct)).SingleOrDefault();
        if (round is null) return AssessmentResult.Refused("NoRound", year, block);
        if (round.State != "open") return AssessmentResult.Refused("RoundNotOpen");
        round.State = "closed";
        AssessmentScopes.Audit(db, caller.Name, CloseAction, "assessment_rounds", round.Id, null, at, new { year, block = block.ToCode() });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return new AssessmentResult(Id: round.Id);
    }

    /// <summary>Lets one unit write its draft again, through <paramref name="until"/> (a Hanoi day, today or later), for a stated reason.</summary>
    public static async Task<AssessmentResult> ReopenAsync(ReformDbContext db, AssessmentCaller caller, int year, string unitCode, DateOnly until, string? reason,
        DateTimeOffset at, CancellationToken ct = default)
    {
        at = at.ToUniversalTime();
        if (caller.Role != AssessmentRole.Office) return AssessmentResult.Refused("NotOffice");
        if (until < AssessmentScopes.HanoiDay(at)) return AssessmentResult.Refused("ReopenUntilPast", until);
        var (text, problem) = AssessmentScopes.Text(reason);
        if (problem is not null) return new AssessmentResult(problem);
        if (text is null) return AssessmentResult.Refused("ReasonRequired");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (scope, missing) = await AssessmentScopes.LockAsync(db, year, unitCode, ct);
        if (scope is null) return new AssessmentResult(missing);
        if (scope.State == AssessmentState.Final) return AssessmentResult.Refused("AlreadyFinal", unitCode);
        var reopening = new AssessmentReopening { RoundId = scope.Round.Id, UnitId = scope.Unit.UnitId, Until = until, Reason = text, ReopenedBy = caller.Name, ReopenedAt = at };
        db.AssessmentReopenings.Add(reopening);
        await db.SaveChangesAsync(ct);
        AssessmentScopes.Audit(db, caller.Name, ReopenAction, "assessment_reopenings", reopening.Id, scope.Unit.UnitId, at, new { year, unit = unitCode, until, reason = text });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return new AssessmentResult(Id: reopening.Id);
    }
}
