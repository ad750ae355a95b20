using System.Globalization;
using Bunit;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Web.Overview;
using HaNoi.ReformDashboard.Web.Shared;
using HaNoi.ReformDashboard.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using static HaNoi.ReformDashboard.Web.Tests.Infrastructure.TestScorecards;

namespace HaNoi.ReformDashboard.Web.Tests.Overview;

public class HeatmapTests : ComponentTest
{
    private static readonly ViewState View = new(2022, December, UnitLevel.District);

    [Theory]
    [InlineData("268", "met")]
    [InlineData("001", "at_risk")]
    [InlineData("006", "missed")]
    [InlineData("250", "no_data")]
    public void Each_cell_takes_the_status_of_its_unit_and_indicator(string unit, string status)
    {
        var cut = Render<Heatmap>(p => p.Add(c => c.Card, Districts()).Add(c => c.View, View));

        var cell = cut.Find($"[data-testid=heatmap-cell-{unit}-ONTIME]");
        cell.GetAttribute("data-status").Should().Be(status);
        cell.ClassList.Should().Contain($"status-{status}");
    }

    [Fact]
    public void A_cell_links_to_the_unit_indicator_page_keeping_the_view()
    {
        var cut = Render<Heatmap>(p => p.Add(c => c.Card, Districts()).Add(c => c.View, View));

        cut.Find("[data-testid=heatmap-cell-006-ONTIME] a").GetAttribute("href")
            .Should().Be("units/006/indicators/ONTIME?year=2022&period=2022-12&level=district");
    }

    [Fact]
    public void Hover_text_gives_value_target_gap_and_status_in_words()
    {
        var cut = Render<Heatmap>(p => p.Add(c => c.Card, Districts()).Add(c => c.View, View));

        var title = cut.Find("[data-testid=heatmap-cell-006-ONTIME] a").GetAttribute("title");
        title.Should().Contain("Quận Đống Đa").And.Contain("80,00 %").And.Contain("> 99,00 %")
            .And.Contain("+19,00 điểm %").And.Contain("Chưa đạt");
    }

    [Fact]
    public void Only_units_of_the_chosen_level_and_indicators_it_reports_are_shown()
    {
        var cut = Render<Heatmap>(p => p.Add(c => c.Card, Districts()).Add(c => c.View, View));

        cut.FindAll("tbody tr").Should().HaveCount(4);
        cut.FindAll("thead th").Should().HaveCount(3); // unit + ONTIME + DIGITISED_RECORDS
        cut.Find("[data-testid=heatmap-col-ONTIME]").TextContent.Should().Be("Đúng hạn");
    }

    private static readonly ViewState CommuneView = new(2022, December, UnitLevel.Commune);

    private IRenderedComponent<Heatmap> RenderCommunes() =>
        Render<Heatmap>(p => p.Add(c => c.Card, Communes()).Add(c => c.View, CommuneView).Add(c => c.Districts, DistrictsOfCommunes));

    [Fact]
    public void Communes_sit_under_their_district_collapsed_with_what_needs_attention_counted()
    {
        var cut = RenderCommunes();

        cut.FindAll("[data-testid^=heatmap-group-]").Select(g => g.GetAttribute("data-testid")).Should().Equal("heatmap-group-001", "heatmap-group-268");
        cut.FindAll("[data-testid^=heatmap-row-]").Should().BeEmpty();
        cut.Find("[data-testid=heatmap-toggle-001]").GetAttribute("aria-expanded").Should().Be("false");
        // Hà Đông: three communes, one with a missed indicator (80 %), none at risk.
        cut.Find("[data-testid=heatmap-group-268]").TextContent.Should().Contain("Quận Hà Đông").And.Contain("3 đơn vị · 1 có chỉ tiêu chưa đạt · 0 có nguy cơ");
    }

