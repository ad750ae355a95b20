using HaNoi.ReformDashboard.Domain.Catalogue;

namespace HaNoi.ReformDashboard.Domain.Scoring;

/// <summary>
/// The input for one unit × indicator × period, already summed or picked (see <see cref="Rollups"/>):
/// ratios carry a numerator and a denominator, values, ranks and milestones carry a value.
/// </summary>
public readonly record struct Figure(decimal? Numerator, decimal? Denominator, decimal? Value)
{
    /// <summary>No report.</summary>
    public static Figure None => default;

    public static Figure Ratio(decimal numerator, decimal denominator) => new(numerator, denominator, null);
    public static Figure Of(decimal value) => new(null, null, value);

    public bool IsNone => Numerator is null && Denominator is null && Value is null;

    /// <summary>
    /// The figure the target is compared with: a ratio in percent units (99.5 means 99,5 %), else the value.
    /// No data is null, never 0: a ratio with no denominator or a zero one says nothing about the unit.
    /// </summary>
    public decimal? ValueFor(IndicatorKind kind) => kind switch
    {
        IndicatorKind.Ratio => Numerator is decimal n && Denominator is decimal d && d != 0m ? 100m * n / d : null,
        _ => Value,
    };
}

/// <summary>One month's report of one unit for one indicator (a row of measurements-YYYY.csv).</summary>
public readonly record struct MonthlyFigure(int Year, int Month, decimal? Numerator, decimal? Denominator, decimal? Value)
{
    public static MonthlyFigure Ratio(int year, int month, decimal numerator, decimal denominator) =>
        new(year, month, numerator, denominator, null);

    public static MonthlyFigure Of(int year, int month, decimal value) => new(year, month, null, null, value);

    public Figure Figure => new(Numerator, Denominator, Value);
}
