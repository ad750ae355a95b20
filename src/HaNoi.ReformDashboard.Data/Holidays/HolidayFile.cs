using System.Globalization;
using HaNoi.ReformDashboard.Data.Files;
using HaNoi.ReformDashboard.Data.Messages;
using HaNoi.ReformDashboard.Data.Seed;
using HaNoi.ReformDashboard.Domain.Periods;

namespace HaNoi.ReformDashboard.Data.Holidays;

/// <summary>One day of holidays.csv, checked.</summary>
public sealed record HolidayRow(DateOnly Day, CalendarDayKind Kind, string NameVi, string NameEn);

/// <summary>A holidays file read whole and checked: its days, or every problem by row and column (and then no days).</summary>
public sealed record HolidayCheck(string FileName, IReadOnlyList<HolidayRow> Days, IReadOnlyList<CellError> Errors)
{
    public bool IsValid => Errors.Count == 0;
    /// <summary>The years the file names: each is replaced whole by its import.</summary>
    public IReadOnlyList<int> Years => [.. Days.Select(d => d.Day.Year).Distinct().Order()];
}

/// <summary>
/// holidays.csv: <c>date, kind, name_vi, name_en</c>, one row per day that is not what its weekday says. A <c>holiday</c>
/// is a weekday off (a holiday that falls on a weekend is written as its day off in lieu); a <c>working</c> day is a
/// Saturday or Sunday worked in a swap.
/// </summary>
public static class HolidayFile
{
    public const string FileName = "holidays.csv";
    public static readonly string[] Columns = ["date", "kind", "name_vi", "name_en"];
    /// <summary>A year holds some twenty rows: these bounds only keep a wrong file from being read at length.</summary>
    public const int MaxBytes = 1024 * 1024, MaxRows = 5000;

    private static string WeekdayVi(DayOfWeek day) => DataText.Get("Weekday_" + day).Vi;

    /// <summary>The seed folder's holidays (none when it has no holidays.csv); a malformed file throws <see cref="DataFileException"/>.</summary>
    public static IReadOnlyList<HolidayRow> ReadFolder(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return [];
        var check = Check(FileName, File.ReadAllBytes(path));
        if (!check.IsValid) throw new DataFileException(check.Errors);
        return check.Days;
    }

    /// <summary>The refusal of a file over <see cref="MaxBytes"/>, told before it is read.</summary>
    public static HolidayCheck TooLarge(string fileName) => new(fileName, [], [new CellError(fileName, 0, "-",
        DataText.Get("TheFileIsLargerThan", MaxBytes / 1024))]);

    public static HolidayCheck Check(string fileName, byte[] content)
    {
        if (content.Length > MaxBytes) return TooLarge(fileName);
        var errors = new List<CellError>();
        if (!CsvTable.TryDecode(fileName, content, errors, out var text)) return new HolidayCheck(fileName, [], errors);
        var table = CsvTable.Parse(fileName, text, errors);
        if (table is null || !table.Header.SequenceEqual(Columns))
        {
            errors.Add(new CellError(fileName, 1, "-",
                DataText.Get("TheHeaderMustBeBut", string.Join(',', Columns), string.Join(',', table?.Header ?? []))));
            return new HolidayCheck(fileName, [], errors);
        }
        if (table.Rows.Count > MaxRows)
        {
            errors.Add(new CellError(fileName, 0, "-", DataText.Get("TheFileHasMoreThan", MaxRows)));
            return new HolidayCheck(fileName, [], errors);
        }

        var days = new List<HolidayRow>();
        var seen = new Dictionary<DateOnly, int>();
        foreach (var row in table.Rows)
        {
            var before = errors.Count;
            foreach (var column in Columns.Where(c => row[c].Length == 0))
                errors.Add(row.Error(column, DataText.Get("TheValueIsMissing")));
            foreach (var column in new[] { "name_vi", "name_en" }.Where(c => row[c].Length > CalendarException.MaxNameLength))
                errors.Add(row.Error(column, DataText.Get("TheNameIsLongerThan", CalendarException.MaxNameLength)));
            var hasDay = DateOnly.TryParseExact(row["date"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day);
            if (!hasDay && row["date"].Length > 0)
                errors.Add(row.Error("date", DataText.Get("IsNotADateYYYY", row["date"])));
            var hasKind = WorkingCalendar.TryParse(row["kind"], out var kind);
            if (!hasKind && row["kind"].Length > 0)
                errors.Add(row.Error("kind", DataText.Get("IsNotAKindHoliday", row["kind"])));
            if (hasDay && hasKind && kind == CalendarDayKind.Working && !WorkingCalendar.IsWeekend(day))
                errors.Add(row.Error("kind", DataText.Get("IsAOnlyASaturday", day, WeekdayVi(day.DayOfWeek), day.DayOfWeek)));
            if (hasDay && hasKind && kind == CalendarDayKind.Holiday && WorkingCalendar.IsWeekend(day))
                errors.Add(row.Error("kind", DataText.Get("IsAAlreadyADay", day, WeekdayVi(day.DayOfWeek), day.DayOfWeek)));
            if (hasDay && !seen.TryAdd(day, row.Number))
                errors.Add(row.Error("date", DataText.Get("IsAlreadyOnRow", day, seen[day])));
            if (errors.Count == before)
                days.Add(new HolidayRow(day, kind, row["name_vi"], row["name_en"]));
        }
        return errors.Count > 0 ? new HolidayCheck(fileName, [], errors) : new HolidayCheck(fileName, days, []);
    }
}
