using Bunit;
using HaNoi.ReformDashboard.Data.Dossiers;
using HaNoi.ReformDashboard.Web.Dossiers;
using HaNoi.ReformDashboard.Web.Overview;
using HaNoi.ReformDashboard.Web.Tests.Infrastructure;

namespace HaNoi.ReformDashboard.Web.Tests.Overview;

/// <summary>The leaders' overdue card on the Overview and the causes table (issue 21, items 3 and 4).</summary>
public class OverdueCardTests : ComponentTest
{
    private static readonly OverdueCounts Counts = new(new DateOnly(2023, 12, 31),
    [
        new(1, "268", "Quận Hà Đông", "Ha Dong District", 1234), new(2, "STP", "Sở Tư pháp", "Department of Justice", 40),
        new(3, "00001", "Phường Phúc Xá", "Phuc Xa Ward", 3), new(4, "00004", "Phường Trúc Bạch", "Truc Bach Ward", 2),
        new(5, "00006", "Phường Vĩnh Phúc", "Vinh Phuc Ward", 2), new(6, "00007", "Phường Cống Vị", "Cong Vi Ward", 1),
    ]);

    [Fact]
    public void The_card_counts_the_city_says_the_day_of_a_past_period_and_links_the_five_units_with_the_most_to_their_lists()
    {
        var cut = Render<OverdueCard>(p => p.Add(c => c.Counts, Counts).Add(c => c.Period, "2023").Add(c => c.PeriodEnd, true));

        cut.Find("[data-testid=overdue-card-count]").TextContent.Should().Be("1.282");
        cut.Find("[data-testid=overdue-card-asof]").TextContent.Should().Contain("31/12/2023").And.Contain("kỳ đã qua");
        cut.FindAll("[data-testid=overdue-card-units] li").Should().HaveCount(OverdueCard.Shown);
        cut.Find("[data-testid=overdue-unit-268]").TextContent.Should().Be("Quận Hà Đông");
        cut.Find("[data-testid=overdue-unit-268]").GetAttribute("href").Should().Be("/units/268/dossiers/overdue?asof=2023-12-31&period=2023");
        cut.FindAll("[data-testid=overdue-unit-00007]").Should().BeEmpty();
    }

    [Fact]
    public void The_causes_table_shows_each_procedures_share_of_the_misses_and_links_to_its_late_dossiers()
    {
        var causes = new DossierCauses(4, [new("1.001193", "Đăng ký khai sinh", 3, 7), new("1.000894", "Đăng ký khai tử", 1, 1)]);

        var cut = Render<DossierCausesTable>(p => p.Add(c => c.Causes, causes).Add(c => c.IndicatorCode, DossierIndicators.OnTime)
            .Add(c => c.UnitCode, "00001").Add(c => c.Period, "2022-03").Add(c => c.Title, "Thủ tục"));

        cut.FindAll("[data-testid=cause-share]").Select(c => c.TextContent).Should().Equal("75,00 %", "25,00 %");
        cut.Find("[data-testid='cause-list-1.001193']").GetAttribute("href").Should()
            .Be("/units/00001/indicators/ONTIME/dossiers?period=2022-03&procedure=1.001193&show=miss");
    }
}
