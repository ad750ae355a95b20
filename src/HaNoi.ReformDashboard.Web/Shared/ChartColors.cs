using HaNoi.ReformDashboard.Domain.Catalogue;

namespace HaNoi.ReformDashboard.Web.Shared;

/// <summary>Chart colours, matching the status classes of app.css.</summary>
public static class ChartColors
{
    public const string Series = "#1d4e89";
    public const string Target = "#a4161a";

    public static string Of(Status status) => status switch
    {
        Status.Met => "#2e7d32",
        Status.AtRisk => "#b26a00",
        Status.Missed => "#c62828",
        Status.NoData => "#9e9e9e",
        _ => "#607d8b",
    };
}
