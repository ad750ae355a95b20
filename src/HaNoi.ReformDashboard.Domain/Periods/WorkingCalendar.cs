namespace HaNoi.ReformDashboard.Domain.Periods;

/// <summary><c>holiday</c>: a weekday that is off; <c>working</c>: a Saturday or Sunday made a working day by a swap.</summary>
public enum CalendarDayKind { Holiday, Working }

/// <summary>
/// The working days a procedure's legal time limit counts (docs/scoring.md): Monday to Friday, less the public holidays,
/// plus the weekend days the government's swaps made working days. The C# twin of the SQL <c>working_days_between</c>,
/// held equal to it by a property test.
/// </summary>
public sealed class WorkingCalendar(IReadOnlyDictionary<DateOnly, CalendarDayKind> exceptions)
{
    /// <summary>Weekends only: what the synthetic generators use, so that their files do not depend on the holiday table.</summary>
    public static readonly WorkingCalendar WeekendsOnly = new(new Dictionary<DateOnly, CalendarDayKind>());

    public static string Code(CalendarDayKind kind) => kind == CalendarDayKind.Holiday ? "holiday" : "working";

    public static bool TryParse(string? code, out CalendarDayKind kind)
    {
        kind = code == "working" ? CalendarDayKind.Working : CalendarDayKind.Holiday;
        return code is "holiday" or "working";
    }

    public static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    public bool IsWorkingDay(DateOnly day) => exceptions.TryGetValue(day, out var kind) ? kind == CalendarDayKind.Working : !IsWeekend(day);

    /// <summary>The working days after <paramref name="first"/> up to and including <paramref name="last"/>; 0 when last is not after first.</summary>
    public int WorkingDaysBetween(DateOnly first, DateOnly last)
    {
        var n = 0;
        for (var d = first.AddDays(1); d <= last; d = d.AddDays(1))
            if (IsWorkingDay(d)) n++;
        return n;
    }

    /// <summary>The same clock time on the <paramref name="days"/>-th working day after <paramref name="from"/>'s day, in its offset.</summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset from, int days)
    {
        var at = from;
        while (days > 0)
        {
            at = at.AddDays(1);
            if (IsWorkingDay(DateOnly.FromDateTime(at.DateTime))) days--;
        }
        return at;
    }
}
