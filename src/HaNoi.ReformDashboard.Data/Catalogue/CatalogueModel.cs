using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Scoring;

namespace HaNoi.ReformDashboard.Data.Catalogue;

// The catalogue's read types: one for an indicator, one for a unit, shared by the scorecards, the reports, the pages and
// the CLI (read by CatalogueIndicators and CatalogueUnits; a type that adds a database id or a period composes them).

/// <summary>An indicator of a plan year's catalogue: what it measures, how it adds up and which levels report it.</summary>
public sealed record IndicatorInfo(
    string Code, string PillarCode, string NameVi, string NameEn, IndicatorKind Kind, Rollup Rollup,
    Frequency Frequency, IReadOnlyList<UnitLevel> Levels, IndicatorRule Rule)
{
    public bool IsPercent => Kind is IndicatorKind.Ratio or IndicatorKind.Value;
    public CityFigure CityFigure => Rule.CityReportsItself ? CityFigure.OwnReport : CityFigure.SumOfUnits;
    /// <summary>Position among the plan year's headline indicators (the Overview's cards); null: not one.</summary>
    public int? HeadlineOrder { get; init; }
    public string DefinitionVi { get; init; } = "";
    public string DataSource { get; init; } = "";
    public string Owner { get; init; } = "";
}

/// <summary>A unit as it was in a period: code, names, level and its parent's code then.</summary>
public sealed record UnitInfo(string Code, string NameVi, string NameEn, UnitLevel Level, string? ParentCode)
{
    /// <summary>The unit's stable key (units.key): a code reused after a reorganisation names another unit, the key does not.</summary>
    public string? Key { get; init; }
}
