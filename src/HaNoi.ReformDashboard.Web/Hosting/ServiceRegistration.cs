using System.Globalization;
using HaNoi.ReformDashboard.Data;
using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Data.LocalDatabase;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Web.Accounts;
using HaNoi.ReformDashboard.Web.Delivery;
using HaNoi.ReformDashboard.Web.Dossiers;
using HaNoi.ReformDashboard.Web.Reports;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;

namespace HaNoi.ReformDashboard.Web.Hosting;

public static class ServiceRegistration
{
    public static readonly CultureInfo[] SupportedCultures = [new("vi-VN"), new("en-US")];

    /// <summary>Everything the dashboard registers, grouped so Program.cs stays a page long.</summary>
    public static async Task AddReformDashboardAsync(this WebApplicationBuilder builder)
    {
        // Razor components on the server, MudBlazor widgets.
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddSingleton<Shared.PrerenderHandoff>();
        builder.Services.AddSingleton<Overview.SharedMarkup>();

        // Vietnamese first; English by a switch kept in a cookie.
        builder.Services.AddLocalization();
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(SupportedCultures[0]);
            o.SupportedCultures = SupportedCultures;
            o.SupportedUICultures = SupportedCultures;
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        // Pages carry Vietnamese letters as UTF-8, not as &#x…; entities (three bytes instead of eight each); the
        // characters HTML needs escaped still are.
        builder.Services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));

        // PostgreSQL: the configured server, or a local cluster started from the machine's binaries.
        await builder.AddReformDatabaseAsync();
        builder.Services.AddReformQueries(builder.Configuration);
        // Many people open the same scorecard: it is built once per data version (ScorecardService).
        builder.Services.AddSingleton<ScorecardCache>();
        // Explanations are written through one editor that checks who writes for which unit.
        builder.Services.AddSingleton<Explanations.ExplanationEditor>();
        // Reports are made a few at a time; more wait in a bounded line (Exports:Concurrency, Exports:MaxWaiting).
        builder.AddReportExports();
        // The dossier lists behind the figures, as files (written as the rows arrive).
        builder.Services.AddScoped<Dossiers.DossierListFiles>();
        // The office's assessment files (framework, survey scores, past results): a dry run, then the load.
        builder.Services.AddScoped<Assessment.AssessmentUploads>();

        // X-Forwarded-* only from the configured reverse proxies (ForwardedHeaders:KnownProxies / KnownNetworks).
        builder.AddTrustedProxies();
        // The Data Protection key ring encrypted with a certificate (DataProtection:Certificate:*).
        builder.AddKeyRingProtection();

        // Sign-in, roles and unit scope; health endpoints for the load balancer; metrics.
        builder.AddReformSignIn();
        builder.Services.AddReformHealthChecks();
        builder.AddReformTelemetry();

        // The briefs e-mailed each month (off unless the "Delivery" section enables it).
        builder.AddMonthlyDelivery();

        // POST /api/dossiers for the one-stop system: machine accounts only, rate-limited (the "Dossiers:Push" section).
        builder.AddDossierPush();
    }

    /// <summary>Migrates the database and loads the demo data into an empty one; the embedded local database also
    /// gets one demo account per role.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        // A new user's first start: the demo's 2022 figures and its second year counted from dossiers (Seed:DemoYear).
        await app.Services.InitializeReformDatabaseAsync(DatabaseSetup.FindSeedFolder(app.Configuration), demoYear: app.Configuration.GetValue("Seed:DemoYear", true));
        if (app.Services.GetService<LocalPostgres>() is not null)
            await DemoAccounts.EnsureAsync(app.Services, app.Configuration, Console.Out);
    }

    /// <summary>GET /culture?name=en-US&amp;redirect=/path sets the language cookie and goes back.</summary>
    public static void MapCultureSwitch(this WebApplication app) =>
        app.MapGet("/culture", (string name, string? redirect, HttpContext http) =>
        {
            if (SupportedCultures.Any(c => c.Name == name))
            {
                http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(name)),
                    new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax });
            }
            return Results.LocalRedirect(SignInRegistration.LocalPath(redirect));
        }).AllowAnonymous();
}
