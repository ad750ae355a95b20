using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Data.Holidays;

/// <summary>
/// A day the working-day count treats apart from its weekday: a public holiday (or a day off in lieu, or a swapped day
/// off) on a weekday, or a Saturday or Sunday made a working day by a swap. From seed-data/holidays.csv; the reform office
/// replaces a year with <c>reform holidays import</c>.
/// </summary>
public class CalendarException
{
    public DateOnly Day { get; set; }
    /// <summary><c>holiday</c> or <c>working</c>.</summary>
    public required string Kind { get; set; }
    public required string NameVi { get; set; }
    public required string NameEn { get; set; }

    public const int MaxNameLength = 200;

    internal static void Configure(ModelBuilder model) => model.Entity<CalendarException>(e =>
    {
        e.ToTable("calendar_exceptions", t =>
        {
            t.HasCheckConstraint("ck_calendar_exceptions_kind", "kind IN ('holiday', 'working')");
            // working_days_between adds and takes off these rows to a Monday-to-Friday count: that is right only if a
            // holiday is a weekday and a working day a weekend day.
            t.HasCheckConstraint("ck_calendar_exceptions_weekday", "(kind = 'holiday') = (extract(isodow FROM day) < 6)");
        });
        e.HasKey(c => c.Day);
        e.Property(c => c.Kind).HasMaxLength(16);
        e.Property(c => c.NameVi).HasMaxLength(MaxNameLength);
        e.Property(c => c.NameEn).HasMaxLength(MaxNameLength);
    });
}
