using HaNoi.ReformDashboard.Web.Targets;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace HaNoi.ReformDashboard.Web.Tests.Targets;

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
