using System.Globalization;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;

namespace HaNoi.ReformDashboard.Web.Shared;

/// <summary>
/// What a dashboard page shows — plan year, period, level — as it lives in the URL
/// (<c>?year=2022&amp;period=2022-12&amp;level=district</c>), so a copied link reproduces the view.
/// </summary>
public sealed record ViewState(int Year, Period Period, UnitLevel Level)
{
    /// <summary>The levels a screen can switch between; the city has no peers to compare.</summary>
    public static IReadOnlyList<UnitLevel> SwitchableLevels { get; } = [UnitLevel.Department, UnitLevel.District, UnitLevel.Commune];

    public bool PeriodInPlanYear => Period.Year == Year;

    public IReadOnlyDictionary<string, object?> QueryParameters => new Dictionary<string, object?>
    {
        ["year"] = Year.ToString(CultureInfo.InvariantCulture),
        ["period"] = Period.ToString(),
        ["level"] = Level.ToCode(),
    };

    public string Query => $"?year={Year.ToString(CultureInfo.InvariantCulture)}&period={Period}&level={Level.ToCode()}";

    /// <summary>A link to another page that keeps this view's year, period and level.</summary>
    public string Href(string path) => path + Query;

    public ViewState WithLevel(UnitLevel level) => this with { Level = level };

    public static int? ParseYear(string? year) =>
        int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1900 and <= 9999 ? y : null;

    public static Period? ParsePeriod(string? period) => Period.TryParse(period, out var p) ? p : null;

    public static UnitLevel? ParseLevel(string? level) =>
        CatalogueCodes.TryParseLevel(level, out var l) && l != UnitLevel.City ? l : null;
}
