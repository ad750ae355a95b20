using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Domain.Assessment;
using HaNoi.ReformDashboard.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HaNoi.ReformDashboard.Data.Assessment;

/// <summary>Where a year's ranking comes from: the round's final appraisals and the survey, or the results published before.</summary>
public enum RankingSource { None, Appraisal, PastResults }

/// <summary>A unit's line of the ranking, with last year's index and rank beside it when it was ranked then.</summary>
public sealed record RankingRow(AssessedUnit Unit, decimal Appraised, decimal? Survey, decimal Total, decimal Maximum, decimal IndexPercent, int Rank,
    decimal? PreviousIndexPercent, int? PreviousRank);

public sealed record BlockRanking(int Year, UnitLevel Block, RankingSource Source, IReadOnlyList<RankingRow> Rows);

/// <summary>
/// The ranking of a block for a year (issue 23): when the year's round of the block has final assessments, the sum of
/// their current appraised scores over the sub-criteria that apply to the block, plus the survey score, over the round's
/// framework maximum; otherwise the results imported for that year. The index and the ranks are the domain's
/// (<see cref="AssessmentIndex"/>), the units and their block those in force in the year (<see cref="AssessedUnits"/>).
/// </summary>
public static class RankingQuery
{
    private sealed record Appraised(int unit_id, decimal appraised);

    public static async Task<BlockRanking> ForYearAsync(ReformDbContext db, int year, UnitLevel block, CancellationToken ct = default)
    {
        var (source, results, units) = await ResultsAsync(db, year, block, ct);
        var (_, previous, _) = await ResultsAsync(db, year - 1, block, ct);
        var ranked = AssessmentIndex.Rank(results);
        var change = AssessmentIndex.Change(ranked, AssessmentIndex.Rank(previous)).ToDictionary(c => c.UnitKey, StringComparer.Ordinal);
        return new BlockRanking(year, block, source, [.. ranked.Select(r => new RankingRow(units[r.UnitKey], r.Appraised, r.Survey, r.Total, r.ApplicableMaximum,
            r.IndexPercent, r.Rank, change[r.UnitKey].PreviousIndexPercent, change[r.UnitKey].PreviousRank))]);
    }

    private static async Task<(RankingSource, List<UnitResult>, Dictionary<string, AssessedUnit>)> ResultsAsync(ReformDbContext db, int year, UnitLevel block, CancellationToken ct)
    {
        var inForce = (await AssessedUnits.ForYearAsync(db, year, ct)).Values.Where(u => u.Level == block).ToList();
        var byId = inForce.ToDictionary(u => u.UnitId);
        var units = inForce.ToDictionary(u => u.UnitKey, StringComparer.Ordinal);

        var round = await db.AssessmentRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Year == year && r.Block == block, ct);
        if (round is not null && await db.UnitAssessments.AnyAsync(a => a.RoundId == round.Id && a.State == "final", ct))
        {
            var head = await db.AssessmentFrameworks.AsNoTracking().SingleAsync(f => f.Id == round.FrameworkId, ct);
            var framework = (await FrameworkStore.LoadAsync(db, head, ct)).Framework;
            var appraised = await db.Database.SqlQueryRaw<Appraised>("""
                SELECT ua.unit_id, coalesce(sum(a.appraised_score) FILTER (WHERE s.method <> 'survey' AND @block = ANY (s.applies_to)), 0) AS appraised
                FROM unit_assessments ua
                LEFT JOIN assessment_appraisals a ON a.unit_assessment_id = ua.id AND a.is_current
                LEFT JOIN assessment_sub_criteria s ON s.id = a.sub_criterion_id
                WHERE ua.round_id = @round AND ua.state = 'final'
                GROUP BY ua.unit_id
                """, new NpgsqlParameter("block", block.ToCode()), new NpgsqlParameter("round", round.Id)).ToListAsync(ct);
            var survey = await db.SurveyScores.AsNoTracking().Where(s => s.Year == year).ToDictionaryAsync(s => s.UnitId, s => s.Score, ct);
            var (max, surveyMax) = (framework.MaximumFor(block), framework.SurveyMaximumFor(block));
            var results = appraised.Where(a => byId.ContainsKey(a.unit_id))
                .Select(a => new UnitResult(byId[a.unit_id].UnitKey, a.appraised, survey.TryGetValue(a.unit_id, out var s) ? s : null, max, surveyMax)).ToList();
            return (RankingSource.Appraisal, results, units);
        }

        var past = await db.PastResults.AsNoTracking().Where(r => r.Year == year).ToListAsync(ct);
        var pastResults = past.Where(r => byId.ContainsKey(r.UnitId))
            .Select(r => new UnitResult(byId[r.UnitId].UnitKey, r.AppraisedScore, r.SurveyScore, r.MaxScore)).ToList();
        return (pastResults.Count > 0 ? RankingSource.PastResults : RankingSource.None, pastResults, units);
    }
}
