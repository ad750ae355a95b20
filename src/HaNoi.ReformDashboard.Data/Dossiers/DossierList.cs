using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using HaNoi.ReformDashboard.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HaNoi.ReformDashboard.Data.Dossiers;

/// <summary>The orders the list can take; the rows that miss the figure always come first.</summary>
public enum DossierSort { Received, Due, Ended, DaysLate, Code }

/// <summary>
/// What a dossier list shows: one unit's dossiers counted in one of the six figures over whole Hanoi months
/// (<paramref name="FirstMonth"/> through <paramref name="LastMonth"/>, first days), narrowed by procedure, field, status
/// and "misses only".
/// </summary>
public sealed record DossierListFilter(
    string IndicatorCode, int UnitId, DateOnly FirstMonth, DateOnly LastMonth,
    string? Procedure = null, string? Field = null, string? Status = null, bool MissOnly = false,
    DossierSort Sort = DossierSort.Received, bool Descending = false);

/// <summary>One dossier of a list. <see cref="DaysLate"/>: working days past due (or past the legal limit) of an ended dossier that is late, else null.</summary>
public sealed record DossierRow(
    string DossierCode, string ProcedureCode, string ProcedureName, string FieldCode, string FieldName,
    DateTimeOffset ReceivedAt, DateTimeOffset? DueAt, DateTimeOffset? FinishedAt, int? DaysLate,
    string Channel, string Status, bool IsMiss, string UnitKey);

/// <summary>
/// The counts on top of a list: every dossier the figure counts (its denominator) and those that miss it (denominator −
/// numerator: the late ones for ONTIME), and the same two under the filters.
/// </summary>
public sealed record DossierListCounts(long Total, long Miss, long Filtered, long FilteredMiss);

/// <summary>A page of rows and the cursor of the next page (null on the last).</summary>
public sealed record DossierListPage(IReadOnlyList<DossierRow> Rows, DossierCursor? Next);

/// <summary>A procedure behind a figure's misses: its misses and every dossier of it the figure counts.</summary>
public sealed record DossierCause(string ProcedureCode, string ProcedureName, long Misses, long Counted);

/// <summary>The procedures behind the misses, most first, and all the misses (the shares' whole).</summary>
public sealed record DossierCauses(long Miss, IReadOnlyList<DossierCause> Procedures)
{
    public double Share(DossierCause cause) => Miss == 0 ? 0 : (double)cause.Misses / Miss;
}

/// <summary>The unit with the lowest rate of a figure counted from dossiers: its denominator and misses.</summary>
public sealed record DossierLowestUnit(int UnitId, string UnitCode, string NameVi, string NameEn, long Total, long Miss)
{
    public double Rate => Total == 0 ? 0 : (double)(Total - Miss) / Total;
}

/// <summary>The procedures and fields found in a list, for its filters.</summary>
public sealed record DossierListChoices(IReadOnlyList<(string Code, string Name)> Procedures, IReadOnlyList<(string Code, string Name)> Fields);

/// <summary>
/// Where a page of a keyset-paged list starts: the sort position of the last row of the page before (misses first, the
/// sort key, then the dossier's primary key). In the address as one opaque token.
/// </summary>
public sealed record DossierCursor(int MissRank, decimal Key, string Code, DateTimeOffset ReceivedAt)
{
    public string Encode()
    {
        var text = string.Join('\n', MissRank.ToString(CultureInfo.InvariantCulture), Key.ToString(CultureInfo.InvariantCulture),
            ReceivedAt.UtcTicks.ToString(CultureInfo.InvariantCulture), Code);
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>A token from an address; null when it is not one (an edited address starts again from the first page).</summary>
    public static DossierCursor? Decode(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 400) return null;
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 += new string('=', (4 - base64.Length % 4) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split('\n', 4);
            if (parts.Length != 4) return null;
            return int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var miss) && miss is 0 or 1
                && decimal.TryParse(parts[1], NumberStyles.Number, CultureInfo.InvariantCulture, out var key)
                && long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks) && ticks >= 0 && ticks <= DateTimeOffset.MaxValue.UtcTicks
                ? new DossierCursor(miss, key, parts[3], new DateTimeOffset(ticks, TimeSpan.Zero))
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>
/// The dossiers behind one of the six figures counted from dossiers (issue 21): which dossiers a figure counts and which
/// of them miss it (docs/scoring.md; on time as <c>dossier_on_time</c> answered it, stored in <c>dossiers.on_time</c>), written
/// here once for the list, its counts and its downloads; a test holds the counts equal to <c>dossier_month_counts</c>. Raw SQL over the partitioned
/// <c>dossiers</c> table with the month bounds as constants, so only the partitions concerned are planned; pages by
/// keyset (the position of the last row), never by OFFSET.
/// </summary>
public static class DossierList
{
    private const string Tz = DossierFigures.HanoiTimeZone;
    private const string Ended = "d.status IN ('finished', 'returned', 'refused')";
    /// <summary>On time (docs/dossiers.md): the rule's answer stored with each ended dossier (<c>dossier_on_time</c>, set on arrival and by a recount).</summary>
    private const string OnTime = "d.on_time";
    /// <summary>Is the indicator counted over the dossiers received in the month (else over those whose processing ended in it).</summary>
    public static bool CountsReceived(string indicatorCode) => indicatorCode is DossierIndicators.OnlineDossier or DossierIndicators.DataReuse or DossierIndicators.OnlinePayment;

