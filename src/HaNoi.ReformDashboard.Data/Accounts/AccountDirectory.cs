using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

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
/// its key (<see cref="UnitBinding"/>).
/// </summary>
public sealed class AccountDirectory(UserManager<AccountUser> users, RoleManager<IdentityRole> roles, UnitBinding units)
{
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        }
    }

    public async Task<AccountChange> AddAsync(string userName, string role, string? unitCode, string password, CancellationToken ct = default)
    {
        userName = userName.Trim();
        unitCode = string.IsNullOrWhiteSpace(unitCode) ? null : unitCode.Trim();
        if (userName.Length == 0) return AccountChange.Refused("ProblemUserNameEmpty");
        var (binding, unitKey) = await CheckBindingAsync(role, unitCode, ct);
        if (!binding.Ok) return binding;
        if (await users.FindByNameAsync(userName) is not null) return AccountChange.Refused("ProblemUserExists", userName);

        await EnsureRolesAsync();
        var user = new AccountUser { UserName = userName, Email = userName.Contains('@') ? userName : null, UnitKey = unitKey };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) return AccountChange.Refused("ProblemPassword", Describe(created));
        var added = await users.AddToRoleAsync(user, role);
        if (!added.Succeeded)
        {
            await users.DeleteAsync(user);
            return AccountChange.Refused("ProblemPassword", Describe(added));
        }
        return AccountChange.Done;
    }

    /// <summary>An account that signs in only through single sign-on: no password, linked to the provider's subject.</summary>
    public async Task<AccountChange> AddExternalAsync(string userName, string role, string? unitCode, UserLoginInfo login, CancellationToken ct = default)
    {
        userName = userName.Trim();
        unitCode = string.IsNullOrWhiteSpace(unitCode) ? null : unitCode.Trim();
        if (userName.Length == 0) return AccountChange.Refused("ProblemUserNameEmpty");
        var (binding, unitKey) = await CheckBindingAsync(role, unitCode, ct);
        if (!binding.Ok) return binding;

        await EnsureRolesAsync();
        var user = new AccountUser { UserName = userName, Email = userName.Contains('@') ? userName : null, UnitKey = unitKey };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded) return AccountChange.Refused("ProblemUserExists", userName);
        await users.AddToRoleAsync(user, role);
        await users.AddLoginAsync(user, login);
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
    public async Task<AccountChange> SetRoleAsync(string id, string role, string? unitCode, CancellationToken ct = default)
    {
        unitCode = string.IsNullOrWhiteSpace(unitCode) ? null : unitCode.Trim();
        var (binding, unitKey) = await CheckBindingAsync(role, unitCode, ct);
        if (!binding.Ok) return binding;
        var user = await users.FindByIdAsync(id);
        if (user is null) return AccountChange.Refused("ProblemNoSuchUser", id);

        await EnsureRolesAsync();
        var current = await users.GetRolesAsync(user);
        // Unchanged (a single sign-on brings the same role again at each sign-in): the person's other sessions live on.
        if (current.SequenceEqual([role]) && user.UnitKey == unitKey) return AccountChange.Done;
        if (current.Count > 0) await users.RemoveFromRolesAsync(user, current);
        await users.AddToRoleAsync(user, role);
        user.UnitKey = unitKey;
        await users.UpdateAsync(user);
        // A new stamp ends the person's sessions: cookies at their next request, open circuits at the next revalidation.
        await users.UpdateSecurityStampAsync(user);
        return AccountChange.Done;
    }

    public async Task<AccountChange> SetLockedAsync(string id, bool locked)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return AccountChange.Refused("ProblemNoSuchUser", id);
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
        if (!locked) await users.ResetAccessFailedCountAsync(user);
        await users.UpdateSecurityStampAsync(user);
        return AccountChange.Done;
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
