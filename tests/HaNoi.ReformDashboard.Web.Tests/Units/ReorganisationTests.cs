using Bunit;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Web.Shared;
using HaNoi.ReformDashboard.Web.Tests.Infrastructure;
using HaNoi.ReformDashboard.Web.Units;
using static HaNoi.ReformDashboard.Web.Tests.Infrastructure.TestScorecards;

namespace HaNoi.ReformDashboard.Web.Tests.Units;

/// <summary>What a department head sees of a reorganisation: who merged in, the combined previous figure, rank movement.</summary>
public class ReorganisationTests : ComponentTest
{
    private static Scorecard Merged()
    {
        var card = Districts();
        var ward = Unit("00016", "Phường Ngọc Hà", 95m, 2, 5,
            Cell(OnTime, OnTimeTarget, 990, 1000, previous: 99.46m) with { PreviousCombined = true, RankChange = 2 });
        return card with
        {
            Units = [ward],
            Lineage =
            [
                new LineageEvent(LineageKind.MergedInto, new DateOnly(2025, 7, 1), "00006", "Phường Vĩnh Phúc", "Vinh Phuc Ward", "00016", "Phường Ngọc Hà", "Ngoc Ha Ward"),
                new LineageEvent(LineageKind.MergedInto, new DateOnly(2025, 7, 1), "00007", "Phường Cống Vị", "Cong Vi Ward", "00016", "Phường Ngọc Hà", "Ngoc Ha Ward"),
                new LineageEvent(LineageKind.SplitFrom, new DateOnly(2025, 7, 1), "09565", "Phường Kiến Hưng", "Kien Hung Ward", "09566", "Phường Kiến Hưng", "Kien Hung Ward"),
            ],
        };
    }

    [Fact]
    public void The_units_merged_in_are_named_with_the_day_and_a_split_elsewhere_is_not_mentioned()
    {
        var cut = Render<LineageNote>(p => p.Add(c => c.Card, Merged()).Add(c => c.UnitCode, "00016"));

        cut.Find("[data-testid=lineage-merged_into]").TextContent.Trim()
            .Should().Be("Từ ngày 01/07/2025, sáp nhập vào đơn vị: Phường Vĩnh Phúc, Phường Cống Vị.");
        cut.FindAll("[data-testid=lineage-split_from]").Should().BeEmpty();
    }

    [Fact]
    public void A_split_off_unit_says_its_earlier_figures_are_not_allocated_to_it()
    {
        var cut = Render<LineageNote>(p => p.Add(c => c.Card, Merged()).Add(c => c.UnitCode, "09566"));

        cut.Find("[data-testid=lineage-split_from]").TextContent.Should().Contain("tách ra từ: Phường Kiến Hưng").And.Contain("không được phân bổ");
    }

    [Fact]
    public void The_combined_previous_figure_is_marked_and_explained_and_the_rank_movement_shown()
    {
        var card = Merged();
        var view = new ViewState(2025, Domain.Periods.Period.Quarter(2025, 3), UnitLevel.Commune);

        var cut = Render<UnitIndicatorTable>(p => p.Add(c => c.Card, card).Add(c => c.Unit, card.Units[0]).Add(c => c.View, view));

        cut.Find("[data-testid=previous-combined-ONTIME]").TextContent.Trim().Should().Be("Kỳ trước*: 99,46 %");
        cut.Find("[data-testid=previous-combined-note]").TextContent.Should().Contain("tính gộp các đơn vị trước sắp xếp");
        cut.Find("[data-testid=rank-ONTIME-change]").TextContent.Should().Be("▲ 2");
    }

    [Fact]
    public void Without_a_merger_there_is_no_combined_mark()
    {
        var card = Districts();
        var view = new ViewState(2022, December, UnitLevel.District);

        var cut = Render<UnitIndicatorTable>(p => p.Add(c => c.Card, card).Add(c => c.Unit, card.Units[0]).Add(c => c.View, view));

        cut.FindAll("[data-testid=previous-combined-note]").Should().BeEmpty();
        cut.FindAll("[data-testid^=previous-combined-]").Should().BeEmpty();
        cut.FindAll("[data-testid$=-change]").Should().BeEmpty();
    }
}
