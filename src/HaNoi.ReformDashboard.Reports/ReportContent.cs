using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;

namespace HaNoi.ReformDashboard.Reports;

/// <summary>What a report shows of a scorecard; shared by the workbook and the PDFs so they list the same rows (the summary by
/// pillar and the status counts are <see cref="ScorecardSummary"/>'s).</summary>
internal static class ReportContent
{
    /// <summary>
    /// The units of the report grouped by level, in hierarchy order. A unit scope shows that unit only
    /// (its rank among peers is still stated); a scorecard brings the peers only to rank it.
    /// </summary>
    public static IReadOnlyList<LevelSection> Levels(Scorecard scorecard)
    {
        var units = scorecard.Scope.UnitCode is { } code
            ? scorecard.Units.Where(u => u.Unit.Code == code)
            : scorecard.Units;
        return units.GroupBy(u => u.Unit.Level)
            .OrderBy(g => g.Key)
            .Select(g => new LevelSection(g.Key,
                scorecard.Indicators.Where(i => i.Levels.Contains(g.Key)).ToList(),
                g.ToList(),
                scorecard.Level(g.Key)))
            .ToList();
    }
}

/// <summary>One level of a report: its indicators, its units, and the level roll-up from the scorecard.</summary>
public sealed record LevelSection(UnitLevel Level, IReadOnlyList<IndicatorInfo> Indicators, IReadOnlyList<UnitScorecard> Units, LevelRollup? Totals);
