using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Testing;
using HaNoi.ReformDashboard.Web.Accounts;
using HaNoi.ReformDashboard.Web.Tests.EndToEnd;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Microsoft.Playwright.Assertions;

namespace HaNoi.ReformDashboard.Web.Tests.Security;

/// <summary>
/// Sessions that end (issue 19): a sign-out ends the session on the server, so a copy of the cookie is refused after
/// it; a lock, a role, unit or password change ends the person's other sessions at their next request, and an open
/// circuit at its next revalidation; a write asks the database who acts.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class SessionTests(DashboardApp app)
{
    private const string UnitPage = "/units/" + DashboardApp.OwnUnit;

    private async Task<string> NewAccountAsync(string role, string? unit = null)
    {
        var name = $"s-{role}-{Guid.NewGuid():N}"[..24];
        await using var scope = app.Services.CreateAsyncScope();
        var added = await scope.ServiceProvider.GetRequiredService<AccountDirectory>().AddAsync(name, role, unit, DashboardApp.Password);
        added.Ok.Should().BeTrue(added.Message(System.Globalization.CultureInfo.InvariantCulture));
        return name;
    }

    private async Task<string> IdOfAsync(string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<AccountUser>>().FindByNameAsync(userName))!.Id;
    }

    private async Task<AccountChange> ChangeAsync(Func<AccountDirectory, Task<AccountChange>> change)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await change(scope.ServiceProvider.GetRequiredService<AccountDirectory>());
    }

    /// <summary>One device: an HTTP client with its own cookies, signed in through the sign-in form.</summary>
    private async Task<(HttpClient Http, CookieContainer Cookies)> SignInAsync(string userName)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) };
        using var signIn = await DashboardApp.PostSignInAsync(http, userName, DashboardApp.Password);
        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        Where(signIn).Should().Be("/");
        return (http, cookies);
    }

    /// <summary>The sign-in cookies as a header, the way someone who copied them would send them.</summary>
    private string CookieHeader(CookieContainer cookies) => cookies.GetCookieHeader(new Uri(app.BaseUrl));

    /// <summary>Where a GET with exactly these cookies ends: "200", or the path it is redirected to.</summary>
    private async Task<string> ReplayAsync(string cookieHeader, string path = UnitPage)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookieHeader);
        using var response = await http.SendAsync(request);
        return Where(response);
    }

    /// <summary>"200", or the path (without the query) a response redirects to.</summary>
    private static string Where(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.OK ? "200"
        : response.Headers.Location is { } to ? new Uri(new Uri("http://localhost"), to).AbsolutePath
        : response.StatusCode.ToString();

    private static async Task<string> GetAsync(HttpClient http, string path = UnitPage)
    {
        using var response = await http.GetAsync(path);
        return Where(response);
    }

    private static async Task SignOutAsync(HttpClient http)
    {
        var page = await http.GetStringAsync("/Account/Manage");
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var response = await http.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        response.Headers.Location!.PathAndQuery().Should().Be("/Account/Login?signedOut=true");
    }

    /// <summary>The principal the device's cookie carries, as a circuit opened from that device would hold it.</summary>
    private (ClaimsPrincipal Principal, DateTimeOffset Expires) PrincipalOf(CookieContainer cookies)
    {
        var value = cookies.GetCookies(new Uri(app.BaseUrl))["reform.auth"]!.Value;
        var format = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme).TicketDataFormat;
        var ticket = format.Unprotect(value)!;
        return (ticket.Principal, ticket.Properties.ExpiresUtc!.Value);
    }

    private AccountsDbContext AccountsDb()
    {
        var options = new DbContextOptionsBuilder<AccountsDbContext>();
        options.UseAccountsDatabase(app.ConnectionString);
        return new AccountsDbContext(options.Options);
    }

    private RevalidatingAccountState Revalidation() => new(NullLoggerFactory.Instance, app.Services.GetRequiredService<IServiceScopeFactory>());

    private CurrentUser Acting(ClaimsPrincipal principal) => new(new Holding(principal), app.Services.GetRequiredService<IServiceScopeFactory>());

    [Fact]
    public async Task A_cookie_copied_before_signing_out_from_the_app_bar_is_refused_after_it()
    {
        var name = await NewAccountAsync(Roles.Leader);
        var page = await app.NewPageAsync(role: null);
        await app.SignInAsync(page, name, DashboardApp.Password, UnitPage);
        await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Attached });
        var copied = string.Join("; ", (await page.Context.CookiesAsync()).Where(c => c.Name.StartsWith("reform.auth")).Select(c => $"{c.Name}={c.Value}"));
        var before = await ReplayAsync(copied);

        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page.GetByTestId("signed-out")).ToBeVisibleAsync();

        before.Should().Be("200");
        (await ReplayAsync(copied)).Should().Be("/Account/Login");
        (await ReplayAsync(copied, "/Account/Manage")).Should().Be("/Account/Login");
    }

    [Fact]
    public async Task Signing_out_on_one_device_leaves_the_same_persons_other_device_signed_in()
    {
        var name = await NewAccountAsync(Roles.Leader);
        var (laptop, laptopCookies) = await SignInAsync(name);
        var (phone, _) = await SignInAsync(name);
        var copied = CookieHeader(laptopCookies);
        using (laptop)
        using (phone)
        {
            await SignOutAsync(laptop);

            (await ReplayAsync(copied)).Should().Be("/Account/Login");
            (await GetAsync(phone)).Should().Be("200");
            await using var db = AccountsDb();
            var id = await IdOfAsync(name);
            (await db.Sessions.Where(s => s.UserId == id).Select(s => s.EndedAt != null).ToListAsync()).Should().BeEquivalentTo([true, false]);
        }
    }

    [Theory]
    [InlineData("lock")]
    [InlineData("role")]
    [InlineData("unit")]
    public async Task A_lock_or_a_role_or_unit_change_ends_the_persons_other_sessions_at_their_next_request(string change)
    {
        var name = await NewAccountAsync(Roles.DepartmentHead, DashboardApp.OwnUnit);
        var id = await IdOfAsync(name);
        var (device, _) = await SignInAsync(name);
        using var _device = device;
        (await GetAsync(device)).Should().Be("200");

        var changed = await ChangeAsync(d => change switch
        {
            "lock" => d.SetLockedAsync(id, true),
            "role" => d.SetRoleAsync(id, Roles.Leader, null),
            _ => d.SetRoleAsync(id, Roles.DepartmentHead, DashboardApp.OtherUnit),
        });

        changed.Ok.Should().BeTrue(changed.Message(System.Globalization.CultureInfo.InvariantCulture));
        (await GetAsync(device)).Should().Be("/Account/Login");
    }

    [Fact]
    public async Task Saving_the_same_role_and_unit_again_leaves_the_persons_sessions_alone()
    {
        // A single sign-on brings the role and unit again at every sign-in: that must not sign the person out elsewhere.
        var name = await NewAccountAsync(Roles.DepartmentHead, DashboardApp.OwnUnit);
        var id = await IdOfAsync(name);
        var (device, _) = await SignInAsync(name);
        using var _device = device;

        (await ChangeAsync(d => d.SetRoleAsync(id, Roles.DepartmentHead, DashboardApp.OwnUnit))).Ok.Should().BeTrue();

        (await GetAsync(device)).Should().Be("200");
    }

    [Fact]
    public async Task Changing_the_password_keeps_this_device_signed_in_and_ends_the_other_devices_sessions()
    {
        var name = await NewAccountAsync(Roles.Leader);
        var (laptop, _) = await SignInAsync(name);
        var (phone, _) = await SignInAsync(name);
        using (laptop)
        using (phone)
        {
            var form = await laptop.GetStringAsync("/Account/Manage");
            var token = Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
            using var changed = await laptop.PostAsync("/Account/Manage", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["_handler"] = "change-password",
                ["Password.Current"] = DashboardApp.Password,
                ["Password.New"] = "A-new-password-2022!",
                ["Password.Confirm"] = "A-new-password-2022!",
            }));

            changed.Headers.Location!.PathAndQuery().Should().Be("/Account/Manage?message=PasswordChanged");
            (await GetAsync(laptop)).Should().Be("200");
            (await GetAsync(phone)).Should().Be("/Account/Login");
        }
    }

    [Theory]
    [InlineData("sign-out")]
    [InlineData("lock")]
    [InlineData("demotion")]
    [InlineData("password")]
    public async Task An_open_circuit_is_ended_at_its_next_revalidation(string change)
    {
        var name = await NewAccountAsync(Roles.ReformOffice);
        var id = await IdOfAsync(name);
        var (device, cookies) = await SignInAsync(name);
        using var _device = device;
        var circuit = new AuthenticationState(PrincipalOf(cookies).Principal);
        var revalidation = Revalidation();
        var before = await revalidation.RevalidateAsync(circuit);

        switch (change)
        {
            case "sign-out":
                await SignOutAsync(device);
                break;
            case "lock":
                (await ChangeAsync(d => d.SetLockedAsync(id, true))).Ok.Should().BeTrue();
                break;
            case "demotion":
                (await ChangeAsync(d => d.SetRoleAsync(id, Roles.Leader, null))).Ok.Should().BeTrue();
                break;
            default:
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    var users = scope.ServiceProvider.GetRequiredService<UserManager<AccountUser>>();
                    (await users.ChangePasswordAsync((await users.FindByIdAsync(id))!, DashboardApp.Password, "A-new-password-2022!")).Succeeded.Should().BeTrue();
                }
                break;
        }

        before.Should().BeTrue();
        (await revalidation.RevalidateAsync(circuit)).Should().BeFalse();
    }

    [Fact]
    public async Task A_session_lasts_as_long_as_its_cookie_so_an_open_tab_does_not_outlive_the_cookie()
    {
        var name = await NewAccountAsync(Roles.Leader);
        var (device, cookies) = await SignInAsync(name);
        using var _device = device;
        var (principal, expires) = PrincipalOf(cookies);
        var ticket = Sessions.TicketOf(principal, app.Services.GetRequiredService<IOptions<IdentityOptions>>().Value)!;
        await using var db = AccountsDb();
        var row = await db.Sessions.SingleAsync(s => s.Id == ticket.SessionId);
        var clock = new FakeTimeProvider(expires.AddMinutes(-1));
        var sessions = new AccountSessions(db, clock);

        var liveBefore = await sessions.IsLiveAsync(ticket);
        clock.Advance(TimeSpan.FromMinutes(2));
        var liveAfter = await sessions.IsLiveAsync(ticket);
        await sessions.ExtendAsync(ticket.SessionId, expires.AddHours(10));
        var liveRenewed = await sessions.IsLiveAsync(ticket);

        row.ExpiresAt.Should().BeCloseTo(expires, TimeSpan.FromMilliseconds(1));
        liveBefore.Should().BeTrue();
        liveAfter.Should().BeFalse("the cookie has run out");
        liveRenewed.Should().BeTrue("a renewed cookie carries the session on");
    }

    [Fact]
    public async Task A_write_by_someone_whose_role_was_removed_is_refused_though_the_circuit_still_holds_the_old_role()
    {
        var name = await NewAccountAsync(Roles.ReformOffice);
        var id = await IdOfAsync(name);
        var (device, cookies) = await SignInAsync(name);
        using var _device = device;
        var acting = Acting(PrincipalOf(cookies).Principal);
        var before = await acting.ForWriteAsync(Policies.ImportData);

        (await ChangeAsync(d => d.SetRoleAsync(id, Roles.Leader, null))).Ok.Should().BeTrue();

        before.Should().NotBeNull();
        before!.Name.Should().Be(name);
        (await acting.GetAsync()).IsInRole(Roles.ReformOffice).Should().BeTrue("the circuit keeps what it connected with");
        (await acting.ForWriteAsync(Policies.ImportData)).Should().BeNull();
        (await acting.ForWriteAsync()).Should().BeNull("the session itself has ended");
    }

    [Fact]
    public async Task A_target_saved_in_an_open_page_after_the_role_was_removed_is_refused_and_nothing_is_written()
    {
        var name = await NewAccountAsync(Roles.ReformOffice);
        var id = await IdOfAsync(name);
        await using var db = PostgresServer.CreateContext(app.ConnectionString);
        var sipas = await db.Targets.Where(t => t.Indicator!.Code == "SIPAS" && t.PlanYear == 2022 && t.Level == null && t.UnitId == null).SingleAsync();
        var revisions = await db.TargetRevisions.CountAsync();
        var page = await app.NewPageAsync(role: null);
        await app.SignInAsync(page, name, DashboardApp.Password, "/targets");
        await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Attached });
        await page.GetByTestId($"edit-{sipas.Id}").ClickAsync();
        await page.Locator("[data-testid=target-threshold]").FillAsync("95");
        await page.Locator("[data-testid=target-reason]").FillAsync("Thử sửa sau khi mất quyền");

        (await ChangeAsync(d => d.SetRoleAsync(id, Roles.Leader, null))).Ok.Should().BeTrue();
        await page.GetByTestId("target-save").ClickAsync();

        await Expect(page.GetByTestId("targets-message")).ToContainTextAsync("Bạn không có quyền sửa chỉ tiêu");
        db.ChangeTracker.Clear();
        (await db.Targets.SingleAsync(t => t.Id == sipas.Id)).Threshold.Should().Be(sipas.Threshold);
        (await db.TargetRevisions.CountAsync()).Should().Be(revisions);
    }

    /// <summary>A circuit's authentication state: the principal it connected with, whatever happened since.</summary>
    private sealed class Holding(ClaimsPrincipal principal) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(principal));
    }
}

internal static class LocationPaths
{
    /// <summary>The path and query of a redirect's location, whether the server wrote it absolute or relative.</summary>
    public static string PathAndQuery(this Uri location) => new Uri(new Uri("http://localhost"), location).PathAndQuery;
}
