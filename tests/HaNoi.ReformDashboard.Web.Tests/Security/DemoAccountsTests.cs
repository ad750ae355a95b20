using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
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

    private static string WebDll { get; } = Path.Combine(RepositoryPaths.Root, "src", "HaNoi.ReformDashboard.Web", "bin",
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name, "net10.0", "HaNoi.ReformDashboard.Web.dll");

    [Fact]
    public async Task The_first_start_prints_one_demo_account_per_role_once_and_each_signs_in()
    {
        Dictionary<string, (string User, string Password)> accounts;
        await using (var first = await RunningApp.StartAsync(WebDll, _root))
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

        await using var second = await RunningApp.StartAsync(WebDll, _root);
        second.Lines.Should().NotContain(l => l.Contains("demo account"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The app in its own process, stopped with SIGTERM (as systemd or Ctrl+C would) so it stops its cluster.</summary>
    private sealed class RunningApp : IAsyncDisposable
    {
        private readonly Process _process;
        public List<string> Lines { get; } = [];
        public Uri BaseUrl { get; private set; } = null!;

        private RunningApp(Process process) => _process = process;

        public static async Task<RunningApp> StartAsync(string dll, string root)
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { dll, "--urls", "http://127.0.0.1:0" }) info.ArgumentList.Add(a);
            info.Environment["LocalDatabase__RootDirectory"] = root;
            info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            info.Environment["SeedData"] = RepositoryPaths.SeedData;
            info.Environment.Remove("ConnectionStrings__Reform");
            var app = new RunningApp(Process.Start(info)!);
            app._process.ErrorDataReceived += (_, _) => { };
            app._process.BeginErrorReadLine();
            // Read until Kestrel says where it listens: the demo lines come before that.
            while (await app._process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(3)) is { } line)
            {
                app.Lines.Add(line);
                var listening = Regex.Match(line, @"Now listening on: (http://\S+)");
                if (!listening.Success) continue;
                app.BaseUrl = new Uri(listening.Groups[1].Value);
                return app;
            }
            throw new InvalidOperationException("The app ended before it listened:\n" + string.Join("\n", app.Lines));
        }

        public async ValueTask DisposeAsync()
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString()])) await term.WaitForExitAsync();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
            _process.Dispose();
        }
    }
}
