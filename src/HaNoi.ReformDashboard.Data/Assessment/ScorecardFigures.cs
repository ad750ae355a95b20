using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Periods;

namespace HaNoi.ReformDashboard.Data.Assessment;

/// <summary>
/// The unit's whole-year figures from the scorecard (the same engine and the same figure the unit page shows for the
/// period "the year"), by indicator code: what the self-assessment fills into the sub-criteria the dashboard measures.
/// A year that is not a plan year, or an indicator the unit did not report, gives no figure (no data is not zero).
/// </summary>
public sealed class ScorecardFigures(ScorecardService scorecards)
{
    public async Task<IReadOnlyDictionary<string, decimal>> YearValuesAsync(int year, string unitCode, CancellationToken ct = default)
    {
        var card = await scorecards.GetAsync(new ScorecardRequest(year, Period.WholeYear(year), ScorecardScope.ForUnit(unitCode)), ct);
        if (card?.Unit(unitCode) is not { } unit) return new Dictionary<string, decimal>();
        return unit.Indicators
            .Select(i => (i.IndicatorCode, Value: i.Figure.ValueFor(card.Indicator(i.IndicatorCode).Kind)))
            .Where(i => i.Value is not null)
            .ToDictionary(i => i.IndicatorCode, i => i.Value!.Value, StringComparer.Ordinal);
    }
}
