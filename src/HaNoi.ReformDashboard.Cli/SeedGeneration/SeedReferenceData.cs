using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Scoring;

namespace HaNoi.ReformDashboard.Cli.SeedGeneration;

/// <summary>A row of <c>units.csv</c> (seed-data/README.md).</summary>
public sealed record UnitRecord(
    string Code,
    string NameVi,
    string NameEn,
    UnitLevel Level,
    string? ParentCode,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    string? SuccessorCode)
{
    /// <summary>True when this version was in force on at least one day of the month (the one rule, <see cref="Validity"/>).</summary>
    public bool IsActiveIn(int year, int month)
    {
        DateOnly first = new(year, month, 1);
        return new Validity(ValidFrom, ValidTo).Overlaps(first, first.AddMonths(1).AddDays(-1));
    }
}

/// <summary>A row of <c>indicators.csv</c> (seed-data/README.md).</summary>
public sealed record IndicatorRecord(
    string Code,
    string Pillar,
    string NameVi,
    string NameEn,
    IndicatorKind Kind,
    Rollup Rollup,
    Frequency Frequency,
    IReadOnlyList<UnitLevel> Levels,
    decimal Tolerance)
{
    public bool IsReportedBy(UnitLevel level) => Levels.Contains(level);
}

/// <summary>A row of <c>targets.csv</c> (seed-data/README.md). <see cref="Level"/> null: every level; <see cref="UnitCode"/> null: every unit.</summary>
public sealed record TargetRecord(
    int PlanYear,
    string IndicatorCode,
    UnitLevel? Level,
    string? UnitCode,
    ComparisonOperator Operator,
    decimal Threshold,
    bool Aspirational,
    string SourceVi);

/// <summary>The reference files the demo generator reads.</summary>
public sealed record SeedReferenceData(
    IReadOnlyList<UnitRecord> Units,
    IReadOnlyList<IndicatorRecord> Indicators,
    IReadOnlyList<TargetRecord> Targets)
{
    /// <summary>The plan years of plan_years.csv: each one's catalogue (empty: every indicator) and headline cards.</summary>
    public IReadOnlyList<Data.Seed.PlanYearRow> PlanYears { get; init; } = [];

    /// <summary>A year not listed has every indicator.</summary>
    public bool InCatalogue(int planYear, string indicatorCode) =>
        PlanYears.FirstOrDefault(p => p.Year == planYear) is not { } plan || plan.Includes(indicatorCode);

    private TargetBook? _book;

    /// <summary>The target that applies to one unit, by the engine's own rule (unit, then level, then every level).</summary>
    public Target? TargetFor(int planYear, string indicatorCode, UnitRecord unit)
    {
        _book ??= new TargetBook(Targets.Select(t => new TargetEntry(t.PlanYear, t.IndicatorCode, t.Level, t.UnitCode, new Target(t.Operator, t.Threshold, t.Aspirational))));
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
