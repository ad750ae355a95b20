using HaNoi.ReformDashboard.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HaNoi.ReformDashboard.Data.Schema;

public class ReformDbContext(DbContextOptions<ReformDbContext> options) : DbContext(options)
{
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<UnitVersion> UnitVersions => Set<UnitVersion>();
    public DbSet<UnitLineage> UnitLineage => Set<UnitLineage>();
    public DbSet<PlanYearIndicator> PlanYearIndicators => Set<PlanYearIndicator>();
    public DbSet<Pillar> Pillars => Set<Pillar>();
    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<PlanYear> PlanYears => Set<PlanYear>();
    public DbSet<Target> Targets => Set<Target>();
    public DbSet<TargetRevision> TargetRevisions => Set<TargetRevision>();
    public DbSet<Measurement> Measurements => Set<Measurement>();
    public DbSet<Explanation> Explanations => Set<Explanation>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<Dossiers.Procedure> Procedures => Set<Dossiers.Procedure>();
    public DbSet<Dossiers.DossierApiKey> DossierApiKeys => Set<Dossiers.DossierApiKey>();
    public DbSet<Dossiers.DossierPush> DossierPushes => Set<Dossiers.DossierPush>();
    public DbSet<Holidays.CalendarException> CalendarExceptions => Set<Holidays.CalendarException>();
    public DbSet<Assessment.AssessmentFramework> AssessmentFrameworks => Set<Assessment.AssessmentFramework>();
    public DbSet<Assessment.AssessmentField> AssessmentFields => Set<Assessment.AssessmentField>();
    public DbSet<Assessment.AssessmentCriterion> AssessmentCriteria => Set<Assessment.AssessmentCriterion>();
    public DbSet<Assessment.AssessmentSubCriterion> AssessmentSubCriteria => Set<Assessment.AssessmentSubCriterion>();
    public DbSet<Assessment.AssessmentRound> AssessmentRounds => Set<Assessment.AssessmentRound>();
    public DbSet<Assessment.AssessmentReopening> AssessmentReopenings => Set<Assessment.AssessmentReopening>();
    public DbSet<Assessment.UnitAssessment> UnitAssessments => Set<Assessment.UnitAssessment>();
    public DbSet<Assessment.AssessmentAnswer> AssessmentAnswers => Set<Assessment.AssessmentAnswer>();
    public DbSet<Assessment.AssessmentAppraisal> AssessmentAppraisals => Set<Assessment.AssessmentAppraisal>();
    public DbSet<Assessment.AssessmentEvidence> AssessmentEvidence => Set<Assessment.AssessmentEvidence>();
    public DbSet<Assessment.SurveyScore> SurveyScores => Set<Assessment.SurveyScore>();
    public DbSet<Assessment.PastResult> PastResults => Set<Assessment.PastResult>();

    // Figures are exact decimals: a threshold comparison must never see binary floating point.
    private const string Figure = "numeric(18,4)";

