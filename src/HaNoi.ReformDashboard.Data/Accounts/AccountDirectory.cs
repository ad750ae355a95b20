using System.Globalization;
using HaNoi.ReformDashboard.Data.Schema;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Data.Accounts;

/// <summary>One account as the admin page and <c>users list</c> show it.</summary>
public sealed record AccountSummary(string Id, string UserName, string Role, string? UnitCode, bool LockedOut, bool TwoFactor);

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
/// existing unit, a unit only for a department head, password rules).
/// </summary>
public sealed class AccountDirectory(UserManager<AccountUser> users, RoleManager<IdentityRole> roles, IDbContextFactory<ReformDbContext> reform)
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
        var binding = await CheckBindingAsync(role, unitCode, ct);
        if (!binding.Ok) return binding;
        if (await users.FindByNameAsync(userName) is not null) return AccountChange.Refused("ProblemUserExists", userName);

        await EnsureRolesAsync();
        var user = new AccountUser { UserName = userName, Email = userName.Contains('@') ? userName : null, UnitCode = unitCode };
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
        var binding = await CheckBindingAsync(role, unitCode, ct);
        if (!binding.Ok) return binding;

        await EnsureRolesAsync();
        var user = new AccountUser { UserName = userName, Email = userName.Contains('@') ? userName : null, UnitCode = unitCode };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded) return AccountChange.Refused("ProblemUserExists", userName);
        await users.AddToRoleAsync(user, role);
        await users.AddLoginAsync(user, login);
        return AccountChange.Done;
    }

    public async Task<IReadOnlyList<AccountSummary>> ListAsync(CancellationToken ct = default)
    {
        var all = await users.Users.OrderBy(u => u.UserName).ToListAsync(ct);
        var list = new List<AccountSummary>(all.Count);
        foreach (var user in all)
        {
            var role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? "";
            list.Add(new AccountSummary(user.Id, user.UserName!, role, user.UnitCode,
                await users.IsLockedOutAsync(user), user.TwoFactorEnabled));
        }
        return list;
    }

    /// <summary>Gives the account exactly one role and its unit binding (cleared for roles other than department head).</summary>
    public async Task<AccountChange> SetRoleAsync(string id, string role, string? unitCode, CancellationToken ct = default)
    {
        unitCode = string.IsNullOrWhiteSpace(unitCode) ? null : unitCode.Trim();
        var binding = await CheckBindingAsync(role, unitCode, ct);
        if (!binding.Ok) return binding;
        var user = await users.FindByIdAsync(id);
        if (user is null) return AccountChange.Refused("ProblemNoSuchUser", id);

        await EnsureRolesAsync();
        var current = await users.GetRolesAsync(user);
        if (current.Count > 0) await users.RemoveFromRolesAsync(user, current);
        await users.AddToRoleAsync(user, role);
        user.UnitCode = unitCode;
        await users.UpdateAsync(user);
        // A new stamp signs the person out of open circuits and cookies at the next revalidation.
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

    private async Task<AccountChange> CheckBindingAsync(string role, string? unitCode, CancellationToken ct)
    {
        if (!Roles.IsKnown(role)) return AccountChange.Refused("ProblemUnknownRole", role);
        if (role == Roles.DepartmentHead && unitCode is null) return AccountChange.Refused("ProblemUnitRequired");
        if (role != Roles.DepartmentHead && unitCode is not null) return AccountChange.Refused("ProblemUnitOnlyForHeads");
        if (unitCode is null) return AccountChange.Done;
        await using var db = await reform.CreateDbContextAsync(ct);
        // A code names one unit at a time; a binding to a code any version carried is kept (a renamed unit keeps its head).
        return await db.UnitVersions.AnyAsync(v => v.Code == unitCode, ct) ? AccountChange.Done : AccountChange.Refused("ProblemUnknownUnit", unitCode);
    }

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Code));
}
