using System.Globalization;

namespace HaNoi.ReformDashboard.Domain.Periods;

public enum PeriodKind { Month, Quarter, YearToDate, Year }

/// <summary>
/// A reporting period inside one year, written as in docs/workbook.md: <c>2022-12</c>, <c>2022-Q4</c>,
/// <c>2022-YTD-12</c>, <c>2022</c>. <see cref="Number"/> is the month, the quarter, or the last month of a YTD.
/// </summary>
public readonly record struct Period(int Year, PeriodKind Kind, int Number)
{
    public static Period Month(int year, int month) => new(year, PeriodKind.Month, Check(month, 12));
    public static Period Quarter(int year, int quarter) => new(year, PeriodKind.Quarter, Check(quarter, 4));
    public static Period YearToDate(int year, int throughMonth) => new(year, PeriodKind.YearToDate, Check(throughMonth, 12));
    public static Period WholeYear(int year) => new(year, PeriodKind.Year, 0);

    public int FirstMonth => Kind switch
    {
        PeriodKind.Month => Number,
        PeriodKind.Quarter => (Number - 1) * 3 + 1,
        _ => 1,
    };

    public int LastMonth => Kind switch
    {
        PeriodKind.Month => Number,
        PeriodKind.Quarter => Number * 3,
        PeriodKind.YearToDate => Number,
        _ => 12,
    };

    public int MonthCount => LastMonth - FirstMonth + 1;

    public DateOnly FirstDay => new(Year, FirstMonth, 1);
    public DateOnly LastDay => new DateOnly(Year, LastMonth, 1).AddMonths(1).AddDays(-1);

    public bool Contains(int year, int month) => year == Year && month >= FirstMonth && month <= LastMonth;

    /// <summary>Over once its last day has passed: on its last day a period is still running.</summary>
    public bool IsOverOn(DateOnly date) => date > LastDay;

    /// <summary>The like-for-like period before this one (a quarter before a quarter), possibly in the previous year.</summary>
    public Period Previous() => Kind switch
    {
        PeriodKind.Month => Number == 1 ? Month(Year - 1, 12) : Month(Year, Number - 1),
        PeriodKind.Quarter => Number == 1 ? Quarter(Year - 1, 4) : Quarter(Year, Number - 1),
        PeriodKind.YearToDate => YearToDate(Year - 1, Number),
        _ => WholeYear(Year - 1),
    };

    public override string ToString() => Kind switch
    {
        PeriodKind.Month => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Number:D2}"),
        PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-Q{Number}"),
        PeriodKind.YearToDate => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-YTD-{Number:D2}"),
        _ => Year.ToString("D4", CultureInfo.InvariantCulture),
    };

    public static bool TryParse(string? text, out Period period)
    {
        period = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length < 4) return false;
        if (!int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 1900) return false;
        var rest = text.AsSpan(4);
        if (rest.IsEmpty) { period = WholeYear(year); return true; }
        if (rest[0] != '-') return false;
        rest = rest[1..];
        if (rest.StartsWith("YTD-", StringComparison.Ordinal))
            return TryNumber(rest[4..], 12, out var m) && Assign(YearToDate(year, m), out period);
        if (rest.StartsWith("Q", StringComparison.Ordinal))
            return rest.Length == 2 && TryNumber(rest[1..], 4, out var q) && Assign(Quarter(year, q), out period);
        return rest.Length == 2 && TryNumber(rest, 12, out var month) && Assign(Month(year, month), out period);
    }

    public static Period Parse(string text) =>
        TryParse(text, out var period) ? period : throw new FormatException($"'{text}' is not a period (2022-12, 2022-Q4, 2022-YTD-12, 2022).");

    private static bool TryNumber(ReadOnlySpan<char> text, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1 && value <= max;

    private static bool Assign(Period value, out Period period) { period = value; return true; }

    private static int Check(int value, int max) =>
        value >= 1 && value <= max ? value : throw new ArgumentOutOfRangeException(nameof(value), value, $"must be 1–{max}");
}
