using Microsoft.Extensions.Options;

namespace HaNoi.ReformDashboard.Web.Delivery;

/// <summary>Someone who gets a brief: of their unit, or of the city (<see cref="UnitCode"/> null).</summary>
public sealed record Recipient(string Email, string? UnitCode);

/// <summary>Who gets which brief. Today the configured lists; users bound to units can answer here later.</summary>
public interface IRecipientDirectory
{
    Task<IReadOnlyList<Recipient>> RecipientsAsync(CancellationToken ct);
}

/// <summary>The leaders and department heads listed in the "Delivery" configuration section.</summary>
public sealed class ConfiguredRecipients(IOptionsMonitor<DeliveryOptions> options) : IRecipientDirectory
{
    public Task<IReadOnlyList<Recipient>> RecipientsAsync(CancellationToken ct)
    {
        var o = options.CurrentValue;
        var leaders = o.Leaders.Select(e => new Recipient(e.Trim(), null));
        var heads = o.DepartmentHeads.SelectMany(d => d.Value.Select(e => new Recipient(e.Trim(), d.Key.Trim())));
        IReadOnlyList<Recipient> all = leaders.Concat(heads).Where(r => r.Email.Length > 0).Distinct().ToList();
        return Task.FromResult(all);
    }
}
