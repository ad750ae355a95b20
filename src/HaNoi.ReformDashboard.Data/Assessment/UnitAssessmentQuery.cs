using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Domain.Assessment;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Data.Assessment;

/// <summary>A sub-criterion of the unit's block with the unit's current answer, the council's current appraisal and the evidence files.</summary>
public sealed record SubCriterionLine(string FieldCode, string CriterionCode, SubCriterion Sub, AssessmentAnswer? Answer, AssessmentAppraisal? Appraisal,
    IReadOnlyList<EvidenceItem> Evidence);

/// <summary>One unit's assessment in its year's round as its screen shows it.</summary>
public sealed record UnitAssessmentView(int Year, AssessedUnit Unit, AssessmentRound Round, StoredFramework Framework, AssessmentState State, bool Started,
    bool UnitMayEdit, DateOnly? ReopenedUntil, DateOnly? EvidenceDueBy, DateTimeOffset? SubmittedAt, DateTimeOffset? FinalizedAt, IReadOnlyList<SubCriterionLine> Lines)
{
    public decimal SelfScore => Lines.Sum(l => l.Answer?.SelfScore ?? 0m);
    public decimal Appraised => Lines.Sum(l => l.Appraisal?.AppraisedScore ?? 0m);
    public decimal Maximum => Framework.Framework.MaximumFor(Unit.Level);
    public decimal SurveyMaximum => Framework.Framework.SurveyMaximumFor(Unit.Level);

    /// <summary>Points lost per field and criterion on the current appraised scores, largest first (<see cref="AssessmentIndex.Losses"/>).</summary>
    public IReadOnlyList<FieldLoss> Losses => AssessmentIndex.Losses(Framework.Framework, Unit.Level,
        Lines.Where(l => l.Appraisal?.AppraisedScore is not null).ToDictionary(l => l.Sub.Code, l => l.Appraisal!.AppraisedScore!.Value));
}

public static class UnitAssessmentQuery
{
    /// <summary>The view, or why there is none (an unknown unit, no round for its block).</summary>
    public static async Task<(UnitAssessmentView? View, AssessmentProblem? Problem)> LoadAsync(ReformDbContext db, int year, string unitCode, DateTimeOffset now,
        CancellationToken ct = default)
    {
        var (scope, problem) = await AssessmentScopes.LoadAsync(db, year, unitCode, ct);
        if (scope is null) return (null, problem);
        var ids = await db.AssessmentSubCriteria.AsNoTracking().Where(s => s.FrameworkId == scope.Framework.Id).ToDictionaryAsync(s => s.Id, s => s.Code, ct);
        var assessmentId = scope.Assessment?.Id ?? 0;
        var answers = await db.AssessmentAnswers.AsNoTracking().Where(a => a.UnitAssessmentId == assessmentId && a.IsCurrent).ToDictionaryAsync(a => ids[a.SubCriterionId], ct);
        var appraisals = await db.AssessmentAppraisals.AsNoTracking().Where(a => a.UnitAssessmentId == assessmentId && a.IsCurrent).ToDictionaryAsync(a => ids[a.SubCriterionId], ct);
        var evidence = (await db.AssessmentEvidence.AsNoTracking().Where(e => e.UnitAssessmentId == assessmentId && e.RemovedAt == null).OrderBy(e => e.UploadedAt)
                .Select(e => new { e.Id, e.SubCriterionId, e.FileName, e.ContentType, e.SizeBytes, e.Sha256, e.UploadedBy, e.UploadedAt }).ToListAsync(ct))
            .Select(e => new EvidenceItem(e.Id, ids[e.SubCriterionId], e.FileName, e.ContentType, e.SizeBytes, e.Sha256, e.UploadedBy, e.UploadedAt))
            .ToLookup(e => e.SubCriterionCode);
        var block = scope.Unit.Level;
        var lines = (from f in scope.Framework.Framework.Fields
                     from c in f.Criteria
                     from s in c.SubCriteria
                     where s.AppliesToBlock(block)
                     select new SubCriterionLine(f.Code, c.Code, s, answers.GetValueOrDefault(s.Code), appraisals.GetValueOrDefault(s.Code), [.. evidence[s.Code]])).ToList();
        var a = scope.Assessment;
        return (new UnitAssessmentView(year, scope.Unit, scope.Round, scope.Framework, scope.State, a is not null, scope.UnitMayEdit(AssessmentScopes.HanoiDay(now)),
            scope.ReopenedUntil, scope.EvidenceDueBy, a?.SubmittedAt, a?.FinalizedAt, lines), null);
    }
}