    [Fact]
    public void Wards_that_all_sit_under_the_city_after_the_district_level_was_abolished_are_listed_without_one_lone_group()
    {
        var card = Communes();
        card = card with { Units = card.Units.Select(u => u with { Unit = u.Unit with { ParentCode = "HN" } }).ToList() };

        var cut = Render<Heatmap>(p => p.Add(c => c.Card, card).Add(c => c.View, CommuneView).Add(c => c.Districts, DistrictsOfCommunes));

        cut.FindAll("[data-testid^=heatmap-group-]").Should().BeEmpty();
        cut.FindAll("tbody tr").Should().HaveCount(5);
    }

    [Fact]
    public void Opening_a_district_shows_its_communes_only()
    {
        var cut = RenderCommunes();

        cut.Find("[data-testid=heatmap-toggle-268]").Click();

        cut.Find("[data-testid=heatmap-toggle-268]").GetAttribute("aria-expanded").Should().Be("true");
        cut.FindAll("[data-testid^=heatmap-row-]").Select(r => r.GetAttribute("data-testid"))
            .Should().Equal("heatmap-row-09552", "heatmap-row-09556", "heatmap-row-09562");
    }

    [Fact]
    public void A_search_without_accents_finds_the_commune_and_opens_its_district()
    {
        var cut = RenderCommunes();

        cut.Find("[data-testid=heatmap-search] input, input#heatmap-search").Input("truc bach");

        // The search waits for a pause in typing (debounce) before it narrows the rows.
        cut.WaitForAssertion(() => cut.FindAll("[data-testid^=heatmap-row-]").Select(r => r.GetAttribute("data-testid")).Should().Equal("heatmap-row-00004"),
            TimeSpan.FromSeconds(10));
        cut.FindAll("[data-testid^=heatmap-group-]").Should().ContainSingle().Which.GetAttribute("data-testid").Should().Be("heatmap-group-001");
    }

    [Fact]
    public void The_search_and_the_filter_follow_the_address_so_a_link_sent_on_shows_the_same_rows()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/?year=2022&period=2022-12&level=commune&q=truc%20bach&problems=1");

        var cut = RenderCommunes();

        // Trúc Bạch is at risk: the search and the filter from the address both keep it, before anyone types.
        cut.FindAll("[data-testid^=heatmap-row-]").Select(r => r.GetAttribute("data-testid")).Should().Equal("heatmap-row-00004");
        cut.Find("input#heatmap-search").GetAttribute("value").Should().Be("truc bach");
        cut.Find("input[data-testid=heatmap-only-problems]").GetAttribute("aria-checked").Should().Be("true");

        cut.Find("input[data-testid=heatmap-only-problems]").Change(false);
        cut.Find("input#heatmap-search").Input("nguyen trai");