    /// <summary>
    /// The dossiers the figure counts (its denominator) for the unit and months; the bounds are literals, for partition
    /// pruning. <paramref name="receivedFrom"/>: where the months' ended dossiers were received from, when known.
    /// </summary>
    private static string Counted(DossierListFilter f, DateOnly? receivedFrom)
    {
        var first = Bound(f.FirstMonth);
        var end = Bound(f.LastMonth.AddMonths(1));
        return f.IndicatorCode switch
        {
            DossierIndicators.OnlineDossier or DossierIndicators.DataReuse => $"d.received_at >= {first} AND d.received_at < {end}",
            DossierIndicators.OnlinePayment => $"d.received_at >= {first} AND d.received_at < {end} AND d.fee_required",
            // Ended in the months: received then or before (the later partitions are pruned); withdrawn ones are not counted.
            DossierIndicators.OnTime or DossierIndicators.Digitised or DossierIndicators.NationalSync =>
                $"{Ended} AND d.finished_at >= {first} AND d.finished_at < {end} AND d.received_at < {end}"
                + (receivedFrom is { } from ? $" AND d.received_at >= {Bound(from)}" : ""),
            _ => throw new ArgumentException($"{f.IndicatorCode} is not counted from dossiers.", nameof(f)),
        };
    }

    /// <summary>The dossiers that miss the figure (not in its numerator).</summary>
    private static string Miss(string indicatorCode) => indicatorCode switch
    {
        DossierIndicators.OnTime => $"NOT {OnTime}",
        DossierIndicators.OnlineDossier => "d.channel <> 'online'",
        DossierIndicators.DataReuse => "NOT d.reused_data",
        DossierIndicators.OnlinePayment => "NOT d.paid_online",
        DossierIndicators.Digitised => "NOT (d.digitised AND d.e_result)",
        DossierIndicators.NationalSync => "NOT d.synced_national",
        _ => throw new ArgumentException($"{indicatorCode} is not counted from dossiers.", nameof(indicatorCode)),
    };

    private static string Bound(DateOnly month) =>
        $"'{month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} 00:00:00+07'::timestamptz";

    /// <summary>A non-null sort key (numeric): descending orders negate it, so one row comparison serves every order.</summary>
    private static string SortKey(DossierListFilter f, string alias)
    {
        var key = f.Sort switch
        {
            DossierSort.Received => $"extract(epoch FROM {alias}.received_at)",
            DossierSort.Due => $"coalesce(extract(epoch FROM {alias}.due_at), 100000000000)",
            DossierSort.Ended => $"coalesce(extract(epoch FROM {alias}.finished_at), 100000000000)",
            DossierSort.DaysLate => $"coalesce({alias}.days_late, -1)::numeric",
            _ => "0::numeric",
        };
        return f.Descending && f.Sort != DossierSort.Code ? $"-({key})" : key;
    }

