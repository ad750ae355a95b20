using System.Net;
using System.Text.RegularExpressions;
using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Testing;
using HaNoi.ReformDashboard.Web.Tests.EndToEnd;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Web.Tests.Security;

/// <summary>The dashboard configured for single sign-on against a real OpenID Connect provider started here.</summary>
public class SingleSignOnApp : DashboardApp
{
    public OidcProvider Provider { get; private set; } = null!;

    protected override async Task BeforeStartAsync() => Provider = await OidcProvider.StartAsync(Postgres);

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() =>
    [
        new("Oidc:Authority", Provider.Authority),
        new("Oidc:ClientId", OidcProvider.ClientId),
        new("Oidc:ClientSecret", OidcProvider.ClientSecret),
        new("Oidc:DisplayName", "VNeID"),
        new("Oidc:RequireHttpsMetadata", "false"),
        // An HTTP client cannot run the provider's auto-posting form; the code comes back in the query instead.
        new("Oidc:ResponseMode", "query"),
    ];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Provider.RegisterClientAsync(BaseUrl + "/signin-oidc", BaseUrl + "/signout-callback-oidc");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Provider is not null) await Provider.DisposeAsync();
    }
}

public sealed class SingleSignOnTests(SingleSignOnApp app) : IClassFixture<SingleSignOnApp>
{
    private readonly (HttpClient Http, CookieContainer Cookies) _browser = NewBrowser(app);
    private HttpClient Http => _browser.Http;

