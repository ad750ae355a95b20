using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;

namespace HaNoi.ReformDashboard.Data.Scorecards;

/// <summary>Year, period, level and unit as a user writes them (CLI options, download links), checked once for all.</summary>
public static class ScorecardRequests
{
    /// <summary>The request, or a message in Vietnamese and English saying what is wrong.</summary>
    public static (ScorecardRequest? Request, string? Error) Parse(int year, string? periodText, string? level, string? unit)
    {
        if (!Period.TryParse(periodText, out var period))
            return (null, $"Kỳ '{periodText}' không hợp lệ (2022-12, 2022-Q4, 2022-YTD-12, 2022). / '{periodText}' is not a period (2022-12, 2022-Q4, 2022-YTD-12, 2022).");
        if (period.Year != year)
            return (null, $"Kỳ {period} nằm ngoài năm kế hoạch {year}. / Period {period} is outside plan year {year}.");
        if (unit is { Length: > 0 } && level is { Length: > 0 })
            return (null, "Chỉ dùng một trong --level và --unit. / Use either --level or --unit, not both.");
        if (unit is { Length: > 0 }) return (new ScorecardRequest(year, period, ScorecardScope.ForUnit(unit)), null);
        if (level is not { Length: > 0 } || level == "city") return (new ScorecardRequest(year, period, ScorecardScope.City), null);
        return CatalogueCodes.TryParseLevel(level, out var l)
            ? (new ScorecardRequest(year, period, ScorecardScope.ForLevel(l)), null)
            : (null, $"Cấp '{level}' không hợp lệ (city, department, district, commune). / '{level}' is not a level (city, department, district, commune).");
    }
}
