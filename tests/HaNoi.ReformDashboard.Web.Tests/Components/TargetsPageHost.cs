using System.Security.Claims;
using HaNoi.ReformDashboard.Web.Components.Pages.Targets;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace HaNoi.ReformDashboard.Web.Tests.Components;

/// <summary>The targets page with MudBlazor's popover host beside it, as the layout has.</summary>
internal sealed class TargetsPageHost : ComponentBase
{
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<TargetsPage>(1);
        builder.CloseComponent();
    }
}

/// <summary>One signed-in user with one role, as a circuit would carry them.</summary>
internal sealed class FixedUser(string name, string role) : AuthenticationStateProvider
{
    public override Task<AuthenticationState> GetAuthenticationStateAsync()
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], "test", ClaimTypes.Name, ClaimTypes.Role);
        return Task.FromResult(new AuthenticationState(new ClaimsPrincipal(identity)));
    }
}
