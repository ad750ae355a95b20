using System.Security.Claims;
using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HaNoi.ReformDashboard.Web.Accounts;

/// <summary>
/// The sign-in cookie tied to a server-side session (<see cref="AccountSessions"/>). The cookie keeps its claims and
/// adds the session's id, rather than moving the whole ticket into the database (an ITicketStore): the id also
/// reaches the principal a Blazor circuit holds, so the circuit's revalidation and every write ask the same question
/// of the same row. Each request looks the session up by its key, uncached, so a sign-out on any instance counts at once.
/// </summary>
internal sealed class SessionCookieEvents(AccountSessions sessions, IOptions<IdentityOptions> identity, ILogger<SessionCookieEvents> logger)
    : CookieAuthenticationEvents
{
    /// <summary>Every sign-in (password, two-factor, single sign-on) starts a session; a refresh of the same person's
    /// cookie (after a password change) keeps the session it came with.</summary>
    public override async Task SigningIn(CookieSigningInContext context)
    {
        if (context.Principal?.Identity is not ClaimsIdentity signingIn) return;
        var userId = signingIn.FindFirst(identity.Value.ClaimsIdentity.UserIdClaimType)?.Value;
        if (userId is null) return;
        var expires = context.Properties.ExpiresUtc ?? Now(context.Options).Add(context.Options.ExpireTimeSpan);
        var current = Sessions.TicketOf(context.HttpContext.User, identity.Value);
        Guid id;
        if (current is not null && current.UserId == userId)
        {
            id = current.SessionId;
            await sessions.ExtendAsync(id, expires, context.HttpContext.RequestAborted);
        }
        else
        {
            id = await sessions.StartAsync(userId, expires, context.HttpContext.RequestAborted);
        }
        signingIn.AddClaim(new Claim(AccountSessions.Claim, id.ToString()));
    }

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var ticket = Sessions.TicketOf(context.Principal, identity.Value);
        bool live;
        try
        {
            live = ticket is not null && await sessions.IsLiveAsync(ticket, context.HttpContext.RequestAborted);
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            // Nobody is let in on a session that cannot be checked; the cookie stays for when the database is back.
            logger.LogWarning(ex, "The session could not be checked: the request is served as signed out");
            context.RejectPrincipal();
            return;
        }
        if (live) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(context.Scheme.Name);
    }

    /// <summary>Sliding expiration renews the cookie: the session lasts as long as the new cookie.</summary>
    public override async Task CheckSlidingExpiration(CookieSlidingExpirationContext context)
    {
        if (!context.ShouldRenew || Sessions.TicketOf(context.Principal, identity.Value) is not { } ticket) return;
        await sessions.ExtendAsync(ticket.SessionId, Now(context.Options).Add(context.Options.ExpireTimeSpan), context.HttpContext.RequestAborted);
    }

    private static DateTimeOffset Now(CookieAuthenticationOptions options) => (options.TimeProvider ?? TimeProvider.System).GetUtcNow();

    /// <summary>Signing out ends this device's session (the user's other devices stay signed in).</summary>
    public override async Task SigningOut(CookieSigningOutContext context)
    {
        if (Sessions.TicketOf(context.HttpContext.User, identity.Value) is { } ticket)
            await sessions.EndAsync(ticket.SessionId, context.HttpContext.RequestAborted);
    }
}

/// <summary>The check that a principal's session is still live: for requests, circuits and writes alike.</summary>
public static class Sessions
{
    /// <summary>The session, account and stamp a principal's cookie carries; null when it carries no session.</summary>
    public static SessionTicket? TicketOf(ClaimsPrincipal? principal, IdentityOptions options)
    {
        if (principal?.Identity?.IsAuthenticated != true) return null;
        var userId = principal.FindFirstValue(options.ClaimsIdentity.UserIdClaimType);
        if (userId is null || !Guid.TryParse(principal.FindFirstValue(AccountSessions.Claim), out var id)) return null;
        return new SessionTicket(id, userId, principal.FindFirstValue(options.ClaimsIdentity.SecurityStampClaimType));
    }

    /// <summary>Whether the principal's session is live now (in a scope of its own: a circuit outlives many requests).</summary>
    public static async Task<bool> IsLiveAsync(IServiceScopeFactory scopes, ClaimsPrincipal principal, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var ticket = TicketOf(principal, scope.ServiceProvider.GetRequiredService<IOptions<IdentityOptions>>().Value);
        return ticket is not null && await scope.ServiceProvider.GetRequiredService<AccountSessions>().IsLiveAsync(ticket, ct);
    }
}
