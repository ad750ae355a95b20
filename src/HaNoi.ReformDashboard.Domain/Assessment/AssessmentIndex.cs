using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Scoring;

namespace HaNoi.ReformDashboard.Domain.Assessment;

/// <summary>
/// A unit's result for a year: its appraised points, its survey points (null: no survey score), the maximum applicable
/// to its block, and the part of that maximum the survey scores.
/// </summary>
public sealed record UnitResult(string UnitKey, decimal Appraised, decimal? Survey, decimal Maximum, decimal SurveyMaximum = 0m);

/// <summary>A unit's place in its block: the index in percent (unrounded) and its rank (ties at two decimals share one).</summary>
public sealed record RankedResult(string UnitKey, decimal Appraised, decimal? Survey, decimal Total, decimal ApplicableMaximum,
    decimal IndexPercent, int Rank)
{
    public bool SurveyMissing => Survey is null;
}

/// <summary>What a unit left on the table in one field or criterion: its applicable maximum, what it was appraised, the difference.</summary>
public sealed record PointsLost(string Code, decimal Maximum, decimal Scored)
{
    public decimal Lost => Maximum - Scored;
}

/// <summary>A field's loss with the losses of its criteria.</summary>
public sealed record FieldLoss(string Code, decimal Maximum, decimal Scored, IReadOnlyList<PointsLost> Criteria)
{
    public decimal Lost => Maximum - Scored;
}

/// <summary>A unit's index this year beside last year's: the change in percentage points and the places gained (positive: better).</summary>
public sealed record YearOnYear(string UnitKey, decimal IndexPercent, int Rank, decimal? PreviousIndexPercent, int? PreviousRank)
{
    public decimal? ChangePoints => PreviousIndexPercent is { } previous ? IndexPercent - previous : null;
    public int? PlacesGained => PreviousRank is { } previous ? previous - Rank : null;
}

/// <summary>
/// The index of a unit (issue 23): (appraised + survey) ÷ the maximum applicable to its block × 100. A unit without a
/// survey score is not given 0 for it (docs/scoring.md, rule 2: no data is not zero): its index is its appraised points over the
/// maximum without the survey's part, and it is flagged. Units are ranked within their block by the index at two
/// decimals, ties sharing a rank (1, 1, 3) — the scorecard's one ranking rule, <see cref="Ranking.Rank{TKey}"/>.
/// </summary>
public static class AssessmentIndex
{
    /// <summary>The maximum the unit's points are divided by: without the survey's part when it has no survey score.</summary>
    public static decimal ApplicableMaximum(UnitResult r) => r.Survey is null ? r.Maximum - r.SurveyMaximum : r.Maximum;

    /// <summary>The index in percent, unrounded; null when nothing applies to the unit (a zero maximum).</summary>
    public static decimal? Percent(UnitResult r)
    {
        var maximum = ApplicableMaximum(r);
        return maximum <= 0m ? null : (r.Appraised + (r.Survey ?? 0m)) / maximum * 100m;
    }

    /// <summary>One block's units, best first; a unit without an index is left out.</summary>
    public static IReadOnlyList<RankedResult> Rank(IEnumerable<UnitResult> block)
    {
        var results = block.ToList();
        var byKey = results.ToDictionary(r => r.UnitKey, StringComparer.Ordinal);
        // The key breaks ties in the listing only; tied units share the rank.
        var ordered = results.OrderBy(r => r.UnitKey, StringComparer.Ordinal).Select(r => (r.UnitKey, Percent(r)));
        return [.. Ranking.Rank(ordered, Better.Higher).Select(p =>
        {
            var r = byKey[p.Key];
            return new RankedResult(r.UnitKey, r.Appraised, r.Survey, r.Appraised + (r.Survey ?? 0m), ApplicableMaximum(r), p.Value, p.Rank);
        })];
    }

    /// <summary>
    /// The points a unit lost per field and criterion, largest loss first: over the sub-criteria that apply to its block and
    /// are appraised (the survey's are scored for the unit as a whole: its loss is <c>SurveyMaximum − Survey</c>). A
    /// sub-criterion without an appraised score scored nothing.
    /// </summary>
    public static IReadOnlyList<FieldLoss> Losses(Framework framework, UnitLevel block, IReadOnlyDictionary<string, decimal> appraisedBySubCriterion)
    {
        var fields = new List<FieldLoss>();
        foreach (var field in framework.Fields.Where(f => f.AppliesTo.Contains(block)))
        {
            var criteria = new List<PointsLost>();
            foreach (var criterion in field.Criteria.Where(c => c.AppliesTo.Contains(block)))
            {
                var subs = criterion.SubCriteria.Where(s => s.AppliesToBlock(block) && s.Method != ScoringMethod.Survey).ToList();
                if (subs.Count == 0) continue;
                criteria.Add(new PointsLost(criterion.Code, subs.Sum(s => s.MaxPoints), subs.Sum(s => appraisedBySubCriterion.GetValueOrDefault(s.Code))));
            }
            if (criteria.Count == 0) continue;
            fields.Add(new FieldLoss(field.Code, criteria.Sum(c => c.Maximum), criteria.Sum(c => c.Scored),
                [.. criteria.OrderByDescending(c => c.Lost).ThenBy(c => c.Code, StringComparer.Ordinal)]));
        }
        return [.. fields.OrderByDescending(f => f.Lost).ThenBy(f => f.Code, StringComparer.Ordinal)];
    }

    /// <summary>
    /// This year's ranking beside last year's, unit by unit (by unit identity, so a renamed unit keeps its history). Each
    /// year keeps its own rank among that year's block; a unit not ranked last year has no change.
    /// </summary>
    public static IReadOnlyList<YearOnYear> Change(IReadOnlyList<RankedResult> current, IReadOnlyList<RankedResult> previous)
    {
        var before = previous.ToDictionary(p => p.UnitKey, StringComparer.Ordinal);
        return [.. current.Select(c => before.TryGetValue(c.UnitKey, out var p)
            ? new YearOnYear(c.UnitKey, c.IndexPercent, c.Rank, p.IndexPercent, p.Rank)
            : new YearOnYear(c.UnitKey, c.IndexPercent, c.Rank, null, null))];
    }
}