    protected override void OnModelCreating(ModelBuilder model)
    {
        var level = new ValueConverter<UnitLevel, string>(v => v.ToCode(), v => ParseLevel(v));
        var op = new ValueConverter<ComparisonOperator, string>(v => v.ToCode(), v => ParseOperator(v));

        model.Entity<Unit>(e =>
        {
            e.ToTable("units");
            e.HasIndex(u => u.Key).IsUnique();
            e.Property(u => u.Key).HasMaxLength(64);
            e.HasMany(u => u.Versions).WithOne(v => v.Unit).HasForeignKey(v => v.UnitId).OnDelete(DeleteBehavior.Restrict);
        });

        // The exclusion constraints (no overlapping versions of a unit, one unit per code at a time) and the
        // units_in_force function are written in the migration UnitVersions: EF has no model for them.
        model.Entity<UnitVersion>(e =>
        {
            e.ToTable("unit_versions", t => t.HasCheckConstraint("ck_unit_versions_validity", "valid_to IS NULL OR valid_to >= valid_from"));
            e.Property(u => u.Code).HasMaxLength(32);
            e.Property(u => u.Level).HasConversion(level).HasMaxLength(16);
            e.HasOne<Unit>().WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(u => new { u.UnitId, u.ValidFrom });
            e.HasIndex(u => new { u.Code, u.ValidFrom });
        });

        model.Entity<UnitLineage>(e =>
        {
            e.ToTable("unit_lineage", t => t.HasCheckConstraint("ck_unit_lineage_not_self", "predecessor_id <> successor_id"));
            e.HasOne<Unit>().WithMany().HasForeignKey(l => l.PredecessorId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Unit>().WithMany().HasForeignKey(l => l.SuccessorId).OnDelete(DeleteBehavior.Restrict);
            e.Property(l => l.Kind).HasConversion(new ValueConverter<LineageKind, string>(v => v.ToCode(), v => ParseCode<LineageKind>(v, CatalogueCodes.TryParseLineageKind))).HasMaxLength(16);
            e.HasIndex(l => new { l.PredecessorId, l.SuccessorId, l.Kind }).IsUnique();
            e.HasIndex(l => l.SuccessorId);
        });

        model.Entity<Pillar>(e =>
        {
            e.ToTable("pillars");
            e.HasKey(p => p.Code);
            e.Property(p => p.Code).HasMaxLength(16);
        });

        model.Entity<Indicator>(e =>
        {
            e.ToTable("indicators");
            e.HasIndex(i => i.Code).IsUnique();
            e.Property(i => i.Code).HasMaxLength(64);
            e.HasOne(i => i.Pillar).WithMany().HasForeignKey(i => i.PillarCode).OnDelete(DeleteBehavior.Restrict);
            e.Property(i => i.Kind).HasConversion(new ValueConverter<IndicatorKind, string>(v => v.ToCode(), v => Parse<IndicatorKind>(v))).HasMaxLength(16);
            e.Property(i => i.Rollup).HasConversion(new ValueConverter<Rollup, string>(v => v.ToCode(), v => Parse<Rollup>(v))).HasMaxLength(16);
            e.Property(i => i.Frequency).HasConversion(new ValueConverter<Frequency, string>(v => v.ToCode(), v => Parse<Frequency>(v))).HasMaxLength(16);
            e.Property(i => i.CityFigure).HasConversion(new ValueConverter<CityFigure, string>(v => v.ToCode(), v => ParseCode<CityFigure>(v, CatalogueCodes.TryParseCityFigure))).HasMaxLength(16);
        });

        model.Entity<PlanYearIndicator>(e =>
        {
            e.ToTable("plan_year_indicators");
            e.HasKey(p => new { p.PlanYear, p.IndicatorId });
            e.HasOne<PlanYear>().WithMany().HasForeignKey(p => p.PlanYear).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(p => p.Indicator).WithMany().HasForeignKey(p => p.IndicatorId).OnDelete(DeleteBehavior.Restrict);
            e.Property(p => p.Levels).HasColumnType("text[]")
                .HasConversion(
                    new ValueConverter<List<UnitLevel>, string[]>(v => v.Select(l => l.ToCode()).ToArray(), v => v.Select(ParseLevel).ToList()),
                    new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<UnitLevel>>(
                        (a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, l) => HashCode.Combine(h, l)), v => v.ToList()));
            e.Property(p => p.Tolerance).HasColumnType("numeric(9,4)");
        });

        model.Entity<PlanYear>(e =>
        {
            e.ToTable("plan_years");
            e.HasKey(p => p.Year);
            e.Property(p => p.Year).ValueGeneratedNever();
        });

        model.Entity<Target>(e =>
        {
            e.ToTable("targets");
            e.HasOne<PlanYear>().WithMany().HasForeignKey(t => t.PlanYear).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(t => t.Indicator).WithMany().HasForeignKey(t => t.IndicatorId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(t => t.Unit).WithMany().HasForeignKey(t => t.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.Property(t => t.Level).HasConversion(new ValueConverter<UnitLevel?, string?>(
                v => v.HasValue ? v.Value.ToCode() : null, v => v == null ? null : ParseLevel(v))).HasMaxLength(16);
            e.Property(t => t.Operator).HasConversion(op).HasMaxLength(2);
            e.Property(t => t.Threshold).HasColumnType(Figure);
            // One target per plan year × indicator × scope; NULL scope parts count as equal.
            e.HasIndex(t => new { t.PlanYear, t.IndicatorId, t.Level, t.UnitId }).IsUnique().AreNullsDistinct(false);
        });

        model.Entity<TargetRevision>(e =>
        {
            e.ToTable("target_revisions", t => t.HasCheckConstraint("ck_target_revisions_revision", "revision >= 1"));
            e.HasOne<PlanYear>().WithMany().HasForeignKey(r => r.PlanYear).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Indicator>().WithMany().HasForeignKey(r => r.IndicatorId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Unit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.Property(r => r.Level).HasConversion(new ValueConverter<UnitLevel?, string?>(
                v => v.HasValue ? v.Value.ToCode() : null, v => v == null ? null : ParseLevel(v))).HasMaxLength(16);
            e.Property(r => r.Operator).HasConversion(op).HasMaxLength(2);
            e.Property(r => r.Threshold).HasColumnType(Figure);
            // A target's history in order; two writers of one target cannot both take the same number.
            e.HasIndex(r => new { r.TargetId, r.Revision }).IsUnique();
        });

        model.Entity<Measurement>(e =>
        {
            e.ToTable("measurements", t =>
            {
                t.HasCheckConstraint("ck_measurements_month", "extract(day from period) = 1");
                t.HasCheckConstraint("ck_measurements_non_negative", "coalesce(numerator, 0) >= 0 AND coalesce(denominator, 0) >= 0");
                t.HasCheckConstraint("ck_measurements_ratio", "numerator IS NULL OR denominator IS NULL OR numerator <= denominator");
                t.HasCheckConstraint("ck_measurements_revision", "revision >= 1");
            });
            e.HasOne<Unit>().WithMany().HasForeignKey(m => m.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Indicator>().WithMany().HasForeignKey(m => m.IndicatorId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<ImportBatch>().WithMany().HasForeignKey(m => m.ImportBatchId).OnDelete(DeleteBehavior.Restrict);
            e.Property(m => m.Numerator).HasColumnType(Figure);
            e.Property(m => m.Denominator).HasColumnType(Figure);
            e.Property(m => m.Value).HasColumnType(Figure);
            // A duplicate measurement within one revision is impossible...
            e.HasIndex(m => new { m.UnitId, m.IndicatorId, m.Period, m.Revision }).IsUnique();
            // ...and so is a second current figure for the same month.
            e.HasIndex(m => new { m.UnitId, m.IndicatorId, m.Period }).IsUnique().HasFilter("is_current")
                .HasDatabaseName("ux_measurements_current");
            // "All units of a level for a period" scans by indicator and month over current rows.
            e.HasIndex(m => new { m.IndicatorId, m.Period }).HasFilter("is_current")
                .IncludeProperties(m => new { m.UnitId, m.Numerator, m.Denominator, m.Value })
                .HasDatabaseName("ix_measurements_indicator_period_current");
            // "One unit's months" (unit page, revision history).
            e.HasIndex(m => new { m.UnitId, m.Period });
        });

        model.Entity<Explanation>(e =>
        {
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Indicator>().WithMany().HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.Restrict);
            e.ToTable("explanations", t => t.HasCheckConstraint("ck_explanations_revision", "revision >= 1"));
            e.Property(x => x.Period).HasMaxLength(16);
            e.Property(x => x.Cause).HasMaxLength(Explanation.MaxTextLength);
            e.Property(x => x.Remedy).HasMaxLength(Explanation.MaxTextLength).HasDefaultValue("");
            e.Property(x => x.Revision).HasDefaultValue(1);
            e.Property(x => x.IsCurrent).HasDefaultValue(true);
            e.HasIndex(x => new { x.UnitId, x.IndicatorId, x.Period, x.Revision }).IsUnique();
            // One current version per unit × indicator × period: two editors cannot both make theirs the latest.
            e.HasIndex(x => new { x.UnitId, x.IndicatorId, x.Period }).IsUnique().HasFilter("is_current")
                .HasDatabaseName("ux_explanations_current");
            // The scorecard reads a period's current explanations.
            e.HasIndex(x => x.Period).HasFilter("is_current").HasDatabaseName("ix_explanations_period_current");
        });

        model.Entity<ImportBatch>(e =>
        {
            e.ToTable("import_batches");
            e.Property(b => b.Kind).HasMaxLength(16).HasDefaultValue("seed");
            e.Property(b => b.Sha256).HasMaxLength(64);
            // "The same file again" is found by its hash; a batch is reverted at most once.
            e.HasIndex(b => b.Sha256);
            e.HasOne<ImportBatch>().WithMany().HasForeignKey(b => b.RevertsBatchId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(b => b.RevertsBatchId).IsUnique();
        });

        model.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit_log");
            e.Property(a => a.Details).HasColumnType("jsonb");
            // No foreign key to units: the log outlives what it speaks of (an append-only table cannot give way when
            // the catalogue is replaced), so an entry may name a unit that is gone.
            // The hash is the database's: a trigger sets it (and the id, in chain order) as the row goes in.
            e.Property(a => a.Hash).HasMaxLength(64).ValueGeneratedOnAdd();
            e.Property(a => a.Hash).Metadata.SetBeforeSaveBehavior(PropertySaveBehavior.Ignore);
            e.Property(a => a.Hash).Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
            e.HasIndex(a => a.At);
            // The audit page filters by unit or by actor, newest first.
            e.HasIndex(a => new { a.UnitId, a.At });
            e.HasIndex(a => new { a.Actor, a.At });
        });

        // The dossier tables themselves are partitioned: hand-written in the migration Dossiers.
        Dossiers.Procedure.Configure(model);
        // The push API's keys and the batches pushed (issue 20).
        Dossiers.DossierApiKey.Configure(model);
        Dossiers.DossierPush.Configure(model);
        // Public holidays and swapped working days, read by working_days_between (issue 21).
        Holidays.CalendarException.Configure(model);
        // The administrative-reform index of the city's units: frameworks, rounds, self-assessment, appraisal (issue 23).
        Assessment.AssessmentModel.Configure(model);

        // Snake-case names read naturally in psql and in the hand-written aggregation SQL.
        foreach (var entity in model.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
                property.SetColumnName(SnakeCase(property.Name));
        }
    }

    private static UnitLevel ParseLevel(string v) => CatalogueCodes.TryParseLevel(v, out var l) ? l : throw new InvalidOperationException($"Unknown level '{v}'.");
    private static ComparisonOperator ParseOperator(string v) => CatalogueCodes.TryParseOperator(v, out var o) ? o : throw new InvalidOperationException($"Unknown operator '{v}'.");
    private delegate bool TryParse<T>(string? text, out T value);
    private static T ParseCode<T>(string v, TryParse<T> parse) => parse(v, out var value) ? value : throw new InvalidOperationException($"Unknown {typeof(T).Name} '{v}'.");
    private static T Parse<T>(string v) where T : struct, Enum => Enum.Parse<T>(v, ignoreCase: true);

    internal static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
