using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Periods;

namespace HaNoi.ReformDashboard.Data.Catalogue;

/// <summary>
/// Units by code as they were in a period (e.g. the districts a list of communes belongs to), for headings; a
/// scorecard carries only its level. Read from the period's catalogue (units_in_force, the one rule; cached per data
/// version with the dashboard's <see cref="ScorecardCache"/>).
/// </summary>
public sealed class UnitNamesQuery(CatalogueService catalogue)
{
    /// <summary>The plan year is the period's own (a scorecard's period lies in its plan year).</summary>
    public async Task<IReadOnlyDictionary<string, UnitInfo>> RunAsync(IEnumerable<string> codes, Period period, CancellationToken ct = default)
    {
        var wanted = codes.Distinct(StringComparer.Ordinal).ToArray();
        if (wanted.Length == 0) return new Dictionary<string, UnitInfo>();
        var units = await catalogue.ForPeriodAsync(period.Year, period, ct);
        // A code reused within the period: the unit that started later (as everywhere else).
        return wanted.Select(units.Unit).OfType<PeriodUnit>().ToDictionary(u => u.Info.Code, u => u.Info, StringComparer.Ordinal);
    }
}
