using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HaNoi.ReformDashboard.Data.Schema;
using Microsoft.EntityFrameworkCore;
using HaNoi.ReformDashboard.Data.Messages;

namespace HaNoi.ReformDashboard.Data.Dossiers;

/// <summary>
/// A key the one-stop system pushes dossiers with, for a deployment without an OpenID Connect provider. Only the key's
/// SHA-256 is kept: whoever reads the database cannot push with it.
/// </summary>
public class DossierApiKey
{
    public int Id { get; set; }
    /// <summary>Who holds it (the acting name in the audit log as <c>api-key:name</c>); unique, even after a revocation.</summary>
    public required string Name { get; set; }
    /// <summary>SHA-256 of the key's text, lower-case hex.</summary>
    public required string KeyHash { get; set; }
    /// <summary>The key's first characters, to tell keys apart in a list; not enough to guess the rest.</summary>
    public required string Prefix { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }

    internal static void Configure(ModelBuilder model) => model.Entity<DossierApiKey>(e =>
    {
        e.ToTable("dossier_api_keys");
        e.Property(k => k.Name).HasMaxLength(DossierApiKeys.MaxNameLength);
        e.Property(k => k.KeyHash).HasMaxLength(64);
        e.Property(k => k.Prefix).HasMaxLength(16);
        e.Property(k => k.CreatedBy).HasMaxLength(256);
        e.Property(k => k.RevokedBy).HasMaxLength(256);
        e.HasIndex(k => k.Name).IsUnique();
        e.HasIndex(k => k.KeyHash).IsUnique();
    });
}

/// <summary>What <c>reform dossiers api-key list</c> shows of a key.</summary>
public sealed record DossierApiKeyInfo(string Name, string Prefix, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>Making, listing, revoking and checking the push API's keys; each change audited.</summary>
public static class DossierApiKeys
{
    public const int MaxNameLength = 100;
    private const string KeyPrefix = "rdk_";

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>A new key (32 random bytes, base64url) for <paramref name="name"/>: returned once, kept only hashed. Null with a message pair when the name is taken or malformed.</summary>
    private static (string? Key, string? Vi, string? En) Refused(DataText.Message message) => (null, message.Vi, message.En);

    public static async Task<(string? Key, string? Vi, string? En)> CreateAsync(ReformDbContext db, string name, string actor, DateTimeOffset now, CancellationToken ct = default)
    {
        name = name.Trim();
        if (name.Length is 0 or > MaxNameLength || name.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
            return Refused(DataText.Get("AKeyNameHasCharacters", MaxNameLength));
        if (await db.DossierApiKeys.AnyAsync(k => k.Name == name, ct))
            return Refused(DataText.Get("AKeyNamedExistsRevoked", name));
        var key = KeyPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var row = new DossierApiKey { Name = name, KeyHash = Hash(key), Prefix = key[..10], CreatedAt = now, CreatedBy = actor };
        db.DossierApiKeys.Add(row);
        db.AuditLog.Add(new AuditEntry
        {
            At = now, Actor = actor, Action = "dossiers.api-key.create", Entity = "dossier_api_key", EntityKey = name,
            Details = JsonSerializer.Serialize(new { prefix = row.Prefix }),
        });
        await db.SaveChangesAsync(ct);
        return (key, null, null);
    }

    public static async Task<IReadOnlyList<DossierApiKeyInfo>> ListAsync(ReformDbContext db, CancellationToken ct = default) =>
        await db.DossierApiKeys.AsNoTracking().OrderBy(k => k.Name)
            .Select(k => new DossierApiKeyInfo(k.Name, k.Prefix, k.CreatedAt, k.CreatedBy, k.LastUsedAt, k.RevokedAt)).ToListAsync(ct);

    /// <summary>Revokes the key named so; false when there is no such key or it was revoked already.</summary>
    public static async Task<bool> RevokeAsync(ReformDbContext db, string name, string actor, DateTimeOffset now, CancellationToken ct = default)
    {
        var key = await db.DossierApiKeys.SingleOrDefaultAsync(k => k.Name == name && k.RevokedAt == null, ct);
        if (key is null) return false;
        (key.RevokedAt, key.RevokedBy) = (now, actor);
        db.AuditLog.Add(new AuditEntry
        {
            At = now, Actor = actor, Action = "dossiers.api-key.revoke", Entity = "dossier_api_key", EntityKey = name,
            Details = JsonSerializer.Serialize(new { prefix = key.Prefix }),
        });
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The name of the live key <paramref name="key"/> is (its last use noted), or null.</summary>
    public static async Task<string?> AuthenticateAsync(ReformDbContext db, string key, DateTimeOffset now, CancellationToken ct = default)
    {
        if (!key.StartsWith(KeyPrefix, StringComparison.Ordinal) || key.Length > 100) return null;
        var hash = Hash(key);
        var name = await db.DossierApiKeys.Where(k => k.KeyHash == hash && k.RevokedAt == null).Select(k => k.Name).SingleOrDefaultAsync(ct);
        if (name is not null)
            await db.DossierApiKeys.Where(k => k.KeyHash == hash).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
        return name;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Format(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture) ?? "-";
}
