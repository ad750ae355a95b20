using System.Globalization;
using Bunit;
using HaNoi.ReformDashboard.Web.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor.Services;

namespace HaNoi.ReformDashboard.Web.Tests.Infrastructure;

/// <summary>
/// A bUnit context set up like the app: MudBlazor, the Vietnamese resource strings, and vi-VN formatting
/// (the working language), with JavaScript calls (Plotly, MudBlazor) answered loosely.
/// </summary>
public abstract class ComponentTest : BunitContext, IAsyncLifetime
{
    protected ComponentTest(string culture = "vi-VN")
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization();
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // MudBlazor's popover service (tooltips) can only be disposed asynchronously; xUnit calls this before Dispose.
    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    protected IStringLocalizer<Strings> Text => Services.GetRequiredService<IStringLocalizer<Strings>>();
}
