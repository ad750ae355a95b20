using System.Net;
using System.Text.RegularExpressions;
using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Testing;
using HaNoi.ReformDashboard.Web.Tests.EndToEnd;
using Microsoft.Extensions.DependencyInjection;

namespace HaNoi.ReformDashboard.Web.Tests.Security;

/// <summary>
/// The two-command start: the dashboard as its project built it, on the embedded local database in a folder
/// of its own, prints one demo account per role at the first start, never again, and the printed passwords sign in.
/// </summary>
public sealed class DemoAccountsTests : IAsyncLifetime
{
    private static readonly Regex DemoLine = new(@"^demo account: (leader|department-head|reform-office|admin) (\S+) (\S+)$");
    private readonly string _root = Path.Combine(Path.GetTempPath(), "reform-demo-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public async Task The_first_start_prints_one_demo_account_per_role_once_and_each_signs_in()
    {
        Dictionary<string, (string User, string Password)> accounts;
        await using (var first = await AppProcess.StartAsync(new() { ["LocalDatabase__RootDirectory"] = _root }))
        {
            accounts = first.Lines.Select(l => DemoLine.Match(l)).Where(m => m.Success)
                .ToDictionary(m => m.Groups[1].Value, m => (m.Groups[2].Value, m.Groups[3].Value));
            accounts.Keys.Should().BeEquivalentTo(Roles.All);
            foreach (var (role, (user, password)) in accounts)
            {
                using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = first.BaseUrl };
                using var signIn = await DashboardApp.PostSignInAsync(http, user, password);
                signIn.StatusCode.Should().Be(HttpStatusCode.Redirect, role);
                new Uri(http.BaseAddress!, signIn.Headers.Location!).AbsolutePath.Should().Be("/", role);
                using var data = await http.GetAsync("/data");
                data.StatusCode.Should().Be(role is Roles.Leader or Roles.ReformOffice ? HttpStatusCode.OK : HttpStatusCode.Redirect, role);
            }
        }

        await using var second = await AppProcess.StartAsync(new() { ["LocalDatabase__RootDirectory"] = _root });
        second.Lines.Should().NotContain(l => l.Contains("demo account"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }
}
