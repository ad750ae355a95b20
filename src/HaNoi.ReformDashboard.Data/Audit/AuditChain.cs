using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace HaNoi.ReformDashboard.Data.Audit;

/// <summary>One entry's fields as the chain hashes them; <see cref="Details"/> as PostgreSQL prints the jsonb.</summary>
public sealed record ChainedEntry(long Id, DateTimeOffset At, string Actor, string Action, string Entity, string EntityKey, int? UnitId, string Details);

/// <summary>The first entry whose stored hash is not the one its fields and the previous hash give.</summary>
public sealed record BrokenLink(long Id, DateTimeOffset At, string Actor, string Action, string? Stored, string Computed, string Previous);

/// <summary>The outcome of <see cref="AuditChain.VerifyAsync"/>: every entry checked, or where it broke.</summary>
public sealed record ChainReport(long Entries, string LastHash, BrokenLink? Broken)
{
    public bool Intact => Broken is null;
}

/// <summary>
/// The audit log's hash chain, in C#: the twin of the database's <c>audit_log_entry_hash</c> (migration
/// AuditLogAppendOnly), written apart from it on purpose so that <c>reform audit verify</c> checks the database's work
/// instead of repeating it. The rule (docs/audit-log.md): the UTF-8 text
/// <c>"audit_log v1\n"</c> followed by, for each of id, at, actor, action, entity, entity_key, unit_id, details and the
/// previous entry's hash, <c>&lt;byte length&gt;:&lt;value&gt;\n</c>; at as <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c> in UTC,
/// no unit as empty, the first entry's previous hash empty; its SHA-256 in lower-case hex. Entries follow each other by id.
/// </summary>
public static class AuditChain
{
    public static string Canonical(ChainedEntry e, string previousHash)
    {
        var text = new StringBuilder("audit_log v1\n");
        foreach (var field in new[]
                 {
                     e.Id.ToString(CultureInfo.InvariantCulture),
                     e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
                     e.Actor, e.Action, e.Entity, e.EntityKey,
                     e.UnitId?.ToString(CultureInfo.InvariantCulture) ?? "",
                     e.Details,
                     previousHash,
                 })
        {
            text.Append(Encoding.UTF8.GetByteCount(field).ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('\n');
        }
        return text.ToString();
    }

    public static string Hash(ChainedEntry e, string previousHash) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(e, previousHash))));

    /// <summary>
    /// Reads the log in id order (streamed, one pass) and recomputes each hash over the previous entry's stored hash, so
    /// the first entry changed is the one named (a row altered with its hash recomputed breaks the next one instead).
    /// </summary>
    public static async Task<ChainReport> VerifyAsync(NpgsqlConnection connection, CancellationToken ct = default)
    {
        // jsonb comes back as text as PostgreSQL prints it: the form the database hashed.
        await using var command = new NpgsqlCommand(
            "SELECT id, at, actor, action, entity, entity_key, unit_id, details::text, hash FROM audit_log ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var previous = "";
        long count = 0;
        while (await reader.ReadAsync(ct))
        {
            var entry = new ChainedEntry(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetInt32(6), reader.GetString(7));
            var stored = reader.IsDBNull(8) ? null : reader.GetString(8);
            var computed = Hash(entry, previous);
            if (!string.Equals(stored, computed, StringComparison.Ordinal))
                return new ChainReport(count, previous, new BrokenLink(entry.Id, entry.At, entry.Actor, entry.Action, stored, computed, previous));
            previous = stored!;
            count++;
        }
        return new ChainReport(count, previous, null);
    }
}
