using HaNoi.ReformDashboard.Data.Schema;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Data.Dossiers;

/// <summary>
/// A batch pushed through the API, by its client and idempotency key: written in the import's transaction, so a retry
/// of a batch that went in finds it and gets the same answer without writing anything again.
/// </summary>
public class DossierPush
{
    public long Id { get; set; }
    /// <summary>The acting name: <c>client:…</c> (OAuth client id) or <c>api-key:…</c>.</summary>
    public required string Client { get; set; }
    /// <summary>The <c>Idempotency-Key</c> header, or <c>sha256:</c> and the body's hash when there was none.</summary>
    public required string IdempotencyKey { get; set; }
    public required string BodySha256 { get; set; }
    public long? ImportBatchId { get; set; }
    /// <summary>The JSON answered the first time, answered again to a retry.</summary>
    public required string Result { get; set; }
    public DateTimeOffset At { get; set; }

    public const int MaxKeyLength = 200;

    internal static void Configure(ModelBuilder model) => model.Entity<DossierPush>(e =>
    {
        e.ToTable("dossier_pushes");
        e.Property(p => p.Client).HasMaxLength(256);
        e.Property(p => p.IdempotencyKey).HasMaxLength(MaxKeyLength);
        e.Property(p => p.BodySha256).HasMaxLength(64);
        e.Property(p => p.Result).HasColumnType("jsonb");
        e.HasIndex(p => new { p.Client, p.IdempotencyKey }).IsUnique();
        e.HasOne<ImportBatch>().WithMany().HasForeignKey(p => p.ImportBatchId).OnDelete(DeleteBehavior.Restrict);
    });
}
