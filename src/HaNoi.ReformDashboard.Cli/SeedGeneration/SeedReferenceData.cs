using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Scoring;
using HaNoi.ReformDashboard.Data.Seed;

namespace HaNoi.ReformDashboard.Cli.SeedGeneration;

/// <summary>The reference files the demo generator reads, as the loader reads them (<see cref="SeedSet"/>'s rows).</summary>
public sealed record SeedReferenceData(
    IReadOnlyList<UnitRow> Units,
    IReadOnlyList<IndicatorRow> Indicators,
    IReadOnlyList<TargetRow> Targets)
{
    /// <summary>The plan years of plan_years.csv: each one's catalogue (empty: every indicator) and headline cards.</summary>
    public IReadOnlyList<PlanYearRow> PlanYears { get; init; } = [];

    /// <summary>A year not listed has every indicator.</summary>
    public bool InCatalogue(int planYear, string indicatorCode) =>
        PlanYears.FirstOrDefault(p => p.Year == planYear) is not { } plan || plan.Includes(indicatorCode);

    private TargetBook? _book;

    /// <summary>The target that applies to one unit, by the engine's own rule (unit, then level, then every level).</summary>
    public Target? TargetFor(int planYear, string indicatorCode, UnitRow unit)
    {
        _book ??= new TargetBook(Targets.Select(t => t.Entry));
        return _book.Find(planYear, indicatorCode, unit.Level, unit.Code);
    }
}

/// <summary>One row of <c>measurements-YYYY.csv</c>: ratio kinds fill numerator and denominator, the other kinds fill value.</summary>
public sealed record GeneratedMeasurement(
    string UnitCode,
    string IndicatorCode,
    string Period,
    long? Numerator,
    long? Denominator,
    decimal? Value);

/// <summary>A reference file is missing or invalid. The message is bilingual (Vietnamese / English).</summary>
public sealed class SeedDataException : Exception
{
    public SeedDataException(string message)
        : base(message)
    {
    }

    public SeedDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SeedDataException()
    {
    }
}
