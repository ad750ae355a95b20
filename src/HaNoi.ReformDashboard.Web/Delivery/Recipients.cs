using HaNoi.ReformDashboard.Data.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HaNoi.ReformDashboard.Web.Delivery;

/// <summary>Someone who gets a brief: of their unit, or of the city (<see cref="UnitCode"/> null).</summary>
public sealed record Recipient(string Email, string? UnitCode);

/// <summary>Who gets which brief.</summary>
public interface IRecipientDirectory
{
    Task<IReadOnlyList<Recipient>> RecipientsAsync(CancellationToken ct);
}

/// <summary>
/// The users, plus the lists in the "Delivery" configuration section (people without an account): a department
/// head bound to a unit gets that unit's brief, a leader the city's. A user without an e-mail address or locked out
/// gets nothing.
/// </summary>
public sealed class UserAndConfiguredRecipients(IServiceScopeFactory scopes, IOptionsMonitor<DeliveryOptions> options, TimeProvider clock)
    : IRecipientDirectory
{
    public async Task<IReadOnlyList<Recipient>> RecipientsAsync(CancellationToken ct)
    {
        var o = options.CurrentValue;
        var leaders = o.Leaders.Select(e => new Recipient(e.Trim(), null));
        var heads = o.DepartmentHeads.SelectMany(d => d.Value.Select(e => new Recipient(e.Trim(), d.Key.Trim())));
        var users = await UsersAsync(ct);
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
                  && (r.Name == Roles.Leader || (r.Name == Roles.DepartmentHead && u.UnitCode != null))
            orderby u.UserName
            select new { u.Email, u.UnitCode, Role = r.Name }).ToListAsync(ct);
        return rows.Select(x => new Recipient(x.Email!.Trim(), x.Role == Roles.DepartmentHead ? x.UnitCode!.Trim() : null)).ToList();
    }
}
