using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace HaNoi.ReformDashboard.Web.Accounts;

/// <summary>
/// A circuit keeps the identity it connected with; this checks every few minutes that its session is still live (not
/// signed out, not past the cookie's expiry, the account not locked and its security stamp unchanged by a role, unit
/// or password change), and ends the circuit's sign-in if not.
/// </summary>
internal sealed class RevalidatingAccountState(ILoggerFactory loggers, IServiceScopeFactory scopes)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override TimeSpan RevalidationInterval => Interval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct) =>
        Sessions.IsLiveAsync(scopes, state.User, ct);

    /// <summary>The check each revalidation makes, for tests that do not wait for the interval.</summary>
    internal Task<bool> RevalidateAsync(AuthenticationState state, CancellationToken ct = default) => ValidateAuthenticationStateAsync(state, ct);
}
