using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HaNoi.ReformDashboard.Data.Dossiers;

/// <summary>One unit's overdue dossiers as of a day (its code and names as of that day).</summary>
public sealed record OverdueUnitCount(int UnitId, string UnitCode, string NameVi, string NameEn, long Count);

/// <summary>The overdue counts as of a day: every unit with one or more, most first, and the city's total.</summary>
public sealed record OverdueCounts(DateOnly AsOf, IReadOnlyList<OverdueUnitCount> Units)
{
    public long City => Units.Sum(u => u.Count);
}

/// <summary>An overdue dossier: <see cref="DaysOverdue"/> in working days from its due day to the as-of day.</summary>
public sealed record OverdueDossierRow(
    string DossierCode, string ProcedureCode, string ProcedureName, string FieldCode, string FieldName,
    DateTimeOffset ReceivedAt, DateTimeOffset DueAt, int DaysOverdue, string Channel, string Status, DateTimeOffset? FinishedAt);

public sealed record OverduePage(IReadOnlyList<OverdueDossierRow> Rows, DossierCursor? Next);

/// <summary>
/// The unit an overdue list names on its as-of day: its database id and the catalogue's read type for a unit
/// (<see cref="UnitInfo"/>); the accessors read through to it.
/// </summary>
public sealed record OverdueSubject(int UnitId, UnitInfo Unit)
{
    public string UnitCode => Unit.Code;
    public string UnitNameVi => Unit.NameVi;
    public string UnitNameEn => Unit.NameEn;
}

/// <summary>
/// Overdue now (quá hạn đang xử lý, docs/dossiers.md; issue 21, item 3): the dossiers past their due time and still being
/// processed at the end of a Hanoi day. Open then means received before that moment, not withdrawn, and not ended by it:
/// still open now (<c>finished_at IS NULL</c>, through <c>ix_dossiers_open_due</c>) or finished, returned or refused
/// later (through <c>ix_dossiers_ended</c>), so a past day reads as it stood then. The one definition of the counts
/// (Overview, unit page, brief) and the lists; raw SQL with the moment as a literal so later partitions are pruned.
/// </summary>
public static class DossierOverdue
{
    private const string Tz = DossierFigures.HanoiTimeZone;
    public const string OpenAction = "dossiers.overdue";

    /// <summary>
    /// The day a view of a period reads overdue as of: today while the period runs, its last day once it is past (the
    /// demo year is 2023: as of today every dossier still open then would be years overdue).
    /// </summary>
    public static DateOnly DefaultAsOf(DateOnly periodLastDay, DateOnly today) => periodLastDay < today ? periodLastDay : today;

    /// <summary>The end of the Hanoi day: a dossier due at any time that day is overdue as of it.</summary>
    private static string Moment(DateOnly day) =>
        $"'{day.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} 00:00:00+07'::timestamptz";

    /// <summary>The overdue dossiers of the day (of one unit, or all when <paramref name="unit"/> is false).</summary>
    private static string Overdue(DateOnly day, bool unit, string columns)
    {
        var m = Moment(day);
        var unitFilter = unit ? "AND d.unit_id = @unit" : "";
        return $"""
            SELECT {columns} FROM dossiers d
            WHERE d.finished_at IS NULL AND d.due_at < {m} AND d.received_at < {m} {unitFilter}
            UNION ALL
            SELECT {columns} FROM dossiers d
            WHERE d.status IN ('finished', 'returned', 'refused') AND d.finished_at >= {m} AND d.due_at < {m} AND d.received_at < {m} {unitFilter}
            """;
    }

