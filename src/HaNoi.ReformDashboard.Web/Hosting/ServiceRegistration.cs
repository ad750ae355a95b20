using System.Globalization;
using HaNoi.ReformDashboard.Data;
using HaNoi.ReformDashboard.Web.Delivery;
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

        // Vietnamese first; English by a switch kept in a cookie.
        builder.Services.AddLocalization();
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(SupportedCultures[0]);
            o.SupportedCultures = SupportedCultures;
            o.SupportedUICultures = SupportedCultures;
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });

        // PostgreSQL: the configured server, or a local cluster started from the machine's binaries.
        await builder.AddReformDatabaseAsync();
        builder.Services.AddReformQueries(builder.Configuration);

        // The briefs e-mailed each month (off unless the "Delivery" section enables it).
        builder.AddMonthlyDelivery();
    }

    /// <summary>Migrates the database and loads the demo data into an empty one.</summary>
    public static Task PrepareDatabaseAsync(this WebApplication app) =>
        app.Services.InitializeReformDatabaseAsync(DatabaseSetup.FindSeedFolder(app.Configuration));

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
            // Only local paths: never an open redirect.
            return Results.LocalRedirect(redirect is { Length: > 0 } r && r.StartsWith('/') && !r.StartsWith("//") ? r : "/");
        });
}
