using HaNoi.ReformDashboard.Domain.Catalogue;
using MudBlazor;

namespace HaNoi.ReformDashboard.Web.Shared;

/// <summary>
/// How a status looks everywhere: an icon, a text (<see cref="Figures.Status"/>) and a colour together, because status is never told by
/// colour alone (docs/scoring.md, rule 4). The CSS classes live in wwwroot/app.css.
/// </summary>
public static class StatusStyle
{
    public static string Icon(Status status) => status switch
    {
        Status.Met => Icons.Material.Filled.CheckCircle,
        Status.AtRisk => Icons.Material.Filled.Warning,
        Status.Missed => Icons.Material.Filled.Cancel,
        Status.NoData => Icons.Material.Outlined.HelpOutline,
        _ => Icons.Material.Outlined.FlagCircle,
    };

    /// <summary>status-met, status-at_risk, … (the codes of the Data sheet).</summary>
    public static string CssClass(Status status) => "status-" + status.ToCode();
}
