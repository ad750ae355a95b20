using System.Globalization;

namespace HaNoi.ReformDashboard.Web.Components.Shared;

/// <summary>The one place that turns figures into text for the current culture (vi-VN: 1.234, 99,12 %).</summary>
public static class Figures
{
    public static string Count(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    public static string MonthRange(DateOnly? first, DateOnly? last) =>
        first is { } f && last is { } l ? $"{Month(f)} – {Month(l)}" : "—";

    public static string Month(DateOnly month) => month.ToString("MM/yyyy", CultureInfo.CurrentCulture);
}
