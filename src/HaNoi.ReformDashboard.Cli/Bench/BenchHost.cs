using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using HaNoi.ReformDashboard.Data;
using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HaNoi.ReformDashboard.Cli.Bench;

/// <summary>
/// The dashboard itself, hosted inside the bench's process on Kestrel at a free loopback port (the CLI references
/// the Web project and runs its registration and pipeline, <see cref="ServiceRegistration"/> and
/// <see cref="Pipeline"/>), with one leader account of its own signed in over HTTP like a browser would.
/// Everything the bench measures runs through <see cref="Services"/>: the app's database, its scorecard cache.
/// </summary>
public sealed partial class BenchHost : IAsyncDisposable
{
    /// <summary>The bench's own account (re-created with a fresh random password at every start).</summary>
    public const string UserName = "bench-leader";
    public const string Role = Roles.Leader;

    private readonly WebApplication _app;

    private BenchHost(WebApplication app, Uri baseUrl, string password, CookieContainer cookies)
    {
        _app = app;
        BaseUrl = baseUrl;
        Password = password;
        Cookies = cookies;
    }

    /// <summary>http://127.0.0.1:port/ of the hosted dashboard.</summary>
    public Uri BaseUrl { get; }
    /// <summary>The dashboard's own services: its DbContext factory, ScorecardService (with its ScorecardCache)…</summary>
    public IServiceProvider Services => _app.Services;
    /// <summary>The password of <see cref="UserName"/> for this run (a browser context may sign in itself).</summary>
    public string Password { get; }
    /// <summary>The cookies of the signed-in leader (the auth cookie "reform.auth" and the antiforgery cookie).</summary>
    public CookieContainer Cookies { get; }
    /// <summary>The Cookie header value to send for <see cref="BaseUrl"/> (for a SignalR client or a raw socket).</summary>
    public string CookieHeader => Cookies.GetCookieHeader(BaseUrl);
    /// <summary>The raw SQL floor of this run, once measured: other sections may state their figures against it.</summary>
    public BenchFigure? Floor { get; set; }

    /// <summary>An HTTP client signed in as the leader (shares <see cref="Cookies"/>), not following redirects.</summary>
    public HttpClient CreateClient() =>
        new(new SocketsHttpHandler { CookieContainer = Cookies, UseCookies = true, AllowAutoRedirect = false, MaxConnectionsPerServer = 256 })
        {
            BaseAddress = BaseUrl,
            Timeout = TimeSpan.FromMinutes(2),
        };

    /// <summary>Builds, migrates and starts the dashboard on the database the configuration names (the same as the
    /// CLI's other commands: ConnectionStrings:Reform, else the local cluster), then signs the bench account in.</summary>
    public static async Task<BenchHost> StartAsync(CancellationToken ct)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // The Web project's name: its static web assets manifest and Razor components are found by it.
            ApplicationName = typeof(Pipeline).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            // As the end-to-end tests run it: plain HTTP on loopback (outside Development cookies are Secure-only).
            EnvironmentName = Environments.Development,
        });
        builder.Logging.ClearProviders().AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0"); // port 0: Kestrel takes a free one
        await builder.AddReformDashboardAsync();
        var app = builder.Build();
        try
        {
            await app.Services.InitializeReformDatabaseAsync(DatabaseSetup.FindSeedFolder(app.Configuration), ct);
            app.UseReformDashboard();
            await app.StartAsync(ct);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var baseUrl = new Uri(address.TrimEnd('/') + "/");
            var password = await EnsureAccountAsync(app.Services);
            var cookies = new CookieContainer();
            var host = new BenchHost(app, baseUrl, password, cookies);
            await host.SignInAsync(ct);
            return host;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>The bench account, re-created so its password is known to this run only.</summary>
    private static async Task<string> EnsureAccountAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AccountUser>>();
        if (await users.FindByNameAsync(UserName) is { } old) await users.DeleteAsync(old);
        var password = "Bx-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant() + "Q9";
        var added = await scope.ServiceProvider.GetRequiredService<AccountDirectory>().AddAsync(UserName, Role, null, password);
        if (!added.Ok) throw new InvalidOperationException("bench account: " + added.Message(System.Globalization.CultureInfo.InvariantCulture));
        return password;
    }

    /// <summary>Posts the sign-in form with its antiforgery token, as a browser does.</summary>
    private async Task SignInAsync(CancellationToken ct)
    {
        using var client = CreateClient();
        var form = await client.GetStringAsync("Account/Login", ct);
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        using var response = await client.PostAsync("Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "sign-in",
            ["Input.UserName"] = UserName,
            ["Input.Password"] = Password,
        }), ct);
        if (response.StatusCode != HttpStatusCode.Redirect || !Cookies.GetCookieHeader(BaseUrl).Contains("reform.auth", StringComparison.Ordinal))
            throw new InvalidOperationException($"the bench account could not sign in (HTTP {(int)response.StatusCode}).");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
