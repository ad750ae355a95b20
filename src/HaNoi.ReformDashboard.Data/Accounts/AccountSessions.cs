using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Data.Accounts;

/// <summary>One sign-in on one device: the sign-in cookie names it (<see cref="AccountSessions.Claim"/>), and it is live
/// until that device signs out or the cookie's time runs out.</summary>
public class AccountSession
{
    public Guid Id { get; set; }
    public required string UserId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    /// <summary>When the cookie that carries the session runs out; moved on when the cookie is renewed.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
}

/// <summary>What a request or a circuit presents: its session, its account, and the security stamp its cookie was written with.</summary>
public sealed record SessionTicket(Guid SessionId, string UserId, string? SecurityStamp);

/// <summary>
/// Server-side sessions. A cookie is only as good as its session: signing out ends the session, so a copy of the
/// cookie taken before is refused after. An account's changes that must end every other sign-in (lock, role, unit,
/// password) change its security stamp, and a session is live only while the cookie's stamp is the account's.
/// </summary>
public sealed class AccountSessions(AccountsDbContext db, TimeProvider clock)
{
    /// <summary>The claim that carries the session's id in the sign-in cookie.</summary>
    public const string Claim = "reform:session";

    /// <summary>Ended and expired sessions are kept this long (for a look at recent sign-ins), then removed.</summary>
    private static readonly TimeSpan Kept = TimeSpan.FromDays(30);

    public async Task<Guid> StartAsync(string userId, DateTimeOffset expiresAt, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var old = now - Kept;
        await db.Sessions.Where(s => s.UserId == userId && (s.ExpiresAt < old || s.EndedAt < old)).ExecuteDeleteAsync(ct);
        var session = new AccountSession { Id = Guid.NewGuid(), UserId = userId, StartedAt = now, ExpiresAt = expiresAt };
        db.Sessions.Add(session);
        await db.SaveChangesAsync(ct);
        db.Entry(session).State = EntityState.Detached;
        return session.Id;
    }

    /// <summary>The cookie was renewed: the session lasts as long as the new cookie (never revives an ended one).</summary>
    public Task ExtendAsync(Guid id, DateTimeOffset expiresAt, CancellationToken ct = default) =>
        db.Sessions.Where(s => s.Id == id && s.EndedAt == null).ExecuteUpdateAsync(u => u.SetProperty(s => s.ExpiresAt, expiresAt), ct);

    /// <summary>This device signed out: its session ends, the account's other sessions do not.</summary>
    public Task EndAsync(Guid id, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        return db.Sessions.Where(s => s.Id == id && s.EndedAt == null).ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now), ct);
    }

    /// <summary>
    /// True while the session has not ended or run out, belongs to the account the cookie names, the account is not
    /// locked and its security stamp is still the cookie's. One look-up by primary key.
    /// </summary>
    public async Task<bool> IsLiveAsync(SessionTicket ticket, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var row = await (
                from s in db.Sessions
                join u in db.Users on s.UserId equals u.Id
                where s.Id == ticket.SessionId
                select new { s.UserId, s.EndedAt, s.ExpiresAt, u.SecurityStamp, u.LockoutEnabled, u.LockoutEnd })
            .AsNoTracking().FirstOrDefaultAsync(ct);
        return row is not null
            && row.UserId == ticket.UserId
            && row.EndedAt is null
            && row.ExpiresAt > now
            && !(row.LockoutEnabled && row.LockoutEnd >= now)
            && ticket.SecurityStamp is not null && row.SecurityStamp == ticket.SecurityStamp;
    }
}
