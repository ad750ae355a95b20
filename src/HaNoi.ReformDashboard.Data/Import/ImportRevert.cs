using System.Globalization;
using System.Text.Json;
using HaNoi.ReformDashboard.Data.Schema;
using Microsoft.EntityFrameworkCore;
using HaNoi.ReformDashboard.Data.Messages;

namespace HaNoi.ReformDashboard.Data.Import;

/// <summary>
/// Takes an import back without deleting anything: each of its figures still in force gets a new revision with the
/// figures before it; a month the batch reported first has no figure in force afterwards. Audited.
/// </summary>
public static class ImportRevert
{
    public const string Kind = "revert";

    public static async Task<ImportResult> RevertAsync(ReformDbContext db, long batchId, string actor, DateTimeOffset now, CancellationToken ct = default)
    {
        var batch = await db.ImportBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == batchId, ct)
            ?? throw new ImportRefusedException(DataText.Get("ThereIsNoImportBatch", batchId));
        if (batch.Kind != ImportCommit.Kind)
            throw new ImportRefusedException(DataText.Get("BatchIsNotAFile", batchId));
        if (await db.ImportBatches.AnyAsync(b => b.RevertsBatchId == batchId, ct))
            throw new ImportRefusedException(DataText.Get("BatchHasBeenRevertedAlready", batchId));

        using var longWrites = CurrentFigures.LongWrites(db);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var rows = await db.Measurements.Where(m => m.ImportBatchId == batchId)
            .Select(m => new { m.UnitId, m.IndicatorId, m.Period, m.Revision, m.IsCurrent }).ToListAsync(ct);
        await CurrentFigures.LockMonthsAsync(db, rows.Select(r => r.Period), ct);
        var keys = rows.Select(r => new FigureKey(r.UnitId, r.IndicatorId, r.Period)).ToList();
        var current = await CurrentFigures.ReadAsync(db, keys, ct);
        var later = rows.Select((r, i) => (r, now: current[i])).FirstOrDefault(x => x.now.Revision != x.r.Revision);
        if (later.r is not null)
        {
            var by = later.now.BatchId is { } id ? $" #{id}" : "";
            throw new ImportRefusedException(
                DataText.Get("SomeFiguresOfBatchWere", batchId, by));
        }

        // The figures each month had before the batch: the revision just below the batch's, unless that one was
        // itself withdrawn by a revert (a revert that restores writes a revision of its own, so it would be the one below).
        var unitIds = keys.Select(k => k.UnitId).Distinct().ToList();
        var periods = keys.Select(k => k.Period).Distinct().ToList();
        var earlier = await db.Measurements.AsNoTracking()
            .Where(m => m.ImportBatchId != batchId && unitIds.Contains(m.UnitId) && periods.Contains(m.Period))
            .Select(m => new { m.UnitId, m.IndicatorId, m.Period, m.Revision, m.Numerator, m.Denominator, m.Value, m.ImportBatchId }).ToListAsync(ct);
        var earlierBatches = earlier.Select(m => m.ImportBatchId).Distinct().ToList();
        var withdrawn = (await db.ImportBatches.AsNoTracking().Where(b => b.RevertsBatchId != null && earlierBatches.Contains(b.RevertsBatchId))
            .Select(b => b.RevertsBatchId).ToListAsync(ct)).ToHashSet();
        var before = earlier.GroupBy(m => new FigureKey(m.UnitId, m.IndicatorId, m.Period)).ToDictionary(g => g.Key, g => g.ToList());
        var restored = rows.Select(r =>
            {
                var key = new FigureKey(r.UnitId, r.IndicatorId, r.Period);
                var previous = before.GetValueOrDefault(key)?.Where(m => m.Revision < r.Revision).MaxBy(m => m.Revision);
                var figures = previous is null || withdrawn.Contains(previous.ImportBatchId) ? (FigureSet?)null : new FigureSet(previous.Numerator, previous.Denominator, previous.Value);
                return (key, figures, r.Revision);
            }).ToList();

        var revert = new ImportBatch
        {
            FileName = batch.FileName, Sha256 = batch.Sha256, SizeBytes = batch.SizeBytes, Kind = Kind, RevertsBatchId = batchId,
            RowCount = rows.Count, ChangedRows = restored.Count(r => r.figures is not null), NewRows = 0, UnchangedRows = 0,
            ImportedBy = actor, ImportedAt = now,
        };
        db.ImportBatches.Add(revert);
        await db.SaveChangesAsync(ct);
        await CurrentFigures.SupersedeAsync(db, keys, ct);
        await CurrentFigures.WriteAsync(db, restored.Where(r => r.figures is not null).Select(r => (r.key, r.figures!.Value, r.Revision + 1)),
            revert.Id, $"revert #{batchId}", actor, now, ct);
        db.AuditLog.Add(new AuditEntry
        {
            At = now, Actor = actor, Action = Kind, Entity = "import_batch", EntityKey = batchId.ToString(CultureInfo.InvariantCulture),
            Details = JsonSerializer.Serialize(new { revert_batch = revert.Id, restored = revert.ChangedRows, withdrawn = rows.Count - revert.ChangedRows }),
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new ImportResult(revert.Id, 0, revert.ChangedRows, 0);
    }
}
