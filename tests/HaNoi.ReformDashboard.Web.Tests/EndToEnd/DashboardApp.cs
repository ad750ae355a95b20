using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Data.LocalDatabase;
using HaNoi.ReformDashboard.Testing;
using HaNoi.ReformDashboard.Web.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HaNoi.ReformDashboard.Web.Tests.EndToEnd;

/// <summary>
/// The real dashboard on Kestrel at a random loopback port, over a throwaway PostgreSQL cluster whose empty
/// database the app migrates and seeds itself, driven by Debian's Chromium through Playwright.
/// </summary>
public class DashboardApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly PostgresServer _postgres = new();
    /// <summary>The throwaway cluster, for fixtures that need a database of their own beside the app's.</summary>
    protected PostgresServer Postgres => _postgres;
    private string _connectionString = "";

    public string BaseUrl { get; private set; } = "";
    /// <summary>The app's own database, for tests that add what the demo data lacks (explanations).</summary>
    public string ConnectionString => _connectionString;
    public IBrowser Browser { get; private set; } = null!;
    private IPlaywright? _playwright;

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public virtual async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        await BeforeStartAsync();
        _connectionString = await _postgres.CreateDatabaseAsync("dashboard");
        await PrepareDatabaseAsync(_connectionString);
        UseKestrel(0);
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1").TrimEnd('/');

        await using (var scope = Services.CreateAsyncScope())
        {
            var directory = scope.ServiceProvider.GetRequiredService<AccountDirectory>();
            foreach (var role in Roles.All)
            {
                var added = await directory.AddAsync(UserName(role), role, role == Roles.DepartmentHead ? HeadUnit : null, Password);
                added.Ok.Should().BeTrue(added.Message(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>Fills the empty database before the app starts; the app itself seeds the demo into it otherwise.</summary>
    protected virtual Task PrepareDatabaseAsync(string connectionString) => Task.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting reaches Program.cs before it reads the connection string (ConfigureAppConfiguration would be too late).
        builder.UseSetting("ConnectionStrings:Reform", _connectionString);
        builder.UseSetting("SeedData", RepositoryPaths.SeedData);
        // One recipient whose unit does not exist: "send now" on the delivery page logs a skip, and no mail leaves.
        builder.UseSetting("Delivery:DepartmentHeads:NOPE:0", "khong-co@example.vn");
        // Every test signs in from 127.0.0.1: the per-address limit would otherwise throttle the suite itself.
        builder.UseSetting("SignIn:AttemptsPerMinute", "100000");
        builder.UseEnvironment("Development"); // serves the static web assets (MudBlazor, Plotly) from the packages
        // The tests read the 2022 demo; the second demo year (counted from dossiers) has an app of its own (DemoYearApp).
        builder.UseSetting("Seed:DemoYear", "false");
        foreach (var (key, value) in ExtraSettings()) builder.UseSetting(key, value);
    }

    /// <summary>Runs once the cluster is up and before the app starts (e.g. a provider the app's settings point at).</summary>
    protected virtual Task BeforeStartAsync() => Task.CompletedTask;

    /// <summary>Settings beyond the database's, for variants of the app.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> ExtraSettings() => [];

    /// <summary>The department head's own unit (Hà Đông district) and another unit they may not see in detail.</summary>
    public const string OwnUnit = "268";
    /// <summary>The unit the department head is bound to: it must be in force today, so a city after a reorganisation names another.</summary>
    protected virtual string HeadUnit => OwnUnit;
    public const string OtherUnit = "SNV";
    /// <summary>One password for the test accounts; it meets the rules (12+ characters, every class).</summary>
    public const string Password = "Th1s-is-a-test-only!";

    public static string UserName(string role) => "test-" + role;

    private readonly ConcurrentDictionary<string, Task<string>> _signedIn = new();

    /// <summary>A fresh browser context (language, and the cookies of <paramref name="role"/> signed in; null: anonymous)
    /// with a page of the given width.</summary>
    public async Task<IPage> NewPageAsync(int width = 1440, int height = 1000, string? locale = "vi-VN", string? role = Roles.Leader)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
            StorageState = role is null ? null : await _signedIn.GetOrAdd(role, SignInStateAsync),
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    /// <summary>Opens a path as <paramref name="role"/> and waits until the Blazor circuit is live (clicks before that are lost).</summary>
    public async Task<IPage> OpenAsync(string path, int width = 1440, int height = 1000, string role = Roles.Leader)
    {
        var page = await NewPageAsync(width, height, role: role);
        await GotoAsync(page, path);
        return page;
    }

    /// <summary>Signs in through the real sign-in page once per role; later contexts reuse the cookies.</summary>
    private async Task<string> SignInStateAsync(string role)
    {
        var page = await NewPageAsync(role: null);
        await SignInAsync(page, UserName(role), Password);
        await Assertions.Expect(page.GetByTestId("account-name")).ToHaveTextAsync(UserName(role));
        var state = await page.Context.StorageStateAsync();
        await page.Context.CloseAsync();
        return state;
    }

    /// <summary>Fills and posts the sign-in form (the page may end anywhere: home, lockout, two-factor).</summary>
    public async Task SignInAsync(IPage page, string userName, string password, string returnPath = "/")
    {
        await page.GotoAsync(BaseUrl + "/Account/Login?returnUrl=" + Uri.EscapeDataString(returnPath));
        await page.Locator("#user-name").FillAsync(userName);
        await page.Locator("#password").FillAsync(password);
        await page.GetByTestId("sign-in").ClickAsync();
        await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.Equals("/Account/Login", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>An HTTP client that does not follow redirects, signed in as <paramref name="role"/> by posting the
    /// sign-in form with its antiforgery token (null: anonymous).</summary>
    public async Task<HttpClient> HttpClientAsync(string? role)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(BaseUrl),
        };
        if (role is null) return client;
        using var response = await PostSignInAsync(client, UserName(role), Password);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        new Uri(client.BaseAddress!, response.Headers.Location!).AbsolutePath.Should().Be("/");
        return client;
    }

    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string userName, string password)
    {
        var form = await client.GetStringAsync("/Account/Login");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        return await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "sign-in",
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        }));
    }

    public async Task GotoAsync(IPage page, string path)
    {
        await page.GotoAsync(BaseUrl + path);
        await page.Locator("[data-testid=interactive]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    /// <summary>Stops the database server, as an outage would; <see cref="StartDatabaseAsync"/> brings it back on the same port.</summary>
    public Task StopDatabaseAsync() => _postgres.Server.StopAsync();

    public async Task StartDatabaseAsync()
    {
        var again = await LocalPostgres.StartAsync(new LocalPostgresOptions
        {
            RootDirectory = _postgres.Server.RootDirectory, Port = _postgres.Server.Port, DatabaseName = "scratch",
        });
        _postgres.Replace(again);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
        await _postgres.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardApp>
{
    public const string Name = "dashboard";
}
