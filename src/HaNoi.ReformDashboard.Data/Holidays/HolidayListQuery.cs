using HaNoi.ReformDashboard.Data.Schema;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Data.Holidays;

/// <summary>A year's calendar: its holidays and swapped working days, and its working days as working_days_between counts them.</summary>
public sealed record HolidayYear(int Year, IReadOnlyList<CalendarException> Days, int WorkingDays);

public static class HolidayListQuery
{
    public static async Task<HolidayYear> ForYearAsync(ReformDbContext db, int year, CancellationToken ct = default)
    {
        var days = await db.CalendarExceptions.AsNoTracking().Where(c => c.Day.Year == year).OrderBy(c => c.Day).ToListAsync(ct);
        var working = await db.Database.SqlQuery<int>($"SELECT working_days_between({new DateOnly(year - 1, 12, 31)}, {new DateOnly(year, 12, 31)}) AS \"Value\"")
            .SingleAsync(ct);
        return new HolidayYear(year, days, working);
    }
}
