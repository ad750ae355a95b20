using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HaNoi.ReformDashboard.Data.Assessment;

/// <summary>
/// One loaded version of a year's framework (bộ tiêu chí). A load never edits a version: it adds the next one, and the
/// year's current framework is its highest version. A round keeps the version it opened with.
/// </summary>
public class AssessmentFramework
{
    public int Id { get; set; }
    public int Year { get; set; }
    public int Version { get; set; }
    public required string TitleVi { get; set; }
    public string TitleEn { get; set; } = "";
    /// <summary>The declared total (100 in the national index); every block's applicable sub-criteria add up to it.</summary>
    public decimal TotalPoints { get; set; }
    /// <summary>The seed's sample ("Khung mẫu — không phải bộ tiêu chí chính thức"), never an official list.</summary>
    public bool IsSample { get; set; }
    public string FileName { get; set; } = "";
    public string Sha256 { get; set; } = "";
    /// <summary>The version this one was copied from (<c>reform assessment framework copy</c>), if it was.</summary>
    public int? CopiedFromId { get; set; }
    public required string LoadedBy { get; set; }
    public DateTimeOffset LoadedAt { get; set; }
    public List<AssessmentField> Fields { get; set; } = [];
}

/// <summary>A lĩnh vực of a framework version.</summary>
public class AssessmentField
{
    public int Id { get; set; }
    public int FrameworkId { get; set; }
    public required string Code { get; set; }
    public required string NameVi { get; set; }
    public string NameEn { get; set; } = "";
    public decimal MaxPoints { get; set; }
    public List<UnitLevel> AppliesTo { get; set; } = [];
    public int SortOrder { get; set; }
    public List<AssessmentCriterion> Criteria { get; set; } = [];
}

/// <summary>A tiêu chí of a field.</summary>
public class AssessmentCriterion
{
    public int Id { get; set; }
    public int FieldId { get; set; }
    public int FrameworkId { get; set; }
    public required string Code { get; set; }
    public required string NameVi { get; set; }
    public string NameEn { get; set; } = "";
    public decimal MaxPoints { get; set; }
    public List<UnitLevel> AppliesTo { get; set; } = [];
    public int SortOrder { get; set; }
    public List<AssessmentSubCriterion> SubCriteria { get; set; } = [];
}

/// <summary>A tiêu chí thành phần: what units self-score and the council appraises.</summary>
public class AssessmentSubCriterion
{
    public int Id { get; set; }
    public int CriterionId { get; set; }
    public int FrameworkId { get; set; }
    public required string Code { get; set; }
    public required string NameVi { get; set; }
    public string NameEn { get; set; } = "";
    public decimal MaxPoints { get; set; }
    /// <summary><c>yes_no</c>, <c>figure</c>, <c>scale</c> or <c>survey</c> (Domain.Assessment.AssessmentCodes).</summary>
    public required string Method { get; set; }
    /// <summary>A figure's thresholds or a scale's levels in the workbook's notation (Domain.Assessment.ScaleNotation).</summary>
    public string Scale { get; set; } = "";
    /// <summary>Tài liệu kiểm chứng: what evidence the unit attaches.</summary>
    public string EvidenceVi { get; set; } = "";
    public List<UnitLevel> AppliesTo { get; set; } = [];
    /// <summary>The dashboard indicator that measures it (the self-assessment fills the figure from the scorecard).</summary>
    public int? IndicatorId { get; set; }
    public int SortOrder { get; set; }
}

/// <summary>An assessment round of a year and block: units self-assess from <see cref="OpensOn"/> through <see cref="ClosesOn"/>.</summary>
public class AssessmentRound
{
    public int Id { get; set; }
    public int Year { get; set; }
    public UnitLevel Block { get; set; }
    /// <summary>The framework version the round scores with, fixed when it opens.</summary>
    public int FrameworkId { get; set; }
    public DateOnly OpensOn { get; set; }
    public DateOnly ClosesOn { get; set; }
    /// <summary><c>open</c> (the dates decide), <c>closed</c> (closed by the office), <c>published</c> (results out).</summary>
    public string State { get; set; } = "open";
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The office reopened a round for one unit (a late submission) until a day.</summary>
public class AssessmentReopening
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public int UnitId { get; set; }
    public DateOnly Until { get; set; }
    public string Reason { get; set; } = "";
    public required string ReopenedBy { get; set; }
    public DateTimeOffset ReopenedAt { get; set; }
}

