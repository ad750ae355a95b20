using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using HaNoi.ReformDashboard.Data.Files;
using HaNoi.ReformDashboard.Data.Import;
using HaNoi.ReformDashboard.Data.Messages;
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
    public required IReadOnlyList<CellError> Errors { get; init; }
    /// <summary>…and how many there were in all.</summary>
    public required int ErrorCount { get; init; }
    /// <summary>The Hanoi months the rows were received in.</summary>
    public required IReadOnlyList<DateOnly> Months { get; init; }
    public bool IsValid => ErrorCount == 0;
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
/// <c>reform dossiers import</c>, the import page and the push API: a dossier file in, all or nothing. One reading of the
/// file checks every row and copies the valid ones (binary COPY) into a temporary stage table, in a transaction; the
/// checks that need every row at once (a code twice in the file) run over the stage in PostgreSQL, so the app's memory
/// does not grow with the file. Nothing is written unless every row is valid and every month has its partition; then
/// one statement merges the stage into <c>dossiers</c> — the later <c>updated_at</c> wins, what it replaced goes to
/// <c>dossier_history</c> — and adds what each record brings to the months' counts, and the figures of the unit-months
/// touched are written, with an import batch and an audit entry.
/// </summary>
public static class DossierImport
{
    public const string Kind = "dossiers";

    public static bool SizeAllowed(string fileName, long size, DossierImportOptions options, List<CellError> errors) =>
        ImportFileReader.SizeAllowed(fileName, size, new ImportOptions { MaxFileBytes = options.MaxFileBytes }, errors);

    /// <summary>Checks a file and writes nothing (the import page's preview, <c>--dry-run</c>).</summary>
    /// <param name="content">A stream at the file's start; read to its end.</param>
    public static async Task<DossierCheck> CheckAsync(ReformDbContext db, string fileName, Stream content, DossierImportOptions options,
        DateTimeOffset now, CancellationToken ct = default)
    {
        var outer = db.Database.CurrentTransaction;
        await using var tx = outer is null ? await db.Database.BeginTransactionAsync(ct) : null;
        if (outer is not null) await outer.CreateSavepointAsync(StageSavepoint, ct);
        var check = await StageAsync(db, fileName, content, options, now, ct);
        if (tx is not null) await tx.RollbackAsync(ct);
        else await outer!.RollbackToSavepointAsync(StageSavepoint, ct);
        return check;
    }

    /// <summary>
    /// Checks a file and, when every row is valid, imports it: one reading (the CLI, the push API). In the caller's
    /// transaction when there is one, else in its own; nothing is written when the check fails.
    /// </summary>
    public static async Task<(DossierCheck Check, DossierImportResult? Result)> ImportAsync(ReformDbContext db, string fileName, Stream content,
        DossierImportOptions options, string actor, DateTimeOffset now, CancellationToken ct = default)
    {
        var outer = db.Database.CurrentTransaction;
        await using var tx = outer is null ? await db.Database.BeginTransactionAsync(ct) : null;
        // A refused file leaves the caller's transaction as it found it (a stopped COPY would otherwise abort it).
        if (outer is not null) await outer.CreateSavepointAsync(StageSavepoint, ct);
        var check = await StageAsync(db, fileName, content, options, now, ct);
        if (!check.IsValid)
        {
            if (tx is not null) await tx.RollbackAsync(ct);
            else await outer!.RollbackToSavepointAsync(StageSavepoint, ct);
            return (check, null);
        }
        var result = await MergeAsync(db, check, actor, now, keepEmptyBatch: outer is not null, ct);
        if (tx is not null)
        {
            if (result.BatchId is null) await tx.RollbackAsync(ct);
            else await tx.CommitAsync(ct);
        }
        return (check, result);
    }

