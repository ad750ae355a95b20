using HaNoi.ReformDashboard.Domain.Catalogue;

namespace HaNoi.ReformDashboard.Data.Schema;

/// <summary>An administrative unit as it was between <see cref="ValidFrom"/> and <see cref="ValidTo"/>.</summary>
public class Unit
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string NameVi { get; set; }
    public required string NameEn { get; set; }
    public UnitLevel Level { get; set; }
    public int? ParentId { get; set; }
    public Unit? Parent { get; set; }
    public DateOnly ValidFrom { get; set; }
    /// <summary>Null while the unit is still in force.</summary>
    public DateOnly? ValidTo { get; set; }
    /// <summary>The unit this one merged into, when it ceased to exist.</summary>
    public int? SuccessorId { get; set; }
    public Unit? Successor { get; set; }
}

public class Pillar
{
    public required string Code { get; set; }
    public required string NameVi { get; set; }
    public required string NameEn { get; set; }
    public int SortOrder { get; set; }
}

public class Indicator
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string PillarCode { get; set; }
    public Pillar? Pillar { get; set; }
    public required string NameVi { get; set; }
    public required string NameEn { get; set; }
    public string DefinitionVi { get; set; } = "";
    public string DataSource { get; set; } = "";
    public string Owner { get; set; } = "";
    public IndicatorKind Kind { get; set; }
    public Rollup Rollup { get; set; }
    public Frequency Frequency { get; set; }
    /// <summary>The levels whose units report it. When it holds the city, the city reports its own figure.</summary>
    public List<UnitLevel> Levels { get; set; } = [];
    /// <summary>Percentage points (places for a rank) within which a miss is "at risk".</summary>
    public decimal Tolerance { get; set; }
}

public class PlanYear
{
    public int Year { get; set; }
    public required string TitleVi { get; set; }
    public string TitleEn { get; set; } = "";
}

/// <summary>A plan year's target for an indicator: for every level (Level null), one level, or one unit.</summary>
public class Target
{
    public int Id { get; set; }
    public int PlanYear { get; set; }
    public int IndicatorId { get; set; }
    public Indicator? Indicator { get; set; }
    public UnitLevel? Level { get; set; }
    public int? UnitId { get; set; }
    public Unit? Unit { get; set; }
    public ComparisonOperator Operator { get; set; }
    /// <summary>Percent units for ratios (99 for "&gt; 99 %"), places for a rank, 1 for a milestone.</summary>
    public decimal Threshold { get; set; }
    /// <summary>"Phấn đấu": a target the plan strives for rather than requires.</summary>
    public bool Aspirational { get; set; }
    public string SourceVi { get; set; } = "";
}

/// <summary>One unit's report of one indicator for one month, in one revision.</summary>
public class Measurement
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    public int IndicatorId { get; set; }
    /// <summary>First day of the month reported.</summary>
    public DateOnly Period { get; set; }
    public decimal? Numerator { get; set; }
    public decimal? Denominator { get; set; }
    public decimal? Value { get; set; }
    public int Revision { get; set; } = 1;
    /// <summary>True for the latest revision of (unit, indicator, month); earlier revisions stay readable.</summary>
    public bool IsCurrent { get; set; } = true;
    public long? ImportBatchId { get; set; }
    public string Source { get; set; } = "";
    public string RecordedBy { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>A unit's written explanation (giải trình) of a miss.</summary>
public class Explanation
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    public int IndicatorId { get; set; }
    /// <summary>The period as written in reports: 2022-12, 2022-Q4, 2022-YTD-12, 2022.</summary>
    public required string Period { get; set; }
    public required string Text { get; set; }
    public required string Author { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public class ImportBatch
{
    public long Id { get; set; }
    public required string FileName { get; set; }
    public string Sha256 { get; set; } = "";
    public int RowCount { get; set; }
    public required string ImportedBy { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
}

public class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public required string Entity { get; set; }
    public string EntityKey { get; set; } = "";
    public string Details { get; set; } = "";
}
