namespace HaNoi.ReformDashboard.Data.Accounts;

/// <summary>The four roles of the plan's users (README.md, "Signing in"); the names are what scripts and the CLI type.</summary>
public static class Roles
{
    public const string Leader = "leader";
    public const string DepartmentHead = "department-head";
    public const string ReformOffice = "reform-office";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Leader, DepartmentHead, ReformOffice, Admin];

    public static bool IsKnown(string role) => All.Contains(role);
}
