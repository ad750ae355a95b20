using System.Globalization;
using Bunit;
using HaNoi.ReformDashboard.Web.Overview;
using HaNoi.ReformDashboard.Web.Shared;
using HaNoi.ReformDashboard.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;

namespace HaNoi.ReformDashboard.Web.Tests.Overview;

/// <summary>
/// Sections shared between circuits as HTML (issue 11): rendered once per owner, key and language, encoded like any
/// Blazor output, and rendered live when the shared rendering fails.
/// </summary>
public class SharedSectionTests : ComponentTest
{
    public SharedSectionTests()
    {
        Services.AddLogging();
        Services.AddSingleton<SharedMarkup>();
        Counting.Renders = 0;
    }

    private IRenderedComponent<SharedSection<T>> Section<T>(object owner, string key, string text) where T : IComponent =>
        Render<SharedSection<T>>(p => p.Add(c => c.Owner, owner).Add(c => c.Key, key)
            .Add(c => c.Parameters, new Dictionary<string, object?> { ["Text"] = text }));

    [Fact]
    public void Circuits_showing_one_owner_in_one_view_and_language_share_one_rendering()
    {
        var owner = new object();

        var first = Section<Counting>(owner, "?year=2022", "Quận Đống Đa");
        var second = Section<Counting>(owner, "?year=2022", "Quận Đống Đa");

        first.Find("p.counted").TextContent.Should().Be("Quận Đống Đa 1,5");
        second.Markup.Should().Be(first.Markup);
        Counting.Renders.Should().Be(1);

        Section<Counting>(owner, "?year=2021", "Quận Đống Đa");
        Section<Counting>(new object(), "?year=2022", "Quận Đống Đa");
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
        Section<Counting>(owner, "?year=2022", "Quận Đống Đa").Find("p.counted").TextContent.Should().Be("Quận Đống Đa 1.5");
        Counting.Renders.Should().Be(4); // another view, another owner, another language: each its own
    }

    [Fact]
    public void Text_in_a_shared_section_stays_text()
    {
        const string hostile = "<img src=x onerror=alert(1)> \"Hà Đông\" & co";

        var cut = Section<Counting>(new object(), "", hostile);

        cut.FindAll("img").Should().BeEmpty();
        cut.Find("p.counted").TextContent.Should().Be(hostile + " 1,5");
    }

    [Fact]
    public void A_section_that_cannot_be_rendered_to_shared_html_is_rendered_live()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true)); // as in a circuit

        var cut = Section<LiveOnly>(new object(), "", "Ba Đình");

        cut.Find("p.live").TextContent.Should().Be("Ba Đình");
    }

    /// <summary>Counts its renderings; shows its text and a number in the current culture.</summary>
    public sealed class Counting : ComponentBase
    {
        public static int Renders;
        [Parameter] public string Text { get; set; } = "";
        protected override void OnInitialized() => Interlocked.Increment(ref Renders);
        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "p");
            builder.AddAttribute(1, "class", "counted");
            builder.AddContent(2, $"{Text} {1.5m.ToString(CultureInfo.CurrentCulture)}");
            builder.CloseElement();
        }
    }

    /// <summary>Fails outside an interactive-capable renderer, as a component needing the circuit would.</summary>
    public sealed class LiveOnly : ComponentBase
    {
        [Parameter] public string Text { get; set; } = "";
        protected override void OnInitialized()
        {
            if (RendererInfo.Name == "Static") throw new InvalidOperationException("needs a circuit");
        }
        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "p");
            builder.AddAttribute(1, "class", "live");
            builder.AddContent(2, Text);
            builder.CloseElement();
        }
    }
}
