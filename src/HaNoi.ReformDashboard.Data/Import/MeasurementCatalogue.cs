using HaNoi.ReformDashboard.Data.Seed;
using HaNoi.ReformDashboard.Domain.Catalogue;

namespace HaNoi.ReformDashboard.Data.Import;

/// <summary>What a measurement row is checked against: the unit versions, each indicator's kind, and for every
/// plan year the indicators of its catalogue with the levels that report them.</summary>
public sealed class MeasurementCatalogue
{
    public required IReadOnlyList<IUnitVersion> Units { get; init; }
    public required IReadOnlyDictionary<string, IndicatorKind> Kinds { get; init; }
    /// <summary>Plan year → indicator code → reporting levels.</summary>
    public required IReadOnlyDictionary<int, IReadOnlyDictionary<string, IReadOnlyList<UnitLevel>>> PlanYears { get; init; }
    /// <summary>Set for a seed file named for one year: rows of other years are refused.</summary>
    public int? OnlyYear { get; init; }
    /// <summary>The latest month a figure may be reported for (the current one); later months are in the future.</summary>
    public DateOnly LastMonth { get; init; } = DateOnly.MaxValue;

    /// <summary>The catalogue of a seed folder for its file of one year.</summary>
    public static MeasurementCatalogue ForSeedYear(int year, IReadOnlyList<UnitRow> units, IReadOnlyList<IndicatorRow> indicators, PlanYearRow? plan) => new()
    {
        Units = units,
        Kinds = indicators.GroupBy(i => i.Code).ToDictionary(g => g.Key, g => g.First().Kind, StringComparer.Ordinal),
        PlanYears = new Dictionary<int, IReadOnlyDictionary<string, IReadOnlyList<UnitLevel>>>
        {
            [year] = indicators.Where(i => plan is null || plan.Includes(i.Code)).GroupBy(i => i.Code)
                .ToDictionary(g => g.Key, g => g.First().Levels, StringComparer.Ordinal),
        },
        OnlyYear = year,
    };
}
