using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Domain.Assessment;
using HaNoi.ReformDashboard.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Data.Assessment;

/// <summary>A unit's place in its round: not started, or its state, when it submitted, and how many sub-criteria are appraised.</summary>
public sealed record ProgressRow(AssessedUnit Unit, AssessmentState? State, DateTimeOffset? SubmittedAt, int Answered, int Appraised);

/// <summary>A round of a year and block with every unit of the block in force in the year.</summary>
public sealed record RoundProgress(AssessmentRound Round, int SelfScored, IReadOnlyList<ProgressRow> Units)
{
    public int Submitted => Units.Count(u => u.State is not (null or AssessmentState.Draft));
    /// <summary>Submitted or answered and not yet final: what the office has to appraise.</summary>
    public int AwaitingAppraisal => Units.Count(u => u.State is AssessmentState.Submitted or AssessmentState.UnderAppraisal);
    public int Final => Units.Count(u => u.State == AssessmentState.Final);
}

/// <summary>The progress of a year's rounds for the office: who has submitted, what is awaiting appraisal (one query per table, not per unit).</summary>
public static class RoundProgressQuery
{
    public static async Task<IReadOnlyList<RoundProgress>> ForYearAsync(ReformDbContext db, int year, CancellationToken ct = default)
    {
        var rounds = await db.AssessmentRounds.AsNoTracking().Where(r => r.Year == year).OrderBy(r => r.Block).ToListAsync(ct);
        if (rounds.Count == 0) return [];
        var units = (await AssessedUnits.ForYearAsync(db, year, ct)).Values;
        var roundIds = rounds.Select(r => r.Id).ToList();
        var assessments = await db.UnitAssessments.AsNoTracking().Where(a => roundIds.Contains(a.RoundId)).ToListAsync(ct);
        var ids = assessments.Select(a => a.Id).ToList();
        var answered = await db.AssessmentAnswers.Where(a => ids.Contains(a.UnitAssessmentId) && a.IsCurrent && a.SelfScore != null)
            .GroupBy(a => a.UnitAssessmentId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var appraised = await db.AssessmentAppraisals.Where(a => ids.Contains(a.UnitAssessmentId) && a.IsCurrent && a.AppraisedScore != null)
            .GroupBy(a => a.UnitAssessmentId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var result = new List<RoundProgress>();
        foreach (var round in rounds)
        {
            var framework = (await FrameworkStore.LoadAsync(db, await db.AssessmentFrameworks.AsNoTracking().SingleAsync(f => f.Id == round.FrameworkId, ct), ct)).Framework;
            var selfScored = framework.SubCriteriaFor(round.Block).Count(s => s.Method != ScoringMethod.Survey);
            var byUnit = assessments.Where(a => a.RoundId == round.Id).ToDictionary(a => a.UnitId);
            var rows = units.Where(u => u.Level == round.Block).OrderBy(u => u.Code, StringComparer.Ordinal).Select(u =>
            {
                if (!byUnit.TryGetValue(u.UnitId, out var a)) return new ProgressRow(u, null, null, 0, 0);
                AssessmentCodes.TryParseState(a.State, out var state);
                return new ProgressRow(u, state, a.SubmittedAt, answered.GetValueOrDefault(a.Id), appraised.GetValueOrDefault(a.Id));
            }).ToList();
            result.Add(new RoundProgress(round, selfScored, rows));
        }
        return result;
    }
}
