using System.Globalization;
using Bunit;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Web.Components.Pages.Overview;
using HaNoi.ReformDashboard.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using static HaNoi.ReformDashboard.Web.Tests.Components.TestScorecards;

namespace HaNoi.ReformDashboard.Web.Tests.Components;

/// <summary>
/// The heatmap's unit rows as HTML shared between circuits (issue 11): the same cells, statuses, links and hover texts
/// as rendered live, one rendering per scorecard, view and language, and the group rows still live.
/// </summary>
public class HeatmapSharedRowsTests : ComponentTest
{
    private readonly SharedMarkup _shared;
    private static readonly ViewState View = new(2022, December, UnitLevel.District);

    public HeatmapSharedRowsTests()
    {
        Services.AddLocalization();
        _shared = new SharedMarkup(Services, NullLoggerFactory.Instance);
        Services.AddSingleton(_shared);
    }

    [Fact]
    public async Task Shared_rows_show_the_same_cells_links_and_hover_text_as_live_ones()
    {
        var card = Districts();

        var cut = Render<Heatmap>(p => p.Add(c => c.Card, card).Add(c => c.View, View));

        // The heatmap left its rows in the shared store: asking again renders nothing and finds them.
        var stored = await _shared.RenderAsync(card, "heatmap" + View.Query, () => throw new InvalidOperationException("rendered twice"));
        stored.Keys.Should().BeEquivalentTo(["268", "001", "006", "250"]);
        stored["006"].Value.Should().Contain("data-testid=\"heatmap-cell-006-ONTIME\"").And.Contain("units/006/indicators/ONTIME?year=2022&amp;period=2022-12");
        cut.FindAll("tbody tr").Should().HaveCount(4);
        var cell = cut.Find("[data-testid=heatmap-cell-006-ONTIME]");
        cell.GetAttribute("data-status").Should().Be("missed");
        cell.ClassList.Should().Contain("status-missed");
        var link = cut.Find("[data-testid=heatmap-cell-006-ONTIME] a");
        link.GetAttribute("href").Should().Be("units/006/indicators/ONTIME?year=2022&period=2022-12&level=district");
        link.GetAttribute("title").Should().Contain("Quận Đống Đa").And.Contain("80,00 %").And.Contain("> 99,00 %").And.Contain("Chưa đạt");
        cut.Find("[data-testid=heatmap-cell-268-ONTIME]").GetAttribute("data-status").Should().Be("met");
    }

    [Fact]
    public async Task Two_circuits_showing_the_same_scorecard_share_one_rendering_and_another_language_gets_its_own()
    {
        var card = Districts();
        var renders = 0;
        IEnumerable<(string, Microsoft.AspNetCore.Components.RenderFragment)> Rows()
        {
            renders++;
            return [("006", b => b.AddMarkupContent(0, "<tr><td>x</td></tr>"))];
        }

        var first = await _shared.RenderAsync(card, "heatmap" + View.Query, Rows);
        var second = await _shared.RenderAsync(card, "heatmap" + View.Query, Rows);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
        var english = await _shared.RenderAsync(card, "heatmap" + View.Query, Rows);
        var otherCard = await _shared.RenderAsync(Districts(), "heatmap" + View.Query, Rows);

        second.Should().BeSameAs(first);
        english.Should().NotBeSameAs(first);
        otherCard.Should().NotBeSameAs(first);
        renders.Should().Be(3);
        first["006"].Value.Should().Be("<tr><td>x</td></tr>");
    }

    [Fact]
    public void Group_rows_keep_their_toggle_while_the_communes_rows_are_shared()
    {
        var cut = Render<Heatmap>(p => p.Add(c => c.Card, Communes()).Add(c => c.View, new ViewState(2022, December, UnitLevel.Commune))
            .Add(c => c.Districts, DistrictsOfCommunes));
        var toggle = cut.Find("[data-testid^=heatmap-toggle-]");
        var code = toggle.GetAttribute("data-testid")!["heatmap-toggle-".Length..];

        toggle.Click();

        cut.WaitForAssertion(() => cut.Find($"[data-testid=heatmap-toggle-{code}]").GetAttribute("aria-expanded").Should().Be("true"));
        cut.FindAll("[data-testid^=heatmap-row-]").Should().NotBeEmpty();
    }
}
