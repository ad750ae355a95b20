using HaNoi.ReformDashboard.Data.LocalDatabase;
using HaNoi.ReformDashboard.Web.Accounts;
using HaNoi.ReformDashboard.Web.Components;
using HaNoi.ReformDashboard.Web.Hosting;
using HaNoi.ReformDashboard.Web.Import;
using HaNoi.ReformDashboard.Web.Reports;

var builder = WebApplication.CreateBuilder(args);
try
{
    await builder.AddReformDashboardAsync();
}
catch (LocalPostgresException ex)
{
    // No server configured and none can be started: one clear message, not a stack trace.
    Console.Error.WriteLine(ex.Message);
    return 1;
}

var app = builder.Build();
try
{
    await app.PrepareDatabaseAsync();
}
catch (HaNoi.ReformDashboard.Data.Seed.SeedValidationException ex)
{
    // A bad seed folder: every problem with its row, not a stack trace.
    Console.Error.WriteLine(ex.Message);
    return 2;
}

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
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

app.Run();
return 0;

public partial class Program;
