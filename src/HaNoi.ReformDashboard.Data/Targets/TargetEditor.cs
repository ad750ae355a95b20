using System.Globalization;
using System.Text;
using System.Text.Json;
using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HaNoi.ReformDashboard.Data.Targets;

/// <summary>Where a target applies: every level (no level, no unit), one level, or one unit (by its code in that year).</summary>
public sealed record TargetScope(int PlanYear, string IndicatorCode, UnitLevel? Level = null, string? UnitCode = null);

/// <summary>What a target says. The operator is its code (">", ">=", "<=", "<", "="), as a form or a file gives it.</summary>
public sealed record TargetValues(string Operator, decimal? Threshold, bool Aspirational, string SourceVi);

public sealed record TargetEditResult(int? TargetId, int? Revision, IReadOnlyList<TargetProblem> Problems)
{
    public bool Ok => Problems.Count == 0;
    public static TargetEditResult Refused(params TargetProblem[] problems) => new(null, null, problems);
}

/// <summary>
/// Adds, changes and removes a plan year's targets. Every input is checked first (every problem is reported, each
/// naming its field); a refused change writes nothing. An accepted one writes, in one transaction, the target, a
/// new revision in target_revisions and an audit entry (old → new, and why). The scorecard follows by itself: the
/// data_version trigger on targets moves in the same transaction.
/// </summary>
public static class TargetEditor
{
    public const string CreateAction = "target.create";
    public const string UpdateAction = "target.update";
    public const string RemoveAction = "target.remove";
    public const int MaxReasonLength = 2000;
    public const int MaxSourceLength = 4000;

    public static async Task<TargetEditResult> CreateAsync(ReformDbContext db, TargetScope scope, TargetValues values, string reason, string actor, DateTimeOffset now, CancellationToken ct = default)
    {
        var problems = new List<TargetProblem>();
        CheckReason(reason, problems);
        var year = scope.PlanYear;
        if (!await db.PlanYears.AnyAsync(p => p.Year == year, ct))
            return TargetEditResult.Refused([.. problems, new TargetProblem("plan_year", "PlanYearUnknown", year)]);

        var code = (scope.IndicatorCode ?? "").Trim();
        var entry = await db.PlanYearIndicators.AsNoTracking().Include(p => p.Indicator)
            .SingleOrDefaultAsync(p => p.PlanYear == year && p.Indicator!.Code == code, ct);
        if (entry is null) problems.Add(new TargetProblem("indicator", "IndicatorUnknown", code, year));
        var op = CheckValues(values, entry?.Indicator!.Kind, problems);

        int? unitId = null;
        var unitCode = scope.UnitCode?.Trim();
        if (scope.Level is not null && !string.IsNullOrEmpty(unitCode))
        {
            problems.Add(new TargetProblem("scope", "ScopeBoth"));
        }
        else if (unitCode is not null)
        {
            if (unitCode.Length == 0)
            {
                problems.Add(new TargetProblem("unit", "UnitRequired"));
            }
            else if (await CatalogueUnits.ByCodeAsync(db, unitCode, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), ct) is not { } unit)
            {
                problems.Add(new TargetProblem("unit", "UnitNotInForce", unitCode, year));
            }
            else
            {
                unitId = unit.Id;
                if (entry is not null && !entry.Levels.Contains(unit.Info.Level))
                    problems.Add(new TargetProblem("unit", "LevelNotReported", unit.Info.Level, code, year));
            }
        }
        else if (scope.Level is { } level && entry is not null && !entry.Levels.Contains(level))
        {
            problems.Add(new TargetProblem("scope", "LevelNotReported", level, code, year));
        }

        if (entry is not null && problems.All(p => p.Field is not ("scope" or "unit"))
            && await db.Targets.AnyAsync(t => t.PlanYear == year && t.IndicatorId == entry.IndicatorId && t.Level == scope.Level && t.UnitId == unitId, ct))
            problems.Add(new TargetProblem("scope", "DuplicateScope", code, year));
        if (problems.Count > 0) return TargetEditResult.Refused([.. problems]);

