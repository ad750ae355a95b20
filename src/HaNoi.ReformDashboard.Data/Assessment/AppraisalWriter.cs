using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Domain.Assessment;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Data.Assessment;

/// <summary>
/// The reform office's appraisal (issue 23): per sub-criterion the appraised score and a comment, a request for more
/// evidence that goes back to the unit with a deadline, then final. Every appraisal is a new version (the earlier stay),
/// with its audit entry in the same transaction; a final assessment is not changed again.
/// </summary>
public static class AppraisalWriter
{
    public const string AppraiseAction = "assessment.appraise", RequestAction = "assessment.evidence.request", FinalizeAction = "assessment.finalize";

    public static async Task<AssessmentResult> AppraiseAsync(ReformDbContext db, AssessmentCaller caller, int year, string unitCode, string subCriterionCode,
        decimal score, string? comment, DateTimeOffset at, CancellationToken ct = default)
    {
        at = at.ToUniversalTime();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Database.AutoSavepointsEnabled = false;
        var (scope, problem) = await AppraisableAsync(db, caller, year, unitCode, ct);
        if (scope is null) return new AssessmentResult(problem);
        if (scope.SubCriterion(subCriterionCode) is not { } sub) return AssessmentResult.Refused("SubCriterionNotFound", subCriterionCode);
        if (AssessmentScopes.ScoreProblem(sub, scope.Unit.Level, score, null, selfScore: false) is { } invalid) return new AssessmentResult(invalid);
        var (text, textProblem) = AssessmentScopes.Text(comment);
        if (textProblem is not null) return new AssessmentResult(textProblem);
        var result = await AppendAsync(db, scope, sub.Code, score, text ?? "", null, caller.Name, at, ct);
        if (result.Unchanged) { await tx.CommitAsync(ct); return result; }
        await MoveAsync(db, scope, AssessmentState.UnderAppraisal, at, ct);
        AssessmentScopes.Audit(db, caller.Name, AppraiseAction, "assessment_appraisals", result.Id, scope.Unit.UnitId, at,
            new { year, unit = unitCode, subCriterion = sub.Code, score, comment = text });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return result;
    }

    /// <summary>Asks the unit for more evidence on a sub-criterion by <paramref name="dueOn"/> (after today): the assessment goes back to the unit.</summary>
    public static async Task<AssessmentResult> RequestEvidenceAsync(ReformDbContext db, AssessmentCaller caller, int year, string unitCode, string subCriterionCode,
        DateOnly dueOn, string? comment, DateTimeOffset at, CancellationToken ct = default)
    {
        at = at.ToUniversalTime();
        if (caller.Role != AssessmentRole.Office) return AssessmentResult.Refused("NotOffice");
        if (dueOn <= AssessmentScopes.HanoiDay(at)) return AssessmentResult.Refused("DueNotFuture", dueOn);
        var (text, textProblem) = AssessmentScopes.Text(comment);
        if (textProblem is not null) return new AssessmentResult(textProblem);
        if (text is null) return AssessmentResult.Refused("CommentRequired");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Database.AutoSavepointsEnabled = false;
        var (scope, problem) = await AppraisableAsync(db, caller, year, unitCode, ct);
        if (scope is null) return new AssessmentResult(problem);
        if (scope.SubCriterion(subCriterionCode) is not { } sub || !scope.SelfScored.Contains(sub))
            return AssessmentResult.Refused("SubCriterionNotFound", subCriterionCode);
        var current = await CurrentAsync(db, scope, sub.Code, ct);
        var result = await AppendAsync(db, scope, sub.Code, current?.AppraisedScore, text, dueOn, caller.Name, at, ct);
        await MoveAsync(db, scope, AssessmentState.EvidenceRequested, at, ct);
        AssessmentScopes.Audit(db, caller.Name, RequestAction, "assessment_appraisals", result.Id, scope.Unit.UnitId, at,
            new { year, unit = unitCode, subCriterion = sub.Code, dueOn, comment = text });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return result;
    }

