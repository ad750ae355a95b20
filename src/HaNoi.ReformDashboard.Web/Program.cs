using HaNoi.ReformDashboard.Web.Components;
using HaNoi.ReformDashboard.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
await builder.AddReformDashboardAsync();

var app = builder.Build();
await app.PrepareDatabaseAsync();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseRequestLocalization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapCultureSwitch();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

app.Run();

public partial class Program;
