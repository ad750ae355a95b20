using System.Security.Claims;
using HaNoi.ReformDashboard.Data.Accounts;
using Microsoft.AspNetCore.Components.Authorization;

namespace HaNoi.ReformDashboard.Web.Accounts;

/// <summary>
/// The person behind a request or a circuit: the one seam through which exports, audit entries and future writes
/// (explanations, imports) learn who acts, instead of a fixed name or free text.
/// </summary>
/// <remarks>A department head's unit is its stable key (<c>units.key</c>), never a code: every check that compares the
/// user's unit with a page's unit resolves the page's code to a key first (<see cref="Data.Accounts.UnitBinding"/>).</remarks>
public sealed record ActingUser(string Name, IReadOnlyList<string> Roles, string? UnitKey)
{
    public static readonly ActingUser Anonymous = new("", [], null);

    public bool IsSignedIn => Name.Length > 0;

    public bool IsInRole(string role) => Roles.Contains(role);

    public static ActingUser From(ClaimsPrincipal principal)
    {
        if (principal.Identity is not { IsAuthenticated: true, Name: { Length: > 0 } name }) return Anonymous;
        var roles = principal.FindAll(principal.Identities.First().RoleClaimType).Select(c => c.Value).ToList();
        return new ActingUser(name, roles, principal.FindFirstValue(AccountSetup.UnitKeyClaim));
    }

    /// <summary>A department head of the unit with this key.</summary>
    public bool IsHeadOf(string? unitKey) =>
        IsInRole(Data.Accounts.Roles.DepartmentHead) && unitKey is not null && string.Equals(unitKey, UnitKey, StringComparison.Ordinal);

    /// <summary>Revision detail of one unit (by key): every unit for the roles that see all, else only one's own unit.</summary>
    public bool MaySeeUnitDetail(string? unitKey) => UnitScopeRequirement.EveryUnitRoles.Any(IsInRole) || IsHeadOf(unitKey);

    /// <summary>An explanation of a miss is the unit's own word: only the head of that unit (by key) writes it; everyone else reads it.</summary>
    public bool MayWriteExplanation(string? unitKey) => IsHeadOf(unitKey);
}

/// <summary>The acting user of the current circuit or request, for components and services.</summary>
public sealed class CurrentUser(AuthenticationStateProvider authentication)
{
    public async Task<ActingUser> GetAsync() => ActingUser.From((await authentication.GetAuthenticationStateAsync()).User);
}
