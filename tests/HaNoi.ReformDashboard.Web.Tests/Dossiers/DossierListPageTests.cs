using Bunit;
using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Web.Accounts;
using HaNoi.ReformDashboard.Web.Dossiers;
using HaNoi.ReformDashboard.Web.Tests.EndToEnd;
using HaNoi.ReformDashboard.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;

namespace HaNoi.ReformDashboard.Web.Tests.Dossiers;

/// <summary>The dossier list page over the demo year's dossiers: its filters live in the address.</summary>
[Collection(DemoYearCollection.Name)]
public sealed class DossierListPageTests : ComponentTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public DossierListPageTests(DemoYearApp app)
    {
        Services.AddDbContextFactory<ReformDbContext>(o => o.UseNpgsql(app.ConnectionString));
        Services.AddLogging();
        Services.AddReformPolicies();
        Services.Replace(ServiceDescriptor.Transient<IAuthorizationService, DefaultAuthorizationService>());
        Services.Replace(ServiceDescriptor.Transient<IAuthorizationPolicyProvider, DefaultAuthorizationPolicyProvider>());
        Services.AddScoped<DossierListFiles>();
        Services.AddSingleton<AuthenticationStateProvider>(new FixedUser(app.Services, "dossier-list-leader", Roles.Leader));
    }

    private IReadOnlyDictionary<string, string> Query()
    {
        var uri = new Uri(Services.GetRequiredService<NavigationManager>().Uri);
        return QueryHelpers.ParseQuery(uri.Query).ToDictionary(p => p.Key, p => p.Value.ToString());
    }

    [Fact]
    public async Task Choosing_a_filter_puts_it_in_the_address_and_starts_again_from_the_first_page()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/units/268/indicators/ONTIME/dossiers?period=2023-11&sort=received&after=x&page=3");
        var cut = Render<UnitDossiersPage>(p => p.Add(x => x.Code, "268").Add(x => x.IndicatorCode, "ONTIME"));
        cut.WaitForElement("[data-testid=dossier-filters]", Patience);

        var show = cut.FindComponents<MudSelect<bool>>().Single();
        await cut.InvokeAsync(() => show.Instance.ValueChanged.InvokeAsync(true));

        Query().Should().BeEquivalentTo(new Dictionary<string, string> { ["period"] = "2023-11", ["sort"] = "received", ["show"] = "miss" },
            "the filter joins the address, the order stays, the page cursor goes");

        var selects = cut.FindComponents<MudSelect<string>>();
        var procedure = selects[0];
        var first = procedure.FindComponents<MudSelectItem<string>>();
        var code = first.Count > 0 ? first[0].Instance.Value! : "1.001193";
        await cut.InvokeAsync(() => procedure.Instance.ValueChanged.InvokeAsync(code));
        Query().Should().Contain("procedure", code);

        await cut.InvokeAsync(() => selects[2].Instance.ValueChanged.InvokeAsync("returned"));
        Query().Should().Contain("status", "returned");
        // The page follows its address: the download takes the same filters, every row (no cursor).
        cut.WaitForAssertion(() => cut.Find("[data-testid=download-csv]").GetAttribute("href").Should().Be(
            DossierListAddress.DownloadPath("268", "ONTIME") + $"?period=2023-11&procedure={Uri.EscapeDataString(code)}&status=returned&show=miss&sort=received&format=csv"), Patience);
    }
}
