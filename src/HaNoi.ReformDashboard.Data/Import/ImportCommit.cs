using System.Globalization;
using System.Text.Json;
using HaNoi.ReformDashboard.Data.Dossiers;
using HaNoi.ReformDashboard.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using HaNoi.ReformDashboard.Data.Messages;

namespace HaNoi.ReformDashboard.Data.Import;

/// <summary>An import or revert that cannot go ahead; nothing was written. Told in Vietnamese and English.</summary>
public sealed class ImportRefusedException(string vi, string en) : Exception($"{vi} / {en}")
{
    public string MessageVi { get; } = vi;
    public string MessageEn { get; } = en;

    public ImportRefusedException(DataText.Message message) : this(message.Vi, message.En) { }
}

public sealed record ImportResult(long? BatchId, int New, int Changed, int Unchanged);

public static class ImportCommit
{
    public const string Kind = "import";

    /// <summary>
    /// Writes a checked preview in one transaction: a new revision for each new or changed row, nothing for an unchanged
    /// one, the batch and an audit entry. Should any of its months have changed since the preview (another import won),
    /// it is refused as a conflict and writes nothing.
    /// </summary>
    public static async Task<ImportResult> CommitAsync(ReformDbContext db, ImportPreview preview, string actor, DateTimeOffset now, CancellationToken ct = default)
    {
        if (!preview.IsValid)
            throw new ImportRefusedException(DataText.Get("TheFileHasProblemsNothing", preview.Errors.Count));
        var writes = preview.Rows.Where(r => r.Change != RowChange.Unchanged).ToList();
        var result = new ImportResult(null, preview.Count(RowChange.New), preview.Count(RowChange.Changed), preview.Count(RowChange.Unchanged));
        if (writes.Count == 0) return result;

        var keys = preview.Rows.Select(r => new FigureKey(r.UnitId, r.IndicatorId, r.Row.Period)).ToList();
        try
        {
            using var longWrites = CurrentFigures.LongWrites(db);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await CurrentFigures.LockMonthsAsync(db, keys.Select(k => k.Period), ct);
            var current = await CurrentFigures.ReadAsync(db, keys, ct);
            // Dossiers may have arrived for these months since the preview: a figure counted from them is refused still.
            var derived = preview.Rows.Where(r => DossierIndicators.IsDerived(r.Row.IndicatorCode)).ToList();
            var counted = await DossierFigures.CountedFromDossiersAsync(db, derived.Select(r => (r.UnitId, r.Row.Period)).Distinct().ToList(), ct);
            if (derived.FirstOrDefault(r => counted.Contains((r.UnitId, r.Row.Period))) is { } refused)
            {
                var e = ImportPreview.DossierFigureRefused(preview.FileName, refused.Row);
                throw new ImportRefusedException(DataText.Get("RowNothingImported", e.Row, e.MessageVi, e.MessageEn));
            }

            var stale = preview.Rows.Select((r, i) => (r, now: current[i])).FirstOrDefault(x => x.now.Revision != x.r.CurrentRevision || x.now.LatestRevision != x.r.LatestRevision);
            if (stale.r is not null) throw await ConflictAsync(db, stale.r, stale.now.BatchId, ct);

            var batch = new ImportBatch
            {
                FileName = preview.FileName, SizeBytes = preview.SizeBytes, Sha256 = preview.Sha256, Kind = Kind,
                RowCount = preview.Rows.Count, NewRows = result.New, ChangedRows = result.Changed, UnchangedRows = result.Unchanged,
                ImportedBy = actor, ImportedAt = now,
            };
            db.ImportBatches.Add(batch);
            await db.SaveChangesAsync(ct);
            await CurrentFigures.SupersedeAsync(db, writes.Where(w => w.Change == RowChange.Changed).Select(w => new FigureKey(w.UnitId, w.IndicatorId, w.Row.Period)).ToList(), ct);
            await CurrentFigures.WriteAsync(db, writes.Select(w => (new FigureKey(w.UnitId, w.IndicatorId, w.Row.Period), w.New, w.LatestRevision + 1)),
                batch.Id, preview.FileName, actor, now, ct);
            db.AuditLog.Add(new AuditEntry
            {
                At = now, Actor = actor, Action = Kind, Entity = "import_batch", EntityKey = batch.Id.ToString(CultureInfo.InvariantCulture),
                Details = JsonSerializer.Serialize(new { file = preview.FileName, sha256 = preview.Sha256, size = preview.SizeBytes, rows = preview.Rows.Count, result.New, result.Changed, result.Unchanged }),
            });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return result with { BatchId = batch.Id };
        }
        catch (Exception ex) when (IsUniqueViolation(ex))
        {
            // The month locks make this unreachable for imports; a writer that takes no lock still cannot slip past the index.
            throw new ImportRefusedException(
                DataText.Get("TheFiguresOfTheseMonths"));
        }
    }

    internal static bool IsUniqueViolation(Exception ex) =>
        (ex as PostgresException ?? ex.InnerException as PostgresException)?.SqlState == PostgresErrorCodes.UniqueViolation;

    private static async Task<ImportRefusedException> ConflictAsync(ReformDbContext db, PreviewRow row, long? batchId, CancellationToken ct)
    {
        var batch = batchId is { } id ? await db.ImportBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct) : null;
        var what = $"{row.Row.UnitCode} / {row.Row.IndicatorCode} / {row.Row.Period:yyyy-MM}";
        var by = batch is null ? new DataText.Message("", "") : (
            DataText.Get("ByBatchUTC", batch.Id, batch.FileName, batch.ImportedBy, batch.ImportedAt.ToOffset(TimeSpan.FromHours(7)).ToString("dd/MM/yyyy HH:mm", CultureInfo.GetCultureInfo("vi-VN")), batch.ImportedAt));
        return new ImportRefusedException(
            DataText.Get("ConflictTheFiguresOfRow", what, row.Row.Row, by.Vi, by.En));
    }
}
