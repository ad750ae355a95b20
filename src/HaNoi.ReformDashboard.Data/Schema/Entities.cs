using HaNoi.ReformDashboard.Domain.Catalogue;

namespace HaNoi.ReformDashboard.Data.Schema;

/// <summary>
/// An administrative unit as an identity that outlives renames, re-levelling and re-parenting; what it was called,
/// at which level and under which parent is held by its <see cref="Versions"/>. Measurements, targets and
/// explanations point at the identity.
/// </summary>
public class Unit
{
    public int Id { get; set; }
    /// <summary>A stable key across versions (units.csv <c>unit_key</c>, by default the first version's code).</summary>
    public required string Key { get; set; }
    public List<UnitVersion> Versions { get; set; } = [];
}

/// <summary>What a unit was from <see cref="ValidFrom"/> through <see cref="ValidTo"/>. Versions of one unit never
/// overlap, and a code names one unit at a time (exclusion constraints); a code may be reused after its unit ended.</summary>
public class UnitVersion
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public Unit? Unit { get; set; }
    public required string Code { get; set; }
    public required string NameVi { get; set; }
    public required string NameEn { get; set; }
    public UnitLevel Level { get; set; }
    /// <summary>The parent unit (an identity: the parent's own versions say what it was called then).</summary>
    public int? ParentId { get; set; }
    public DateOnly ValidFrom { get; set; }
    /// <summary>Null while the version is still in force.</summary>
    public DateOnly? ValidTo { get; set; }
}

/// <summary>A reorganisation: the predecessor merged into the successor, or the successor split from the predecessor.</summary>
public class UnitLineage
{
    public int Id { get; set; }
    public int PredecessorId { get; set; }
    public int SuccessorId { get; set; }
    public LineageKind Kind { get; set; }
    /// <summary>The first day the successor carries the change.</summary>
    public DateOnly EffectiveOn { get; set; }
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
    /// <summary>The city's figure: its own report, or the sum over every unit.</summary>
    public CityFigure CityFigure { get; set; }
}

public class PlanYear
{
    public int Year { get; set; }
    public required string TitleVi { get; set; }
    public string TitleEn { get; set; } = "";
}

/// <summary>An indicator in one plan year's catalogue: which levels report it, its tolerance, whether it heads the Overview.</summary>
public class PlanYearIndicator
{
    public int PlanYear { get; set; }
    public int IndicatorId { get; set; }
    public Indicator? Indicator { get; set; }
    /// <summary>The levels whose units report it this year (the city among them when the city reports its own figure).</summary>
    public List<UnitLevel> Levels { get; set; } = [];
    /// <summary>Percentage points (places for a rank) within which a miss is "at risk".</summary>
    public decimal Tolerance { get; set; }
    /// <summary>Position among the Overview's headline cards; null: not a headline indicator.</summary>
    public int? HeadlineOrder { get; set; }
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

/// <summary>
/// One state of a target, appended on every change (create, update, remove) and never rewritten. The scope is copied
/// so a removed target's history stays readable; revision 1 of a target that existed before its first change
/// (seeded, copied) records that earlier state, with no author.
/// </summary>
public class TargetRevision
{
    public long Id { get; set; }
    /// <summary>The target's id; no foreign key, because the history outlives a removed target.</summary>
    public int TargetId { get; set; }
    public int PlanYear { get; set; }
    public int IndicatorId { get; set; }
    public UnitLevel? Level { get; set; }
    public int? UnitId { get; set; }
    public int Revision { get; set; }
    public ComparisonOperator Operator { get; set; }
    public decimal Threshold { get; set; }
    public bool Aspirational { get; set; }
    public string SourceVi { get; set; } = "";
    /// <summary>True for the revision that removed the target.</summary>
    public bool Removed { get; set; }
    /// <summary>Why the change was made, as typed (empty only for the recorded earlier state).</summary>
    public string Reason { get; set; } = "";
    /// <summary>Who made the change; empty for the recorded earlier state.</summary>
    public string ChangedBy { get; set; } = "";
    public DateTimeOffset ChangedAt { get; set; }
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

/// <summary>
/// One version of a unit's written explanation (giải trình) of a miss: why (<see cref="Cause"/>), what the unit does
/// about it (<see cref="Remedy"/>) and by when (<see cref="ExpectedBy"/>). An edit adds a revision and leaves the
/// earlier ones readable; exactly one revision of (unit, indicator, period) is current.
/// </summary>
public class Explanation
{
    public const int MaxTextLength = 2000;

    public long Id { get; set; }
    public int UnitId { get; set; }
    public int IndicatorId { get; set; }
    /// <summary>The period as written in reports: 2022-12, 2022-Q4, 2022-YTD-12, 2022.</summary>
    public required string Period { get; set; }
    /// <summary>Nguyên nhân, stored as typed (NFC).</summary>
    public required string Cause { get; set; }
    /// <summary>Giải pháp khắc phục, stored as typed (NFC).</summary>
    public string Remedy { get; set; } = "";
    /// <summary>Thời hạn dự kiến; null only for explanations written before the field existed.</summary>
    public DateOnly? ExpectedBy { get; set; }
    public int Revision { get; set; } = 1;
    public bool IsCurrent { get; set; } = true;
    /// <summary>The signed-in user who wrote this version (the acting user, never typed).</summary>
    public required string Author { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One file loaded (or one revert of such a load): what came in, from whom, and what it changed.</summary>
public class ImportBatch
{
    public long Id { get; set; }
    public required string FileName { get; set; }
    public string Sha256 { get; set; } = "";
    public long SizeBytes { get; set; }
    public int RowCount { get; set; }
    /// <summary>Rows that were a first report of their month, a new revision of it, or the same figures again.</summary>
    public int NewRows { get; set; }
    public int ChangedRows { get; set; }
    public int UnchangedRows { get; set; }
    /// <summary><c>seed</c>, <c>import</c> or <c>revert</c>.</summary>
    public string Kind { get; set; } = "seed";
    /// <summary>For a revert: the batch whose figures it took back.</summary>
    public long? RevertsBatchId { get; set; }
    public required string ImportedBy { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
}

/// <summary>Who did what, when: one row per sign-in, account change, import, revert, target change, explanation,
/// plan-year copy. Append-only and hash-chained in the database (migration AuditLogAppendOnly, <see cref="Audit.AuditChain"/>).</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    /// <summary>The kind of act, dotted: <c>import</c>, <c>revert</c>, <c>target.update</c>, <c>explanation.create</c>…</summary>
    public required string Action { get; set; }
    public required string Entity { get; set; }
    public string EntityKey { get; set; } = "";
    /// <summary>The unit the act concerns, when it concerns one (a unit's target or explanation): the audit page filters by it.</summary>
    public int? UnitId { get; set; }
    public string Details { get; set; } = "";
    /// <summary>SHA-256 (hex) of this entry and the previous entry's hash, set by the database as the row is
    /// inserted (<see cref="Audit.AuditChain"/>); never written by the app.</summary>
    public string? Hash { get; private set; }
}