    /// <summary>Makes the appraisal final: every self-scored sub-criterion of the unit's block has an appraised score, and no request for evidence is still running.</summary>
    public static async Task<AssessmentResult> FinalizeAsync(ReformDbContext db, AssessmentCaller caller, int year, string unitCode, DateTimeOffset at, CancellationToken ct = default)
    {
        at = at.ToUniversalTime();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (scope, problem) = await AppraisableAsync(db, caller, year, unitCode, ct);
        if (scope is null) return new AssessmentResult(problem);
        var today = AssessmentScopes.HanoiDay(at);
        if (scope.State == AssessmentState.EvidenceRequested && scope.EvidenceDueBy is { } due && due >= today) return AssessmentResult.Refused("EvidencePending", due);
        var ids = await SelfAssessmentWriter.SubCriterionIdsAsync(db, scope, ct);
        var scored = await db.AssessmentAppraisals.Where(a => a.UnitAssessmentId == scope.Assessment!.Id && a.IsCurrent && a.AppraisedScore != null)
            .Select(a => a.SubCriterionId).ToListAsync(ct);
        var missing = scope.SelfScored.Where(s => !scored.Contains(ids[s.Code])).Select(s => s.Code).ToList();
        if (missing.Count > 0) return AssessmentResult.Refused("NotAppraised", string.Join(", ", missing));
        var assessment = await db.UnitAssessments.SingleAsync(a => a.Id == scope.Assessment!.Id, ct);
        (assessment.State, assessment.FinalizedAt, assessment.FinalizedBy, assessment.UpdatedAt) = (AssessmentState.Final.ToCode(), at, caller.Name, at);
        await db.SaveChangesAsync(ct);
        var total = await db.AssessmentAppraisals.Where(a => a.UnitAssessmentId == assessment.Id && a.IsCurrent).SumAsync(a => a.AppraisedScore ?? 0m, ct);
        AssessmentScopes.Audit(db, caller.Name, FinalizeAction, "unit_assessments", assessment.Id, scope.Unit.UnitId, at, new { year, unit = unitCode, appraised = total });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return new AssessmentResult(Id: assessment.Id);
    }

    /// <summary>Inside the write's transaction: the locked scope, if the caller is the office and the unit's assessment is submitted and not final.</summary>
    private static async Task<(AssessmentScope? Scope, AssessmentProblem? Problem)> AppraisableAsync(ReformDbContext db, AssessmentCaller caller, int year, string unitCode,
        CancellationToken ct)
    {
        if (caller.Role != AssessmentRole.Office) return (null, new("NotOffice"));
        var (scope, problem) = await AssessmentScopes.LockAsync(db, year, unitCode, ct);
        if (scope is null) return (null, problem);
        return scope.State switch
        {
            AssessmentState.Final => (null, new("AlreadyFinal", unitCode)),
            AssessmentState.Draft => (null, new("NotSubmitted", unitCode)),
            _ => (scope, null),
        };
    }

    private static async Task<AssessmentAppraisal?> CurrentAsync(ReformDbContext db, AssessmentScope scope, string code, CancellationToken ct)
    {
        var subId = await db.AssessmentSubCriteria.Where(s => s.FrameworkId == scope.Framework.Id && s.Code == code).Select(s => s.Id).SingleAsync(ct);
        return await db.AssessmentAppraisals.AsNoTracking().SingleOrDefaultAsync(a => a.UnitAssessmentId == scope.Assessment!.Id && a.SubCriterionId == subId && a.IsCurrent, ct);
    }

    private static async Task<AssessmentResult> AppendAsync(ReformDbContext db, AssessmentScope scope, string code, decimal? score, string comment, DateOnly? dueOn,
        string author, DateTimeOffset at, CancellationToken ct)
    {
        var subId = await db.AssessmentSubCriteria.Where(s => s.FrameworkId == scope.Framework.Id && s.Code == code).Select(s => s.Id).SingleAsync(ct);
        var assessmentId = scope.Assessment!.Id;
        var current = await db.AssessmentAppraisals.AsNoTracking().SingleOrDefaultAsync(a => a.UnitAssessmentId == assessmentId && a.SubCriterionId == subId && a.IsCurrent, ct);
        if (current is not null && current.AppraisedScore == score && current.Comment == comment && current.EvidenceDueOn == dueOn)
            return new AssessmentResult(Id: current.Id, Unchanged: true);
        if (current is not null)
            await db.AssessmentAppraisals.Where(a => a.Id == current.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.IsCurrent, false), ct);
        var version = 1 + (await db.AssessmentAppraisals.Where(a => a.UnitAssessmentId == assessmentId && a.SubCriterionId == subId).MaxAsync(a => (int?)a.Version, ct) ?? 0);
        var row = new AssessmentAppraisal
        {
            UnitAssessmentId = assessmentId, SubCriterionId = subId, Version = version, IsCurrent = true, AppraisedScore = score, Comment = comment,
            EvidenceDueOn = dueOn, Author = author, CreatedAt = at,
        };
        db.AssessmentAppraisals.Add(row);
        await db.SaveChangesAsync(ct);
        return new AssessmentResult(Id: row.Id);
    }

    /// <summary>A submitted assessment goes under appraisal at its first appraisal; a request for evidence sends it back to the unit.</summary>
    private static async Task MoveAsync(ReformDbContext db, AssessmentScope scope, AssessmentState to, DateTimeOffset at, CancellationToken ct)
    {
        var assessment = await db.UnitAssessments.SingleAsync(a => a.Id == scope.Assessment!.Id, ct);
        if (to == AssessmentState.UnderAppraisal && scope.State != AssessmentState.Submitted) return;
        (assessment.State, assessment.UpdatedAt) = (to.ToCode(), at);
        await db.SaveChangesAsync(ct);
    }
}
