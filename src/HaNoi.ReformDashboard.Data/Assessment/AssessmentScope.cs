using System.Globalization;
using System.Text;
using System.Text.Json;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Domain.Assessment;
using HaNoi.ReformDashboard.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Data.Assessment;

/// <summary>
/// One unit's assessment in its year's round, as every write starts from it: the unit in force in the year (its block
/// decides the round), the round and its framework version, the unit's assessment row (null before its first save),
/// its latest reopening and the deadline of a request for more evidence.
/// </summary>
internal sealed record AssessmentScope(AssessedUnit Unit, AssessmentRound Round, StoredFramework Framework, UnitAssessment? Assessment,
    DateOnly? ReopenedUntil, DateOnly? EvidenceDueBy)
{
    public AssessmentState State => Assessment is { } a && AssessmentCodes.TryParseState(a.State, out var s) ? s : AssessmentState.Draft;

    /// <summary>Whether the unit may write now: a round the office closed is open only through a reopening.</summary>
    public bool UnitMayEdit(DateOnly today) => RoundWindow.UnitMayEdit(State, Round.OpensOn,
        Round.State == "open" ? Round.ClosesOn : Round.OpensOn.AddDays(-1), today, ReopenedUntil, EvidenceDueBy);

    public SubCriterion? SubCriterion(string code) => Framework.Framework.SubCriteria.FirstOrDefault(s => s.Code == code);

    /// <summary>The sub-criteria the unit self-scores: those of its block that the survey does not score.</summary>
    public IEnumerable<SubCriterion> SelfScored => Framework.Framework.SubCriteriaFor(Unit.Level).Where(s => s.Method != ScoringMethod.Survey);
}

internal static class AssessmentScopes
{
    /// <summary>Hanoi's date at an instant (UTC+7 all year): windows and deadlines are Hanoi days.</summary>
    public static DateOnly HanoiDay(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(TimeSpan.FromHours(7)).DateTime);

    /// <summary>The scope, or the problem that stops any write (unknown unit, a unit outside the blocks, no round).</summary>
    public static async Task<(AssessmentScope? Scope, AssessmentProblem? Problem)> LoadAsync(ReformDbContext db, int year, string unitCode, CancellationToken ct)
    {
        if (!(await AssessedUnits.ForYearAsync(db, year, ct)).TryGetValue(unitCode, out var unit)) return (null, new("UnitNotFound", unitCode, year));
        if (!Framework.Blocks.Contains(unit.Level)) return (null, new("NotAssessed", unitCode));
        var round = await db.AssessmentRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Year == year && r.Block == unit.Level, ct);
        if (round is null) return (null, new("NoRound", year, unit.Level));
        var head = await db.AssessmentFrameworks.AsNoTracking().SingleAsync(f => f.Id == round.FrameworkId, ct);
        var framework = await FrameworkStore.LoadAsync(db, head, ct);
        var assessment = await db.UnitAssessments.AsNoTracking().SingleOrDefaultAsync(a => a.RoundId == round.Id && a.UnitId == unit.UnitId, ct);
        var reopened = await db.AssessmentReopenings.Where(r => r.RoundId == round.Id && r.UnitId == unit.UnitId).MaxAsync(r => (DateOnly?)r.Until, ct);
        DateOnly? due = assessment is null ? null
            : await db.AssessmentAppraisals.Where(a => a.UnitAssessmentId == assessment.Id && a.IsCurrent).MaxAsync(a => a.EvidenceDueOn, ct);
        return (new AssessmentScope(unit, round, framework, assessment, reopened, due), null);
    }

    /// <summary>
    /// Opens the write's transaction and takes the unit's lock in the round (a second writer waits, then reads what the
    /// first wrote), then loads the scope inside it.
    /// </summary>
    public static async Task<(AssessmentScope? Scope, AssessmentProblem? Problem)> LockAsync(ReformDbContext db, int year, string unitCode, CancellationToken ct)
    {
        var (scope, problem) = await LoadAsync(db, year, unitCode, ct);
        if (scope is null) return (null, problem);
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0}, {1})", [-23 - scope.Round.Id, scope.Unit.UnitId], ct);
        return await LoadAsync(db, year, unitCode, ct);
    }

    /// <summary>The unit's assessment row, created as a draft on the unit's first write.</summary>
    public static async Task<UnitAssessment> EnsureAssessmentAsync(ReformDbContext db, AssessmentScope scope, DateTimeOffset at, CancellationToken ct)
    {
        if (await db.UnitAssessments.SingleOrDefaultAsync(a => a.RoundId == scope.Round.Id && a.UnitId == scope.Unit.UnitId, ct) is { } existing) return existing;
        var created = new UnitAssessment { RoundId = scope.Round.Id, UnitId = scope.Unit.UnitId, State = AssessmentState.Draft.ToCode(), UpdatedAt = at };
        db.UnitAssessments.Add(created);
        await db.SaveChangesAsync(ct);
        return created;
    }

    public static void Audit(ReformDbContext db, string actor, string action, string entity, object key, int? unitId, DateTimeOffset at, object details) =>
        db.AuditLog.Add(new AuditEntry
        {
            At = at, Actor = actor, Action = action, Entity = entity, EntityKey = Convert.ToString(key, CultureInfo.InvariantCulture) ?? "", UnitId = unitId,
            Details = JsonSerializer.Serialize(details),
        });

    /// <summary>Typed text as stored: composed (NFC), trimmed; null when empty; a problem when too long or holding a control character.</summary>
    public static (string? Text, AssessmentProblem? Problem) Text(string? typed, int max = AssessmentAnswer.MaxTextLength)
    {
        var text = (typed ?? "").Normalize(NormalizationForm.FormC).Trim();
        if (text.Length == 0) return (null, null);
        if (text.Length > max) return (null, new("TextTooLong", max));
        if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))) return (null, new("TextControl"));
        return (text, null);
    }

    /// <summary>The problem of a score the sub-criterion cannot give, worded for the person who typed it.</summary>
    public static AssessmentProblem? ScoreProblem(SubCriterion sub, UnitLevel block, decimal score, decimal? figure, bool selfScore) =>
        SubCriterionScoring.Check(sub, block, score, figure, selfScore) switch
        {
            null => null,
            Domain.Assessment.ScoreProblem.NotApplicable => new("NotApplicable", sub.Code, block),
            Domain.Assessment.ScoreProblem.ScoredBySurvey => new("ScoredBySurvey", sub.Code),
            Domain.Assessment.ScoreProblem.OutOfRange => new("OutOfRange", sub.Code, score, sub.MaxPoints),
            Domain.Assessment.ScoreProblem.NotAStep => new("NotAStep", sub.Code, score,
                string.Join("; ", SubCriterionScoring.Allowed(sub).Select(a => a.ToString("0.##", CultureInfo.InvariantCulture)))),
            _ => new("NotWhatTheFigureEarns", sub.Code, figure ?? 0m, SubCriterionScoring.Earned(sub, figure ?? 0m), score),
        };
}