        var target = new Target
        {
            PlanYear = year, IndicatorId = entry!.IndicatorId, Level = scope.Level, UnitId = unitId,
            Operator = op, Threshold = values.Threshold!.Value, Aspirational = values.Aspirational, SourceVi = Clean(values.SourceVi),
        };
        return await WriteAsync(db, async () =>
        {
            db.Targets.Add(target);
            await db.SaveChangesAsync(ct);
            var revision = Revision(target, 1, removed: false, reason, actor, now);
            db.TargetRevisions.Add(revision);
            db.AuditLog.Add(Audit(CreateAction, target, code, unitCode, revision, before: null, after: State(target), actor, now));
            await db.SaveChangesAsync(ct);
            return new TargetEditResult(target.Id, 1, []);
        }, code, year, ct);
    }

    public static async Task<TargetEditResult> UpdateAsync(ReformDbContext db, int targetId, TargetValues values, string reason, string actor, DateTimeOffset now, CancellationToken ct = default) =>
        await ChangeAsync(db, targetId, values, reason, actor, now, ct);

    public static async Task<TargetEditResult> RemoveAsync(ReformDbContext db, int targetId, string reason, string actor, DateTimeOffset now, CancellationToken ct = default) =>
        await ChangeAsync(db, targetId, values: null, reason, actor, now, ct);

    /// <summary>The revisions of a target, oldest first (a removed target's too).</summary>
    public static Task<List<TargetRevision>> HistoryAsync(ReformDbContext db, int targetId, CancellationToken ct = default) =>
        db.TargetRevisions.AsNoTracking().Where(r => r.TargetId == targetId).OrderBy(r => r.Revision).ToListAsync(ct);

    private static async Task<TargetEditResult> ChangeAsync(ReformDbContext db, int targetId, TargetValues? values, string reason, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var problems = new List<TargetProblem>();
        CheckReason(reason, problems);
        var current = await db.Targets.AsNoTracking().Include(t => t.Indicator).SingleOrDefaultAsync(t => t.Id == targetId, ct);
        if (current is null) return TargetEditResult.Refused([.. problems, new TargetProblem("target", "TargetGone", targetId)]);
        var op = values is null ? current.Operator : CheckValues(values, current.Indicator!.Kind, problems);
        if (values is not null && problems.Count == 0 && op == current.Operator && values.Threshold == current.Threshold
            && values.Aspirational == current.Aspirational && Clean(values.SourceVi) == current.SourceVi)
            problems.Add(new TargetProblem("target", "NothingChanged"));
        if (problems.Count > 0) return TargetEditResult.Refused([.. problems]);

        var code = current.Indicator!.Code;
        return await WriteAsync(db, async () =>
        {
            // The row lock makes two editors of one target take turns; the second sees the first's revision.
            var target = await db.Targets.FromSqlRaw("SELECT * FROM targets WHERE id = {0} FOR UPDATE", targetId).SingleOrDefaultAsync(ct);
            if (target is null) return TargetEditResult.Refused(new TargetProblem("target", "TargetGone", targetId));
            var before = State(target);
            var last = await db.TargetRevisions.Where(r => r.TargetId == targetId).MaxAsync(r => (int?)r.Revision, ct);
            if (last is null)
            {
                // A target that predates its first change (seeded, copied from another year): its earlier state is
                // revision 1, with no author, so the history starts from what it was.
                db.TargetRevisions.Add(Revision(target, 1, removed: false, "", "", now));
                last = 1;
            }
            var unitCode = target.UnitId is { } unitId ? await UnitCodeAsync(db, unitId, target.PlanYear, ct) : null;
            if (values is null)
            {
                db.Targets.Remove(target);
            }
            else
            {
                (target.Operator, target.Threshold, target.Aspirational, target.SourceVi) = (op, values.Threshold!.Value, values.Aspirational, Clean(values.SourceVi));
            }
            var revision = Revision(target, last.Value + 1, removed: values is null, reason, actor, now);
            db.TargetRevisions.Add(revision);
            db.AuditLog.Add(Audit(values is null ? RemoveAction : UpdateAction, target, code, unitCode, revision, before, values is null ? null : State(target), actor, now));
            await db.SaveChangesAsync(ct);
            return new TargetEditResult(targetId, revision.Revision, []);
        }, code, current.PlanYear, ct);
    }

    /// <summary>One transaction around the write; a scope taken meanwhile (the unique index) or a revision number
    /// taken meanwhile becomes a message, and nothing of the change stays.</summary>
    private static async Task<TargetEditResult> WriteAsync(ReformDbContext db, Func<Task<TargetEditResult>> write, string code, int year, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var result = await write();
            if (result.Ok) await tx.CommitAsync(ct);
            return result;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
        {
            db.ChangeTracker.Clear();
            return unique.TableName == "targets"
                ? TargetEditResult.Refused(new TargetProblem("scope", "DuplicateScope", code, year))
                : TargetEditResult.Refused(new TargetProblem("target", "Conflict"));
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }
    }

    private static void CheckReason(string? reason, List<TargetProblem> problems)
    {
        var text = Clean(reason);
        if (text.Length == 0) problems.Add(new TargetProblem("reason", "ReasonRequired"));
        else if (text.Length > MaxReasonLength) problems.Add(new TargetProblem("reason", "ReasonTooLong", MaxReasonLength));
    }

    /// <summary>The operator from the list, and a threshold the indicator's kind can hold.</summary>
    private static ComparisonOperator CheckValues(TargetValues values, IndicatorKind? kind, List<TargetProblem> problems)
    {
        if (!CatalogueCodes.TryParseOperator(values.Operator?.Trim(), out var op))
            problems.Add(new TargetProblem("operator", "OperatorUnknown", values.Operator ?? "", string.Join(", ", Enum.GetValues<ComparisonOperator>().Select(o => o.ToCode()))));
        if (Clean(values.SourceVi).Length > MaxSourceLength) problems.Add(new TargetProblem("source_vi", "SourceTooLong", MaxSourceLength));
        if (values.Threshold is not { } t)
        {
            problems.Add(new TargetProblem("threshold", "ThresholdRequired"));
            return op;
        }
        var problem = kind switch
        {
            IndicatorKind.Ratio or IndicatorKind.Value when t is < 0 or > 100 => "ThresholdPercent",
            IndicatorKind.Rank when t is < 1 or > Ranks.Lowest || t != decimal.Truncate(t) => "ThresholdRank",
            IndicatorKind.Milestone when t != 1 => "ThresholdMilestone",
            _ => null,
        };
        if (problem is not null) problems.Add(new TargetProblem("threshold", problem, t));
        return op;
    }

    /// <summary>Text as typed, composed (NFC) and trimmed: one spelling of each Vietnamese letter.</summary>
    private static string Clean(string? text) => (text ?? "").Normalize(NormalizationForm.FormC).Trim();

    private static TargetRevision Revision(Target t, int number, bool removed, string reason, string actor, DateTimeOffset now) => new()
    {
        TargetId = t.Id, PlanYear = t.PlanYear, IndicatorId = t.IndicatorId, Level = t.Level, UnitId = t.UnitId, Revision = number,
        Operator = t.Operator, Threshold = t.Threshold, Aspirational = t.Aspirational, SourceVi = t.SourceVi, Removed = removed,
        Reason = Clean(reason), ChangedBy = actor, ChangedAt = now.ToUniversalTime(),
    };

    private sealed record TargetState(string Operator, decimal Threshold, bool Aspirational, string SourceVi);

    private static TargetState State(Target t) => new(t.Operator.ToCode(), t.Threshold, t.Aspirational, t.SourceVi);

    private static AuditEntry Audit(string action, Target t, string indicator, string? unitCode, TargetRevision revision, TargetState? before, TargetState? after, string actor, DateTimeOffset now) => new()
    {
        At = now.ToUniversalTime(), Actor = actor, Action = action, Entity = "target",
        EntityKey = t.Id.ToString(CultureInfo.InvariantCulture), UnitId = t.UnitId,
        Details = JsonSerializer.Serialize(new
        {
            plan_year = t.PlanYear, indicator, level = t.Level?.ToCode(), unit = unitCode, revision = revision.Revision,
            reason = revision.Reason, old = before, @new = after,
        }, Json),
    };

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static async Task<string?> UnitCodeAsync(ReformDbContext db, int unitId, int year, CancellationToken ct) =>
        (await CatalogueUnits.ByIdAsync(db, [unitId], new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), ct)).GetValueOrDefault(unitId)?.Code;
}
