using System.Globalization;
using HaNoi.ReformDashboard.Domain.Catalogue;

namespace HaNoi.ReformDashboard.Domain.Presentation;

/// <summary>
/// The one place that turns figures into text, for screens and reports alike: two decimals, the culture's
/// separators (vi-VN: <c>99,12 %</c>, <c>1.234</c>; en-US: <c>99.12%</c>, <c>1,234</c>). Only the display is
/// rounded; statuses are decided on the unrounded value. The words around them are <see cref="Wording"/>'s.
/// </summary>
public static class FigureFormat
{
    public const string Missing = "—";

    public static CultureInfo Vietnamese { get; } = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>A value in the indicator's unit: percent for ratios and values, a place for a rank, done/not done as 1/0.</summary>
    public static string Value(IndicatorKind kind, decimal? value, CultureInfo culture) => value is not decimal v ? Missing : kind switch
    {
        IndicatorKind.Ratio or IndicatorKind.Value => Percent(v, culture),
        IndicatorKind.Rank => Math.Round(v, 0).ToString("N0", culture),
        _ => v >= 1m ? "✓" : "✗",
    };

    /// <summary>99.123 → "99,12 %" (vi-VN) or "99.12%" (en-US).</summary>
    public static string Percent(decimal? percentUnits, CultureInfo culture)
    {
        if (percentUnits is not decimal v) return Missing;
        var number = Math.Round(v, 2, MidpointRounding.AwayFromZero).ToString("N2", culture);
        return Wording.IsEnglish(culture) ? number + "%" : number + " %";
    }

    /// <summary>A gap or a change with its sign: "+1,25 điểm %" style is left to the caller; this gives "+1,25" / "−0,50".</summary>
    public static string Signed(decimal? value, CultureInfo culture, int decimals = 2)
    {
        if (value is not decimal v) return Missing;
        var rounded = Math.Round(v, decimals, MidpointRounding.AwayFromZero);
        var text = Math.Abs(rounded).ToString("N" + decimals, culture);
        return rounded > 0 ? "+" + text : rounded < 0 ? "−" + text : text;
    }

    /// <summary>The sign a reader expects: "≥" rather than the file format's ">=".</summary>
    public static string Symbol(ComparisonOperator op) => op switch
    {
        ComparisonOperator.GreaterThan => ">",
        ComparisonOperator.GreaterOrEqual => "≥",
        ComparisonOperator.LessOrEqual => "≤",
        ComparisonOperator.LessThan => "<",
        _ => "=",
    };

    public static string Number(decimal? value, CultureInfo culture, int decimals = 0) =>
        value is decimal v ? Math.Round(v, decimals, MidpointRounding.AwayFromZero).ToString("N" + decimals, culture) : Missing;

    public static string Score(decimal? score, CultureInfo culture) => Number(score, culture, 2);

    // English days carry the month's name ("1 Dec 2026"), not en-US's short date: beside the Vietnamese pages and
    // files, which put the day first (01/12/2026), "12/1/2026" would read as 12 January to half the readers. A
    // month name cannot be misread either way, and day-month-year keeps the Vietnamese order.
    private const string EnglishDay = "d MMM yyyy";

    /// <summary>A day: "01/12/2026" in Vietnamese, "1 Dec 2026" in English.</summary>
    public static string Date(DateOnly date, CultureInfo culture) =>
        date.ToString(Wording.IsEnglish(culture) ? EnglishDay : "dd/MM/yyyy", culture);

    /// <summary>A moment as given (callers pass local time): "01/12/2026 14:05", "1 Dec 2026 14:05"; with seconds on request.</summary>
    public static string DateTime(DateTimeOffset at, CultureInfo culture, bool seconds = false) =>
        at.ToString((Wording.IsEnglish(culture) ? EnglishDay : "dd/MM/yyyy") + (seconds ? " HH:mm:ss" : " HH:mm"), culture);
}