    /// <summary>
    /// The order of <see cref="SortKey"/> in the columns' own types where that is the same order: comparing the
    /// received times (never null) or the working days late directly costs far less than computing and comparing a
    /// numeric epoch for every late dossier of the month (about 0.7 ms of a first page's 2 ms at full size). The
    /// due and ended times keep the numeric key: its stand-in for a missing time is not where a null sorts.
    /// </summary>
    private static string OrderKey(DossierListFilter f, string alias)
    {
        var descending = f.Descending ? " DESC" : "";
        return f.Sort switch
        {
            DossierSort.Received => $"{alias}.received_at{descending}, ",
            DossierSort.DaysLate => $"coalesce({alias}.days_late, -1){descending}, ",
            DossierSort.Code => "",
            _ => $"{SortKey(f, alias)}, ",
        };
    }

    /// <summary>
    /// The list's rows for its counts, choices and causes; every unit's with <paramref name="allUnits"/> (the city-wide
    /// causes), else the filter's unit's. A page reads them through <see cref="PartSql"/>.
    /// </summary>
    private static string Listed(DossierListFilter f, bool allUnits, DateOnly? receivedFrom) => $"""
        SELECT d.unit_id, d.dossier_code, d.procedure_code, p.name_vi AS procedure_name, d.field_code, p.field_vi AS field_name,
               d.received_at, d.due_at, d.finished_at, d.channel, d.status,
               d.days_late,
               coalesce({Miss(f.IndicatorCode)}, false) AS miss
        FROM dossiers d
        JOIN procedures p ON p.code = d.procedure_code
        WHERE {(allUnits ? "" : "d.unit_id = @unit AND ")}{Counted(f, receivedFrom)}
        """;

    /// <summary>
    /// For a figure counted over ended dossiers, the received month its rows start from (<c>ended_received_from</c>,
    /// kept with the months' counts), so a list plans only the partitions from there on instead of every older one —
    /// the plan was most of a page's time at full size. Null (no bound) for the other figures, or when a month's is unknown.
    /// </summary>
    private static string ReceivedFromSql(bool allUnits) => $"""
        SELECT CASE WHEN bool_and(c.ended = 0 OR c.ended_received_from IS NOT NULL) THEN min(c.ended_received_from) END
        FROM dossier_month_counts c WHERE c.month BETWEEN @bound_first AND @bound_last{(allUnits ? "" : " AND c.unit_id = @unit")}
        """;

    private static void AddBoundParameters(NpgsqlCommand command, DossierListFilter f)
    {
        command.Parameters.AddWithValue("bound_first", f.FirstMonth);
        command.Parameters.AddWithValue("bound_last", f.LastMonth);
        if (!command.Parameters.Contains("unit")) command.Parameters.AddWithValue("unit", f.UnitId);
    }

    /// <summary>The bound read now from the months' counts (and kept for the next reads of the same list).</summary>
    private static async Task<ReceivedFrom> ReceivedFromAsync(ReformDbContext db, DossierListFilter f, bool allUnits, CancellationToken ct)
    {
        if (CountsReceived(f.IndicatorCode)) return default;
        await using var read = await DossierRead.StartAsync(db, ReceivedFromSql(allUnits), serial: false, ct);
        AddBoundParameters(read.Command, f);
        var from = await read.Command.ExecuteScalarAsync(ct) is DateOnly d ? d : (DateOnly?)null;
        ReceivedFromCache.Set(read.Command.Connection!, f, allUnits, from);
        return new ReceivedFrom(from, Cached: false);
    }

    /// <summary>
    /// The bound as a list read last found it in this process, else read now. A kept bound saves the page a round trip
    /// of its own (about as long as the page's index floor under load); it may be out of date, so a read planned with it
    /// also reads the bound in the same statement (<see cref="CheckColumn"/>) and is read again when the kept one is no
    /// longer a lower bound (<see cref="Holds"/>).
    /// </summary>
    private static async Task<ReceivedFrom> KeptReceivedFromAsync(ReformDbContext db, DossierListFilter f, bool allUnits, CancellationToken ct)
    {
        if (CountsReceived(f.IndicatorCode)) return default;
        return ReceivedFromCache.Get((NpgsqlConnection)db.Database.GetDbConnection(), f, allUnits) is { } kept
            ? new ReceivedFrom(kept, Cached: true)
            : await ReceivedFromAsync(db, f, allUnits, ct);
    }

