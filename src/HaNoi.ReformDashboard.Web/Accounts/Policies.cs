using HaNoi.ReformDashboard.Data.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HaNoi.ReformDashboard.Web.Accounts;

/// <summary>
/// Who may do what (issue 9), one policy per permission. Pages and endpoints name a policy; this is the only
/// place that says which roles hold it.
/// </summary>
public static class Policies
{
    /// <summary>What the city publishes: overview, indicators, unit pages.</summary>
    public const string ReadPublished = "read-published";
    /// <summary>A unit × indicator page with its revision history: leaders and the reform office for every unit,
    /// a department head for their own unit only.</summary>
    public const string ReadUnitDetail = "read-unit-detail";
    /// <summary>What the database holds, import history.</summary>
    public const string ReadData = "read-data";
    public const string Export = "export";
    public const string ManageUsers = "manage-users";
    /// <summary>The monthly e-mail of the briefs: its log and "send now".</summary>
    public const string ManageDelivery = "manage-delivery";
    /// <summary>Loading, correcting and reverting monthly figures: the reform office only.</summary>
    public const string ImportData = "import-data";
    /// <summary>Loading dossier files from the one-stop system (issue 20): the reform office and the admin, who may run
    /// the system's feed; a dossier file carries no figure typed by hand, only the records the figures are counted from.</summary>
    public const string ImportDossiers = "import-dossiers";
    /// <summary>Every unit's explanations in one list: the reform office and the leaders (each unit page shows its own to everyone).</summary>
    public const string ReadExplanations = "read-explanations";
    /// <summary>A plan year's targets: adding, changing, removing, starting a new plan year (the reform office;
    /// the admin too). Leaders read a target where its figures are shown.</summary>
    public const string ManageTargets = "manage-targets";
    /// <summary>Who did what and when: the reform office and the admin.</summary>
    public const string ReadAuditLog = "read-audit-log";
    /// <summary>The dossiers behind a unit's figures (issue 21), on the page and as a download: leaders, the reform office
    /// and the admin for every unit, a department head for their own unit only.</summary>
    public const string ReadDossiers = "read-dossiers";
    /// <summary>A unit's assessment (issue 23), its breakdown and its evidence: leaders and the reform office for every unit,
    /// a department head for their own unit only.</summary>
    public const string ReadUnitAssessment = "read-unit-assessment";
    /// <summary>A unit's self-assessment: its department head (the unit and the window are checked by the writer).</summary>
    public const string SelfAssess = "self-assess";
    /// <summary>Rounds, reopenings, appraisal and finalisation of the assessment: the reform office only.</summary>
    public const string AppraiseAssessment = "appraise-assessment";
    /// <summary>A year's assessment framework, its versions and its workbook: leaders and the reform office read it.</summary>
    public const string ReadAssessmentFramework = "read-assessment-framework";
    /// <summary>Loading a framework version, copying one to another year, importing survey scores and past results: the reform office only.</summary>
    public const string ManageAssessment = "manage-assessment";

    public static void AddReformPolicies(this IServiceCollection services)
    {
        // The unit scope compares keys, resolved from codes through UnitBinding (the accounts store registers it too).
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<UnitBinding>();
        services.AddSingleton<IAuthorizationHandler, UnitScopeHandler>();
        services.AddAuthorizationBuilder()
            // Anything that names no policy still needs a signed-in user: a new endpoint is closed by default.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(ReadPublished, p => p.RequireRole(Roles.All))
            .AddPolicy(ReadUnitDetail, p => p.RequireAuthenticatedUser().AddRequirements(new UnitScopeRequirement()))
            .AddPolicy(ReadData, p => p.RequireRole(Roles.Leader, Roles.ReformOffice))
            .AddPolicy(Export, p => p.RequireRole(Roles.Leader, Roles.ReformOffice))
            .AddPolicy(ManageUsers, p => p.RequireRole(Roles.Admin))
            .AddPolicy(ManageDelivery, p => p.RequireRole(Roles.ReformOffice, Roles.Admin))
            .AddPolicy(ImportData, p => p.RequireRole(Roles.ReformOffice))
            .AddPolicy(ImportDossiers, p => p.RequireRole(Roles.ReformOffice, Roles.Admin))
            .AddPolicy(ReadExplanations, p => p.RequireRole(Roles.Leader, Roles.ReformOffice))
            .AddPolicy(ManageTargets, p => p.RequireRole(Roles.ReformOffice, Roles.Admin))
            .AddPolicy(ReadAuditLog, p => p.RequireRole(Roles.ReformOffice, Roles.Admin))
            .AddPolicy(ReadUnitAssessment, p => p.RequireAuthenticatedUser().AddRequirements(new UnitScopeRequirement()))
            .AddPolicy(SelfAssess, p => p.RequireRole(Roles.DepartmentHead))
            .AddPolicy(AppraiseAssessment, p => p.RequireRole(Roles.ReformOffice))
            .AddPolicy(ReadAssessmentFramework, p => p.RequireRole(Roles.Leader, Roles.ReformOffice))
            .AddPolicy(ManageAssessment, p => p.RequireRole(Roles.ReformOffice))
            .AddPolicy(ReadDossiers, p => p.RequireAuthenticatedUser().AddRequirements(
                new UnitScopeRequirement { EveryUnit = [Roles.Leader, Roles.ReformOffice, Roles.Admin] }));
    }
}

/// <summary>The unit in the route must be the acting user's own unit, unless their role sees every unit.</summary>
public sealed class UnitScopeRequirement : IAuthorizationRequirement
{
    public static readonly string[] EveryUnitRoles = [Roles.Leader, Roles.ReformOffice];

    /// <summary>The roles that see every unit under this requirement; anyone else only the unit they head.</summary>
    public IReadOnlyList<string> EveryUnit { get; init; } = EveryUnitRoles;
}

/// <summary>A unit code as a page reads it in its period: the resource of the exact check, once the period is known.</summary>
public sealed record UnitInPeriod(string Code, DateOnly First, DateOnly Last);

/// <summary>
/// Compares units by key, never by code: a department head's own unit is a key, and a code names different units at
/// different times. The route (the HTTP request's on the first render and prerendering, or the Blazor router's
/// RouteData inside a circuit) holds a code but no period yet, so it lets a head through to a code their unit ever
/// carried; the page then checks the unit the code names in its period (<see cref="UnitInPeriod"/>) before it shows
/// anything of it.
/// </summary>
internal sealed class UnitScopeHandler(UnitBinding units) : AuthorizationHandler<UnitScopeRequirement>
{
    public const string RouteKey = "Code";

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, UnitScopeRequirement requirement)
    {
        var user = ActingUser.From(context.User);
        if (requirement.EveryUnit.Any(user.IsInRole))
        {
            context.Succeed(requirement);
            return;
        }
        if (user.UnitKey is null) return;
        var allowed = context.Resource switch
        {
            UnitInPeriod exact => user.IsHeadOf(await units.KeyOfAsync(exact.Code, exact.First, exact.Last)),
            HttpContext http => await EverCarriedAsync(http.GetRouteValue(RouteKey) as string),
            Microsoft.AspNetCore.Components.RouteData route => await EverCarriedAsync(route.RouteValues.TryGetValue(RouteKey, out var v) ? v as string : null),
            _ => false,
        };
        if (allowed) context.Succeed(requirement);

        async Task<bool> EverCarriedAsync(string? code) => code is not null && (await units.KeysEverCodedAsync(code)).Contains(user.UnitKey, StringComparer.Ordinal);
    }
}
