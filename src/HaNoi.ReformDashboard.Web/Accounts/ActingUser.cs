using System.Security.Claims;
using HaNoi.ReformDashboard.Data.Accounts;
using Microsoft.AspNetCore.Components.Authorization;

namespace HaNoi.ReformDashboard.Web.Accounts;

/// <summary>
/// The person behind a request or a circuit: the one seam through which exports, audit entries and future writes
/// (explanations, imports) learn who acts, instead of a fixed name or free text.
/// </summary>
public sealed record ActingUser(string Name, IReadOnlyList<string> Roles, string? UnitCode)
{
    public static readonly ActingUser Anonymous = new("", [], null);

    public bool IsSignedIn => Name.Length > 0;

    public bool IsInRole(string role) => Roles.Contains(role);

    public static ActingUser From(ClaimsPrincipal principal)
    {
        if (principal.Identity is not { IsAuthenticated: true, Name: { Length: > 0 } name }) return Anonymous;
        var roles = principal.FindAll(principal.Identities.First().RoleClaimType).Select(c => c.Value).ToList();
        return new ActingUser(name, roles, principal.FindFirstValue(AccountSetup.UnitClaim));
    }

    /// <summary>Revision detail of one unit: every unit for the roles that see all, else only one's own unit.</summary>
    public bool MaySeeUnitDetail(string? unitCode) =>
        UnitScopeRequirement.EveryUnitRoles.Any(IsInRole)
        || (IsInRole(Data.Accounts.Roles.DepartmentHead) && unitCode is not null && string.Equals(unitCode, UnitCode, StringComparison.Ordinal));

    /// <summary>An explanation of a miss is the unit's own word: only the head of that unit writes it; everyone else reads it.</summary>
    public bool MayWriteExplanation(string unitCode) =>
        IsInRole(Data.Accounts.Roles.DepartmentHead) && string.Equals(unitCode, UnitCode, StringComparison.Ordinal);
}

/// <summary>The acting user of the current circuit or request, for components and services.</summary>
public sealed class CurrentUser(AuthenticationStateProvider authentication)
{
    public async Task<ActingUser> GetAsync() => ActingUser.From((await authentication.GetAuthenticationStateAsync()).User);
}