    /// <summary>The bound a read planned its partitions with, and whether it was a kept one (checked by the read).</summary>
    private readonly record struct ReceivedFrom(DateOnly? From, bool Cached);

    private const string CheckName = "received_from_now";

    /// <summary>With a kept bound, the bound as the statement's own snapshot has it: one more column, an InitPlan run once.</summary>
    private static string CheckColumn(ReceivedFrom bound, bool allUnits) =>
        bound is { Cached: true, From: not null } ? $", ({ReceivedFromSql(allUnits)}) AS {CheckName}" : "";

    /// <summary>
    /// Whether the rows read with <paramref name="bound"/> are all the list's: the months' counts keep a lower bound of
    /// where their ended dossiers were received (an import lowers it, a recount sets it exactly), so a kept bound holds
    /// while it is not above the one read now with the rows. A tighter one read now is kept for the next read.
    /// </summary>
    private static bool Holds(NpgsqlConnection connection, DossierListFilter f, bool allUnits, ReceivedFrom bound, DateOnly? now)
    {
        if (bound is not { Cached: true, From: { } kept }) return true;
        ReceivedFromCache.Set(connection, f, allUnits, now);
        return now is { } n && kept <= n;
    }

    /// <summary>
    /// The bounds list reads found, per database, unit (or every unit) and months. Small (a date per list opened) and
    /// checked on every use, so never cleared on an import; emptied when it grows past a few thousand lists.
    /// </summary>
    private static class ReceivedFromCache
    {
        private const int Capacity = 4096;
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Database, int Unit, DateOnly First, DateOnly Last), DateOnly> Bounds = new();

        private static (string, int, DateOnly, DateOnly) Key(NpgsqlConnection connection, DossierListFilter f, bool allUnits) =>
            ($"{connection.DataSource}/{connection.Database}", allUnits ? -1 : f.UnitId, f.FirstMonth, f.LastMonth);

        public static DateOnly? Get(NpgsqlConnection connection, DossierListFilter f, bool allUnits) =>
            Bounds.TryGetValue(Key(connection, f, allUnits), out var from) ? from : null;

        public static void Set(NpgsqlConnection connection, DossierListFilter f, bool allUnits, DateOnly? from)
        {
            var key = Key(connection, f, allUnits);
            if (from is not { } known) { Bounds.TryRemove(key, out _); return; }
            if (Bounds.Count >= Capacity) Bounds.Clear();
            Bounds[key] = known;
        }
    }

    private static async Task<string> ListedAsync(ReformDbContext db, DossierListFilter f, bool allUnits, CancellationToken ct) =>
        Listed(f, allUnits, (await ReceivedFromAsync(db, f, allUnits, ct)).From);

    private const string Filters = """
        (@procedure::text IS NULL OR l.procedure_code = @procedure) AND (@field::text IS NULL OR l.field_code = @field)
        AND (@status::text IS NULL OR l.status = @status) AND (NOT @miss_only OR l.miss)
        """;