    /// <summary>
    /// Writes a file checked before (the import page, after its preview): the stream is read again from its start and
    /// must hold the same bytes. In the caller's transaction when there is one, else in its own.
    /// </summary>
    public static async Task<DossierImportResult> CommitAsync(ReformDbContext db, DossierCheck check, Stream content, DossierImportOptions options,
        string actor, DateTimeOffset now, CancellationToken ct = default)
    {
        if (!check.IsValid)
            throw new ImportRefusedException(DataText.Get("TheFileHasProblemsNothing", check.ErrorCount));
        var ownTransaction = db.Database.CurrentTransaction is null;
        await using var tx = ownTransaction ? await db.Database.BeginTransactionAsync(ct) : null;
        content.Position = 0;
        var again = await StageAsync(db, check.FileName, content, options, now, ct);
        if (again.Sha256 != check.Sha256) throw Changed(check.FileName);
        if (!again.IsValid)
            throw new ImportRefusedException(DataText.Get("TheFileHasProblemsNothing", again.ErrorCount));
        var result = await MergeAsync(db, again, actor, now, keepEmptyBatch: !ownTransaction, ct);
        if (tx is not null)
        {
            if (result.BatchId is null) await tx.RollbackAsync(ct);
            else await tx.CommitAsync(ct);
        }
        return result;
    }

