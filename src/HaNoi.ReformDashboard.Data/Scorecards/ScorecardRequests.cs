using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Data.Messages;

namespace HaNoi.ReformDashboard.Data.Scorecards;

/// <summary>Year, period, level and unit as a user writes them (CLI options, download links), checked once for all.</summary>
public static class ScorecardRequests
{
    /// <summary>The request, or a message in Vietnamese and English saying what is wrong.</summary>
    public static (ScorecardRequest? Request, string? Error) Parse(int year, string? periodText, string? level, string? unit)
    {
        if (!Period.TryParse(periodText, out var period))
            return (null, DataText.Both("IsNotAPeriodQ", periodText));
        if (period.Year != year)
            return (null, DataText.Both("PeriodIsOutsidePlanYear", period, year));
        if (unit is { Length: > 0 } && level is { Length: > 0 })
            return (null, DataText.Both("UseEitherLevelOrUnit"));
        if (unit is { Length: > 0 }) return (new ScorecardRequest(year, period, ScorecardScope.ForUnit(unit)), null);
        if (level is not { Length: > 0 } || level == "city") return (new ScorecardRequest(year, period, ScorecardScope.City), null);
        return CatalogueCodes.TryParseLevel(level, out var l)
            ? (new ScorecardRequest(year, period, ScorecardScope.ForLevel(l)), null)
            : (null, DataText.Both("IsNotALevelCity2", level));
    }
}
