using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Data.Accounts;

/// <summary>
/// Account acts in the audit log, written on the accounts context's own connection inside its open transaction, so an
/// entry exists exactly when the change it records was committed. audit_log lives beside the accounts schema in the
/// same database; the database chains the entry (its id and hash) as it goes in.
/// </summary>
public static class AccountAudit
{
    public const string Entity = "account";
    public const string Created = "account.create";
    public const string RoleChanged = "account.role";
    public const string Locked = "account.lock";
    public const string Unlocked = "account.unlock";
    public const string PasswordChanged = "account.password";
    public const string TwoFactorEnabled = "account.two_factor.enable";
    public const string TwoFactorDisabled = "account.two_factor.disable";
    public const string RecoveryCodesGenerated = "account.recovery_codes.generate";
    public const string RecoveryCodeUsed = "account.recovery_code.use";
    /// <summary>Who acts when no person does (the demo accounts made at first start).</summary>
    public const string System = "system";

    /// <summary>One entry about <paramref name="userName"/>'s account; the unit, when the account is bound to one, by its key.</summary>
    public static async Task WriteAsync(AccountsDbContext db, DateTimeOffset at, string? actor, string action, string userName, string? unitKey, object details, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("An account's audit entry is written in the change's own transaction.");
        var json = JsonSerializer.Serialize(details);
        var who = string.IsNullOrWhiteSpace(actor) ? System : actor;
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO audit_log (at, actor, action, entity, entity_key, unit_id, details)
            VALUES ({at.ToUniversalTime()}, {who}, {action}, {Entity}, {userName}, (SELECT id FROM units WHERE key = {unitKey}), CAST({json} AS jsonb))
            """, ct);
    }
}
