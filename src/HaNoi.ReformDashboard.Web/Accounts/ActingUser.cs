using System.Security.Claims;
using HaNoi.ReformDashboard.Data.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

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
public sealed class CurrentUser(AuthenticationStateProvider authentication, IServiceScopeFactory scopes)
{
    /// <summary>Who the circuit or request says acts: for what a page shows.</summary>
    public async Task<ActingUser> GetAsync() => ActingUser.From((await authentication.GetAuthenticationStateAsync()).User);

    /// <summary>
    /// Who acts, for a write: asked of the database now, not taken from the circuit, which keeps the identity it connected
    /// with for minutes. Null (refused) unless the session is live (not signed out, not expired, the account not locked,
    /// its role, unit and password unchanged) and the account's roles as stored now hold <paramref name="policy"/>.
    /// Every write (imports and reverts, targets, explanations, users, delivery) goes through here.
    /// </summary>
    public async Task<ActingUser?> ForWriteAsync(string? policy = null, CancellationToken ct = default)
    {
        var principal = (await authentication.GetAuthenticationStateAsync()).User;
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var ticket = Sessions.TicketOf(principal, services.GetRequiredService<IOptions<IdentityOptions>>().Value);
        if (ticket is null || !await services.GetRequiredService<AccountSessions>().IsLiveAsync(ticket, ct)) return null;
        if (await services.GetRequiredService<UserManager<AccountUser>>().FindByIdAsync(ticket.UserId) is not { } user) return null;
        var stored = await services.GetRequiredService<IUserClaimsPrincipalFactory<AccountUser>>().CreateAsync(user);
        if (policy is not null && !(await services.GetRequiredService<IAuthorizationService>().AuthorizeAsync(stored, policy)).Succeeded) return null;
        return ActingUser.From(stored);
    }
}
