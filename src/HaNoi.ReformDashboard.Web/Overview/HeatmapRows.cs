using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Web.Shared;

namespace HaNoi.ReformDashboard.Web.Overview;

/// <summary>A district and how its communes stand: how many have a missed or an at-risk cell.</summary>
public sealed record HeatmapGroup(string Code, string Name, int Units, int WithMissed, int WithAtRisk, bool Expanded);

/// <summary>A row of the heatmap: a district heading (communes grouped under it) or a unit.</summary>
public sealed record HeatmapRow(HeatmapGroup? Group, UnitScorecard? Unit)
{
    public string Key => Group is { } g ? "g:" + g.Code : "u:" + Unit!.Unit.Code;
}

/// <summary>
/// Which rows the heatmap shows: communes under their district (collapsible), narrowed by an accent-insensitive search
/// on the unit's or the district's name and, when asked, to units with a missed or at-risk cell. While a search or the
/// filter is on, every district with a match opens, so nothing found stays hidden.
/// </summary>
public static class HeatmapRows
{
    public static IReadOnlyList<HeatmapRow> Build(
        IEnumerable<UnitScorecard> units, IReadOnlyList<string> indicatorCodes, bool grouped,
        Func<string, string> districtName, IReadOnlySet<string> expanded, string? search, bool onlyProblems)
    {
        var narrowing = !string.IsNullOrWhiteSpace(search) || onlyProblems;
        bool Shown(UnitScorecard u, string group) =>
            (!onlyProblems || HasAny(u, indicatorCodes, Status.Missed) || HasAny(u, indicatorCodes, Status.AtRisk))
            && (TextSearch.Matches(Names.Of(u.Unit), search) || (grouped && TextSearch.Matches(group, search)));

        if (!grouped)
            return units.Where(u => Shown(u, "")).Select(u => new HeatmapRow(null, u)).ToList();

        var rows = new List<HeatmapRow>();
        foreach (var district in units.GroupBy(u => u.Unit.ParentCode ?? "").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var name = districtName(district.Key);
            var members = district.Where(u => Shown(u, name)).ToList();
            if (members.Count == 0) continue;
            var open = narrowing || expanded.Contains(district.Key);
            rows.Add(new HeatmapRow(new HeatmapGroup(district.Key, name, members.Count,
                members.Count(u => HasAny(u, indicatorCodes, Status.Missed)),
                members.Count(u => HasAny(u, indicatorCodes, Status.AtRisk)), open), null));
            if (open) rows.AddRange(members.Select(u => new HeatmapRow(null, u)));
        }
        return rows;
    }

    private static bool HasAny(UnitScorecard unit, IReadOnlyList<string> codes, Status status) =>
        unit.Indicators.Any(i => i.Score.Status == status && codes.Contains(i.IndicatorCode));
}
