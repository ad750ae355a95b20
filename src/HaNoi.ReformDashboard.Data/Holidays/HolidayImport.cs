using System.Globalization;
using System.Text.Json;
using HaNoi.ReformDashboard.Data.Dossiers;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Domain.Periods;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace HaNoi.ReformDashboard.Data.Holidays;

/// <summary>A figure counted from dossiers that a recount moved: its revision before and the one written.</summary>
public sealed record MovedFigure(string IndicatorCode, string UnitCode, DateOnly Month, decimal? OldNumerator, decimal? OldDenominator,
    decimal? Numerator, decimal? Denominator);

/// <summary>
/// What a holidays import did: the years replaced, the days added, removed and renamed, and the recount of the figures
/// counted from dossiers from the first month whose working days changed (<see cref="RecountFrom"/>, none when no day's
/// counting changed or no dossier ended since).
/// </summary>
public sealed record HolidayImportResult(IReadOnlyList<int> Years, int Added, int Removed, int Renamed, DateOnly? RecountFrom, DateOnly? RecountThrough,
    DossierFiguresResult Figures, IReadOnlyList<MovedFigure> Moved);

/// <summary>
/// Replaces the years a checked holidays file names (other years are kept) and, in the same transaction, recounts the
/// figures counted from dossiers that the change can move: a dossier without a due time is on time by its working days,
/// and a day that changed counts for every dossier received before it and ended on or after it.
/// </summary>
public static class HolidayImport
{
    public const string AuditAction = "holidays.import";

    public static async Task<HolidayImportResult> CommitAsync(ReformDbContext db, HolidayCheck check, string actor, DateTimeOffset at, CancellationToken ct = default)
    {
        if (!check.IsValid) throw new InvalidOperationException("A holidays file with problems is not imported.");
        var years = check.Years.ToArray();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The dossier writers' lock, before the calendar changes: a dossier import counts either with the old calendar
        // and is recounted here, or after this commit with the new one.
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(20, 0)", ct);

        var old = await db.CalendarExceptions.AsNoTracking().Where(c => years.Contains(c.Day.Year)).ToDictionaryAsync(c => c.Day, ct);
        var fresh = check.Days.ToDictionary(d => d.Day);
        // A day's kind follows from its weekday (the table's check), so only days that come or go change the counting.
        var counted = fresh.Keys.Except(old.Keys).Concat(old.Keys.Except(fresh.Keys)).ToList();
        var renamed = fresh.Values.Count(d => old.TryGetValue(d.Day, out var o) && (o.NameVi != d.NameVi || o.NameEn != d.NameEn));

        await db.CalendarExceptions.Where(c => years.Contains(c.Day.Year)).ExecuteDeleteAsync(ct);
        db.CalendarExceptions.AddRange(check.Days.Select(d => new CalendarException
        {
            Day = d.Day, Kind = WorkingCalendar.Code(d.Kind), NameVi = d.NameVi, NameEn = d.NameEn,
        }));
        await db.SaveChangesAsync(ct);

        DateOnly? from = null, through = null;
        var figures = new DossierFiguresResult(0, 0, 0);
        IReadOnlyList<MovedFigure> moved = [];
        if (counted.Count > 0)
        {
            var firstChanged = counted.Min();
            var lastCounted = await db.Database.SqlQueryRaw<DateOnly?>("SELECT max(month) AS \"Value\" FROM dossier_month_counts").SingleAsync(ct);
            var first = new DateOnly(firstChanged.Year, firstChanged.Month, 1);
            if (lastCounted is { } last && last >= first)
            {
                (from, through) = (first, last);
                figures = await DossierFigures.RecountMonthsAsync(db, first, last, actor, at, ct);
                moved = await MovedAsync(db, first, last, actor, at, ct);
            }
        }

        db.AuditLog.Add(new AuditEntry
        {
            At = at, Actor = actor, Action = AuditAction, Entity = "calendar_exceptions",
            EntityKey = years.Length == 1 ? years[0].ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{years[0]}..{years[^1]}"),
            Details = JsonSerializer.Serialize(new
            {
                file = check.FileName, years, days = check.Days.Count, added = fresh.Keys.Count(d => !old.ContainsKey(d)), removed = old.Keys.Count(d => !fresh.ContainsKey(d)),
                renamed, recountFrom = from?.ToString("yyyy-MM", CultureInfo.InvariantCulture), recountThrough = through?.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                figures.UnitMonths, figuresWritten = figures.Written, figuresWithdrawn = figures.Withdrawn,
            }),
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new HolidayImportResult(years, fresh.Keys.Count(d => !old.ContainsKey(d)), old.Keys.Count(d => !fresh.ContainsKey(d)), renamed, from, through, figures, moved);
    }

    /// <summary>The revisions this recount wrote (by its actor and time), each with the one it replaced.</summary>
    private static async Task<List<MovedFigure>> MovedAsync(ReformDbContext db, DateOnly first, DateOnly last, string actor, DateTimeOffset at, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT i.code, v.code, m.period, p.numerator, p.denominator, m.numerator, m.denominator
            FROM measurements m
            JOIN indicators i ON i.id = m.indicator_id
            LEFT JOIN measurements p ON p.unit_id = m.unit_id AND p.indicator_id = m.indicator_id AND p.period = m.period AND p.revision = m.revision - 1
            -- The unit as last called by the month's end (units_in_force from the beginning of time: the one rule).
            CROSS JOIN LATERAL (SELECT f.code FROM units_in_force('-infinity', (m.period + interval '1 month' - interval '1 day')::date) f
                                WHERE f.unit_id = m.unit_id) v
            WHERE m.is_current AND m.period >= @first AND m.period <= @last AND m.source = 'dossiers' AND m.import_batch_id IS NULL
              AND m.recorded_by = @actor AND m.recorded_at = @at
            ORDER BY m.period, v.code, i.code
            """, (NpgsqlConnection)db.Database.GetDbConnection())
        {
            Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction(),
        };
        command.Parameters.AddWithValue("first", first);
        command.Parameters.AddWithValue("last", last);
        command.Parameters.AddWithValue("actor", actor);
        command.Parameters.AddWithValue("at", at.ToUniversalTime());
        var moved = new List<MovedFigure>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            moved.Add(new MovedFigure(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateOnly>(2),
                reader.IsDBNull(3) ? null : reader.GetDecimal(3), reader.IsDBNull(4) ? null : reader.GetDecimal(4),
                reader.IsDBNull(5) ? null : reader.GetDecimal(5), reader.IsDBNull(6) ? null : reader.GetDecimal(6)));
        return moved;
    }
}
