using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Domain.Assessment;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Data.Assessment;

/// <summary>
/// What a head typed for one sub-criterion: the declared answer (<c>yes</c>/<c>no</c>, or a scale level), or the figure;
/// the self-score; and the reason when there is no evidence. Any may be empty in a draft; submitting needs a score and
/// evidence or the reason.
/// </summary>
public sealed record AnswerDraft(string SubCriterionCode, string? Answer, decimal? Figure, decimal? SelfScore, string? NoEvidenceReason);

/// <summary>
/// The unit's side of the assessment (issue 23): drafts of each sub-criterion as new versions, the figures of the
/// sub-criteria the dashboard measures filled in from the scorecard, and the submission (which locks the draft) or,
/// after a request for more evidence, the unit's answer. Only the head of the unit, only while
/// <see cref="RoundWindow"/> lets the unit write; each write one transaction with its audit entry.
/// </summary>
public static class SelfAssessmentWriter
{
    public const string SaveAction = "assessment.answer.save", PrefillAction = "assessment.answer.prefill",
        SubmitAction = "assessment.submit", AnswerAction = "assessment.evidence.answer";

    public static async Task<AssessmentResult> SaveAsync(ReformDbContext db, AssessmentCaller caller, int year, string unitCode, AnswerDraft draft,
        DateTimeOffset at, CancellationToken ct = default)
    {
        at = at.ToUniversalTime();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Database.AutoSavepointsEnabled = false;
        var (scope, problem) = await EditableAsync(db, caller, year, unitCode, at, ct);
        if (scope is null) return new AssessmentResult(problem);
        if (scope.SubCriterion(draft.SubCriterionCode) is not { } sub) return AssessmentResult.Refused("SubCriterionNotFound", draft.SubCriterionCode);
        var (answer, invalid) = Check(scope, sub, draft);
        if (invalid is not null) return new AssessmentResult(invalid);
        var result = await AppendAsync(db, scope, sub, answer!, figureFromScorecard: false, caller.Name, at, ct);
        if (!result.Unchanged)
        {
            AssessmentScopes.Audit(db, caller.Name, SaveAction, "assessment_answers", result.Id, scope.Unit.UnitId, at,
                new { year, unit = unitCode, subCriterion = sub.Code, answer!.Answer, answer.Figure, answer.SelfScore, noEvidenceReason = answer.NoEvidenceReason is not null });
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return result;
    }

    /// <summary>
    /// Fills the figure and the score it earns into each figure sub-criterion measured by a dashboard indicator, from
    /// <paramref name="yearValues"/> (the unit's whole-year scorecard values by indicator code; <see cref="ScorecardFigures"/>).
    /// A figure the unit typed itself is kept; one filled in before is refreshed. Returns how many were written.
    /// </summary>
    public static async Task<(int Written, AssessmentProblem? Problem)> PrefillAsync(ReformDbContext db, AssessmentCaller caller, int year, string unitCode,
        IReadOnlyDictionary<string, decimal> yearValues, DateTimeOffset at, CancellationToken ct = default)
    {
        at = at.ToUniversalTime();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Database.AutoSavepointsEnabled = false;
        var (scope, problem) = await EditableAsync(db, caller, year, unitCode, at, ct);
        if (scope is null) return (0, problem);
        var written = new List<object>();
        foreach (var sub in scope.SelfScored.Where(s => s.Method == ScoringMethod.Figure && s.IndicatorCode is not null))
        {
            if (!yearValues.TryGetValue(sub.IndicatorCode!, out var value)) continue;
            var current = await CurrentAsync(db, scope, sub, ct);
            if (current is { FigureFromScorecard: false, Figure: not null }) continue;
            var answer = new AssessmentAnswer
            {
                Author = caller.Name, Figure = value, SelfScore = SubCriterionScoring.Earned(sub, value), NoEvidenceReason = current?.NoEvidenceReason,
            };
            var result = await AppendAsync(db, scope, sub, answer, figureFromScorecard: true, caller.Name, at, ct);
            if (!result.Unchanged) written.Add(new { subCriterion = sub.Code, indicator = sub.IndicatorCode, figure = value, score = answer.SelfScore });
        }
        if (written.Count > 0)
        {
            AssessmentScopes.Audit(db, caller.Name, PrefillAction, "unit_assessments", scope.Assessment?.Id ?? 0, scope.Unit.UnitId, at, new { year, unit = unitCode, filled = written });
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return (written.Count, null);
    }

    /// <summary>
    /// Submits the draft (it locks: the unit writes no more unless the office asks for evidence) or, when the office
    /// asked for more evidence, sends the unit's answer back to the appraisal. Every self-scored sub-criterion needs a
    /// self-score, and evidence or the reason there is none.
    /// </summary>
    public static async Task<AssessmentResult> SubmitAsync(ReformDbContext db, AssessmentCaller caller, int year, string unitCode, DateTimeOffset at, CancellationToken ct = default)
    {
        at = at.ToUniversalTime();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (scope, problem) = await EditableAsync(db, caller, year, unitCode, at, ct);
        if (scope is null) return new AssessmentResult(problem);
        var assessment = await AssessmentScopes.EnsureAssessmentAsync(db, scope, at, ct);
        var answers = await db.AssessmentAnswers.AsNoTracking().Where(a => a.UnitAssessmentId == assessment.Id && a.IsCurrent).ToListAsync(ct);
        var withEvidence = await db.AssessmentEvidence.Where(e => e.UnitAssessmentId == assessment.Id && e.RemovedAt == null)
            .Select(e => e.SubCriterionId).Distinct().ToListAsync(ct);
        var ids = await SubCriterionIdsAsync(db, scope, ct);
        var expected = scope.SelfScored.ToList();
        var unscored = expected.Where(s => answers.All(a => a.SubCriterionId != ids[s.Code] || a.SelfScore is null)).Select(s => s.Code).ToList();
        if (unscored.Count > 0) return AssessmentResult.Refused("Incomplete", string.Join(", ", unscored));
        var unproven = expected.Where(s => !withEvidence.Contains(ids[s.Code])
            && answers.Single(a => a.SubCriterionId == ids[s.Code]).NoEvidenceReason is null && !answers.Single(a => a.SubCriterionId == ids[s.Code]).FigureFromScorecard)
            .Select(s => s.Code).ToList();
        if (unproven.Count > 0) return AssessmentResult.Refused("EvidenceMissing", string.Join(", ", unproven));

        var answering = scope.State == AssessmentState.EvidenceRequested;
        assessment.State = (answering ? AssessmentState.UnderAppraisal : AssessmentState.Submitted).ToCode();
        assessment.UpdatedAt = at;
        if (!answering) (assessment.SubmittedAt, assessment.SubmittedBy) = (at, caller.Name);
        await db.SaveChangesAsync(ct);
        AssessmentScopes.Audit(db, caller.Name, answering ? AnswerAction : SubmitAction, "unit_assessments", assessment.Id, scope.Unit.UnitId, at,
            new { year, unit = unitCode, selfScore = answers.Sum(a => a.SelfScore ?? 0m), subCriteria = expected.Count });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return new AssessmentResult(Id: assessment.Id);
    }

    /// <summary>Inside the write's transaction: the locked scope, if the caller heads the unit and the unit may write today.</summary>
    internal static async Task<(AssessmentScope? Scope, AssessmentProblem? Problem)> EditableAsync(ReformDbContext db, AssessmentCaller caller, int year, string unitCode,
        DateTimeOffset at, CancellationToken ct)
    {
        var (scope, problem) = await AssessmentScopes.LockAsync(db, year, unitCode, ct);
        if (scope is null) return (null, problem);
        if (!caller.Heads(scope.Unit)) return (null, new("NotHead", unitCode));
        if (!scope.UnitMayEdit(AssessmentScopes.HanoiDay(at))) return (null, new("NotEditable", scope.Round.OpensOn, scope.Round.ClosesOn));
        return (scope, null);
    }

    internal static async Task<Dictionary<string, int>> SubCriterionIdsAsync(ReformDbContext db, AssessmentScope scope, CancellationToken ct) =>
        await db.AssessmentSubCriteria.Where(s => s.FrameworkId == scope.Framework.Id).ToDictionaryAsync(s => s.Code, s => s.Id, StringComparer.Ordinal, ct);

    private static async Task<AssessmentAnswer?> CurrentAsync(ReformDbContext db, AssessmentScope scope, SubCriterion sub, CancellationToken ct)
    {
        if (scope.Assessment is null) return null;
        var id = await db.AssessmentSubCriteria.Where(s => s.FrameworkId == scope.Framework.Id && s.Code == sub.Code).Select(s => s.Id).SingleAsync(ct);
        return await db.AssessmentAnswers.AsNoTracking().SingleOrDefaultAsync(a => a.UnitAssessmentId == scope.Assessment.Id && a.SubCriterionId == id && a.IsCurrent, ct);
    }

    /// <summary>The draft's rules for the sub-criterion's method; the answer to store, or the problem.</summary>
    private static (AssessmentAnswer? Answer, AssessmentProblem? Problem) Check(AssessmentScope scope, SubCriterion sub, AnswerDraft draft)
    {
        var block = scope.Unit.Level;
        if (!sub.AppliesToBlock(block)) return (null, new("NotApplicable", sub.Code, block));
        if (sub.Method == ScoringMethod.Survey) return (null, new("ScoredBySurvey", sub.Code));
        var (reason, textProblem) = AssessmentScopes.Text(draft.NoEvidenceReason);
        if (textProblem is not null) return (null, textProblem);
        var (answerText, answerProblem) = AssessmentScopes.Text(draft.Answer, 200);
        if (answerProblem is not null) return (null, answerProblem);
        if (draft.Figure is not null && sub.Method != ScoringMethod.Figure) return (null, new("FigureForNonFigure", sub.Code));

        decimal? gives = null;
        switch (sub.Method)
        {
            case ScoringMethod.YesNo when answerText is not null:
                if (answerText is not ("yes" or "no")) return (null, new("AnswerUnknown", sub.Code, answerText, "yes; no"));
                gives = SubCriterionScoring.ForAnswer(sub, answerText == "yes");
                break;
            case ScoringMethod.Scale when answerText is not null:
                gives = SubCriterionScoring.ForLevel(sub, answerText);
                if (gives is null) return (null, new("AnswerUnknown", sub.Code, answerText, string.Join("; ", sub.Levels.Select(l => l.Label))));
                break;
            case ScoringMethod.Figure:
                if (answerText is not null) return (null, new("AnswerUnknown", sub.Code, answerText, "—"));
                if (draft.SelfScore is not null && draft.Figure is null) return (null, new("FigureMissing", sub.Code));
                break;
        }
        if (draft.SelfScore is { } score)
        {
            if (AssessmentScopes.ScoreProblem(sub, block, score, draft.Figure, selfScore: true) is { } p) return (null, p);
            if (gives is { } g && g != score) return (null, new("NotWhatTheAnswerGives", sub.Code, answerText!, g, score));
        }
        // A figure or an answer alone gives its score: the head need not type what the rule already says.
        var selfScore = draft.SelfScore ?? gives ?? (draft.Figure is { } f ? SubCriterionScoring.Earned(sub, f) : null);
        return (new AssessmentAnswer { Author = "", Answer = answerText, Figure = draft.Figure, SelfScore = selfScore, NoEvidenceReason = reason }, null);
    }

    /// <summary>Appends the answer as the sub-criterion's next version (retiring the current one); nothing when it equals the current.</summary>
    private static async Task<AssessmentResult> AppendAsync(ReformDbContext db, AssessmentScope scope, SubCriterion sub, AssessmentAnswer answer, bool figureFromScorecard,
        string author, DateTimeOffset at, CancellationToken ct)
    {
        var assessment = await AssessmentScopes.EnsureAssessmentAsync(db, scope, at, ct);
        var subId = await db.AssessmentSubCriteria.Where(s => s.FrameworkId == scope.Framework.Id && s.Code == sub.Code).Select(s => s.Id).SingleAsync(ct);
        var current = await db.AssessmentAnswers.AsNoTracking().SingleOrDefaultAsync(a => a.UnitAssessmentId == assessment.Id && a.SubCriterionId == subId && a.IsCurrent, ct);
        if (current is not null && current.Answer == answer.Answer && current.Figure == answer.Figure && current.SelfScore == answer.SelfScore
            && current.NoEvidenceReason == answer.NoEvidenceReason && current.FigureFromScorecard == figureFromScorecard)
            return new AssessmentResult(Id: current.Id, Unchanged: true);
        if (current is not null)
            await db.AssessmentAnswers.Where(a => a.Id == current.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.IsCurrent, false), ct);
        var version = 1 + (await db.AssessmentAnswers.Where(a => a.UnitAssessmentId == assessment.Id && a.SubCriterionId == subId).MaxAsync(a => (int?)a.Version, ct) ?? 0);
        var row = new AssessmentAnswer
        {
            UnitAssessmentId = assessment.Id, SubCriterionId = subId, Version = version, IsCurrent = true, Answer = answer.Answer, Figure = answer.Figure,
            FigureFromScorecard = figureFromScorecard, SelfScore = answer.SelfScore, NoEvidenceReason = answer.NoEvidenceReason, Author = author, CreatedAt = at,
        };
        db.AssessmentAnswers.Add(row);
        assessment.UpdatedAt = at;
        await db.SaveChangesAsync(ct);
        return new AssessmentResult(Id: row.Id);
    }
}
