using System.Net;
using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Testing;
using HaNoi.ReformDashboard.Web.Tests.EndToEnd;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HaNoi.ReformDashboard.Web.Tests.Security;

/// <summary>Sign-in abuse and the account pages: lockout, antiforgery, audit, headers, sign-out, two-factor.</summary>
[Collection(DashboardCollection.Name)]
public sealed class SignInTests(DashboardApp app)
{
    private async Task<string> NewAccountAsync(string role = Roles.Leader, string? unit = null)
    {
        var name = $"{role}-{Guid.NewGuid():N}"[..24];
        await using var scope = app.Services.CreateAsyncScope();
        var added = await scope.ServiceProvider.GetRequiredService<AccountDirectory>().AddAsync(name, role, unit, DashboardApp.Password);
        added.Ok.Should().BeTrue();
        return name;
    }

    private async Task<List<string>> AuditActionsAsync(string userName)
    {
        await using var db = PostgresServer.CreateContext(app.ConnectionString);
        return await db.AuditLog.Where(a => a.EntityKey == userName).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
    }

    [Fact]
    public async Task Every_field_of_the_sign_in_form_is_drawn_with_its_box()
    {
        var page = await app.NewPageAsync(role: null);
        await page.GotoAsync(app.BaseUrl + "/Account/Login");
        // The user name is an InputText with no type attribute: it must get the fields' border like the password.
        foreach (var id in new[] { "#user-name", "#password" })
        {
            var border = await page.Locator(id).EvaluateAsync<string>("e => getComputedStyle(e).borderTopWidth + ' ' + getComputedStyle(e).borderTopStyle");
            border.Should().Be("1px solid", id);
            (await page.Locator(id).BoundingBoxAsync())!.Height.Should().BeGreaterThan(30, id);
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused()
    {
        using var anonymous = await app.HttpClientAsync(null);
        using var signIn = await anonymous.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in", ["Input.UserName"] = DashboardApp.UserName(Roles.Leader), ["Input.Password"] = DashboardApp.Password,
        }));
        using var leader = await app.HttpClientAsync(Roles.Leader);
        using var signOut = await leader.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>()));
        using var stillIn = await leader.GetAsync("/data");

        signIn.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        signIn.Headers.Contains("Set-Cookie").Should().BeFalse("no sign-in cookie without the token");
        signOut.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        stillIn.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Responses_carry_the_security_headers_and_the_sign_in_cookie_is_http_only()
    {
        using var http = await app.HttpClientAsync(null);
        using var page = await http.GetAsync("/Account/Login");
        using var signIn = await DashboardApp.PostSignInAsync(http, DashboardApp.UserName(Roles.Leader), DashboardApp.Password);

        var csp = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        csp.Should().Contain("frame-ancestors 'none'").And.Contain("script-src 'self' 'nonce-").And.Contain("object-src 'none'");
        page.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        page.Headers.GetValues("Referrer-Policy").Should().Equal("strict-origin-when-cross-origin");
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("reform.auth="));
        cookie.ToLowerInvariant().Should().Contain("httponly").And.Contain("samesite=lax");
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_is_audited()
    {
        var name = await NewAccountAsync(Roles.ReformOffice);
        var page = await app.NewPageAsync(role: null);
        await app.SignInAsync(page, name, DashboardApp.Password, "/data");
        await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(page.GetByTestId("account-name")).ToHaveTextAsync(name);

        await page.GetByTestId("sign-out").ClickAsync();

        await Expect(page.GetByTestId("signed-out")).ToHaveTextAsync("Bạn đã đăng xuất.");
        await page.GotoAsync(app.BaseUrl + "/data");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
        (await AuditActionsAsync(name)).Should().Equal("account.create", "sign-in", "sign-out");
    }

    [Fact]
    public async Task Two_factor_sign_in_asks_for_the_authenticator_code_after_the_password()
    {
        var name = await NewAccountAsync();
        var page = await app.NewPageAsync(role: null);
        await app.SignInAsync(page, name, DashboardApp.Password, "/Account/EnableAuthenticator");
        var key = (await page.GetByTestId("shared-key").TextContentAsync())!.Replace(" ", "");
        await page.Locator("#code").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await page.GetByTestId("verify").ClickAsync();
        await Expect(page.GetByTestId("account-status")).ToHaveTextAsync("Đã bật xác thực hai bước.");
        await Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
        await page.GetByTestId("continue").ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page.GetByTestId("signed-out")).ToBeVisibleAsync();

        await app.SignInAsync(page, name, DashboardApp.Password, "/Account/Manage");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/LoginWith2fa"));
        var wrong = Totp.Code(key, DateTimeOffset.UtcNow.AddMinutes(10));
        await page.Locator("#code").FillAsync(wrong);
        await page.GetByTestId("verify").ClickAsync();
        await Expect(page.GetByTestId("two-factor-error")).ToHaveTextAsync("Mã xác thực không đúng.");
        await page.Locator("#code").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await page.GetByTestId("verify").ClickAsync();

        await Expect(page.GetByTestId("signed-in-as")).ToContainTextAsync(name);
        await Expect(page.GetByTestId("two-factor-state")).ToHaveTextAsync("Xác thực hai bước đang bật.");
        await DashboardApp.ScreenshotAsync(page, "account-two-factor-on");
        (await AuditActionsAsync(name)).Where(a => a.StartsWith("account.")).Should().Equal("account.create", "account.two_factor.enable", "account.recovery_codes.generate");
    }

    [Fact]
    public async Task A_configured_database_gets_no_demo_accounts()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = await scope.ServiceProvider.GetRequiredService<AccountDirectory>().ListAsync();

        accounts.Select(a => a.UserName).Should().NotBeEmpty().And.NotContain(n => n.StartsWith("demo-"));
    }

    [Fact]
    public async Task The_two_factor_page_without_a_password_first_sends_back_to_sign_in()
    {
        using var http = await app.HttpClientAsync(null);
        using var response = await http.GetAsync("/Account/LoginWith2fa");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.Should().Be("/Account/Login");
    }
}
