using HaNoi.ReformDashboard.Data.Accounts;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Web.Delivery;

public enum DeliveryStatus { Sent, Failed, Skipped }

public sealed record DeliveryEntry(long Id, string Period, string Recipient, string? UnitCode, DeliveryStatus Status, int Attempt, string? Detail, DateTimeOffset At);

/// <summary>
/// Every attempt to send a brief (sent, failed, skipped), in PostgreSQL: the table <c>accounts.delivery_log</c>
/// beside the users it is sent to, created by the accounts' migrations.
/// </summary>
public sealed class DeliveryLog(IServiceScopeFactory scopes)
{
    /// <summary>Why a brief was skipped, as the log stores it (the page words it in the UI's language).</summary>
    public const string UnitNotFound = "unit_not_found", NoData = "no_data";
    /// <summary>Why a brief failed without a try: the recipient is not an e-mail address.</summary>
    public const string BadAddress = "bad_address";

    public async Task AddAsync(string period, Recipient recipient, DeliveryStatus status, int attempt, string? detail, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        db.DeliveryLog.Add(new DeliveryLogRow
        {
            Period = period, Recipient = recipient.Email, UnitCode = recipient.UnitCode,
            Status = status.ToString().ToLowerInvariant(), Attempt = attempt, Detail = detail,
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Whether this brief already reached this person for the period (so a second instance or a re-run sends it once).</summary>
    public async Task<bool> WasSentAsync(string period, Recipient recipient, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        var sent = DeliveryStatus.Sent.ToString().ToLowerInvariant();
        return await db.DeliveryLog.AnyAsync(r => r.Period == period && r.Recipient == recipient.Email && r.UnitCode == recipient.UnitCode && r.Status == sent, ct);
    }

    public async Task<IReadOnlyList<DeliveryEntry>> LatestAsync(int count, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        var rows = await db.DeliveryLog.AsNoTracking().OrderByDescending(r => r.Id).Take(count).ToListAsync(ct);
        return rows.Select(r => new DeliveryEntry(r.Id, r.Period, r.Recipient, r.UnitCode, Enum.Parse<DeliveryStatus>(r.Status, ignoreCase: true),
            r.Attempt, r.Detail, r.At)).ToList();
    }
}
