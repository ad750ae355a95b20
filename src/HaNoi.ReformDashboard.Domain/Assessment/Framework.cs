using HaNoi.ReformDashboard.Domain.Catalogue;

namespace HaNoi.ReformDashboard.Domain.Assessment;

/// <summary>How a sub-criterion's points are given.</summary>
public enum ScoringMethod
{
    /// <summary>Done or not: the maximum or nothing.</summary>
    YesNo,
    /// <summary>A figure (a rate in percent, a count) against thresholds: the points of the first step it reaches.</summary>
    Figure,
    /// <summary>One of a graded scale's levels, each worth its points.</summary>
    Scale,
    /// <summary>Scored by the sociological survey for the unit as a whole, never self-assessed or appraised.</summary>
    Survey,
}

/// <summary>A step of a figure's thresholds: a figure that satisfies <see cref="Operator"/> <see cref="Threshold"/> earns <see cref="Points"/>.</summary>
public sealed record ThresholdStep(ComparisonOperator Operator, decimal Threshold, decimal Points);

/// <summary>A level of a graded scale ("Tốt", "Đạt", "Chưa đạt") and its points.</summary>
public sealed record ScaleLevel(string Label, decimal Points);

/// <summary>
/// A tiêu chí thành phần: what is scored. <see cref="AppliesTo"/> names the blocks (department, district, commune) whose
/// units are scored on it; <see cref="IndicatorCode"/> names the dashboard indicator that measures it, when one does.
/// </summary>
public sealed record SubCriterion(
    string Code, string NameVi, string NameEn, decimal MaxPoints, ScoringMethod Method,
    IReadOnlyList<ThresholdStep> Steps, IReadOnlyList<ScaleLevel> Levels, string EvidenceVi,
    IReadOnlySet<UnitLevel> AppliesTo, string? IndicatorCode = null)
{
    public bool AppliesToBlock(UnitLevel block) => AppliesTo.Contains(block);
}

/// <summary>A tiêu chí: its declared maximum must be the sum of its sub-criteria for every block it applies to.</summary>
public sealed record Criterion(string Code, string NameVi, string NameEn, decimal MaxPoints, IReadOnlySet<UnitLevel> AppliesTo,
    IReadOnlyList<SubCriterion> SubCriteria);

/// <summary>A lĩnh vực: its declared maximum must be the sum of its criteria for every block it applies to.</summary>
public sealed record Field(string Code, string NameVi, string NameEn, decimal MaxPoints, IReadOnlySet<UnitLevel> AppliesTo,
    IReadOnlyList<Criterion> Criteria);

/// <summary>
/// A year's framework (bộ tiêu chí): fields → criteria → sub-criteria, and the declared total that every block's
/// applicable sub-criteria must add up to (100 in the national PAR INDEX).
/// </summary>
public sealed record Framework(int Year, decimal TotalPoints, IReadOnlyList<Field> Fields)
{
    /// <summary>The blocks a unit can be assessed in: the levels below the city.</summary>
    public static readonly IReadOnlyList<UnitLevel> Blocks = [UnitLevel.Department, UnitLevel.District, UnitLevel.Commune];

    public IEnumerable<SubCriterion> SubCriteria => Fields.SelectMany(f => f.Criteria).SelectMany(c => c.SubCriteria);

    /// <summary>The sub-criteria a unit of the block is scored on.</summary>
    public IEnumerable<SubCriterion> SubCriteriaFor(UnitLevel block) => SubCriteria.Where(s => s.AppliesToBlock(block));

    /// <summary>The blocks at least one sub-criterion applies to.</summary>
    public IReadOnlyList<UnitLevel> AssessedBlocks => [.. Blocks.Where(b => SubCriteriaFor(b).Any())];

    /// <summary>The maximum applicable to a unit of the block (self-assessed and survey points together).</summary>
    public decimal MaximumFor(UnitLevel block) => SubCriteriaFor(block).Sum(s => s.MaxPoints);

    /// <summary>The part of <see cref="MaximumFor"/> that the survey scores.</summary>
    public decimal SurveyMaximumFor(UnitLevel block) => SubCriteriaFor(block).Where(s => s.Method == ScoringMethod.Survey).Sum(s => s.MaxPoints);
}
