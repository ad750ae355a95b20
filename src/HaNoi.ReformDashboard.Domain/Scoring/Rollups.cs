using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;

namespace HaNoi.ReformDashboard.Domain.Scoring;

/// <summary>
/// How figures combine over time and over units (docs/scoring.md, rules 1 and 7). The SQL scorecard does the same sums in
/// PostgreSQL (the flow/stock rule: Data's Schema/Sql/unit_window_figures.sql); these pure helpers define the semantics
/// and are the tests' oracle for that SQL (UnitWindowFiguresTests).
/// </summary>
public static class Rollups
{
    /// <summary>
    /// One unit's figure for a period from its monthly reports. Months outside the period are ignored.
    /// Flow: sum numerators and denominators (and values) over the months, so a quarter's ratio is the ratio
    /// of the sums, never the average of the monthly percentages. Stock: the latest month reported in the
    /// period. Ranks and milestones are positions, not quantities, so they are always taken as stock.
    /// Several reports for the same month are added up: that is how a merged unit's months before the merger
    /// count towards its successor — pass the lineage's months together (one revision per unit and month, see
    /// <see cref="Revisions.LatestPerMonth"/>).
    /// </summary>
    public static Figure Combine(IndicatorRule rule, Period period, IEnumerable<MonthlyFigure> months)
    {
        var reported = months
            .Where(m => period.Contains(m.Year, m.Month) && !m.Figure.IsNone)
            .ToList();

        if (rule.Rollup == Rollup.Flow && rule.Kind is IndicatorKind.Ratio or IndicatorKind.Value)
        {
            return Sum(reported.Select(m => m.Figure));
        }

        if (reported.Count == 0) return Figure.None;
        var latestMonth = reported.Max(m => m.Month);
        return Sum(reported.Where(m => m.Month == latestMonth).Select(m => m.Figure));
    }

    /// <summary>
    /// A level's figure from its units' figures: numerators, denominators and values are summed separately,
    /// so the level's ratio is Σnumerator ÷ Σdenominator. A unit without a report adds nothing (it is not a 0 %);
    /// a field nobody reported stays null. Meaningful for ratios and counts, not for ranks or milestones.
    /// </summary>
    public static Figure Sum(IEnumerable<Figure> figures)
    {
        decimal? numerator = null, denominator = null, value = null;
        foreach (var figure in figures)
        {
            numerator = Add(numerator, figure.Numerator);
            denominator = Add(denominator, figure.Denominator);
            value = Add(value, figure.Value);
        }
        return new Figure(numerator, denominator, value);
    }

    /// <summary>
    /// The city's figure: its own report for an indicator the city reports itself, otherwise the sum of the
    /// units passed (the caller passes every unit of every level in force in the period).
    /// </summary>
    public static Figure City(IndicatorRule rule, Figure cityOwnReport, IEnumerable<Figure> units) =>
        rule.CityReportsItself ? cityOwnReport : Sum(units);

    private static decimal? Add(decimal? total, decimal? addend) => addend is null ? total : (total ?? 0m) + addend;
}
