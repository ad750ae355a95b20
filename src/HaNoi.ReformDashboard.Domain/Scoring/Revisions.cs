namespace HaNoi.ReformDashboard.Domain.Scoring;

/// <summary>A monthly report as it arrived in one import; re-importing a period creates a higher revision.</summary>
public readonly record struct RevisedFigure(int Revision, MonthlyFigure Figure);

public static class Revisions
{
    /// <summary>
    /// One unit's months as they stand now: for each month, the report of the highest revision. Earlier
    /// revisions stay readable elsewhere; they never add to the figure.
    /// </summary>
    public static IReadOnlyList<MonthlyFigure> LatestPerMonth(IEnumerable<RevisedFigure> revisions) =>
        revisions
            .GroupBy(r => (r.Figure.Year, r.Figure.Month))
            .OrderBy(g => g.Key)
            .Select(Latest)
            .ToList();

    private static MonthlyFigure Latest(IGrouping<(int Year, int Month), RevisedFigure> month)
    {
        var newest = month.Max(r => r.Revision);
        var candidates = month.Where(r => r.Revision == newest).ToList();
        // An import rejects duplicate rows, so two reports in one revision mean the caller mixed up units.
        if (candidates.Count > 1)
        {
            throw new InvalidOperationException(
                $"Revision {newest} holds {candidates.Count} reports for {month.Key.Year:D4}-{month.Key.Month:D2}.");
        }
        return candidates[0].Figure;
    }
}