    /// <summary>A browser: cookies of its own, with the dashboard and with the provider.</summary>
    private static (HttpClient, CookieContainer) NewBrowser(SingleSignOnApp app)
    {
        var cookies = new CookieContainer();
        return (new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = new Uri(app.BaseUrl) }, cookies);
    }

    /// <summary>Presses the sign-in page's single sign-on button and follows every redirect to the end.</summary>
    private async Task<HttpResponseMessage> SignInThroughProviderAsync(string returnUrl, HttpClient? browser = null)
    {
        browser ??= Http;
        var form = await browser.GetStringAsync("/Account/Login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        return await browser.PostAsync("/Account/ExternalLogin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["returnUrl"] = returnUrl,
        }));
    }

    private async Task<string> FinalPathAsync(string path, HttpClient? browser = null)
    {
        using var response = await (browser ?? Http).GetAsync(path);
        return response.RequestMessage!.RequestUri!.AbsolutePath;
    }

    [Fact]
    public async Task The_providers_claims_decide_role_and_unit_at_every_sign_in_and_sign_out_ends_the_session()
    {
        const string ownRevisions = "/units/268/indicators/ONTIME?year=2022&period=2022-Q4";
        app.Provider.NextUser = new ProviderUser("vneid-0001", "giamdoc.hadong", Roles.DepartmentHead, "268");

        using var first = await SignInThroughProviderAsync(ownRevisions);

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        first.RequestMessage!.RequestUri!.PathAndQuery.Should().Be(ownRevisions);
        (await FinalPathAsync("/units/SNV/indicators/ONTIME")).Should().Be("/Account/AccessDenied");
        (await FinalPathAsync("/data")).Should().Be("/Account/AccessDenied");

        // The directory moves the person to the reform office: the next sign-in follows.
        await SignOutAsync();
        (await FinalPathAsync("/data")).Should().Be("/Account/Login");
        app.Provider.NextUser = app.Provider.NextUser with { Role = Roles.ReformOffice, Unit = null };
        using var second = await SignInThroughProviderAsync("/data");

        second.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/data");
        (await FinalPathAsync("/units/SNV/indicators/ONTIME")).Should().Be("/units/SNV/indicators/ONTIME");
        var manage = WebUtility.HtmlDecode(await Http.GetStringAsync("/Account/Manage"));
        manage.Should().Contain("giamdoc.hadong (Phòng Cải cách hành chính)");
        await SignOutAsync();
        // The first sign-in created the account with the provider's role, the second moved it: one entry each.
        await using var db = PostgresServer.CreateContext(app.ConnectionString);
        (await db.AuditLog.Where(a => a.EntityKey == "giamdoc.hadong" && a.Action.StartsWith("account.")).OrderBy(a => a.Id).ToListAsync())
            .Select(a => a.Actor + " " + a.Action + " " + a.Details).Should().Equal(
                """giamdoc.hadong account.create {"new": {"role": "department-head", "unit": "268"}, "old": null, "provider": "VNeID"}""",
                """giamdoc.hadong account.role {"new": {"role": "reform-office", "unit": null}, "old": {"role": "department-head", "unit": "268"}}""");
    }

    [Fact]
    public async Task Signing_out_of_the_dashboard_ends_the_providers_session_so_the_next_person_is_not_let_in_as_the_last()
    {
        app.Provider.NextUser = new ProviderUser("vneid-0003", "chuyenvien.ha", Roles.ReformOffice, null);
        using (await SignInThroughProviderAsync("/")) { }
        WebUtility.HtmlDecode(await Http.GetStringAsync("/Account/Manage")).Should().Contain("chuyenvien.ha");
        var ended = app.Provider.EndedSessions;

        await SignOutAsync();

        app.Provider.EndedSessions.Should().Be(ended + 1, "the sign-out went through the provider's end-session endpoint");
        (await FinalPathAsync("/")).Should().Be("/Account/Login");
        // The next person at the same browser: the provider asks who they are (here: signs in NextUser).
        app.Provider.NextUser = new ProviderUser("vneid-0004", "lanhdao.thanhpho", Roles.Leader, null);
        using (await SignInThroughProviderAsync("/")) { }
        var manage = WebUtility.HtmlDecode(await Http.GetStringAsync("/Account/Manage"));
        manage.Should().Contain("lanhdao.thanhpho").And.NotContain("chuyenvien.ha");
        await SignOutAsync();
    }

    [Fact]
    public async Task A_role_the_dashboard_does_not_know_is_refused_with_a_message_and_no_session()
    {
        app.Provider.NextUser = new ProviderUser("vneid-0002", "chutich.xyz", "mayor", null);

        using var response = await SignInThroughProviderAsync("/");

        response.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/Account/Login");
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).Should().Contain("Không có vai trò 'mayor'");
        (await FinalPathAsync("/")).Should().Be("/Account/Login");
    }

    [Fact]
    public async Task A_single_sign_on_session_ends_at_its_sign_out_alone_and_a_role_the_provider_changes_ends_the_others()
    {
        app.Provider.NextUser = new ProviderUser("vneid-0005", "phochutich.hadong", Roles.Leader, null);
        using (await SignInThroughProviderAsync("/")) { }
        var copied = _browser.Cookies.GetCookieHeader(new Uri(app.BaseUrl));
        // The same person on a second device: the provider brings the same role, so the first device stays signed in.
        var (phone, _) = NewBrowser(app);
        using (phone)
        {
            using (await SignInThroughProviderAsync("/", phone)) { }
            (await FinalPathAsync("/")).Should().Be("/");

            await SignOutAsync();

            (await ReplayAsync(copied)).Should().Be("/Account/Login");
            (await FinalPathAsync("/", phone)).Should().Be("/");

            // The directory moves the person to the reform office; their next sign-in (a third device) brings the new
            // role, which ends the phone's session.
            app.Provider.NextUser = app.Provider.NextUser with { Role = Roles.ReformOffice };
            var (tablet, _) = NewBrowser(app);
            using (tablet)
            {
                using (await SignInThroughProviderAsync("/data", tablet)) { }
                (await FinalPathAsync("/data", tablet)).Should().Be("/data");
                (await FinalPathAsync("/", phone)).Should().Be("/Account/Login");
            }
        }
    }

    /// <summary>Where a GET with exactly these cookies is sent: "200", or the path of the redirect.</summary>
    private async Task<string> ReplayAsync(string cookieHeader)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookieHeader);
        using var response = await http.SendAsync(request);
        return response.StatusCode == HttpStatusCode.OK ? "200" : response.Headers.Location!.PathAndQuery().Split('?')[0];
    }

    private async Task SignOutAsync()
    {
        var page = await Http.GetStringAsync("/Account/Manage");
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var response = await Http.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        response.RequestMessage!.RequestUri!.PathAndQuery.Should().Be("/Account/Login?signedOut=true");
    }
}
