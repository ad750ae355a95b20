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
    private static string SortKey(DossierListFilter f)
    {
        var key = f.Sort switch
        {
            DossierSort.Received => "extract(epoch FROM l.received_at)",
            DossierSort.Due => "coalesce(extract(epoch FROM l.due_at), 100000000000)",
            DossierSort.Ended => "coalesce(extract(epoch FROM l.finished_at), 100000000000)",
            DossierSort.DaysLate => "coalesce(l.days_late, -1)::numeric",
            _ => "0::numeric",
        };
        return f.Descending && f.Sort != DossierSort.Code ? $"-({key})" : key;
    }

    /// <summary>
    /// The list's rows; every unit's with <paramref name="allUnits"/> (the city-wide causes), else the filter's unit's;
    /// with <paramref name="miss"/>, only the rows that miss the figure (true) or only the others (false), written into
    /// the WHERE so that an index of the misses (<c>ix_dossiers_late</c>) serves the first.
    /// </summary>
    private static string Listed(DossierListFilter f, bool allUnits, DateOnly? receivedFrom, bool? miss = null) => $"""
        SELECT d.unit_id, d.dossier_code, d.procedure_code, p.name_vi AS procedure_name, d.field_code, p.field_vi AS field_name,
               d.received_at, d.due_at, d.finished_at, d.channel, d.status,
               d.days_late,
               coalesce({Miss(f.IndicatorCode)}, false) AS miss
        FROM dossiers d
        JOIN procedures p ON p.code = d.procedure_code
        WHERE {(allUnits ? "" : "d.unit_id = @unit AND ")}{Counted(f, receivedFrom)}{miss switch
        {
            true => $" AND {Miss(f.IndicatorCode)}",
            false => $" AND NOT coalesce({Miss(f.IndicatorCode)}, false)",
            null => "",
        }}
        """;

    /// <summary>
    /// For a figure counted over ended dossiers, the received month its rows start from (<c>ended_received_from</c>,
    /// kept with the months' counts), so a list plans only the partitions from there on instead of every older one —
    /// the plan was most of a page's time at full size. Null (no bound) for the other figures, or when a month's is unknown.
    /// </summary>
    private static async Task<DateOnly?> ReceivedFromAsync(ReformDbContext db, DossierListFilter f, bool allUnits, CancellationToken ct)
    {
        if (CountsReceived(f.IndicatorCode)) return null;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand($"""
            SELECT CASE WHEN bool_and(c.ended = 0 OR c.ended_received_from IS NOT NULL) THEN min(c.ended_received_from) END
            FROM dossier_month_counts c WHERE c.month BETWEEN @first AND @last{(allUnits ? "" : " AND c.unit_id = @unit")}
            """, connection);
        command.Parameters.AddWithValue("first", f.FirstMonth);
        command.Parameters.AddWithValue("last", f.LastMonth);
        command.Parameters.AddWithValue("unit", f.UnitId);
        return await command.ExecuteScalarAsync(ct) is DateOnly from ? from : null;
    }

    private static async Task<string> ListedAsync(ReformDbContext db, DossierListFilter f, bool allUnits, CancellationToken ct) =>
        Listed(f, allUnits, await ReceivedFromAsync(db, f, allUnits, ct));

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
        var listed = await ListedAsync(db, f, false, ct);
        await using var read = await DossierRead.StartAsync(db, $"""
            SELECT count(*), count(*) FILTER (WHERE l.miss), count(*) FILTER (WHERE {Filters}), count(*) FILTER (WHERE l.miss AND {Filters})
            FROM ({listed}) l
            """, serial: false, ct);
        var command = read.Command;
        AddFilters(command, f);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new DossierListCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
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
    /// pages of late dossiers come through the index of the late ones, without the rest of the unit-month.
    /// </summary>
    private static async IAsyncEnumerable<(DossierRow Row, DossierCursor Position)> ReadAsync(ReformDbContext db, DossierListFilter f, DossierCursor? after, int? limit,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var receivedFrom = await ReceivedFromAsync(db, f, false, ct);
        var left = limit;
        foreach (var (miss, rank) in new[] { (true, 0), (false, 1) })
        {
            if ((after is not null && after.MissRank > rank) || (!miss && f.MissOnly)) continue;
            if (left is <= 0) yield break;
            var keyset = after is not null && after.MissRank == rank;
            var sql = $"""
                SELECT x.*, k.key AS unit_key FROM (
                    SELECT y.* FROM (
                        SELECT l.*, {rank} AS miss_rank, {SortKey(f)} AS sort_key
                        FROM ({Listed(f, false, receivedFrom, miss)}) l
                        WHERE {Filters}
                    ) y
                    {(keyset ? "WHERE (y.sort_key, y.dossier_code, y.received_at) > (@after_key, @after_code, @after_received)" : "")}
                    ORDER BY y.sort_key, y.dossier_code, y.received_at
                    {(left is { } n ? "LIMIT " + n.ToString(CultureInfo.InvariantCulture) : "")}
                ) x
                JOIN units k ON k.id = @unit
                ORDER BY x.sort_key, x.dossier_code, x.received_at
                """;
            await using var read = await DossierRead.StartAsync(db, sql, serial: false, ct);
            var command = read.Command;
            AddFilters(command, f);
            if (keyset)
            {
                command.Parameters.AddWithValue("after_key", after!.Key);
                command.Parameters.AddWithValue("after_code", after.Code);
                command.Parameters.AddWithValue("after_received", after.ReceivedAt);
            }
            await using var reader = await command.ExecuteReaderAsync(ct);
            var o = Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => i);
            while (await reader.ReadAsync(ct))
            {
                var row = new DossierRow(
                    reader.GetString(o["dossier_code"]), reader.GetString(o["procedure_code"]), reader.GetString(o["procedure_name"]),
                    reader.GetString(o["field_code"]), reader.GetString(o["field_name"]),
                    reader.GetFieldValue<DateTimeOffset>(o["received_at"]),
                    reader.IsDBNull(o["due_at"]) ? null : reader.GetFieldValue<DateTimeOffset>(o["due_at"]),
                    reader.IsDBNull(o["finished_at"]) ? null : reader.GetFieldValue<DateTimeOffset>(o["finished_at"]),
                    reader.IsDBNull(o["days_late"]) ? null : reader.GetInt32(o["days_late"]),
                    reader.GetString(o["channel"]), reader.GetString(o["status"]), reader.GetBoolean(o["miss"]), reader.GetString(o["unit_key"]));
                left--;
                yield return (row, new DossierCursor(rank, reader.GetDecimal(o["sort_key"]), row.DossierCode, row.ReceivedAt));
            }
        }
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
            LEFT JOIN LATERAL (
                SELECT u.code, u.name_vi, u.name_en FROM unit_versions u WHERE u.unit_id = r.unit_id AND u.valid_from <= @last_day
                ORDER BY u.valid_from DESC LIMIT 1) v ON true
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
