using System.Globalization;
using System.Text.Json;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Domain.Assessment;
using HaNoi.ReformDashboard.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Data.Assessment;

/// <summary>A framework version as stored: its id, year, version, title and the domain model.</summary>
public sealed record StoredFramework(int Id, int Year, int Version, string TitleVi, string TitleEn, bool IsSample, Framework Framework);

/// <summary>
/// Framework versions: a checked file becomes the year's next version (never an edit of one a round may be using), the
/// year's current framework is its latest version, and a copy makes the next year's first (or next) version.
/// </summary>
public static class FrameworkStore
{
    public const string ImportAction = "assessment.framework.import", CopyAction = "assessment.framework.copy";

    /// <summary>The year's current version; null when the year has none.</summary>
    public static async Task<StoredFramework?> CurrentAsync(ReformDbContext db, int year, CancellationToken ct = default)
    {
        var head = await db.AssessmentFrameworks.AsNoTracking().Where(f => f.Year == year).OrderByDescending(f => f.Version).FirstOrDefaultAsync(ct);
        return head is null ? null : await LoadAsync(db, head, ct);
    }

    public static async Task<StoredFramework> LoadAsync(ReformDbContext db, AssessmentFramework head, CancellationToken ct = default)
    {
        var fields = await db.AssessmentFields.AsNoTracking().Where(f => f.FrameworkId == head.Id).OrderBy(f => f.SortOrder).ToListAsync(ct);
        var criteria = await db.AssessmentCriteria.AsNoTracking().Where(c => c.FrameworkId == head.Id).OrderBy(c => c.SortOrder).ToListAsync(ct);
        var subs = await db.AssessmentSubCriteria.AsNoTracking().Where(s => s.FrameworkId == head.Id).OrderBy(s => s.SortOrder).ToListAsync(ct);
        var indicatorIds = subs.Where(s => s.IndicatorId is not null).Select(s => s.IndicatorId!.Value).Distinct().ToList();
        var indicators = await db.Indicators.AsNoTracking().Where(i => indicatorIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Code, ct);
        var framework = new Framework(head.Year, head.TotalPoints, [.. fields.Select(f => new Field(f.Code, f.NameVi, f.NameEn, f.MaxPoints, f.AppliesTo.ToHashSet(),
            [.. criteria.Where(c => c.FieldId == f.Id).Select(c => new Criterion(c.Code, c.NameVi, c.NameEn, c.MaxPoints, c.AppliesTo.ToHashSet(),
                [.. subs.Where(s => s.CriterionId == c.Id).Select(s => ToDomain(s, s.IndicatorId is { } id ? indicators[id] : null))]))]))]);
        return new StoredFramework(head.Id, head.Year, head.Version, head.TitleVi, head.TitleEn, head.IsSample, framework);
    }

    private static SubCriterion ToDomain(AssessmentSubCriterion s, string? indicator)
    {
        AssessmentCodes.TryParseMethod(s.Method, out var method);
        IReadOnlyList<ThresholdStep> steps = [];
        IReadOnlyList<ScaleLevel> levels = [];
        if (method == ScoringMethod.Figure) ScaleNotation.TryParseSteps(s.Scale, out steps);
        if (method == ScoringMethod.Scale) ScaleNotation.TryParseLevels(s.Scale, out levels);
        return new SubCriterion(s.Code, s.NameVi, s.NameEn, s.MaxPoints, method, steps, levels, s.EvidenceVi, s.AppliesTo.ToHashSet(), indicator);
    }

