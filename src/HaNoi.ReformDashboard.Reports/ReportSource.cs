using HaNoi.ReformDashboard.Data.Scorecards;

namespace HaNoi.ReformDashboard.Reports;

/// <summary>
/// What a report is written from: the scorecard of the period and, for reports that state a change of score,
/// the scorecard of the previous like period (a quarter before a quarter) — both built by the one scoring service.
/// </summary>
public sealed record ReportSource(Scorecard Scorecard, Scorecard? Previous = null)
{
    /// <summary>The source, or null when the request names a unit that does not exist in the period.</summary>
    public static async Task<ReportSource?> LoadAsync(ScorecardService scorecards, ScorecardRequest request, bool withPrevious, CancellationToken ct = default)
    {
        // A report shows one unit, never its peers' rows: the unit alone, ranked by its level's shared scorecard.
        if (request.Scope is { UnitCode: { } code, IndicatorCode: null, Alone: false })
            request = request with { Scope = ScorecardScope.ForUnitAlone(code) };
        var card = await scorecards.GetAsync(request, ct);
        if (card is null) return null;
        if (!withPrevious) return new(card);
        // The previous period is scored against its own plan year's targets, as it was reported then.
        var before = request.Period.Previous();
        return new(card, await scorecards.GetAsync(new ScorecardRequest(before.Year, before, request.Scope), ct));
    }
}
