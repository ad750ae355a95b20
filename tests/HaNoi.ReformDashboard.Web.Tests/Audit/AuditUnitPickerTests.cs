using Bunit;
using HaNoi.ReformDashboard.Data.Audit;
using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Testing;
using HaNoi.ReformDashboard.Web.Audit;
using HaNoi.ReformDashboard.Web.Tests.Infrastructure;
using HaNoi.ReformDashboard.Web.Tests.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace HaNoi.ReformDashboard.Web.Tests.Audit;

/// <summary>The audit page's unit filter is a picker over every unit, searched by name without accents, and the
/// address keeps the unit's key, so a reused code (00004: Trúc Bạch until June 2025, the new Ba Đình ward since)
/// filters one unit, not both.</summary>
[Collection(UnitKeyCollection.Name)]
public sealed class AuditUnitPickerTests : ComponentTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly UnitKeyCity _city;
    private readonly string _actor = "kiem-tra-" + Guid.NewGuid().ToString("N")[..8];

    public AuditUnitPickerTests(UnitKeyCity city)
    {
        _city = city;
        Services.AddSingleton(city.Services.GetRequiredService<IDbContextFactory<ReformDbContext>>());
    }

    private sealed class Host : ComponentBase
    {
        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<AuditPage>(1);
            builder.CloseComponent();
        }
    }

    /// <summary>Two entries of Trúc Bạch (key 00004), one of the new Ba Đình ward (key 00004@2025-07), one of Hà Đông.</summary>
    private async Task LogAsync()
    {
        await using var db = PostgresServer.CreateContext(_city.ConnectionString);
        var ids = await db.Units.Where(u => u.Key == "00004" || u.Key == "00004@2025-07" || u.Key == "268").ToDictionaryAsync(u => u.Key, u => u.Id);
        var at = new DateTimeOffset(2026, 11, 20, 3, 0, 0, TimeSpan.Zero);
        string[] keys = ["00004", "00004@2025-07", "00004", "268"];
        for (var i = 0; i < keys.Length; i++)
            db.AuditLog.Add(new AuditEntry { At = at.AddMinutes(i), Actor = _actor, Action = "target.update", Entity = "target", EntityKey = i.ToString(), UnitId = ids[keys[i]], Details = "{}" });
        await db.SaveChangesAsync();
    }

    private IRenderedComponent<Host> Open()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/audit?actor=" + _actor);
        var cut = Render<Host>();
        // Loaded: the actor's four entries, before anything is typed.
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=audit-row]").Should().HaveCount(4), Patience);
        return cut;
    }

    private static string? Picked(IRenderedComponent<Host> cut) => cut.FindComponent<MudAutocomplete<UnitInfo>>().Find("input").GetAttribute("value");

    private static List<string> Offered(IRenderedComponent<Host> cut) => cut.FindAll(".mud-popover-open .mud-list-item").Select(o => o.TextContent.Trim()).ToList();

    private static List<string> Rows(IRenderedComponent<Host> cut) => cut.FindAll("[data-testid=audit-row]").Select(r => r.Children[3].TextContent.Trim()).ToList();

    [Fact]
    public async Task Typing_a_name_without_accents_offers_the_units_and_the_one_picked_filters_the_log_by_its_key()
    {
        await LogAsync();
        var cut = Open();

        cut.FindComponent<MudAutocomplete<UnitInfo>>().Find("input").Input("truc bach");
        cut.WaitForAssertion(() => Offered(cut).Should().Equal("00004 — Phường Trúc Bạch"), Patience);
        cut.Find(".mud-popover-open .mud-list-item").Click();
        cut.WaitForAssertion(() => Picked(cut).Should().Be("00004 — Phường Trúc Bạch"), Patience);
        cut.Find("[data-testid=audit-filter]").Click();

        var address = Services.GetRequiredService<NavigationManager>().Uri;
        address.Should().Contain("unit=00004").And.NotContain("unit=00004%40");
        cut.WaitForAssertion(() => Rows(cut).Should().HaveCount(2).And.OnlyContain(r => r.Contains("Phường Trúc Bạch")), Patience);
        Picked(cut).Should().Be("00004 — Phường Trúc Bạch", "the address's key selects the unit again");
    }

    [Fact]
    public async Task The_ward_that_took_the_code_is_its_own_choice_and_filter()
    {
        await LogAsync();
        var cut = Open();

        cut.FindComponent<MudAutocomplete<UnitInfo>>().Find("input").Input("phuong ba dinh");
        cut.WaitForAssertion(() => Offered(cut).Should().Equal("00004 — Phường Ba Đình"), Patience);
        cut.Find(".mud-popover-open .mud-list-item").Click();
        cut.WaitForAssertion(() => Picked(cut).Should().Be("00004 — Phường Ba Đình"), Patience);
        cut.Find("[data-testid=audit-filter]").Click();

        Services.GetRequiredService<NavigationManager>().Uri.Should().EndWith("unit=00004%402025-07");
        cut.WaitForAssertion(() => Rows(cut).Should().ContainSingle().Which.Should().Contain("Phường Ba Đình"), Patience);
    }
}
