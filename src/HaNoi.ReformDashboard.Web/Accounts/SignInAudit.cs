using System.Text.Json;
using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Data.Schema;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Web.Accounts;

/// <summary>Sign-ins, failures, lockouts and sign-outs in the audit log: who (the name typed), when, from where.</summary>
public sealed class SignInAudit(IDbContextFactory<ReformDbContext> factory, TimeProvider clock, ILogger<SignInAudit> logger)
{
    public const string SignedIn = "sign-in";
    public const string Failed = "sign-in-failed";
    public const string LockedOut = "sign-in-locked-out";
    public const string SignOut = "sign-out";
    public const string Entity = "account";

    public async Task RecordAsync(string userName, string action, HttpContext? http)
    {
        // A typed name is whatever was typed: one short clean line reaches the log and the audit log.
        userName = SignInNames.Normalise(userName);
        await using var db = await factory.CreateDbContextAsync();
        db.AuditLog.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            Actor = userName,
            Action = action,
            Entity = Entity,
            EntityKey = userName,
            Details = JsonSerializer.Serialize(new { address = http?.Connection.RemoteIpAddress?.ToString() }),
        });
        await db.SaveChangesAsync();
        logger.LogInformation("Account {Action}: {UserName}", action, userName);
    }
}