        cut.WaitForAssertion(() => new Uri(navigation.Uri).Query.Should().Be("?year=2022&period=2022-12&level=commune&q=nguyen%20trai"),
            TimeSpan.FromSeconds(10));
        cut.Find("input#heatmap-search").Input("  ");
        cut.WaitForAssertion(() => new Uri(navigation.Uri).Query.Should().Be("?year=2022&period=2022-12&level=commune"), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void The_filter_keeps_only_units_with_a_missed_or_at_risk_indicator()
    {
        var cut = RenderCommunes();

        cut.Find("[data-testid=heatmap-only-problems] input, input[data-testid=heatmap-only-problems]").Change(true);

        // Trúc Bạch is at risk (96 %), Nguyễn Trãi missed (80 %); met and missing ones drop out.
        cut.FindAll("[data-testid^=heatmap-row-]").Select(r => r.GetAttribute("data-testid")).Should().Equal("heatmap-row-00004", "heatmap-row-09552");
    }

    [Fact]
    public void Each_column_header_names_its_indicator_in_full_for_hover_and_focus()
    {
        var cut = RenderCommunes();

        var link = cut.Find("[data-testid=heatmap-col-ONTIME]");
        cut.Find("#" + link.GetAttribute("aria-describedby")).TextContent.Should().Be("Hồ sơ đúng hạn");
    }

    [Fact]
    public void A_unit_name_with_markup_and_quotes_is_shown_as_text_in_the_row_and_its_hover()
    {
        const string hostile = "Quận \"Đống Đa\" <img src=x onerror=alert(1)> & co";
        var card = Districts();
        card = card with { Units = card.Units.Select(u => u.Unit.Code == "006" ? u with { Unit = u.Unit with { NameVi = hostile } } : u).ToList() };

        var cut = Render<Heatmap>(p => p.Add(c => c.Card, card).Add(c => c.View, View));

        cut.FindAll("img").Should().BeEmpty();
        cut.Find("[data-testid=heatmap-row-006] th a").TextContent.Should().Be(hostile);
        cut.Find("[data-testid=heatmap-row-006] th a").GetAttribute("title").Should().Be(hostile);
        cut.Find("[data-testid=heatmap-cell-006-ONTIME] a").GetAttribute("title").Should().StartWith(hostile + " · ");
    }

    [Fact]
    public void Circuits_showing_one_scorecard_in_one_view_and_language_share_each_row_written_once()
    {
        var card = Districts();

        var first = Render<Heatmap>(p => p.Add(c => c.Card, card).Add(c => c.View, View));
        var second = Render<Heatmap>(p => p.Add(c => c.Card, card).Add(c => c.View, View));
        var row = card.Units.Single(u => u.Unit.Code == "006");
        var columns = card.Indicators.Where(i => i.Levels.Contains(UnitLevel.District)).ToList();
        var explanations = new Dictionary<(string UnitCode, string IndicatorCode), HaNoi.ReformDashboard.Data.Scorecards.Explanation>();

        var shared = HeatmapMarkup.UnitRow(card, View, row, columns, explanations, Text).Value;
        ReferenceEquals(shared, HeatmapMarkup.UnitRow(card, View, row, columns, explanations, Text).Value).Should().BeTrue();
        first.Find("tbody").OuterHtml.Should().Be(second.Find("tbody").OuterHtml);
        // Another month, or another language, is another row.
        HeatmapMarkup.UnitRow(card, View with { Period = View.Period.Previous() }, row, columns, explanations, Text).Value.Should().NotBe(shared);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
        var english = HeatmapMarkup.UnitRow(card, View, row, columns, explanations, Text).Value;
        english.Should().NotBe(shared).And.Contain("Missed");
    }

    [Fact]
    public void Circuits_share_the_column_headings_written_once_per_view_and_language()
    {
        var card = Districts();
        var columns = card.Indicators.Where(i => i.Levels.Contains(UnitLevel.District)).ToList();

        var shared = HeatmapMarkup.Head(card, View, columns, Text).Value;
        ReferenceEquals(shared, HeatmapMarkup.Head(card, View, columns, Text).Value).Should().BeTrue();
        var cut = Render<Heatmap>(p => p.Add(c => c.Card, card).Add(c => c.View, View));
        cut.Find("[data-testid=heatmap-col-ONTIME]").GetAttribute("href").Should().Be("indicators/ONTIME?year=2022&period=2022-12&level=district");
        // Another month links elsewhere; another language names the columns in it.
        HeatmapMarkup.Head(card, View with { Period = View.Period.Previous() }, columns, Text).Value.Should().Contain("period=2022-11");
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
        HeatmapMarkup.Head(card, View, columns, Text).Value.Should().NotBe(shared).And.Contain(">On time</a>").And.Contain(">Unit</th>");
    }

    [Fact]
    public void The_search_field_is_named_by_its_label_and_the_filter_is_a_switch_that_says_whether_it_is_on()
    {
        var cut = RenderCommunes();

        cut.Find("label[for=heatmap-search]").TextContent.Should().Be("Tìm đơn vị");
        cut.Find("input#heatmap-search").GetAttribute("type").Should().Be("text");
        var filter = cut.Find("input[data-testid=heatmap-only-problems]");
        filter.GetAttribute("role").Should().Be("switch");
        filter.GetAttribute("aria-checked").Should().Be("false");
        filter.Closest("label")!.TextContent.Should().Contain("Chỉ đơn vị có chỉ tiêu chưa đạt hoặc có nguy cơ");

        filter.Change(true);

        cut.Find("input[data-testid=heatmap-only-problems]").GetAttribute("aria-checked").Should().Be("true");
        cut.Find("input[data-testid=heatmap-only-problems]").HasAttribute("checked").Should().BeTrue();
    }
}
