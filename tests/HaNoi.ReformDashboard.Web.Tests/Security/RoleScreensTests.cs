using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Testing;
using HaNoi.ReformDashboard.Web.Tests.EndToEnd;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HaNoi.ReformDashboard.Web.Tests.Security;

/// <summary>What each role sees in the browser: scope held inside a circuit, the admin page, and a CSP that
/// lets Blazor, MudBlazor and Plotly run without a single violation.</summary>
[Collection(DashboardCollection.Name)]
public sealed class RoleScreensTests(DashboardApp app)
{
    private const string Quarter = "?year=2022&period=2022-Q4";

    [Fact]
    public async Task A_department_head_navigating_inside_the_circuit_sees_revision_detail_of_their_own_unit_only()
    {
        var page = await app.OpenAsync($"/units/{DashboardApp.OwnUnit}{Quarter}", role: Roles.DepartmentHead);
        await Expect(page.Locator("a[href='reports']")).ToHaveCountAsync(0);
        await Expect(page.Locator("a[href='data']")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("export-links")).ToHaveCountAsync(0);

        // Blazor.navigateTo goes through the interactive router, not a new HTTP request.
        await page.EvaluateAsync($"Blazor.navigateTo('/units/{DashboardApp.OtherUnit}/indicators/ONTIME{Quarter}')");
        await Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("revision-history")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("monthly-figures")).ToHaveCountAsync(0);

        await page.EvaluateAsync($"Blazor.navigateTo('/units/{DashboardApp.OwnUnit}/indicators/ONTIME{Quarter}')");
        await Expect(page.GetByTestId("monthly-figures")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("access-denied")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_admin_locks_an_account_and_a_bad_unit_binding_changes_nothing()
    {
        var name = $"lockme-{Guid.NewGuid():N}"[..20];
        await using (var scope = app.Services.CreateAsyncScope())
            (await scope.ServiceProvider.GetRequiredService<AccountDirectory>().AddAsync(name, Roles.Leader, null, DashboardApp.Password)).Ok.Should().BeTrue();
        var page = await app.OpenAsync("/admin/users", role: Roles.Admin);

        await page.GetByTestId($"role-{name}").SelectOptionAsync(Roles.DepartmentHead);
        await page.GetByTestId($"unit-{name}").FillAsync("NOPE");
        await page.GetByTestId($"save-{name}").ClickAsync();
        await Expect(page.GetByTestId("users-message")).ToHaveTextAsync("Không có đơn vị mã 'NOPE'.");
        await Expect(page.GetByTestId($"role-{name}")).ToHaveValueAsync(Roles.Leader);

        await page.GetByTestId($"lock-{name}").ClickAsync();
        await Expect(page.GetByTestId($"status-{name}")).ToHaveTextAsync("Đã khóa");
        await DashboardApp.ScreenshotAsync(page, "admin-users");
        (await Accessibility.SeriousViolationsAsync(page)).Should().BeEmpty();

        using var http = await app.HttpClientAsync(null);
        using var signIn = await DashboardApp.PostSignInAsync(http, name, DashboardApp.Password);
        signIn.Headers.Location!.AbsolutePath.Should().Be("/Account/Lockout");
        // The refused binding left no entry; the lock one, in the admin's name.
        await using var db = PostgresServer.CreateContext(app.ConnectionString);
        (await db.AuditLog.Where(a => a.EntityKey == name && a.Action.StartsWith("account.")).OrderBy(a => a.Id).Select(a => a.Actor + " " + a.Action).ToListAsync())
            .Should().Equal("system account.create", DashboardApp.UserName(Roles.Admin) + " account.lock");
    }

    [Fact]
    public async Task Blazor_MudBlazor_and_Plotly_run_under_the_content_security_policy_without_a_violation()
    {
        var page = await app.NewPageAsync(role: Roles.Leader);
        var console = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) console.Add(message.Text);
        };
        await page.AddInitScriptAsync("window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));");

        var overview = await page.GotoAsync(app.BaseUrl + "/?year=2022&period=2022-12&level=district");
        overview!.Headers["content-security-policy"].Should().Contain("script-src 'self' 'nonce-");
        await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.Locator("[data-testid$=-sparkline] svg").First.WaitForAsync(); // the Overview's lines are the server's SVG
        var violations = await page.EvaluateAsync<string[]>("window.__csp");

        await app.GotoAsync(page, $"/units/{DashboardApp.OwnUnit}/indicators/ONTIME{Quarter}");
        await page.Locator(".js-plotly-plot").First.WaitForAsync();
        violations = [.. violations, .. await page.EvaluateAsync<string[]>("window.__csp")];

        await page.GotoAsync(app.BaseUrl + "/Account/Manage");
        await Expect(page.GetByTestId("signed-in-as")).ToBeVisibleAsync();
        violations = [.. violations, .. await page.EvaluateAsync<string[]>("window.__csp")];

        violations.Should().BeEmpty();
        console.Should().BeEmpty();
    }
}
