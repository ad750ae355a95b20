using HaNoi.ReformDashboard.Domain.Periods;

namespace HaNoi.ReformDashboard.Web.Shared;

/// <summary>How the period picker moves between kinds of period while keeping the months the user was looking at.</summary>
public static class PeriodChoice
{
    /// <summary>December → Q4 → YTD-12 → 2022: the new period ends where the current one does.</summary>
    public static Period WithKind(Period current, PeriodKind kind) => kind switch
    {
        PeriodKind.Month => Period.Month(current.Year, current.LastMonth),
        PeriodKind.Quarter => Period.Quarter(current.Year, (current.LastMonth + 2) / 3),
        PeriodKind.YearToDate => Period.YearToDate(current.Year, current.LastMonth),
        _ => Period.WholeYear(current.Year),
    };

    public static Period WithNumber(Period current, int number) => current.Kind switch
    {
        PeriodKind.Month => Period.Month(current.Year, number),
        PeriodKind.Quarter => Period.Quarter(current.Year, number),
        PeriodKind.YearToDate => Period.YearToDate(current.Year, number),
        _ => current,
    };

    public static Period WithYear(Period current, int year) => current with { Year = year };

    /// <summary>The numbers the second list offers: months 1–12, quarters 1–4, or none for a whole year.</summary>
    public static IReadOnlyList<int> Numbers(PeriodKind kind) => kind switch
    {
        PeriodKind.Quarter => [1, 2, 3, 4],
        PeriodKind.Year => [],
        _ => Enumerable.Range(1, 12).ToList(),
    };
}
