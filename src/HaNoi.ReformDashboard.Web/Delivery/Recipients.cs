using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Domain.Periods;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HaNoi.ReformDashboard.Web.Delivery;

/// <summary>Someone who gets a brief: of their unit, or of the city (<see cref="UnitCode"/> null). An account's unit is
/// its key (<see cref="UnitKey"/>) with the code it carries in the month; the code is null when the unit is not in force then.</summary>
public sealed record Recipient(string Email, string? UnitCode, string? UnitKey = null)
{
    /// <summary>A head whose unit is not in force in the month: nothing to send, never another unit's brief.</summary>
    public bool UnitNotInForce => UnitKey is not null && UnitCode is null;
}

/// <summary>Who gets which brief of a month.</summary>
public interface IRecipientDirectory
{
    Task<IReadOnlyList<Recipient>> RecipientsAsync(Period month, CancellationToken ct);
}

/// <summary>
/// The users, plus the lists in the "Delivery" configuration section (people without an account): a department
/// head bound to a unit gets that unit's brief, a leader the city's. A user without an e-mail address or locked out
/// gets nothing.
/// </summary>
public sealed class UserAndConfiguredRecipients(IServiceScopeFactory scopes, IOptionsMonitor<DeliveryOptions> options, UnitBinding units, TimeProvider clock)
    : IRecipientDirectory
{
    public async Task<IReadOnlyList<Recipient>> RecipientsAsync(Period month, CancellationToken ct)
    {
        var o = options.CurrentValue;
        var leaders = o.Leaders.Select(e => new Recipient(e.Trim(), null));
        var heads = o.DepartmentHeads.SelectMany(d => d.Value.Select(e => new Recipient(e.Trim(), d.Key.Trim())));
        var users = new List<Recipient>();
        foreach (var user in await UsersAsync(ct))
        {
            // The code the head's unit carries in the month reported (units_in_force), not the one stored at sign-up.
            users.Add(user.UnitKey is { } key ? user with { UnitCode = (await units.InForceAsync(key, month.FirstDay, month.LastDay, ct))?.Code } : user);
        }
        return users.Concat(leaders).Concat(heads).Where(r => r.Email.Length > 0).Distinct().ToList();
    }

    private async Task<IReadOnlyList<Recipient>> UsersAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        var now = clock.GetUtcNow();
        // Locked out as Identity decides it: lockout enabled and an end still ahead.
        var rows = await (
            from u in db.Users
            join ur in db.UserRoles on u.Id equals ur.UserId
            join r in db.Roles on ur.RoleId equals r.Id
            where u.Email != null && u.Email != ""
                  && !(u.LockoutEnabled && u.LockoutEnd != null && u.LockoutEnd > now)
                  && (r.Name == Roles.Leader || (r.Name == Roles.DepartmentHead && u.UnitKey != null))
            orderby u.UserName
            select new { u.Email, u.UnitKey, Role = r.Name }).ToListAsync(ct);
        return rows.Select(x => new Recipient(x.Email!.Trim(), null, x.Role == Roles.DepartmentHead ? x.UnitKey : null)).ToList();
    }
}
