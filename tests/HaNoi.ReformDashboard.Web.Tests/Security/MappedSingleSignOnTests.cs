using System.Net;
using System.Text.RegularExpressions;
using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Testing;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Web.Tests.Security;

/// <summary>Single sign-on whose provider names groups in a claim of its own, mapped to the dashboard's roles.</summary>
public sealed class MappedSingleSignOnApp : SingleSignOnApp
{
    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() =>
    [
        .. base.ExtraSettings(),
        new("Oidc:RoleClaim", "groups"),
        new("Oidc:RoleMap:CCHC-Lanh-dao", Roles.Leader),
        new("Oidc:RoleMap:CCHC-Van-phong", Roles.ReformOffice),
    ];
}

public sealed class MappedSingleSignOnTests(MappedSingleSignOnApp app) : IClassFixture<MappedSingleSignOnApp>
{
    private static ProviderUser Person(string subject, string name, params string[] groups) =>
        new(subject, name, "", null, groups.Select(g => new KeyValuePair<string, string>("groups", g)).ToList());

    private HttpClient NewBrowser() => new(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(app.BaseUrl) };

    private static async Task<HttpResponseMessage> SignInThroughProviderAsync(HttpClient browser, string returnUrl)
    {
        var form = await browser.GetStringAsync("/Account/Login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        return await browser.PostAsync("/Account/ExternalLogin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["returnUrl"] = returnUrl,
        }));
    }

    private static async Task<string> FinalPathAsync(HttpClient browser, string path)
    {
        using var response = await browser.GetAsync(path);
        return response.RequestMessage!.RequestUri!.AbsolutePath;
    }

    [Fact]
    public async Task A_mapped_group_in_the_configured_claim_gives_its_role_and_unmapped_groups_give_none()
    {
        app.Provider.NextUser = Person("vneid-m-01", "chuyenvien.mapped", "Nhan-vien", "cchc-van-phong");
        using var browser = NewBrowser();

        using var signedIn = await SignInThroughProviderAsync(browser, "/data");

        signedIn.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/data");
        WebUtility.HtmlDecode(await browser.GetStringAsync("/Account/Manage")).Should().Contain("chuyenvien.mapped (Phòng Cải cách hành chính)");
    }

    [Fact]
    public async Task A_group_removed_at_the_provider_removes_the_role_here_ends_the_other_session_and_is_audited()
    {
        app.Provider.NextUser = Person("vneid-m-02", "lanhdao.mapped", "CCHC-Lanh-dao");
        using var tablet = NewBrowser();
        using (await SignInThroughProviderAsync(tablet, "/")) { }
        (await FinalPathAsync(tablet, "/")).Should().Be("/");

        // The directory takes the person out of the group; their next sign-in (another device) brings no mapped group.
        app.Provider.NextUser = Person("vneid-m-02", "lanhdao.mapped", "Nhan-vien");
        using var phone = NewBrowser();
        using var refused = await SignInThroughProviderAsync(phone, "/");

        refused.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/Account/Login");
        WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync())
            .Should().Contain("Hệ thống đăng nhập một lần không cấp cho bạn vai trò nào trong hệ thống này");
        (await FinalPathAsync(phone, "/")).Should().Be("/Account/Login");
        (await FinalPathAsync(tablet, "/")).Should().Be("/Account/Login", "the tablet's session ended with the role");
        await using var db = PostgresServer.CreateContext(app.ConnectionString);
        (await db.AuditLog.Where(a => a.EntityKey == "lanhdao.mapped" && a.Action.StartsWith("account.")).OrderBy(a => a.Id).ToListAsync())
            .Select(a => a.Actor + " " + a.Action + " " + a.Details).Should().Equal(
                """lanhdao.mapped account.create {"new": {"role": "leader", "unit": null}, "old": null, "provider": "VNeID"}""",
                """lanhdao.mapped account.role {"new": {"role": null, "unit": null}, "old": {"role": "leader", "unit": null}}""");
        await using var accounts = new AccountsDbContext(new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<AccountsDbContext>()
            .UseNpgsql(app.ConnectionString).Options);
        (await accounts.UserRoles.CountAsync(r => accounts.Users.Any(u => u.Id == r.UserId && u.UserName == "lanhdao.mapped"))).Should().Be(0);
    }
}
