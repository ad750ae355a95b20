using HaNoi.ReformDashboard.Web.Accounts;
using HaNoi.ReformDashboard.Web.Assessment;
using HaNoi.ReformDashboard.Web.Dossiers;
using HaNoi.ReformDashboard.Web.Import;
using HaNoi.ReformDashboard.Web.Layout;
using HaNoi.ReformDashboard.Web.Reports;

namespace HaNoi.ReformDashboard.Web.Hosting;

public static class Pipeline
{
    /// <summary>The request pipeline and every endpoint of the dashboard, in one place so that a host other than
    /// Program.cs (the CLI's <c>reform bench</c>) serves exactly the same app.</summary>
    public static void UseReformDashboard(this WebApplication app)
    {
        app.UseTrustedProxies();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }
        app.UseSecurityHeaders();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseRequestLocalization();
        app.UseReformSignIn();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapCultureSwitch();
        app.MapReformHealthChecks();
        app.MapAccountEndpoints();
        app.MapReportDownloads();
        app.MapImportTemplate();
        app.MapDossierPush();
        app.MapDossierListDownloads();
        app.MapEvidenceDownloads();
        app.MapAnnexDownloads();
        app.MapFrameworkDownloads();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode();
    }
}
