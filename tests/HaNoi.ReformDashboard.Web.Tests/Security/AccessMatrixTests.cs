using System.Net;
using HaNoi.ReformDashboard.Web.Tests.EndToEnd;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;
using static HaNoi.ReformDashboard.Data.Accounts.Roles;

namespace HaNoi.ReformDashboard.Web.Tests.Security;

/// <summary>
/// The route × role matrix of issue 9 in one table. Every endpoint the app maps must appear in it (a new page
/// cannot be forgotten), and every cell is tried over HTTP: an allowed cell answers 200, a refused one sends an
/// anonymous visitor to sign in and a signed-in one to "access denied" — never the content.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class AccessMatrixTests(DashboardApp app)
{
    /// <summary>Who may open a route: anyone, anyone signed in, or the listed roles.</summary>
    internal sealed record Access(bool Anonymous, bool AnySignedIn, params string[] Roles)
    {
        public bool Allows(string? role) => Anonymous || (role is not null && (AnySignedIn || Roles.Contains(role)));
    }

    internal static readonly Access Everyone = new(true, true);
    private static readonly Access SignedIn = new(false, true);
    private static Access Only(params string[] roles) => new(false, false, roles);
    private static readonly Access Readers = Only(Leader, DepartmentHead, ReformOffice, Admin);

    /// <summary>The one table: route pattern → who may open it, with the requests that try it.</summary>
    internal static readonly (string Route, Access Access, string[] Samples)[] Matrix =
    [
        ("/", Readers, ["/?year=2022&period=2022-12&level=district"]),
        ("/indicators/{Code}", Readers, ["/indicators/ONTIME?year=2022&period=2022-Q4"]),
        ("/units/{Code}", Readers, ["/units/268?year=2022&period=2022-Q3", "/units/SNV"]),
        // Revision detail: a department head only for their own unit (268); see the scoped rows below.
        ("/units/{Code}/indicators/{IndicatorCode}", Only(Leader, ReformOffice), ["/units/SNV/indicators/ONTIME?year=2022&period=2022-Q4"]),
        // The dossiers behind a figure, on the page and as a download: a department head only for their own unit (scoped rows below).
        ("/units/{Code}/indicators/{IndicatorCode}/dossiers", Only(Leader, ReformOffice, Admin), ["/units/SNV/indicators/ONTIME/dossiers?period=2022-12"]),
        ("/units/{Code}/indicators/{IndicatorCode}/dossiers/download", Only(Leader, ReformOffice, Admin),
            ["/units/SNV/indicators/ONTIME/dossiers/download?period=2022-12&format=csv", "/units/SNV/indicators/ONLINE_DOSSIER/dossiers/download?period=2022-Q4&format=xlsx"]),
        // A unit's overdue dossiers: the same rule as its dossier lists.
        ("/units/{Code}/dossiers/overdue", Only(Leader, ReformOffice, Admin), ["/units/SNV/dossiers/overdue?asof=2022-12-31"]),
        // The reform index: the ranking for every reader (the office also sees the round's progress there).
        ("/assessment", Readers, ["/assessment", "/assessment?year=2022&block=district"]),
        // A unit's assessment: a department head only for their own unit (scoped rows below).
        ("/assessment/{Year:int}/units/{Code}", Only(Leader, ReformOffice), ["/assessment/2023/units/SNV", "/assessment/2022/units/SNV"]),
        // An evidence file: any reader may ask, the file's unit decides (leaders and the office every unit's, a head their own): tried in EvidenceDownloadTests.
        ("/assessment/evidence/{Id:long}", Readers, []),
        // The published annex of a year's index, as xlsx, PDF or Word: who may export reports.
        ("/assessment/annex", Only(Leader, ReformOffice), ["/assessment/annex?year=2022&block=department&format=xlsx", "/assessment/annex?year=2022&block=district&format=pdf", "/assessment/annex?year=2022&block=department&format=docx"]),
        // A year's framework as a tree and its workbook: leaders and the office read them (the office alone loads and copies, on the page).
        ("/assessment/framework", Only(Leader, ReformOffice), ["/assessment/framework", "/assessment/framework?year=2023", "/assessment/framework?year=2099"]),
        ("/assessment/framework/workbook", Only(Leader, ReformOffice), ["/assessment/framework/workbook", "/assessment/framework/workbook?year=2023"]),
        ("/data", Only(Leader, ReformOffice), ["/data"]),
        ("/data/import", Only(ReformOffice), ["/data/import"]),
        ("/data/import/template", Only(ReformOffice), ["/data/import/template?format=csv", "/data/import/template?format=xlsx"]),
        ("/data/dossiers/import", Only(ReformOffice, Admin), ["/data/dossiers/import"]),
        ("/reports", Only(Leader, ReformOffice), ["/reports?year=2022&period=2022-12"]),
        ("/reports/download", Only(Leader, ReformOffice), ["/reports/download?year=2022&period=2022-Q4&format=xlsx&kind=report"]),
        ("/admin/users", Only(Admin), ["/admin/users"]),
        ("/delivery", Only(ReformOffice, Admin), ["/delivery"]),
        ("/explanations", Only(Leader, ReformOffice), ["/explanations", "/explanations?year=2022&period=2022-Q4&unit=268"]),
        ("/targets", Only(ReformOffice, Admin), ["/targets"]),
        ("/audit", Only(ReformOffice, Admin), ["/audit?action=sign-in&page=1"]),
        ("/not-found", SignedIn, ["/not-found"]),
        ("/Error", Everyone, ["/Error"]),
        ("/culture", Everyone, ["/culture?name=en-US&redirect=/"]),
        ("/health/live", Everyone, ["/health/live"]),
        ("/health/ready", Everyone, ["/health/ready"]),
        // The dossier push API: a POST by a machine account (token or API key), never a person's role; tried in DossierPushTests.
        ("/api/dossiers", Only(), []),
        ("/Account/Login", Everyone, ["/Account/Login"]),
        ("/Account/LoginWith2fa", Everyone, []), // without a correct password first it sends back to sign-in: tried in SignInTests
        ("/Account/LoginWithRecoveryCode", Everyone, []), // the same: tried in SignInHardeningTests
        ("/Account/Lockout", Everyone, ["/Account/Lockout"]),
        ("/Account/AccessDenied", Everyone, ["/Account/AccessDenied"]),
        ("/Account/Manage", SignedIn, ["/Account/Manage"]),
        ("/Account/EnableAuthenticator", SignedIn, ["/Account/EnableAuthenticator"]),
        ("/Account/Logout", SignedIn, []), // POST with an antiforgery token: tried in SignInTests
        // Single sign-on: start (POST with token) and the provider's return; tried in SingleSignOnTests.
        ("/Account/ExternalLogin", Everyone, []),
        ("/Account/ExternalLogin/Callback", Everyone, []),
        // The circuit's hub: a page's live connection, for signed-in users only.
        ("/_blazor", SignedIn, []),
        ("/_blazor/negotiate", SignedIn, []),
        ("/_blazor/disconnect/", SignedIn, []),
        ("/_blazor/initializers/", SignedIn, []),
        // Blazor's redirect after an enhanced form post (the account forms are not enhanced): closed by the fallback policy.
        ("/_framework/opaque-redirect", SignedIn, []),
        // Development only: files of the packages (MudBlazor, Plotly) served from their folders.
        ("/{**path:file}", Everyone, []),
    ];

    /// <summary>Unit scope: the same route, decided by whose unit it is.</summary>
    internal static readonly (string Sample, Access Access)[] Scoped =
    [
        ("/units/268/indicators/ONTIME?year=2022&period=2022-Q4", Only(Leader, ReformOffice, DepartmentHead)),
        ("/units/SNV/indicators/ONTIME?year=2022&period=2022-Q4", Only(Leader, ReformOffice)),
        ("/units/268/indicators/ONTIME/dossiers?period=2022-12", Only(Leader, ReformOffice, Admin, DepartmentHead)),
        ("/units/268/indicators/ONTIME/dossiers/download?period=2022-12&format=xlsx", Only(Leader, ReformOffice, Admin, DepartmentHead)),
        ("/units/268/dossiers/overdue?asof=2022-12-31", Only(Leader, ReformOffice, Admin, DepartmentHead)),
        ("/assessment/2023/units/268", Only(Leader, ReformOffice, DepartmentHead)),
    ];

    private static readonly string?[] Identities = [null, Leader, DepartmentHead, ReformOffice, Admin];

    [Fact]
    public void Every_endpoint_the_app_maps_is_in_the_matrix()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var staticAssets = endpoints.Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is not null).ToList();
        var routes = endpoints.Except(staticAssets).Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).Distinct().ToList();

        string.Join(" ", routes.Except(Matrix.Select(m => m.Route))).Should().BeEmpty("every mapped route needs a row in the matrix");
        string.Join(" ", Matrix.Select(m => m.Route).Except(routes)).Should().BeEmpty("a row for a route the app no longer maps is stale");
        // Files (scripts, styles, fonts) are public, so the sign-in page can load them; nothing else is.
        staticAssets.Should().NotBeEmpty().And.OnlyContain(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() != null);
    }

    [Fact]
    public async Task Every_cell_of_the_matrix_holds_over_http()
    {
        var cells = Matrix.SelectMany(m => m.Samples.Select(s => (Sample: s, m.Access))).Concat(Scoped).ToList();
        var unauthorisedReads = new List<string>();
        var wrongRefusals = new List<string>();
        var tried = 0;
        foreach (var identity in Identities)
        {
            using var http = await app.HttpClientAsync(identity);
            foreach (var (sample, access) in cells)
            {
                using var response = await http.GetAsync(sample);
                tried++;
                var who = identity ?? "anonymous";
                var location = response.Headers.Location?.OriginalString ?? "";
                var refused = response.StatusCode == HttpStatusCode.Redirect
                    && (location.Contains("/Account/Login?ReturnUrl=", StringComparison.Ordinal) || location.Contains("/Account/AccessDenied", StringComparison.Ordinal));
                if (access.Allows(identity))
                {
                    // The culture switch answers with its redirect back; everything else with the content.
                    var ok = sample.StartsWith("/culture") ? response.StatusCode == HttpStatusCode.Redirect && location.EndsWith('/') : response.StatusCode == HttpStatusCode.OK;
                    if (!ok) wrongRefusals.Add($"{who} {sample}: {(int)response.StatusCode} {location}");
                }
                else if (!refused)
                {
                    unauthorisedReads.Add($"{who} {sample}: {(int)response.StatusCode} {location}");
                }
                else
                {
                    // Anonymous visitors are asked to sign in; signed-in ones are told they may not.
                    location.Should().Contain(identity is null ? "/Account/Login" : "/Account/AccessDenied", $"{who} {sample}");
                }
            }
        }

        tried.Should().Be(Identities.Length * cells.Count);
        unauthorisedReads.Should().BeEmpty();
        wrongRefusals.Should().BeEmpty();
    }

    [Fact]
    public async Task The_circuit_hub_refuses_an_anonymous_connection()
    {
        using var anonymous = await app.HttpClientAsync(null);
        using var refused = await anonymous.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
        using var leader = await app.HttpClientAsync(Leader);
        using var accepted = await leader.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);

        refused.StatusCode.Should().NotBe(HttpStatusCode.OK);
        accepted.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
