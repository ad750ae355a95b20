using Bunit;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Web.Overview;
using HaNoi.ReformDashboard.Web.Shared;
using HaNoi.ReformDashboard.Web.Tests.Infrastructure;
using static HaNoi.ReformDashboard.Web.Tests.Infrastructure.TestScorecards;

namespace HaNoi.ReformDashboard.Web.Tests.Shared;

public class EmptyStateTests : ComponentTest
{
    [Fact]
    public void Empty_state_shows_its_message_under_its_test_id()
    {
        var cut = Render<EmptyState>(p => p.Add(c => c.Message, "Chưa có số liệu cho Tháng 12/2022.").Add(c => c.TestId, "empty-data"));

        cut.Find("[data-testid=empty-data]").TextContent.Should().Contain("Chưa có số liệu cho Tháng 12/2022.");
    }

    [Fact]
    public void Not_found_message_is_Vietnamese_and_offers_the_way_back()
    {
        var cut = Render<NotFoundMessage>(p => p.Add(c => c.Message, Text["UnitNotFound", "XYZ"]));

        var message = cut.Find("[data-testid=not-found]");
        message.TextContent.Should().Contain("Không tìm thấy trang").And.Contain("Không có đơn vị mã \"XYZ\"");
        cut.Find("[data-testid=not-found] a").GetAttribute("href").Should().Be("/");
    }

    [Fact]
    public void League_without_ranked_units_says_so_instead_of_ranking_them_as_zero()
    {
        var unranked = Districts().Units.Where(u => u.Rank is null).ToList();
        var view = new ViewState(2022, December, UnitLevel.District);

        var cut = Render<UnitLeague>(p => p.Add(c => c.Units, UnitLeague.Best(unranked)).Add(c => c.View, view)
            .Add(c => c.Title, "5 đơn vị dẫn đầu").Add(c => c.TestId, "best-units"));

        cut.Find("[data-testid=best-units]").TextContent.Should().Contain("Chưa có đơn vị nào được xếp hạng");
    }

    [Fact]
    public void Best_and_worst_five_leave_unranked_units_out()
    {
        var units = Districts().Units;

        UnitLeague.Best(units).Select(u => u.Unit.Code).Should().Equal("268", "001", "006");
        UnitLeague.Worst(units).Select(u => u.Unit.Code).Should().Equal("006", "001", "268");
    }

    [Fact]
    public void A_scorecard_without_figures_is_empty()
    {
        var card = Districts();
        var empty = card with
        {
            Units = card.Units.Select(u => u with { Indicators = u.Indicators.Select(i => i with { Figure = default }).ToList() }).ToList(),
            City = new LevelRollup(UnitLevel.City, []),
        };

        empty.IsEmpty.Should().BeTrue();
        card.IsEmpty.Should().BeFalse();
    }
}
