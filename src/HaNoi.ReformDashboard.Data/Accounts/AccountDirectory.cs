using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace HaNoi.ReformDashboard.Data.Accounts;

/// <summary>One account as the admin page and <c>users list</c> show it: the unit by its key and by the code it carries
/// today (null when the key names no unit).</summary>
public sealed record AccountSummary(string Id, string UserName, string Role, string? UnitKey, string? UnitCode, bool LockedOut, bool TwoFactor);

/// <summary>The outcome of a change: nothing was changed unless <see cref="Ok"/>. Problems are resource keys of
/// <see cref="AccountText"/> with an argument, so the CLI and the pages word them in either language.</summary>
public sealed record AccountChange(bool Ok, string? Problem = null, string? Argument = null)
{
    public static readonly AccountChange Done = new(true);
    public static AccountChange Refused(string problem, string? argument = null) => new(false, problem, argument);

    public string Message(CultureInfo culture) =>
        Problem is null ? "" : string.Format(culture, AccountText.Get(Problem, culture), Argument);
}

/// <summary>
/// Adds and changes accounts for the CLI, the demo accounts and the admin page: one set of checks (known role,
/// unit in force today, a unit only for a department head, password rules). A unit is typed as a code and stored as
/// its key (<see cref="UnitBinding"/>). Each change and its audit entry (<see cref="AccountAudit"/>) commit together or
/// not at all; <c>actor</c> is who acts (null: the system).
/// </summary>
public sealed class AccountDirectory(UserManager<AccountUser> users, RoleManager<IdentityRole> roles, UnitBinding units, AccountsDbContext db, TimeProvider clock)
{
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        }
    }

    public async Task<AccountChange> AddAsync(string userName, string role, string? unitCode, string password, string? actor = null, CancellationToken ct = default)
    {
        userName = userName.Trim();
        unitCode = string.IsNullOrWhiteSpace(unitCode) ? null : unitCode.Trim();
        if (userName.Length == 0) return AccountChange.Refused("ProblemUserNameEmpty");
        var (binding, unitKey) = await CheckBindingAsync(role, unitCode, ct);
        if (!binding.Ok) return binding;
        if (await users.FindByNameAsync(userName) is not null) return AccountChange.Refused("ProblemUserExists", userName);

        await using var transaction = await BeginAsync(ct);
        await EnsureRolesAsync();
        var user = new AccountUser { UserName = userName, Email = userName.Contains('@') ? userName : null, UnitKey = unitKey };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) return Undone("ProblemPassword", Describe(created));
        var added = await users.AddToRoleAsync(user, role);
        if (!added.Succeeded) return Undone("ProblemPassword", Describe(added));
        await AccountAudit.WriteAsync(db, clock.GetUtcNow(), actor, AccountAudit.Created, userName, unitKey,
            new { old = (object?)null, @new = new { role, unit = unitCode } }, ct);
        await transaction.CommitAsync(ct);
        return AccountChange.Done;
    }

    /// <summary>An account that signs in only through single sign-on: no password, linked to the provider's subject.
    /// The person signing in is the actor; the role and unit are the provider's.</summary>
    public async Task<AccountChange> AddExternalAsync(string userName, string role, string? unitCode, UserLoginInfo login, CancellationToken ct = default)
    {
        userName = userName.Trim();
        unitCode = string.IsNullOrWhiteSpace(unitCode) ? null : unitCode.Trim();
        if (userName.Length == 0) return AccountChange.Refused("ProblemUserNameEmpty");
        var (binding, unitKey) = await CheckBindingAsync(role, unitCode, ct);
        if (!binding.Ok) return binding;

        await using var transaction = await BeginAsync(ct);
        await EnsureRolesAsync();
        var user = new AccountUser { UserName = userName, Email = userName.Contains('@') ? userName : null, UnitKey = unitKey };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded) return Undone("ProblemUserExists", userName);
        var added = await users.AddToRoleAsync(user, role);
        if (!added.Succeeded) return Undone("ProblemPassword", Describe(added));
        var linked = await users.AddLoginAsync(user, login);
        if (!linked.Succeeded) return Undone("ProblemUserExists", userName);
        await AccountAudit.WriteAsync(db, clock.GetUtcNow(), userName, AccountAudit.Created, userName, unitKey,
            new { old = (object?)null, @new = new { role, unit = unitCode }, provider = login.ProviderDisplayName ?? login.LoginProvider }, ct);
        await transaction.CommitAsync(ct);
        return AccountChange.Done;
    }

    public async Task<IReadOnlyList<AccountSummary>> ListAsync(CancellationToken ct = default)
    {
        var all = await users.Users.OrderBy(u => u.UserName).ToListAsync(ct);
        var bound = await units.CurrentAsync(all.Where(u => u.UnitKey != null).Select(u => u.UnitKey!), ct);
        var list = new List<AccountSummary>(all.Count);
        foreach (var user in all)
        {
            var role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? "";
            list.Add(new AccountSummary(user.Id, user.UserName!, role, user.UnitKey,
                user.UnitKey is { } key && bound.TryGetValue(key, out var unit) ? unit.Code : null,
                await users.IsLockedOutAsync(user), user.TwoFactorEnabled));
        }
        return list;
    }

    /// <summary>Gives the account exactly one role and its unit binding (cleared for roles other than department head).</summary>
    /// <remarks>Only an actual change of role or unit is audited (single sign-on calls this at every sign-in).</remarks>
    public async Task<AccountChange> SetRoleAsync(string id, string role, string? unitCode, string? actor = null, CancellationToken ct = default)
    {
        unitCode = string.IsNullOrWhiteSpace(unitCode) ? null : unitCode.Trim();
        var (binding, unitKey) = await CheckBindingAsync(role, unitCode, ct);
        if (!binding.Ok) return binding;
        var user = await users.FindByIdAsync(id);
        if (user is null) return AccountChange.Refused("ProblemNoSuchUser", id);

        await using var transaction = await BeginAsync(ct);
        await EnsureRolesAsync();
        var current = await users.GetRolesAsync(user);
        // Unchanged (a single sign-on brings the same role again at each sign-in): no entry, and the person's other sessions live on.
        if (current.SequenceEqual([role]) && user.UnitKey == unitKey) return AccountChange.Done;
        var (oldRole, oldUnitKey) = (current.FirstOrDefault() ?? "", user.UnitKey);
        if (current.Count > 0) await users.RemoveFromRolesAsync(user, current);
        await users.AddToRoleAsync(user, role);
        user.UnitKey = unitKey;
        await users.UpdateAsync(user);
        // A new stamp ends the person's sessions: cookies at their next request, open circuits at the next revalidation.
        await users.UpdateSecurityStampAsync(user);
        if (oldRole != role || oldUnitKey != unitKey || current.Count != 1)
        {
            var oldUnit = oldUnitKey is null ? null : (await units.CurrentAsync(oldUnitKey, ct))?.Code ?? oldUnitKey;
            await AccountAudit.WriteAsync(db, clock.GetUtcNow(), actor, AccountAudit.RoleChanged, user.UserName!, unitKey ?? oldUnitKey,
                new { old = new { role = oldRole, unit = oldUnit }, @new = new { role, unit = unitCode } }, ct);
        }
        await transaction.CommitAsync(ct);
        return AccountChange.Done;
    }

    /// <summary>
    /// The account keeps no role (single sign-on: the provider no longer grants one): the role and unit binding go, the
    /// security stamp changes (every session of the person ends) and the change is audited. Nothing to remove: no entry.
    /// </summary>
    public async Task<AccountChange> RemoveRolesAsync(string id, string? actor = null, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return AccountChange.Refused("ProblemNoSuchUser", id);
        var current = await users.GetRolesAsync(user);
        if (current.Count == 0 && user.UnitKey is null) return AccountChange.Done;

        await using var transaction = await BeginAsync(ct);
        var oldUnitKey = user.UnitKey;
        if (current.Count > 0) await users.RemoveFromRolesAsync(user, current);
        user.UnitKey = null;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        var oldUnit = oldUnitKey is null ? null : (await units.CurrentAsync(oldUnitKey, ct))?.Code ?? oldUnitKey;
        await AccountAudit.WriteAsync(db, clock.GetUtcNow(), actor, AccountAudit.RoleChanged, user.UserName!, oldUnitKey,
            new { old = new { role = current.FirstOrDefault() ?? "", unit = oldUnit }, @new = new { role = (string?)null, unit = (string?)null } }, ct);
        await transaction.CommitAsync(ct);
        return AccountChange.Done;
    }

    public async Task<AccountChange> SetLockedAsync(string id, bool locked, string? actor = null, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return AccountChange.Refused("ProblemNoSuchUser", id);
        await using var transaction = await BeginAsync(ct);
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
        if (!locked) await users.ResetAccessFailedCountAsync(user);
        await users.UpdateSecurityStampAsync(user);
        await AccountAudit.WriteAsync(db, clock.GetUtcNow(), actor, locked ? AccountAudit.Locked : AccountAudit.Unlocked, user.UserName!, user.UnitKey, new { }, ct);
        await transaction.CommitAsync(ct);
        return AccountChange.Done;
    }

    /// <summary>A person's own password change (the current one checked); Identity's result, so the page can word a wrong current password.</summary>
    public async Task<IdentityResult> ChangePasswordAsync(AccountUser user, string current, string @new, CancellationToken ct = default)
    {
        await using var transaction = await BeginAsync(ct);
        var result = await users.ChangePasswordAsync(user, current, @new);
        if (!result.Succeeded) return UndoneWith(result);
        await AccountAudit.WriteAsync(db, clock.GetUtcNow(), user.UserName, AccountAudit.PasswordChanged, user.UserName!, user.UnitKey, new { }, ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>Two-factor sign-in on (after the authenticator code was checked) or off (the authenticator key reset too), by the person themselves.</summary>
    public async Task<IdentityResult> SetTwoFactorAsync(AccountUser user, bool enabled, CancellationToken ct = default)
    {
        await using var transaction = await BeginAsync(ct);
        var result = await users.SetTwoFactorEnabledAsync(user, enabled);
        if (result.Succeeded && !enabled) result = await users.ResetAuthenticatorKeyAsync(user);
        if (!result.Succeeded) return UndoneWith(result);
        await AccountAudit.WriteAsync(db, clock.GetUtcNow(), user.UserName, enabled ? AccountAudit.TwoFactorEnabled : AccountAudit.TwoFactorDisabled,
            user.UserName!, user.UnitKey, new { }, ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>Two-factor sign-in on (after the authenticator code was checked) with a new set of single-use recovery
    /// codes, returned once to be shown once: the switch, the codes and both audit entries commit together.</summary>
    public async Task<(IdentityResult Result, IReadOnlyList<string> RecoveryCodes)> EnableTwoFactorAsync(AccountUser user, CancellationToken ct = default)
    {
        await using var transaction = await BeginAsync(ct);
        var result = await users.SetTwoFactorEnabledAsync(user, true);
        if (!result.Succeeded) return (UndoneWith(result), []);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];
        if (codes.Count == 0) return (UndoneWith(IdentityResult.Failed(new IdentityError { Code = "RecoveryCodes" })), []);
        var at = clock.GetUtcNow();
        await AccountAudit.WriteAsync(db, at, user.UserName, AccountAudit.TwoFactorEnabled, user.UserName!, user.UnitKey, new { }, ct);
        await AccountAudit.WriteAsync(db, at, user.UserName, AccountAudit.RecoveryCodesGenerated, user.UserName!, user.UnitKey, new { count = codes.Count }, ct);
        await transaction.CommitAsync(ct);
        return (result, codes);
    }

    public const int RecoveryCodeCount = 10;

    /// <summary>
    /// A sign-in with a recovery code (<paramref name="signIn"/> redeems it and writes the cookie and session): when it
    /// succeeds, its audit entry commits with the redeemed code and the session; a failure is kept too (the failed count).
    /// </summary>
    public async Task<bool> SignInWithRecoveryCodeAsync(AccountUser user, Func<Task<bool>> signIn, CancellationToken ct = default)
    {
        await using var transaction = await BeginAsync(ct);
        var succeeded = await signIn();
        if (succeeded)
            await AccountAudit.WriteAsync(db, clock.GetUtcNow(), user.UserName, AccountAudit.RecoveryCodeUsed, user.UserName!, user.UnitKey,
                new { left = await users.CountRecoveryCodesAsync(user) }, ct);
        await transaction.CommitAsync(ct);
        return succeeded;
    }

    /// <summary>The change's one transaction; Identity's several saves inside it need no savepoints of their own (a
    /// failure undoes the whole change).</summary>
    private Task<IDbContextTransaction> BeginAsync(CancellationToken ct)
    {
        db.Database.AutoSavepointsEnabled = false;
        return db.Database.BeginTransactionAsync(ct);
    }

    /// <summary>A refusal inside a change's transaction: the transaction rolls back as it is disposed, and what the
    /// context still tracks of the undone writes is forgotten.</summary>
    private AccountChange Undone(string problem, string? argument)
    {
        db.ChangeTracker.Clear();
        return AccountChange.Refused(problem, argument);
    }

    private IdentityResult UndoneWith(IdentityResult result)
    {
        db.ChangeTracker.Clear();
        return result;
    }

    /// <summary>The role and unit checked, and the unit's key: the typed code must name a unit in force today.</summary>
    private async Task<(AccountChange Change, string? UnitKey)> CheckBindingAsync(string role, string? unitCode, CancellationToken ct)
    {
        if (!Roles.IsKnown(role)) return (AccountChange.Refused("ProblemUnknownRole", role), null);
        if (role == Roles.DepartmentHead && unitCode is null) return (AccountChange.Refused("ProblemUnitRequired"), null);
        if (role != Roles.DepartmentHead && unitCode is not null) return (AccountChange.Refused("ProblemUnitOnlyForHeads"), null);
        if (unitCode is null) return (AccountChange.Done, null);
        var (key, problem) = await units.KeyForBindingAsync(unitCode, ct);
        return key is null ? (AccountChange.Refused(problem!, unitCode), null) : (AccountChange.Done, key);
    }

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Code));
}
