using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using HaNoi.ReformDashboard.Data.Import;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Seed;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HaNoi.ReformDashboard.Data.Dossiers;

/// <summary>A dossier file read and checked whole; nothing written yet.</summary>
public sealed class DossierCheck
{
    public required string FileName { get; init; }
    public required long SizeBytes { get; init; }
    public required string Sha256 { get; init; }
    public required int Rows { get; init; }
    /// <summary>The problems listed (at most <see cref="DossierImportOptions.MaxErrorsListed"/>)…</summary>
    public required IReadOnlyList<SeedError> Errors { get; init; }
    /// <summary>…and how many there were in all.</summary>
    public required int ErrorCount { get; init; }
    /// <summary>The Hanoi months the rows were received in.</summary>
    public required IReadOnlyList<DateOnly> Months { get; init; }
    public bool IsValid => ErrorCount == 0;
    internal DossierCatalogue? Catalogue { get; init; }
}

/// <param name="New">Dossier codes seen for the first time.</param>
/// <param name="Replaced">Records that replaced an older one (kept in dossier_history).</param>
/// <param name="Unchanged">Records the database already held with the same <c>updated_at</c>.</param>
/// <param name="Late">Records older than the one held: kept in dossier_history, never current.</param>
public sealed record DossierImportResult(long? BatchId, int New, int Replaced, int Unchanged, int Late)
{
    /// <summary>What the recount of the six figures did (none when nothing changed).</summary>
    public DossierFiguresResult Figures { get; init; } = new(0, 0, 0);
}

/// <summary>
/// <c>reform dossiers import</c>: a dossier file in, all or nothing. The file is read twice as a stream: first every
/// row is checked (nothing is written unless all are valid and every month has its partition), then, in one
/// transaction, the rows are copied (binary COPY) into a temporary table and merged into <c>dossiers</c> in one
/// statement — the later <c>updated_at</c> wins, what it replaced goes to <c>dossier_history</c> — with an import
/// batch and an audit entry.
/// </summary>
public static class DossierImport
{
    public const string Kind = "dossiers";

    public static bool SizeAllowed(string fileName, long size, DossierImportOptions options, List<SeedError> errors) =>
        ImportFileReader.SizeAllowed(fileName, size, new ImportOptions { MaxFileBytes = options.MaxFileBytes }, errors);

    /// <param name="content">A seekable stream at the file's start; read to its end.</param>
    public static async Task<DossierCheck> CheckAsync(ReformDbContext db, string fileName, Stream content, DossierImportOptions options,
        DateTimeOffset now, CancellationToken ct = default)
    {
        var catalogue = await DossierCatalogue.LoadAsync(db, ct);
        var errors = new List<SeedError>();
        var errorCount = 0;
        void Add(SeedError e)
        {
            if (errorCount++ < options.MaxErrorsListed) errors.Add(e);
        }
        var firstRowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var months = new SortedSet<DateOnly>();
        var rows = 0;
        var start = content.Position;
        using var hashing = new HashingStream(content);
        try
        {
            foreach (var row in DossierFile.Read(fileName, hashing, options, ct))
            {
                rows++;
                var record = DossierChecks.Check(fileName, row, catalogue, now, Add);
                var code = row.Cells[0];
                if (code.Length > 0 && !firstRowOf.TryAdd(code, row.Number))
                    Add(new SeedError(fileName, row.Number, "dossier_code",
                        $"mã hồ sơ '{code}' đã có ở dòng {firstRowOf[code]} của tệp.", $"dossier code '{code}' already appears on row {firstRowOf[code]} of the file.") { Value = code });
                if (record is not null) months.Add(DossierPartitions.MonthOf(record.ReceivedAt));
            }
        }
        catch (UnreadableFileException ex)
        {
            return Refused(fileName, content.Length - start, ex.MessageVi, ex.MessageEn);
        }
        var sha = hashing.Finish();
        if (errorCount == 0)
        {
            var missing = await MissingPartitionsAsync(db, months, ct);
            foreach (var month in missing)
            {
                var ym = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
                Add(new SeedError(fileName, 0, "received_at",
                    $"tháng {month.ToString("MM/yyyy", CultureInfo.InvariantCulture)} chưa có phân vùng hồ sơ ({DossierPartitions.NameOf(month)}): không ghi vào phân vùng mặc định; hãy chạy 'reform dossiers partitions --through {ym}' rồi nhập lại.",
                    $"the month {ym} has no dossier partition ({DossierPartitions.NameOf(month)}): nothing is written to the default partition; run 'reform dossiers partitions --through {ym}' and import again.") { Value = ym });
            }
        }
        return new DossierCheck
        {
            FileName = fileName, SizeBytes = content.Length - start, Sha256 = sha, Rows = rows, Errors = errors, ErrorCount = errorCount,
            Months = [.. months], Catalogue = catalogue,
        };
    }