    private static void AddFilters(NpgsqlCommand command, DossierListFilter f)
    {
        command.Parameters.AddWithValue("unit", f.UnitId);
        command.Parameters.Add(new NpgsqlParameter("procedure", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)f.Procedure ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("field", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)f.Field ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("status", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)f.Status ?? DBNull.Value });
        command.Parameters.AddWithValue("miss_only", f.MissOnly);
    }

    public static async Task<DossierListCounts> CountAsync(ReformDbContext db, DossierListFilter f, CancellationToken ct = default)
    {
        var bound = await KeptReceivedFromAsync(db, f, false, ct);
        while (true)
        {
            await using var read = await DossierRead.StartAsync(db, $"""
                SELECT count(*), count(*) FILTER (WHERE l.miss), count(*) FILTER (WHERE {Filters}), count(*) FILTER (WHERE l.miss AND {Filters}){CheckColumn(bound, false)}
                FROM ({Listed(f, false, bound.From)}) l
                """, serial: false, ct);
            var command = read.Command;
            AddFilters(command, f);
            if (bound.Cached) AddBoundParameters(command, f);
            DossierListCounts counts;
            DateOnly? now;
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                await reader.ReadAsync(ct);
                counts = new DossierListCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
                now = reader.FieldCount > 4 && !reader.IsDBNull(4) ? reader.GetFieldValue<DateOnly>(4) : null;
            }
            if (Holds(command.Connection!, f, false, bound, now)) return counts;
            bound = new ReceivedFrom(now, Cached: false);
        }
    }

    public static async Task<DossierListChoices> ChoicesAsync(ReformDbContext db, DossierListFilter f, CancellationToken ct = default)
    {
        var listed = await ListedAsync(db, f, false, ct);
        await using var read = await DossierRead.StartAsync(db, $"""
            SELECT DISTINCT 'p', l.procedure_code, l.procedure_name FROM ({listed}) l
            UNION
            SELECT DISTINCT 'f', l.field_code, l.field_name FROM ({listed}) l
            ORDER BY 1, 2
            """, serial: false, ct);
        var command = read.Command;
        command.Parameters.AddWithValue("unit", f.UnitId);
        var (procedures, fields) = (new List<(string, string)>(), new List<(string, string)>());
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            (reader.GetString(0) == "p" ? procedures : fields).Add((reader.GetString(1), reader.GetString(2)));
        return new DossierListChoices(procedures, fields);
    }

    /// <summary>The page after <paramref name="after"/> (the first page when null).</summary>
    public static async Task<DossierListPage> PageAsync(ReformDbContext db, DossierListFilter f, DossierCursor? after, int pageSize, CancellationToken ct = default)
    {
        var rows = new List<(DossierRow Row, DossierCursor Position)>();
        await foreach (var row in ReadAsync(db, f, after, pageSize + 1, ct)) rows.Add(row);
        var next = rows.Count > pageSize ? rows[pageSize - 1].Position : null;
        return new DossierListPage(rows.Take(pageSize).Select(r => r.Row).ToList(), next);
    }

    /// <summary>Every row of the list in its order, read as the database sends them (a download of any length).</summary>
    public static async IAsyncEnumerable<DossierRow> StreamAsync(ReformDbContext db, DossierListFilter f, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var (row, _) in ReadAsync(db, f, null, null, ct)) yield return row;
    }

    /// <summary>
    /// The rows in order from <paramref name="after"/>: the misses, then the others — two keyset reads, so that the first
    /// pages of late dossiers come through the index of the late ones, without the rest of the unit-month. A page's read
    /// sorts and cuts the dossiers' own columns first and names their procedures and unit after the cut (51 rows, not
    /// every late one of the month); with a kept bound it is one statement, one round trip.
    /// </summary>
    private static async IAsyncEnumerable<(DossierRow Row, DossierCursor Position)> ReadAsync(ReformDbContext db, DossierListFilter f, DossierCursor? after, int? limit,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var bound = await KeptReceivedFromAsync(db, f, false, ct);
        var left = limit;
        var names = new Dictionary<string, (string Name, string Field)>(StringComparer.Ordinal);
        string? unitKey = null;
        foreach (var (miss, rank) in new[] { (true, 0), (false, 1) })
        {
            if ((after is not null && after.MissRank > rank) || (!miss && f.MissOnly)) continue;
            if (left is <= 0) yield break;
            var keyset = after is not null && after.MissRank == rank;
            while (true)
            {
                var sql = PartSql(f, bound, miss, keyset, left);
                await using var read = await DossierRead.StartAsync(db, sql, serial: false, ct);
                var command = read.Command;
                command.Parameters.AddWithValue("unit", f.UnitId);
                if (f.Procedure is not null) command.Parameters.AddWithValue("procedure", f.Procedure);
                if (f.Field is not null) command.Parameters.AddWithValue("field", f.Field);
                if (f.Status is not null) command.Parameters.AddWithValue("status", f.Status);
                if (bound.Cached) AddBoundParameters(command, f);
                if (keyset)
                {
                    command.Parameters.AddWithValue("after_key", after!.Key);
                    command.Parameters.AddWithValue("after_code", after.Code);
                    command.Parameters.AddWithValue("after_received", after.ReceivedAt);
                }
                if (limit is not null) await read.PrepareAsync(ct); // a page: the same few texts again and again
                await using var reader = await command.ExecuteReaderAsync(ct);
                var any = await reader.ReadAsync(ct);
                if (bound.Cached && bound.From is not null)
                {
                    // Checked before a row is handed on: a download streams its rows as they come.
                    if (!any)
                    {
                        // No row to carry the check: the bound is read on its own, and the part read again if it moved below.
                        await reader.DisposeAsync();
                        var fresh = await ReceivedFromAsync(db, f, false, ct);
                        if (Holds(command.Connection!, f, false, bound, fresh.From)) break;
                        bound = fresh;
                        continue;
                    }
                    var now = reader.IsDBNull(PartCheck) ? (DateOnly?)null : reader.GetFieldValue<DateOnly>(PartCheck);
                    if (!Holds(command.Connection!, f, false, bound, now))
                    {
                        // Read again from the bound of the same snapshot.
                        bound = new ReceivedFrom(now, Cached: false);
                        continue;
                    }
                }
                if (!any) break;
                unitKey ??= reader.GetString(PartUnitKey);
                do
                {
                    var procedure = reader.GetString(1);
                    if (!reader.IsDBNull(PartProcedureName)) names[procedure] = (reader.GetString(PartProcedureName), reader.GetString(PartProcedureName + 1));
                    var (procedureName, fieldName) = names[procedure];
                    var row = new DossierRow(
                        reader.GetString(0), procedure, procedureName, reader.GetString(2), fieldName,
                        reader.GetFieldValue<DateTimeOffset>(3),
                        reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
                        reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                        reader.IsDBNull(8) ? null : reader.GetInt32(8),
                        reader.GetString(6), reader.GetString(7), miss, unitKey);
                    left--;
                    yield return (row, new DossierCursor(rank, SortKeyOf(f, row), row.DossierCode, row.ReceivedAt));
                }
                while (await reader.ReadAsync(ct));
                break;
            }
        }
    }

    // The columns of PartSql.
    private const int PartProcedureName = 9, PartUnitKey = 11, PartCheck = 12;

    /// <summary>
    /// One keyset read of the list (its misses, or the others) from the cursor: the dossiers' own columns sorted and cut
    /// to the page, then the procedure's names and the unit's key joined to the page's rows only; without a limit (a
    /// download) one sort of the joined rows. Only the filters set are written (a null filter leaves nothing to plan).
    /// A page's reply is kept within PostgreSQL's 8 KiB send buffer, so that it leaves the server in one write and
    /// wakes the reader once (a reply of two writes took about as long again as the whole index floor on a loaded
    /// machine): a procedure's names come with its first row of the page only, the unit's key and the bound's check
    /// with the first row only, and the sort key is not sent (<see cref="SortKeyOf"/> computes it from the row).
    /// </summary>
    private static string PartSql(DossierListFilter f, ReceivedFrom bound, bool miss, bool keyset, int? limit)
    {
        var where = new StringBuilder($"d.unit_id = @unit AND {Counted(f, bound.From)} AND ")
            .Append(miss ? Miss(f.IndicatorCode) : $"NOT coalesce({Miss(f.IndicatorCode)}, false)");
        if (f.Procedure is not null) where.Append(" AND d.procedure_code = @procedure");
        if (f.Field is not null) where.Append(" AND d.field_code = @field");
        if (f.Status is not null) where.Append(" AND d.status = @status");
        if (keyset) where.Append($" AND ({SortKey(f, "d")}, d.dossier_code, d.received_at) > (@after_key, @after_code, @after_received)");
        var check = bound is { Cached: true, From: not null } ? $"({ReceivedFromSql(false)})" : "NULL::date";
        var page = limit is not null;
        // A download (no limit) has every column on every row: numbering 100,000 rows would cost it two more sorts.
        var (firstOfProcedure, first) = page
            ? ($"row_number() OVER (PARTITION BY l.procedure_code ORDER BY {OrderKey(f, "l")}l.dossier_code, l.received_at) = 1",
               $"row_number() OVER (ORDER BY {OrderKey(f, "l")}l.dossier_code, l.received_at) = 1")
            : ("true", "true");
        return $"""
            SELECT l.dossier_code, l.procedure_code, l.field_code, l.received_at, l.due_at, l.finished_at, l.channel, l.status, l.days_late,
                   CASE WHEN {firstOfProcedure} THEN p.name_vi END, CASE WHEN {firstOfProcedure} THEN p.field_vi END,
                   CASE WHEN {first} THEN k.key END, CASE WHEN {first} THEN {check} END
            FROM (
                SELECT d.dossier_code, d.procedure_code, d.field_code, d.received_at, d.due_at, d.finished_at, d.channel, d.status, d.days_late
                FROM dossiers d
                WHERE {where}
                {(limit is { } n ? $"ORDER BY {OrderKey(f, "d")}d.dossier_code, d.received_at LIMIT {n.ToString(CultureInfo.InvariantCulture)}" : "")}
            ) l
            JOIN procedures p ON p.code = l.procedure_code
            JOIN units k ON k.id = @unit
            ORDER BY {OrderKey(f, "l")}l.dossier_code, l.received_at
            """;
    }

    /// <summary>The row's sort key as <see cref="SortKey"/> computes it in SQL (an exact decimal: the database keeps microseconds).</summary>
    private static decimal SortKeyOf(DossierListFilter f, DossierRow row)
    {
        static decimal Epoch(DateTimeOffset t) => (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10_000_000m;
        var key = f.Sort switch
        {
            DossierSort.Received => Epoch(row.ReceivedAt),
            DossierSort.Due => row.DueAt is { } due ? Epoch(due) : 100_000_000_000m,
            DossierSort.Ended => row.FinishedAt is { } ended ? Epoch(ended) : 100_000_000_000m,
            DossierSort.DaysLate => row.DaysLate ?? -1,
            _ => 0m,
        };
        return f.Descending && f.Sort != DossierSort.Code ? -key : key;
    }

    /// <summary>
    /// The procedures behind the misses of the list's figure (issue 21, item 4) — the late ones for ONTIME, the offline
    /// ones for ONLINE_DOSSIER, … —, most misses first: one unit's, or every unit's with <paramref name="cityWide"/>. The
    /// list's own rows, so the misses add up to its count; the filters other than unit, indicator and months are ignored.
    /// </summary>
    public static async Task<DossierCauses> CausesAsync(ReformDbContext db, DossierListFilter f, bool cityWide = false, CancellationToken ct = default)
    {
        var listed = await ListedAsync(db, f, cityWide, ct);
        await using var read = await DossierRead.StartAsync(db, $"""
            SELECT l.procedure_code, min(l.procedure_name), count(*) FILTER (WHERE l.miss), count(*)
            FROM ({listed}) l
            GROUP BY l.procedure_code HAVING count(*) FILTER (WHERE l.miss) > 0
            ORDER BY 3 DESC, 1
            """, serial: false, ct);
        var command = read.Command;
        if (!cityWide) command.Parameters.AddWithValue("unit", f.UnitId);
        var causes = new List<DossierCause>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            causes.Add(new DossierCause(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3)));
        return new DossierCauses(causes.Sum(c => c.Misses), causes);
    }

    /// <summary>
    /// The unit with the lowest rate of the figure (numerator over denominator, as the list counts them) among the units
    /// whose figure counts dossiers in the months; ties go to the larger denominator, then the unit code. Null when none.
    /// </summary>
    public static async Task<DossierLowestUnit?> LowestUnitAsync(ReformDbContext db, string indicatorCode, DateOnly firstMonth, DateOnly lastMonth, CancellationToken ct = default)
    {
        var f = new DossierListFilter(indicatorCode, 0, firstMonth, lastMonth);
        var listed = await ListedAsync(db, f, true, ct);
        await using var read = await DossierRead.StartAsync(db, $"""
            SELECT r.unit_id, coalesce(v.code, ''), coalesce(v.name_vi, ''), coalesce(v.name_en, ''), r.total, r.miss
            FROM (SELECT l.unit_id, count(*) AS total, count(*) FILTER (WHERE l.miss) AS miss FROM ({listed}) l GROUP BY l.unit_id) r
            -- The unit as last called by the period's end (units_in_force from the beginning of time: the one rule).
            LEFT JOIN units_in_force('-infinity', @last_day) v ON v.unit_id = r.unit_id
            ORDER BY (r.total - r.miss)::numeric / r.total, r.total DESC, v.code
            LIMIT 1
            """, serial: false, ct);
        var command = read.Command;
        command.Parameters.AddWithValue("last_day", lastMonth.AddMonths(1).AddDays(-1));
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new DossierLowestUnit(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetInt64(5))
            : null;
    }

}