    /// <summary>Per unit (only <paramref name="unitId"/> when given) and, summed, city-wide.</summary>
    public static async Task<OverdueCounts> CountsAsync(ReformDbContext db, DateOnly asOf, int? unitId = null, CancellationToken ct = default)
    {
        await using var read = await DossierRead.StartAsync(db, $"""
            SELECT o.unit_id, coalesce(v.code, ''), coalesce(v.name_vi, ''), coalesce(v.name_en, ''), o.n
            FROM (SELECT x.unit_id, count(*) AS n FROM ({Overdue(asOf, unitId is not null, "d.unit_id")}) x GROUP BY x.unit_id) o
            -- The unit's name on the day; a unit that had ended by then keeps its last (units_in_force from the beginning
            -- of time to the day: the one rule).
            LEFT JOIN units_in_force('-infinity', @day) v ON v.unit_id = o.unit_id
            ORDER BY o.n DESC, v.code
            """, serial: true, ct);
        var command = read.Command;
        command.Parameters.AddWithValue("day", asOf);
        if (unitId is { } id) command.Parameters.AddWithValue("unit", id);
        var units = new List<OverdueUnitCount>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            units.Add(new OverdueUnitCount(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4)));
        return new OverdueCounts(asOf, units);
    }

    private const string Columns = """
        d.dossier_code, d.procedure_code, d.field_code, d.received_at, d.due_at, d.finished_at, d.channel, d.status
        """;

    /// <summary>The unit's overdue dossiers, oldest due first, the page after <paramref name="after"/>.</summary>
    public static async Task<OverduePage> PageAsync(ReformDbContext db, int unitId, DateOnly asOf, DossierCursor? after, int pageSize, CancellationToken ct = default)
    {
        var rows = new List<(OverdueDossierRow Row, DossierCursor Position)>();
        await foreach (var row in ReadAsync(db, unitId, asOf, after, pageSize + 1, ct)) rows.Add(row);
        var next = rows.Count > pageSize ? rows[pageSize - 1].Position : null;
        return new OverduePage(rows.Take(pageSize).Select(r => r.Row).ToList(), next);
    }

    /// <summary>Every overdue dossier of the unit in order.</summary>
    public static async IAsyncEnumerable<OverdueDossierRow> StreamAsync(ReformDbContext db, int unitId, DateOnly asOf, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var (row, _) in ReadAsync(db, unitId, asOf, null, null, ct)) yield return row;
    }

    // The keyset is (due time, code, received time); the cursor carries the due time as epoch seconds in its key.
    private static async IAsyncEnumerable<(OverdueDossierRow, DossierCursor)> ReadAsync(ReformDbContext db, int unitId, DateOnly asOf, DossierCursor? after, int? limit,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await using var read = await DossierRead.StartAsync(db, $"""
            SELECT o.*, p.name_vi AS procedure_name, p.field_vi AS field_name, extract(epoch FROM o.due_at) AS due_key,
                   working_days_between((o.due_at AT TIME ZONE '{Tz}')::date, @day) AS days_overdue
            FROM ({Overdue(asOf, true, Columns)}) o
            JOIN procedures p ON p.code = o.procedure_code
            {(after is null ? "" : "WHERE (extract(epoch FROM o.due_at), o.dossier_code, o.received_at) > (@after_key, @after_code, @after_received)")}
            ORDER BY o.due_at, o.dossier_code, o.received_at
            {(limit is null ? "" : "LIMIT " + limit.Value.ToString(CultureInfo.InvariantCulture))}
            """, serial: true, ct);
        var command = read.Command;
        command.Parameters.AddWithValue("unit", unitId);
        command.Parameters.AddWithValue("day", asOf);
        if (after is not null)
        {
            command.Parameters.AddWithValue("after_key", after.Key);
            command.Parameters.AddWithValue("after_code", after.Code);
            command.Parameters.AddWithValue("after_received", after.ReceivedAt);
        }
        await using var reader = await command.ExecuteReaderAsync(ct);
        var o = Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => i);
        while (await reader.ReadAsync(ct))
        {
            var row = new OverdueDossierRow(
                reader.GetString(o["dossier_code"]), reader.GetString(o["procedure_code"]), reader.GetString(o["procedure_name"]),
                reader.GetString(o["field_code"]), reader.GetString(o["field_name"]),
                reader.GetFieldValue<DateTimeOffset>(o["received_at"]), reader.GetFieldValue<DateTimeOffset>(o["due_at"]),
                reader.GetInt32(o["days_overdue"]), reader.GetString(o["channel"]), reader.GetString(o["status"]),
                reader.IsDBNull(o["finished_at"]) ? null : reader.GetFieldValue<DateTimeOffset>(o["finished_at"]));
            yield return (row, new DossierCursor(0, reader.GetDecimal(o["due_key"]), row.DossierCode, row.ReceivedAt));
        }
    }

    /// <summary>The unit the code names on the day (the one read, <see cref="CatalogueUnits"/>); null when none is in force then.</summary>
    public static async Task<OverdueSubject?> FindAsync(ReformDbContext db, string unitCode, DateOnly asOf, CancellationToken ct = default) =>
        await CatalogueUnits.ByCodeAsync(db, unitCode, asOf, asOf, ct) is { } unit ? new OverdueSubject(unit.Id, unit.Info) : null;

    /// <summary>Who opened which unit's overdue list, as of which day (never the rows).</summary>
    public static async Task AuditAsync(ReformDbContext db, string actor, OverdueSubject subject, DateOnly asOf, DateTimeOffset at, CancellationToken ct = default)
    {
        var day = asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        db.AuditLog.Add(new AuditEntry
        {
            At = at, Actor = actor, Action = OpenAction, Entity = "dossiers", EntityKey = $"{subject.UnitCode}/overdue/{day}", UnitId = subject.UnitId,
            Details = JsonSerializer.Serialize(new { unit = subject.UnitCode, asOf = day }),
        });
        await db.SaveChangesAsync(ct);
    }

}
