using HaNoi.ReformDashboard.Data.LocalDatabase;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
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
public sealed class DashboardApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly PostgresServer _postgres = new();
    private string _connectionString = "";

    public string BaseUrl { get; private set; } = "";
    /// <summary>The app's own database, for tests that add what the demo data lacks (explanations).</summary>
    public string ConnectionString => _connectionString;
    public IBrowser Browser { get; private set; } = null!;
    private IPlaywright? _playwright;

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        _connectionString = await _postgres.CreateDatabaseAsync("dashboard");
        UseKestrel(0);
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1").TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting reaches Program.cs before it reads the connection string (ConfigureAppConfiguration would be too late).
        builder.UseSetting("ConnectionStrings:Reform", _connectionString);
        builder.UseSetting("SeedData", RepositoryPaths.SeedData);
        // One recipient whose unit does not exist: "send now" on the delivery page logs a skip, and no mail leaves.
        builder.UseSetting("Delivery:DepartmentHeads:NOPE:0", "khong-co@example.vn");
        builder.UseEnvironment("Development"); // serves the static web assets (MudBlazor, Plotly) from the packages
    }

    /// <summary>A fresh browser context (cookies, language) with a page of the given width.</summary>
    public async Task<IPage> NewPageAsync(int width = 1440, int height = 1000, string? locale = "vi-VN")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    /// <summary>Opens a path and waits until the Blazor circuit is live (clicks before that are lost).</summary>
    public async Task<IPage> OpenAsync(string path, int width = 1440, int height = 1000)
    {
        var page = await NewPageAsync(width, height);
        await GotoAsync(page, path);
        return page;
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
