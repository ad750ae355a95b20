using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Data.Accounts;

/// <summary>Failed sign-ins of one typed name from one client address (the name as <see cref="SignInNames"/> keeps it).</summary>
public class SignInThrottleRow
{
    public required string UserName { get; set; }
    public required string Address { get; set; }
    public int Failures { get; set; }
    public DateTimeOffset LastFailureAt { get; set; }
    /// <summary>No attempt of this name from this address is checked before then.</summary>
    public DateTimeOffset? BlockedUntil { get; set; }
}

/// <summary>
/// Slows password guessing per (account name, client address) instead of locking the account for everyone: after
/// <see cref="FreeFailures"/> failures from one address for one name, that address waits 1 s, then 2 s, 4 s … (at most
/// <see cref="LongestWait"/>) before its next attempt is even checked, while the real person signs in from their own
/// address as usual. The state lives in PostgreSQL, so every instance of the app sees the same counts. A name that has
/// no account is counted the same way, so the wait says nothing about whether the account exists.
/// </summary>
public sealed class SignInThrottle(AccountsDbContext db, TimeProvider clock)
{
    /// <summary>The key of the clock the throttle reads (a service of its own, so a test moves it alone).</summary>
    public const string ClockKey = "sign-in-throttle";
    public const int FreeFailures = 5;
    public static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(15);
    /// <summary>Failures older than this are forgotten, and their rows removed.</summary>
    public static readonly TimeSpan Forget = TimeSpan.FromDays(1);

    /// <summary>The wait after the given number of consecutive failures: none up to <see cref="FreeFailures"/> − 1, then 1 s doubling, capped.</summary>
    public static TimeSpan WaitAfter(int failures)
    {
        if (failures < FreeFailures) return TimeSpan.Zero;
        var doublings = failures - FreeFailures;
        // 2^10 s is already beyond the cap: no overflow for a long run of failures.
        return doublings >= 10 ? LongestWait : TimeSpan.FromSeconds(Math.Min(1 << doublings, LongestWait.TotalSeconds));
    }

    /// <summary>How long this address must still wait before an attempt for this name is checked; zero when it need not.</summary>
    public async Task<TimeSpan> WaitAsync(string userName, string address, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var until = await db.SignInThrottle.AsNoTracking()
            .Where(t => t.UserName == userName && t.Address == address && t.LastFailureAt >= now - Forget)
            .Select(t => t.BlockedUntil).FirstOrDefaultAsync(ct);
        return until is { } u && u > now ? u - now : TimeSpan.Zero;
    }

    /// <summary>Counts a failure (one atomic upsert, so two instances never lose one) and returns the wait it starts.</summary>
    public async Task<TimeSpan> FailedAsync(string userName, string address, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var forgotten = now - Forget;
        var failures = await db.Database.SqlQuery<int>($"""
            INSERT INTO accounts.sign_in_throttle AS t (user_name, address, failures, last_failure_at)
            VALUES ({userName}, {address}, 1, {now})
            ON CONFLICT (user_name, address) DO UPDATE
            SET failures = CASE WHEN t.last_failure_at < {forgotten} THEN 1 ELSE t.failures + 1 END, last_failure_at = {now}
            RETURNING failures AS "Value"
            """).ToListAsync(ct);
        var wait = WaitAfter(failures[0]);
        if (wait > TimeSpan.Zero)
            await db.SignInThrottle.Where(t => t.UserName == userName && t.Address == address)
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.BlockedUntil, now + wait), ct);
        // Bounded: what nobody has failed at for a day goes (an index on last_failure_at keeps this cheap).
        await db.SignInThrottle.Where(t => t.LastFailureAt < forgotten).ExecuteDeleteAsync(ct);
        return wait;
    }

    /// <summary>A right password from this address: its count starts again.</summary>
    public Task SucceededAsync(string userName, string address, CancellationToken ct = default) =>
        db.SignInThrottle.Where(t => t.UserName == userName && t.Address == address).ExecuteDeleteAsync(ct);
}
