using System.Globalization;
using System.Text.Json;
using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HaNoi.ReformDashboard.Data.Explanations;

public enum ExplanationOutcome
{
    Created, Updated,
    /// <summary>The draft equals the current version: nothing written.</summary>
    Unchanged,
    /// <summary>The draft breaks a rule (<see cref="ExplanationResult.Problems"/>): nothing written.</summary>
    Invalid,
    /// <summary>The unit or the indicator does not exist in the period, or the unit does not report the indicator.</summary>
    NotFound,
    /// <summary>The scoring engine does not call the indicator missed or at risk for the unit in the period.</summary>
    NotExplainable,
    /// <summary>Someone saved another version since the draft was opened.</summary>
    Conflict,
    /// <summary>Refused by the caller's rule of who writes for which unit: nothing written.</summary>
    NotAllowed,
}

public sealed record ExplanationResult(ExplanationOutcome Outcome, int Revision = 0, Status? Status = null, IReadOnlyList<ExplanationProblem>? Problems = null)
{
    public bool Saved => Outcome is ExplanationOutcome.Created or ExplanationOutcome.Updated;
}

/// <summary>
/// Writes a version of a unit's explanation of a miss: only for an indicator the scoring engine calls missed or at
/// risk, after the rules, as a new revision (the earlier stay readable) with its audit entry in the same transaction.
/// Who may write for which unit is the caller's rule (ActingUser); the author is the caller's signed-in name.
/// </summary>
public sealed class ExplanationWriter(IDbContextFactory<ReformDbContext> factory, ScorecardService scorecards, TimeProvider clock)
{
    public const string CreateAction = "explanation.create";
    public const string UpdateAction = "explanation.update";

    public async Task<ExplanationResult> SaveAsync(ExplanationDraft draft, string author, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(author)) throw new ArgumentException("An explanation needs its signed-in author.", nameof(author));
        var period = draft.Period;
        var card = await scorecards.GetAsync(new ScorecardRequest(period.Year, period, ScorecardScope.ForUnit(draft.UnitCode)), ct);
        if (card?.Unit(draft.UnitCode)?.For(draft.IndicatorCode) is not { } cell) return new(ExplanationOutcome.NotFound);
        if (cell.Score.Status is not (Status.Missed or Status.AtRisk)) return new(ExplanationOutcome.NotExplainable, Status: cell.Score.Status);

        var problems = ExplanationRules.Check(draft);
        if (problems.Count > 0) return new(ExplanationOutcome.Invalid, Problems: problems);
        var cause = ExplanationRules.Normalise(draft.Cause);
        var remedy = ExplanationRules.Normalise(draft.Remedy);

        await using var db = await factory.CreateDbContextAsync(ct);
        if (await CatalogueUnits.ByCodeAsync(db, draft.UnitCode, period.FirstDay, period.LastDay, ct) is not { } unit) return new(ExplanationOutcome.NotFound);
        var indicatorId = await db.Indicators.Where(i => i.Code == draft.IndicatorCode).Select(i => i.Id).SingleAsync(ct);
        var periodText = period.ToString();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // All or nothing as one transaction; no savepoints between the version and its audit entry.
        db.Database.AutoSavepointsEnabled = false;
        // The current version, locked: a second editor waits here and then sees the revision moved on.
        var current = (await db.Explanations.FromSql($"""
                SELECT * FROM explanations
                WHERE unit_id = {unit.Id} AND indicator_id = {indicatorId} AND period = {periodText} AND is_current FOR UPDATE
                """).AsNoTracking().ToListAsync(ct)).SingleOrDefault();
        if (current?.Revision != draft.BaseRevision) return new(ExplanationOutcome.Conflict, current?.Revision ?? 0);
        if (current is not null && current.Cause == cause && current.Remedy == remedy && current.ExpectedBy == draft.ExpectedBy)
            return new(ExplanationOutcome.Unchanged, current.Revision);

        var revision = current is null
            ? 1 + (await db.Explanations.Where(e => e.UnitId == unit.Id && e.IndicatorId == indicatorId && e.Period == periodText).MaxAsync(e => (int?)e.Revision, ct) ?? 0)
            : current.Revision + 1;
        if (current is not null)
            await db.Explanations.Where(e => e.Id == current.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.IsCurrent, false), ct);
        var now = clock.GetUtcNow();
        var version = new Schema.Explanation
        {
            UnitId = unit.Id, IndicatorId = indicatorId, Period = periodText, Cause = cause, Remedy = remedy, ExpectedBy = draft.ExpectedBy,
            Revision = revision, IsCurrent = true, Author = author, CreatedAt = now,
        };
        db.Explanations.Add(version);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two first explanations at once: the other one is current now.
            return new(ExplanationOutcome.Conflict);
        }
        var action = current is null ? CreateAction : UpdateAction;
        db.AuditLog.Add(new AuditEntry
        {
            At = now, Actor = author, Action = action, Entity = "explanation", EntityKey = version.Id.ToString(CultureInfo.InvariantCulture),
            UnitId = unit.Id,
            Details = JsonSerializer.Serialize(new { unit = draft.UnitCode, indicator = draft.IndicatorCode, period = periodText, revision, status = cell.Score.Status.ToCode() }),
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(current is null ? ExplanationOutcome.Created : ExplanationOutcome.Updated, revision, cell.Score.Status);
    }
}
