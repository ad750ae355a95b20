using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Scoring;

namespace HaNoi.ReformDashboard.Data.Scorecards;

/// <summary>
/// One pillar of a summary by pillar: the scorecard's indicators of the pillar, the statuses of the owner's figures
/// among them (<see cref="StatusCounts.Total"/> is how many figures the owner has in the pillar) and the owner's pillar score.
/// </summary>
public sealed record PillarLine(PillarInfo Pillar, IReadOnlyList<IndicatorInfo> Indicators, StatusCounts Counts, decimal? Score);

/// <summary>
/// The summary by pillar and the status counts of a scorecard, stated once: the overview's pillar table, the quarterly
/// report (workbook, Word, PDF), the brief and the leaders' scorecard read them from here.
/// </summary>
public static class ScorecardSummary
{
    /// <summary>The statuses of some figures, counted (<see cref="StatusCounts.Of(IEnumerable{Status})"/>).</summary>
    public static StatusCounts Counts(this IEnumerable<ScoredIndicator?> cells) => StatusCounts.Of(cells.Select(c => c?.Score.Status));

    /// <summary>The city's summary: its figures and its pillar scores.</summary>
    public static IReadOnlyList<PillarLine> CityPillars(Scorecard card) => Pillars(card, card.City.Indicators, card.CityPillars);

    /// <summary>
    /// Every pillar of the plan, in the plan's order, with the statuses of <paramref name="cells"/> (one owner's figures:
    /// the city's or a unit's) that fall in it and the owner's score of it from <paramref name="scores"/>. A pillar the
    /// owner has no figure in is listed with zero counts; a reader that shows only the owner's pillars skips those.
    /// </summary>
    public static IReadOnlyList<PillarLine> Pillars(Scorecard card, IReadOnlyList<ScoredIndicator> cells, IReadOnlyList<PillarScore> scores) =>
        card.Pillars.OrderBy(p => p.Order)
            .Select(p => new PillarLine(p,
                card.Indicators.Where(i => i.PillarCode == p.Code).ToList(),
                cells.Where(c => card.Indicator(c.IndicatorCode).PillarCode == p.Code).Counts(),
                scores.FirstOrDefault(s => s.PillarCode == p.Code)?.Score))
            .ToList();
}
