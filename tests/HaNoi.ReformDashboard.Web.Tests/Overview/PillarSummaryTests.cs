using Bunit;
using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Scoring;
using HaNoi.ReformDashboard.Web.Overview;
using HaNoi.ReformDashboard.Web.Tests.Infrastructure;
using static HaNoi.ReformDashboard.Web.Tests.Infrastructure.TestScorecards;

namespace HaNoi.ReformDashboard.Web.Tests.Overview;

/// <summary>The overview's table by pillar: the city's pillar score and how many of its figures are met, at risk, missed or without data.</summary>
public class PillarSummaryTests : ComponentTest
{
    private static readonly IndicatorInfo Late = Indicator("LATE", "Hồ sơ trễ hạn", "Late dossiers", IndicatorKind.Ratio, "TTHC");
    private static readonly IndicatorInfo Empty = Indicator("EMPTY", "Chưa báo cáo", "Not reported", IndicatorKind.Ratio, "TTHC");

    private static Scorecard Card() => Districts() with
    {
        Pillars = [.. Districts().Pillars, new PillarInfo("KT", "Kiểm tra", "Inspection", 9)],
        Indicators = [OnTime, Late, Empty, Digitised],
        // TTHC: ONTIME 99,5 % > 99 % met, LATE 80 % missed, EMPTY without data; CQS: DIGITISED without a target; KT: nothing.
        City = new LevelRollup(UnitLevel.City,
            [Cell(OnTime, OnTimeTarget, 995, 1000), Cell(Late, OnTimeTarget, 800, 1000), Cell(Empty, OnTimeTarget, null, null), Cell(Digitised, null, 150, 300)]),
        CityPillars = [new PillarScore("TTHC", 66.67m), new PillarScore("CQS", null)],
    };

    [Fact]
    public void Each_pillar_the_city_has_figures_in_shows_its_score_and_its_counts_by_status()
    {
        var cut = Render<PillarSummary>(p => p.Add(c => c.Card, Card()));

        cut.FindAll("tbody tr").Select(r => r.GetAttribute("data-testid")).Should().Equal("pillar-TTHC", "pillar-CQS");
        // Score, then met, at risk, missed, no data.
        cut.FindAll("[data-testid=pillar-TTHC] td").Select(c => c.TextContent.Trim()).Should().Equal("66,67", "1", "0", "1", "1");
        cut.FindAll("[data-testid=pillar-CQS] td").Skip(1).Select(c => c.TextContent.Trim()).Should().Equal("0", "0", "0", "0");
    }
}