/// <summary>One unit's assessment in a round and where it stands (Domain.Assessment.AssessmentState codes).</summary>
public class UnitAssessment
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public int UnitId { get; set; }
    public string State { get; set; } = "draft";
    public DateTimeOffset? SubmittedAt { get; set; }
    public string? SubmittedBy { get; set; }
    public DateTimeOffset? FinalizedAt { get; set; }
    public string? FinalizedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// One version of a unit's self-assessment of a sub-criterion: the declared answer (yes/no, a scale level) or figure,
/// the self-score, and the reason when there is no evidence. Each save appends a version; one is current.
/// </summary>
public class AssessmentAnswer
{
    public const int MaxTextLength = 2000;

    public long Id { get; set; }
    public int UnitAssessmentId { get; set; }
    public int SubCriterionId { get; set; }
    public int Version { get; set; } = 1;
    public bool IsCurrent { get; set; } = true;
    /// <summary><c>yes</c>/<c>no</c>, or a scale level's label.</summary>
    public string? Answer { get; set; }
    public decimal? Figure { get; set; }
    /// <summary>The figure was filled in from the dashboard's figures (the scorecard), not typed.</summary>
    public bool FigureFromScorecard { get; set; }
    public decimal? SelfScore { get; set; }
    public string? NoEvidenceReason { get; set; }
    public required string Author { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One version of the council's appraisal of a sub-criterion: the appraised score, a comment, and a request for
/// more evidence by a day. Appended like <see cref="AssessmentAnswer"/>.</summary>
public class AssessmentAppraisal
{
    public long Id { get; set; }
    public int UnitAssessmentId { get; set; }
    public int SubCriterionId { get; set; }
    public int Version { get; set; } = 1;
    public bool IsCurrent { get; set; } = true;
    public decimal? AppraisedScore { get; set; }
    public string Comment { get; set; } = "";
    /// <summary>Set when the council asks the unit for more evidence: the day it must answer by.</summary>
    public DateOnly? EvidenceDueOn { get; set; }
    public required string Author { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>An evidence file (tài liệu kiểm chứng), stored in PostgreSQL: never executed, never rendered as HTML.</summary>
public class AssessmentEvidence
{
    public long Id { get; set; }
    public int UnitAssessmentId { get; set; }
    public int SubCriterionId { get; set; }
    public required string FileName { get; set; }
    /// <summary>The type found from the content's first bytes, not the name or the browser's word.</summary>
    public required string ContentType { get; set; }
    public long SizeBytes { get; set; }
    public required string Sha256 { get; set; }
    public required byte[] Content { get; set; }
    public required string UploadedBy { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    /// <summary>A removed file stays stored (the appraisal may have read it) but no longer counts.</summary>
    public string? RemovedBy { get; set; }
    public DateTimeOffset? RemovedAt { get; set; }
}

/// <summary>A unit's sociological-survey score for a year (imported whole per year).</summary>
public class SurveyScore
{
    public int Year { get; set; }
    public int UnitId { get; set; }
    public decimal Score { get; set; }
    public string FileName { get; set; } = "";
    public required string ImportedBy { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
}

/// <summary>A result already published for a past year: appraised score, survey score and the maximum it was divided by.</summary>
public class PastResult
{
    public int Year { get; set; }
    public int UnitId { get; set; }
    public decimal AppraisedScore { get; set; }
    public decimal? SurveyScore { get; set; }
    public decimal MaxScore { get; set; }
    public string FileName { get; set; } = "";
    public required string ImportedBy { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
}

/// <summary>The assessment's tables (issue 23), configured from <see cref="ReformDbContext"/>.</summary>
public static class AssessmentModel
{
    private const string Points = "numeric(9,4)";
    public const int MaxNameLength = 1000, MaxEvidenceNameLength = 255;

    /// <summary>The evidence types a file may be (found from its content).</summary>
    public static readonly string[] EvidenceTypes =
    [
        "application/pdf", "image/png", "image/jpeg",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/msword", "application/vnd.ms-excel",
    ];

    /// <summary>Every assessment table's entity, for what empties the catalogue (it names units and indicators).</summary>
    public static readonly Type[] Tables =
    [
        typeof(AssessmentEvidence), typeof(AssessmentAppraisal), typeof(AssessmentAnswer), typeof(UnitAssessment), typeof(AssessmentReopening),
        typeof(AssessmentRound), typeof(AssessmentSubCriterion), typeof(AssessmentCriterion), typeof(AssessmentField), typeof(AssessmentFramework),
        typeof(SurveyScore), typeof(PastResult),
    ];

    private static UnitLevel ParseLevel(string code) =>
        CatalogueCodes.TryParseLevel(code, out var l) ? l : throw new InvalidOperationException($"Unknown level '{code}'.");

    internal static void Configure(ModelBuilder model)
    {
        var levels = new ValueConverter<List<UnitLevel>, string[]>(
            v => v.Select(l => l.ToCode()).ToArray(),
            v => v.Select(ParseLevel).ToList());
        var levelsComparer = new ValueComparer<List<UnitLevel>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, l) => HashCode.Combine(h, l)), v => v.ToList());
        var level = new ValueConverter<UnitLevel, string>(v => v.ToCode(), v => ParseLevel(v));
        const string blocks = "ARRAY['department', 'district', 'commune']::text[]";

        model.Entity<AssessmentFramework>(e =>
        {
            e.ToTable("assessment_frameworks", t =>
            {
                t.HasCheckConstraint("ck_assessment_frameworks_version", "version >= 1");
                t.HasCheckConstraint("ck_assessment_frameworks_total", "total_points > 0");
            });
            e.HasIndex(f => new { f.Year, f.Version }).IsUnique();
            e.Property(f => f.TitleVi).HasMaxLength(MaxNameLength);
            e.Property(f => f.TitleEn).HasMaxLength(MaxNameLength);
            e.Property(f => f.TotalPoints).HasColumnType(Points);
            e.Property(f => f.FileName).HasMaxLength(MaxEvidenceNameLength);
            e.Property(f => f.Sha256).HasMaxLength(64);
            e.HasOne<AssessmentFramework>().WithMany().HasForeignKey(f => f.CopiedFromId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(f => f.Fields).WithOne().HasForeignKey(f => f.FrameworkId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<AssessmentField>(e =>
        {
            e.ToTable("assessment_fields", t => t.HasCheckConstraint("ck_assessment_fields_blocks", $"applies_to <@ {blocks}"));
            e.HasIndex(f => new { f.FrameworkId, f.Code }).IsUnique();
            e.Property(f => f.Code).HasMaxLength(32);
            e.Property(f => f.NameVi).HasMaxLength(MaxNameLength);
            e.Property(f => f.NameEn).HasMaxLength(MaxNameLength);
            e.Property(f => f.MaxPoints).HasColumnType(Points);
            e.Property(f => f.AppliesTo).HasColumnType("text[]").HasConversion(levels, levelsComparer);
            e.HasMany(f => f.Criteria).WithOne().HasForeignKey(c => c.FieldId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<AssessmentCriterion>(e =>
        {
            e.ToTable("assessment_criteria", t => t.HasCheckConstraint("ck_assessment_criteria_blocks", $"applies_to <@ {blocks}"));
            e.HasIndex(c => new { c.FrameworkId, c.Code }).IsUnique();
            e.HasOne<AssessmentFramework>().WithMany().HasForeignKey(c => c.FrameworkId).OnDelete(DeleteBehavior.Cascade);
            e.Property(c => c.Code).HasMaxLength(32);
            e.Property(c => c.NameVi).HasMaxLength(MaxNameLength);
            e.Property(c => c.NameEn).HasMaxLength(MaxNameLength);
            e.Property(c => c.MaxPoints).HasColumnType(Points);
            e.Property(c => c.AppliesTo).HasColumnType("text[]").HasConversion(levels, levelsComparer);
            e.HasMany(c => c.SubCriteria).WithOne().HasForeignKey(s => s.CriterionId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<AssessmentSubCriterion>(e =>
        {
            e.ToTable("assessment_sub_criteria", t =>
            {
                t.HasCheckConstraint("ck_assessment_sub_criteria_blocks", $"applies_to <@ {blocks}");
                t.HasCheckConstraint("ck_assessment_sub_criteria_method", "method IN ('yes_no', 'figure', 'scale', 'survey')");
                t.HasCheckConstraint("ck_assessment_sub_criteria_max", "max_points > 0");
            });
            e.HasIndex(s => new { s.FrameworkId, s.Code }).IsUnique();
            e.HasOne<AssessmentFramework>().WithMany().HasForeignKey(s => s.FrameworkId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Indicator>().WithMany().HasForeignKey(s => s.IndicatorId).OnDelete(DeleteBehavior.Restrict);
            e.Property(s => s.Code).HasMaxLength(32);
            e.Property(s => s.NameVi).HasMaxLength(MaxNameLength);
            e.Property(s => s.NameEn).HasMaxLength(MaxNameLength);
            e.Property(s => s.Method).HasMaxLength(16);
            e.Property(s => s.Scale).HasMaxLength(MaxNameLength);
            e.Property(s => s.EvidenceVi).HasMaxLength(MaxNameLength);
            e.Property(s => s.MaxPoints).HasColumnType(Points);
            e.Property(s => s.AppliesTo).HasColumnType("text[]").HasConversion(levels, levelsComparer);
        });

        model.Entity<AssessmentRound>(e =>
        {
            e.ToTable("assessment_rounds", t =>
            {
                t.HasCheckConstraint("ck_assessment_rounds_window", "closes_on >= opens_on");
                t.HasCheckConstraint("ck_assessment_rounds_block", "block IN ('department', 'district', 'commune')");
                t.HasCheckConstraint("ck_assessment_rounds_state", "state IN ('open', 'closed', 'published')");
            });
            e.HasIndex(r => new { r.Year, r.Block }).IsUnique();
            e.Property(r => r.Block).HasConversion(level).HasMaxLength(16);
            e.Property(r => r.State).HasMaxLength(16);
            e.HasOne<AssessmentFramework>().WithMany().HasForeignKey(r => r.FrameworkId).OnDelete(DeleteBehavior.Restrict);
        });

        model.Entity<AssessmentReopening>(e =>
        {
            e.ToTable("assessment_reopenings");
            e.HasOne<AssessmentRound>().WithMany().HasForeignKey(r => r.RoundId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Unit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.Property(r => r.Reason).HasMaxLength(AssessmentAnswer.MaxTextLength);
            e.HasIndex(r => new { r.RoundId, r.UnitId });
        });

        model.Entity<UnitAssessment>(e =>
        {
            e.ToTable("unit_assessments", t => t.HasCheckConstraint("ck_unit_assessments_state",
                "state IN ('draft', 'submitted', 'under_appraisal', 'evidence_requested', 'final')"));
            e.HasIndex(a => new { a.RoundId, a.UnitId }).IsUnique();
            e.HasOne<AssessmentRound>().WithMany().HasForeignKey(a => a.RoundId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Unit>().WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.Property(a => a.State).HasMaxLength(24);
        });

        model.Entity<AssessmentAnswer>(e =>
        {
            e.ToTable("assessment_answers", t =>
            {
                t.HasCheckConstraint("ck_assessment_answers_version", "version >= 1");
                t.HasCheckConstraint("ck_assessment_answers_score", "self_score IS NULL OR self_score >= 0");
            });
            e.HasOne<UnitAssessment>().WithMany().HasForeignKey(a => a.UnitAssessmentId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<AssessmentSubCriterion>().WithMany().HasForeignKey(a => a.SubCriterionId).OnDelete(DeleteBehavior.Restrict);
            e.Property(a => a.Answer).HasMaxLength(200);
            e.Property(a => a.Figure).HasColumnType("numeric(18,4)");
            e.Property(a => a.SelfScore).HasColumnType(Points);
            e.Property(a => a.NoEvidenceReason).HasMaxLength(AssessmentAnswer.MaxTextLength);
            e.HasIndex(a => new { a.UnitAssessmentId, a.SubCriterionId, a.Version }).IsUnique();
            e.HasIndex(a => new { a.UnitAssessmentId, a.SubCriterionId }).IsUnique().HasFilter("is_current").HasDatabaseName("ux_assessment_answers_current");
        });

        model.Entity<AssessmentAppraisal>(e =>
        {
            e.ToTable("assessment_appraisals", t =>
            {
                t.HasCheckConstraint("ck_assessment_appraisals_version", "version >= 1");
                t.HasCheckConstraint("ck_assessment_appraisals_score", "appraised_score IS NULL OR appraised_score >= 0");
            });
            e.HasOne<UnitAssessment>().WithMany().HasForeignKey(a => a.UnitAssessmentId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<AssessmentSubCriterion>().WithMany().HasForeignKey(a => a.SubCriterionId).OnDelete(DeleteBehavior.Restrict);
            e.Property(a => a.AppraisedScore).HasColumnType(Points);
            e.Property(a => a.Comment).HasMaxLength(AssessmentAnswer.MaxTextLength);
            e.HasIndex(a => new { a.UnitAssessmentId, a.SubCriterionId, a.Version }).IsUnique();
            e.HasIndex(a => new { a.UnitAssessmentId, a.SubCriterionId }).IsUnique().HasFilter("is_current").HasDatabaseName("ux_assessment_appraisals_current");
        });

        model.Entity<AssessmentEvidence>(e =>
        {
            e.ToTable("assessment_evidence", t =>
            {
                t.HasCheckConstraint("ck_assessment_evidence_size", "size_bytes = octet_length(content)");
                t.HasCheckConstraint("ck_assessment_evidence_type", "content_type IN (" + string.Join(", ", EvidenceTypes.Select(x => $"'{x}'")) + ")");
                t.HasCheckConstraint("ck_assessment_evidence_sha256", "sha256 ~ '^[0-9a-f]{64}$'");
            });
            e.HasOne<UnitAssessment>().WithMany().HasForeignKey(a => a.UnitAssessmentId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<AssessmentSubCriterion>().WithMany().HasForeignKey(a => a.SubCriterionId).OnDelete(DeleteBehavior.Restrict);
            e.Property(a => a.FileName).HasMaxLength(MaxEvidenceNameLength);
            e.Property(a => a.ContentType).HasMaxLength(100);
            e.Property(a => a.Sha256).HasMaxLength(64);
            e.HasIndex(a => new { a.UnitAssessmentId, a.SubCriterionId });
        });

        model.Entity<SurveyScore>(e =>
        {
            e.ToTable("assessment_survey_scores", t => t.HasCheckConstraint("ck_assessment_survey_scores_score", "score >= 0"));
            e.HasKey(s => new { s.Year, s.UnitId });
            e.HasOne<Unit>().WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.Property(s => s.Score).HasColumnType(Points);
            e.Property(s => s.FileName).HasMaxLength(MaxEvidenceNameLength);
        });

        model.Entity<PastResult>(e =>
        {
            e.ToTable("assessment_past_results", t =>
            {
                t.HasCheckConstraint("ck_assessment_past_results_scores", "appraised_score >= 0 AND coalesce(survey_score, 0) >= 0 AND max_score > 0");
                t.HasCheckConstraint("ck_assessment_past_results_max", "appraised_score + coalesce(survey_score, 0) <= max_score");
            });
            e.HasKey(r => new { r.Year, r.UnitId });
            e.HasOne<Unit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.Property(r => r.AppraisedScore).HasColumnType(Points);
            e.Property(r => r.SurveyScore).HasColumnType(Points);
            e.Property(r => r.MaxScore).HasColumnType(Points);
            e.Property(r => r.FileName).HasMaxLength(MaxEvidenceNameLength);
        });
    }
}