    /// <summary>Stores a checked file as the year's next version, with its audit entry, in one transaction (the caller's, when one is open).</summary>
    public static async Task<StoredFramework> CommitAsync(ReformDbContext db, FrameworkFile file, byte[]? content, string actor, DateTimeOffset at,
        bool isSample = false, CancellationToken ct = default)
    {
        if (!file.IsValid) throw new InvalidOperationException("A framework file with problems is not stored.");
        var sha = content is null ? "" : Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(content)).ToLowerInvariant();
        return await AddVersionAsync(db, file.Framework!, file.TitleVi, file.TitleEn, isSample, file.FileName, sha, null, actor, at, ImportAction, ct);
    }

    /// <summary>Copies the current version of <paramref name="fromYear"/> as the next version of <paramref name="toYear"/>; null when the year has none.</summary>
    public static async Task<StoredFramework?> CopyAsync(ReformDbContext db, int fromYear, int toYear, string actor, DateTimeOffset at, CancellationToken ct = default)
    {
        var source = await CurrentAsync(db, fromYear, ct);
        if (source is null) return null;
        var title = (source.TitleVi.Replace(fromYear.ToString(CultureInfo.InvariantCulture), toYear.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal),
            source.TitleEn.Replace(fromYear.ToString(CultureInfo.InvariantCulture), toYear.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        return await AddVersionAsync(db, source.Framework with { Year = toYear }, title.Item1, title.Item2, source.IsSample, "", "", source.Id, actor, at, CopyAction, ct);
    }

    private static async Task<StoredFramework> AddVersionAsync(ReformDbContext db, Framework framework, string titleVi, string titleEn, bool isSample,
        string fileName, string sha256, int? copiedFrom, string actor, DateTimeOffset at, string action, CancellationToken ct)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            // One writer per year at a time: two loads cannot both take the same version number.
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(23, {0})", [framework.Year], ct);
            var version = 1 + (await db.AssessmentFrameworks.Where(f => f.Year == framework.Year).MaxAsync(f => (int?)f.Version, ct) ?? 0);
            var codes = framework.SubCriteria.Select(s => s.IndicatorCode).OfType<string>().Distinct().ToList();
            var indicators = await db.Indicators.Where(i => codes.Contains(i.Code)).ToDictionaryAsync(i => i.Code, i => i.Id, ct);
            var head = new AssessmentFramework
            {
                Year = framework.Year, Version = version, TitleVi = titleVi, TitleEn = titleEn, TotalPoints = framework.TotalPoints, IsSample = isSample,
                FileName = fileName, Sha256 = sha256, CopiedFromId = copiedFrom, LoadedBy = actor, LoadedAt = at,
            };
            db.AssessmentFrameworks.Add(head);
            await db.SaveChangesAsync(ct);
            var order = 0;
            foreach (var f in framework.Fields)
            {
                var field = new AssessmentField { FrameworkId = head.Id, Code = f.Code, NameVi = f.NameVi, NameEn = f.NameEn, MaxPoints = f.MaxPoints, AppliesTo = Ordered(f.AppliesTo), SortOrder = ++order };
                foreach (var c in f.Criteria)
                {
                    var criterion = new AssessmentCriterion { FrameworkId = head.Id, Code = c.Code, NameVi = c.NameVi, NameEn = c.NameEn, MaxPoints = c.MaxPoints, AppliesTo = Ordered(c.AppliesTo), SortOrder = ++order };
                    criterion.SubCriteria.AddRange(c.SubCriteria.Select(s => new AssessmentSubCriterion
                    {
                        FrameworkId = head.Id, Code = s.Code, NameVi = s.NameVi, NameEn = s.NameEn, MaxPoints = s.MaxPoints, Method = s.Method.ToCode(),
                        Scale = s.Method switch { ScoringMethod.Figure => ScaleNotation.Write(s.Steps), ScoringMethod.Scale => ScaleNotation.Write(s.Levels), _ => "" },
                        EvidenceVi = s.EvidenceVi, AppliesTo = Ordered(s.AppliesTo), IndicatorId = s.IndicatorCode is { } code ? indicators[code] : null, SortOrder = ++order,
                    }));
                    field.Criteria.Add(criterion);
                }
                head.Fields.Add(field);
            }
            await db.SaveChangesAsync(ct);
            db.AuditLog.Add(new AuditEntry
            {
                At = at, Actor = actor, Action = action, Entity = "assessment_frameworks",
                EntityKey = string.Create(CultureInfo.InvariantCulture, $"{framework.Year} v{version}"),
                Details = JsonSerializer.Serialize(new
                {
                    year = framework.Year, version, file = fileName, sha256, copiedFrom, total = framework.TotalPoints, fields = framework.Fields.Count,
                    criteria = framework.Fields.Sum(f => f.Criteria.Count), subCriteria = framework.SubCriteria.Count(),
                }),
            });
            await db.SaveChangesAsync(ct);
            if (own is not null) await own.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return new StoredFramework(head.Id, framework.Year, version, titleVi, titleEn, isSample, framework);
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    private static List<UnitLevel> Ordered(IEnumerable<UnitLevel> levels) => [.. levels.Distinct().Order()];
}