    /// <summary>
    /// The one reading of a file: each row checked (<see cref="DossierChecks"/>) and, when valid, copied into the
    /// transaction's stage table <c>dossier_stage</c> with its row number; then the codes repeated within the file and
    /// the months without a partition. The stage is left for the merge (or the caller drops it).
    /// </summary>
    private static async Task<DossierCheck> StageAsync(ReformDbContext db, string fileName, Stream content, DossierImportOptions options,
        DateTimeOffset now, CancellationToken ct)
    {
        var catalogue = await DossierCatalogue.LoadAsync(db, ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var errors = new List<CellError>();
        var errorCount = 0;
        void Add(CellError e)
        {
            if (errorCount++ < options.MaxErrorsListed) errors.Add(e);
        }
        var months = new SortedSet<DateOnly>();
        var rows = 0;
        var start = content.CanSeek ? content.Position : 0;
        long size = 0;
        await db.Database.ExecuteSqlRawAsync(
            "CREATE TEMP TABLE dossier_stage (LIKE dossiers, row_number integer NOT NULL) ON COMMIT DROP", ct);
        // The stage's joins and groupings (the repeated codes, the merge's lookup of a million codes) hash in memory in
        // one batch instead of spilling to disk in dozens; for this transaction only.
        await db.Database.ExecuteSqlRawAsync("SET LOCAL work_mem = '256MB'", ct);
        using var hashing = new HashingStream(content);
        try
        {
            await using var writer = await DossierCopy.BeginAsync(connection, "dossier_stage", ct, withRowNumber: true);
            foreach (var row in DossierFile.Read(fileName, hashing, options, ct))
            {
                rows++;
                // After the first problem nothing more is staged: the rows are still all checked, the stage is not used.
                if (DossierChecks.Check(fileName, row, catalogue, now, Add) is not { } record || errorCount > 0) continue;
                months.Add(DossierPartitions.MonthOf(record.ReceivedAt));
                await DossierCopy.WriteAsync(writer, record, 0, ct, row.Number);
            }
            await writer.CompleteAsync(ct);
        }
        catch (UnreadableFileException ex)
        {
            return Refused(fileName, content.CanSeek ? content.Length - start : 0, ex.MessageVi, ex.MessageEn);
        }
        var sha = hashing.Finish();
        size = hashing.BytesRead;
        if (errorCount == 0)
        {
            await using (var analyze = new NpgsqlCommand("ANALYZE dossier_stage", connection)) await analyze.ExecuteNonQueryAsync(ct);
            var (repeated, repeatedCount) = await RepeatedCodesAsync(connection, fileName, options, ct);
            repeated.ForEach(Add);
            errorCount += repeatedCount - repeated.Count; // the ones past the list: counted, not listed
        }
        if (errorCount == 0)
        {
            foreach (var month in await MissingPartitionsAsync(db, months, ct))
            {
                var ym = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
                Add(new CellError(fileName, 0, "received_at",
                    DataText.Get("TheMonthHasNoDossier", month.ToString("MM/yyyy", CultureInfo.InvariantCulture), DossierPartitions.NameOf(month), ym)) { Value = ym });
            }
        }
        return new DossierCheck
        {
            FileName = fileName, SizeBytes = size, Sha256 = sha, Rows = rows, Errors = [.. errors.OrderBy(e => e.Row)], ErrorCount = errorCount,
            Months = [.. months],
        };
    }

    /// <summary>A dossier code on more than one row of the file: each later row named with the first. Counted in PostgreSQL, over the stage.</summary>
    private static async Task<(List<CellError> Listed, int Count)> RepeatedCodesAsync(NpgsqlConnection connection, string fileName,
        DossierImportOptions options, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT s.row_number, s.dossier_code, f.first_row, count(*) OVER ()
            FROM dossier_stage s
            JOIN (SELECT dossier_code, min(row_number) AS first_row FROM dossier_stage GROUP BY dossier_code HAVING count(*) > 1) f
              ON f.dossier_code = s.dossier_code
            WHERE s.row_number > f.first_row
            ORDER BY s.row_number
            LIMIT @listed
            """, connection);
        command.Parameters.AddWithValue("listed", options.MaxErrorsListed);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var listed = new List<CellError>();
        long count = 0;
        while (await reader.ReadAsync(ct))
        {
            var (row, code, first) = (reader.GetInt32(0), reader.GetString(1), reader.GetInt32(2));
            count = reader.GetInt64(3);
            listed.Add(new CellError(fileName, row, "dossier_code",
                DataText.Get("DossierCodeAlreadyAppearsOn", code, first)) { Value = code });
        }
        return (listed, (int)count);
    }

    private static DossierCheck Refused(string fileName, long size, string vi, string en) => new()
    {
        FileName = fileName, SizeBytes = size, Sha256 = "", Rows = 0, Errors = [new CellError(fileName, 0, "-", vi, en)], ErrorCount = 1, Months = [],
    };

    private static async Task<List<DateOnly>> MissingPartitionsAsync(ReformDbContext db, IEnumerable<DateOnly> months, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var existing = await DossierPartitions.ExistingAsync(connection, ct);
        return months.Where(m => !existing.Contains(DossierPartitions.NameOf(m))).ToList();
    }

    private const string StageSavepoint = "dossier_stage";

    /// <summary>The stage, all valid, into the records: the batch, the merge, the figures, the audit entry.</summary>
    /// <param name="keepEmptyBatch">
    /// In the caller's transaction (a push) a file that changes nothing is still a batch, so that every push leaves its
    /// trace; on its own (the CLI, the page) it writes nothing.
    /// </param>
    private static async Task<DossierImportResult> MergeAsync(ReformDbContext db, DossierCheck check, string actor, DateTimeOffset now, bool keepEmptyBatch,
        CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        // One dossier writer at a time: the codes' table and the months' counts are the import's to keep.
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(20, 0)", ct);
        // The merge's estimates over every partition pass the JIT threshold; compiling would cost more than it saves.
        await db.Database.ExecuteSqlRawAsync("SET LOCAL jit = off", ct);
        var missing = (await MissingPartitionsAsync(db, check.Months, ct)).FirstOrDefault();
        if (missing != default)
            throw new ImportRefusedException(
                DataText.Get("ThePartitionWasJustRemoved", DossierPartitions.NameOf(missing)));

        var batch = new ImportBatch
        {
            FileName = check.FileName, SizeBytes = check.SizeBytes, Sha256 = check.Sha256, Kind = Kind, RowCount = check.Rows,
            ImportedBy = actor, ImportedAt = now,
        };
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync(ct);

        var merged = await MergeStageAsync(connection, batch.Id, now, ct);
        // Belt and braces: the months were checked, yet a row routed to the default partition is refused, not kept.
        await using (var strays = new NpgsqlCommand($"SELECT count(*) FROM ONLY {DossierPartitions.DefaultPartition} WHERE import_batch_id = @batch", connection))
        {
            strays.Parameters.AddWithValue("batch", batch.Id);
            if ((long)(await strays.ExecuteScalarAsync(ct))! > 0)
                throw new ImportRefusedException(DataText.Get("SomeDossiersFellIntoThe"));
        }
        var result = new DossierImportResult(batch.Id, merged.Inserted - merged.Replaced, merged.Replaced, check.Rows - merged.Inserted - merged.Late, merged.Late);
        if (merged.Inserted == 0 && merged.Late == 0 && !keepEmptyBatch)
        {
            // The database already holds every record of the file: no batch, no entry.
            db.ImportBatches.Remove(batch);
            await db.SaveChangesAsync(ct);
            return result with { BatchId = null };
        }
        // The six figures of every unit-month whose counts the merge changed (docs/scoring.md), in this transaction.
        if (merged.Touched.Count > 0) result = result with { Figures = await DossierFigures.WriteAsync(db, merged.Touched, batch.Id, actor, now, ct) };
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
        return result;
    }

    private static ImportRefusedException Changed(string fileName) => new(
        DataText.Get("TheFileChangedWhileIt", fileName));

    private const string Columns = DossierCopy.Columns;

    /// <summary>The stage's columns for a record, its batch set (the stage holds a placeholder).</summary>
    private static readonly string StagedRecord = string.Join(", ",
        Columns.Split(", ").Select(c => c == "import_batch_id" ? "@batch::bigint" : "s." + c));

    /// <summary>
    /// The merge, one statement over one snapshot. Each staged code is looked up once in <c>dossier_codes</c>: a newer
    /// record moves the held one to the history and takes its place (its received time may even have moved it to another
    /// month's partition; the held record's received time names the partition to delete from); a record older than the
    /// one held goes to the history as arrived late; the same <c>updated_at</c> again changes nothing. What each record
    /// brings to the months' counts (docs/scoring.md) is added, and what each replaced record brought taken off: the
    /// counts follow the records without recounting a month.
    /// </summary>
    private static readonly string MergeSql = $"""
        WITH held AS MATERIALIZED (
            SELECT s.dossier_code, s.updated_at, c.received_at AS held_received_at, c.updated_at AS held_updated_at
            FROM dossier_stage s JOIN dossier_codes c ON c.dossier_code = s.dossier_code
        ), replaced AS (
            DELETE FROM dossiers d USING held h
            WHERE d.dossier_code = h.dossier_code AND d.received_at = h.held_received_at AND h.held_updated_at < h.updated_at
            RETURNING d.*
        ), history AS (
            INSERT INTO dossier_history ({Columns}, superseded_at, superseded_by_batch_id, arrived_late)
            SELECT {Columns}, @now, @batch, false FROM replaced
            UNION ALL
            SELECT {StagedRecord}, @now, @batch, true
            FROM dossier_stage s JOIN held h ON h.dossier_code = s.dossier_code WHERE h.held_updated_at > s.updated_at
            RETURNING arrived_late
        ), incoming AS MATERIALIZED (
            SELECT s.* FROM dossier_stage s LEFT JOIN held h ON h.dossier_code = s.dossier_code
            WHERE h.dossier_code IS NULL OR h.held_updated_at < s.updated_at
        ), codes AS (
            INSERT INTO dossier_codes (dossier_code, received_at, updated_at)
            SELECT dossier_code, received_at, updated_at FROM incoming
            ON CONFLICT (dossier_code) DO UPDATE SET received_at = excluded.received_at, updated_at = excluded.updated_at
        ), inserted AS (
            -- Joined to the count of replaced, so the deletions are done before the first insert (a replaced record
            -- with the same received time has the same primary key).
            -- An ended record stores the on-time rule's answer and, when late, its working days late (the counts below
            -- and the lists read them).
            INSERT INTO dossiers ({Columns}, on_time, days_late)
            SELECT {StagedRecord}, t.on_time,
                   dossier_days_late(t.on_time, s.received_at, s.due_at, s.finished_at, s.supplement_days, pr.legal_days)
            FROM incoming s
            CROSS JOIN (SELECT count(*) FROM replaced) AS deleted_first
            JOIN procedures pr ON pr.code = s.procedure_code
            CROSS JOIN LATERAL (
                SELECT CASE WHEN s.status IN ('finished', 'returned', 'refused') THEN
                    dossier_on_time(s.received_at, s.due_at, s.finished_at, s.supplement_requests, s.supplement_days, pr.legal_days) END AS on_time
            ) t
            RETURNING *
        ), changes AS (
            SELECT 1 AS sign, unit_id, received_at, finished_at, status, channel, on_time, fee_required, paid_online, digitised, e_result,
                   reused_data, synced_national
            FROM inserted
            UNION ALL
            SELECT -1, unit_id, received_at, finished_at, status, channel, on_time, fee_required, paid_online, digitised, e_result,
                   reused_data, synced_national
            FROM replaced
        ), counted AS (
            -- A record counts in the month it was received and, once its processing ended (withdrawn excluded), in the
            -- month it ended: the same rules as dossier_figures_refresh.
            INSERT INTO dossier_month_counts AS c (unit_id, month, received, received_online, received_reused, received_with_fee,
                                                   received_paid_online, ended, ended_on_time, ended_digitised, ended_synced, ended_received_from)
            SELECT x.unit_id, part.month, sum(x.sign * part.received), sum(x.sign * part.online), sum(x.sign * part.reused),
                   sum(x.sign * part.with_fee), sum(x.sign * part.paid_online), sum(x.sign * part.ended), sum(x.sign * part.on_time),
                   sum(x.sign * part.digitised), sum(x.sign * part.synced), min(part.received_from)
            FROM changes x
            CROSS JOIN LATERAL (VALUES
                (date_trunc('month', x.received_at AT TIME ZONE '{DossierFigures.HanoiTimeZone}')::date,
                 1, (x.channel = 'online')::int, x.reused_data::int, x.fee_required::int, (x.fee_required AND x.paid_online)::int, 0, 0, 0, 0, NULL::date),
                (CASE WHEN x.status IN ('finished', 'returned', 'refused') THEN date_trunc('month', x.finished_at AT TIME ZONE '{DossierFigures.HanoiTimeZone}')::date END,
                 0, 0, 0, 0, 0, 1, x.on_time::int,
                 (x.digitised AND x.e_result)::int, x.synced_national::int,
                 date_trunc('month', x.received_at AT TIME ZONE '{DossierFigures.HanoiTimeZone}')::date)
            ) AS part(month, received, online, reused, with_fee, paid_online, ended, on_time, digitised, synced, received_from)
            WHERE part.month IS NOT NULL
            GROUP BY x.unit_id, part.month
            ON CONFLICT (unit_id, month) DO UPDATE SET
                received = c.received + excluded.received, received_online = c.received_online + excluded.received_online,
                received_reused = c.received_reused + excluded.received_reused, received_with_fee = c.received_with_fee + excluded.received_with_fee,
                received_paid_online = c.received_paid_online + excluded.received_paid_online, ended = c.ended + excluded.ended,
                ended_on_time = c.ended_on_time + excluded.ended_on_time, ended_digitised = c.ended_digitised + excluded.ended_digitised,
                ended_synced = c.ended_synced + excluded.ended_synced,
                -- A lower bound of where the month's ended dossiers were received: lowered, never raised (a recount sets it).
                ended_received_from = least(c.ended_received_from, excluded.ended_received_from)
            RETURNING c.unit_id, c.month
        )
        SELECT (SELECT count(*) FROM inserted)::int, (SELECT count(*) FROM replaced)::int, (SELECT count(*) FROM history WHERE arrived_late)::int,
               (SELECT array_agg(unit_id) FROM counted), (SELECT array_agg(month) FROM counted)
        """;

    private sealed record Merged(int Inserted, int Replaced, int Late, List<(int UnitId, DateOnly Month)> Touched);

    private static async Task<Merged> MergeStageAsync(NpgsqlConnection connection, long batchId, DateTimeOffset now, CancellationToken ct)
    {
        await using var merge = new NpgsqlCommand(MergeSql, connection);
        merge.Parameters.AddWithValue("now", now.ToUniversalTime());
        merge.Parameters.AddWithValue("batch", batchId);
        await using var reader = await merge.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var units = reader.IsDBNull(3) ? [] : reader.GetFieldValue<int[]>(3);
        var months = reader.IsDBNull(4) ? [] : reader.GetFieldValue<DateOnly[]>(4);
        return new Merged(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), units.Zip(months).ToList());
    }

    /// <summary>Reads through to the inner stream and hashes what passes, so both readings of a file can be held to the same bytes.</summary>
    private sealed class HashingStream(Stream inner) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public long BytesRead { get; private set; }

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
            BytesRead += n;
            return n;
        }

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            _hash.AppendData(buffer[..n]);
            BytesRead += n;
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await inner.ReadAsync(buffer, cancellationToken);
            _hash.AppendData(buffer.Span[..n]);
            BytesRead += n;
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