    private static DossierCheck Refused(string fileName, long size, string vi, string en) => new()
    {
        FileName = fileName, SizeBytes = size, Sha256 = "", Rows = 0, Errors = [new SeedError(fileName, 0, "-", vi, en)], ErrorCount = 1, Months = [],
    };

    private static async Task<List<DateOnly>> MissingPartitionsAsync(ReformDbContext db, IEnumerable<DateOnly> months, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await connection.OpenAsync(ct);
        try
        {
            var existing = await DossierPartitions.ExistingAsync(connection, ct);
            return months.Where(m => !existing.Contains(DossierPartitions.NameOf(m))).ToList();
        }
        finally
        {
            if (opened) await connection.CloseAsync();
        }
    }

    /// <summary>
    /// Writes a checked file: the same stream, read again from its start (it must hold the same bytes). In the caller's
    /// transaction when there is one, else in its own.
    /// </summary>
    public static async Task<DossierImportResult> CommitAsync(ReformDbContext db, DossierCheck check, Stream content, DossierImportOptions options,
        string actor, DateTimeOffset now, CancellationToken ct = default)
    {
        if (!check.IsValid || check.Catalogue is null)
            throw new ImportRefusedException($"tệp có {check.ErrorCount} lỗi: không nhập.", $"the file has {check.ErrorCount} problems: nothing imported.");
        var ownTransaction = db.Database.CurrentTransaction is null;
        await using var tx = ownTransaction ? await db.Database.BeginTransactionAsync(ct) : null;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        // One dossier writer at a time: one current row per code is the import's to keep (the partitioned table's
        // unique index must hold the received time, so it cannot).
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(20, 0)", ct);
        // The merge's estimates over every partition pass the JIT threshold; compiling would cost more than it saves.
        await db.Database.ExecuteSqlRawAsync("SET LOCAL jit = off", ct);
        var missing = (await MissingPartitionsAsync(db, check.Months, ct)).FirstOrDefault();
        if (missing != default)
            throw new ImportRefusedException(
                $"phân vùng {DossierPartitions.NameOf(missing)} vừa bị gỡ: không nhập.", $"the partition {DossierPartitions.NameOf(missing)} was just removed: nothing imported.");

        var batch = new ImportBatch
        {
            FileName = check.FileName, SizeBytes = check.SizeBytes, Sha256 = check.Sha256, Kind = Kind, RowCount = check.Rows,
            ImportedBy = actor, ImportedAt = now,
        };
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync(ct);

        await db.Database.ExecuteSqlRawAsync("CREATE TEMP TABLE dossier_stage (LIKE dossiers) ON COMMIT DROP", ct);
        content.Position = 0;
        using var hashing = new HashingStream(content);
        await using (var writer = await DossierCopy.BeginAsync(connection, "dossier_stage", ct))
        {
            foreach (var row in DossierFile.Read(check.FileName, hashing, options, ct))
            {
                var record = DossierChecks.Check(check.FileName, row, check.Catalogue, now, _ => { })
                    ?? throw Changed(check.FileName);
                await DossierCopy.WriteAsync(writer, record, batch.Id, ct);
            }
            if (hashing.Finish() != check.Sha256) throw Changed(check.FileName);
            await writer.CompleteAsync(ct);
        }

        var (inserted, replaced, late) = await MergeAsync(connection, batch.Id, now, ct);
        // Belt and braces: the months were checked, yet a row routed to the default partition is refused, not kept.
        await using (var strays = new NpgsqlCommand($"SELECT count(*) FROM ONLY {DossierPartitions.DefaultPartition} WHERE import_batch_id = @batch", connection))
        {
            strays.Parameters.AddWithValue("batch", batch.Id);
            if ((long)(await strays.ExecuteScalarAsync(ct))! > 0)
                throw new ImportRefusedException("một số hồ sơ rơi vào phân vùng mặc định: không nhập.", "some dossiers fell into the default partition: nothing imported.");
        }
        var result = new DossierImportResult(batch.Id, inserted - replaced, replaced, check.Rows - inserted - late, late);
        if (inserted == 0 && late == 0 && tx is not null)
        {
            // The database already holds every record of the file: no batch, no entry.
            await tx.RollbackAsync(ct);
            return result with { BatchId = null };
        }
        // The six figures of every unit-month the batch touched, recounted in this transaction (docs/scoring.md).
        if (inserted > 0) result = result with { Figures = await DossierFigures.RefreshBatchAsync(db, batch.Id, actor, now, ct) };
        batch.NewRows = result.New;
        batch.ChangedRows = result.Replaced;
        batch.UnchangedRows = result.Unchanged + result.Late;
        db.AuditLog.Add(new AuditEntry
        {
            At = now, Actor = actor, Action = "dossiers.import", Entity = "import_batch", EntityKey = batch.Id.ToString(CultureInfo.InvariantCulture),
            Details = JsonSerializer.Serialize(new
            {
                file = check.FileName, sha256 = check.Sha256, size = check.SizeBytes, rows = check.Rows,
                result.New, result.Replaced, result.Unchanged, result.Late,
                figuresWritten = result.Figures.Written, figuresWithdrawn = result.Figures.Withdrawn,
                months = check.Months.Select(m => m.ToString("yyyy-MM", CultureInfo.InvariantCulture)),
            }),
        });
        await db.SaveChangesAsync(ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return result;
    }

    private static ImportRefusedException Changed(string fileName) => new(
        $"tệp {fileName} đã thay đổi trong khi nhập: không nhập gì; hãy nhập lại.", $"the file {fileName} changed while it was imported: nothing imported; import it again.");

    private const string Columns = DossierCopy.Columns;

    /// <summary>
    /// The merge, one statement over one snapshot: an older current record is moved to the history and the newer one
    /// inserted (its received time may even have moved it to another month's partition); a record older than the one
    /// held goes to the history as arrived late; the same <c>updated_at</c> again changes nothing.
    /// </summary>
    private const string MergeSql = $"""
        WITH replaced AS (
            DELETE FROM dossiers d USING dossier_stage s
            WHERE d.dossier_code = s.dossier_code AND d.updated_at < s.updated_at
            RETURNING d.*
        ), history AS (
            INSERT INTO dossier_history ({Columns}, superseded_at, superseded_by_batch_id, arrived_late)
            SELECT {Columns}, @now, @batch, false FROM replaced
            UNION ALL
            SELECT s.dossier_code, s.procedure_code, s.field_code, s.unit_id, s.received_at, s.due_at, s.finished_at, s.returned_at, s.status, s.channel,
                   s.supplement_requests, s.supplement_days, s.fee_required, s.paid_online, s.digitised, s.e_result, s.reused_data, s.synced_national,
                   s.updated_at, s.import_batch_id, @now, @batch, true
            FROM dossier_stage s WHERE EXISTS (SELECT 1 FROM dossiers d WHERE d.dossier_code = s.dossier_code AND d.updated_at > s.updated_at)
            RETURNING arrived_late
        ), inserted AS (
            -- Joined to the count of replaced, so the deletions are done before the first insert (a replaced record
            -- with the same received time has the same primary key).
            INSERT INTO dossiers ({Columns})
            SELECT {Columns} FROM dossier_stage s CROSS JOIN (SELECT count(*) FROM replaced) AS deleted_first
            WHERE NOT EXISTS (SELECT 1 FROM dossiers d WHERE d.dossier_code = s.dossier_code AND d.updated_at >= s.updated_at)
            RETURNING 1
        )
        SELECT (SELECT count(*) FROM inserted)::int, (SELECT count(*) FROM replaced)::int, (SELECT count(*) FROM history WHERE arrived_late)::int
        """;

    private static async Task<(int Inserted, int Replaced, int Late)> MergeAsync(NpgsqlConnection connection, long batchId, DateTimeOffset now, CancellationToken ct)
    {
        await using (var analyze = new NpgsqlCommand("ANALYZE dossier_stage", connection)) await analyze.ExecuteNonQueryAsync(ct);
        await using var merge = new NpgsqlCommand(MergeSql, connection);
        merge.Parameters.AddWithValue("now", now.ToUniversalTime());
        merge.Parameters.AddWithValue("batch", batchId);
        await using var reader = await merge.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
    }

    /// <summary>Reads through to the inner stream and hashes what passes, so both readings of a file can be held to the same bytes.</summary>
    private sealed class HashingStream(Stream inner) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        /// <summary>Hashes whatever the reader left unread, and returns the file's SHA-256 in lower-case hex.</summary>
        public string Finish()
        {
            var buffer = new byte[81920];
            int n;
            while ((n = Read(buffer, 0, buffer.Length)) > 0) { }
            return Convert.ToHexString(_hash.GetHashAndReset()).ToLowerInvariant();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            _hash.AppendData(buffer, offset, n);
            return n;
        }

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            _hash.AppendData(buffer[..n]);
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await inner.ReadAsync(buffer, cancellationToken);
            _hash.AppendData(buffer.Span[..n]);
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _hash.Dispose();
            base.Dispose(disposing);
        }
    }
}
