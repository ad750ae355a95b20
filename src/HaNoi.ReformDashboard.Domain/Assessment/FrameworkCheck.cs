using HaNoi.ReformDashboard.Domain.Catalogue;

namespace HaNoi.ReformDashboard.Domain.Assessment;

public enum FrameworkProblemKind
{
    /// <summary>A sub-criterion's maximum is not above 0.</summary>
    MaxNotPositive,
    /// <summary>A figure sub-criterion without thresholds, or a scale without levels.</summary>
    NoSteps,
    /// <summary>A step or level gives points below 0 or above the maximum (<see cref="FrameworkProblem.Declared"/> the maximum, <see cref="FrameworkProblem.Sum"/> the points).</summary>
    StepOutOfRange,
    /// <summary>No step or level gives the maximum: the maximum could never be scored.</summary>
    MaxNeverGiven,
    /// <summary>An item applies to a block its parent does not.</summary>
    AppliesOutsideParent,
    /// <summary>A field or a criterion with nothing under it.</summary>
    Empty,
    /// <summary>A criterion's declared maximum is not the sum of its sub-criteria for the block.</summary>
    CriterionSum,
    /// <summary>A field's declared maximum is not the sum of its criteria for the block.</summary>
    FieldSum,
    /// <summary>The declared total is not the sum of the fields for the block.</summary>
    TotalSum,
    /// <summary>Two items share a code.</summary>
    DuplicateCode,
}

/// <summary>One reason a framework does not add up; <see cref="Code"/> names the item (empty for the total).</summary>
public sealed record FrameworkProblem(FrameworkProblemKind Kind, string Code, UnitLevel? Block = null, decimal Declared = 0m, decimal Sum = 0m);

/// <summary>
/// Whether a framework adds up: for every block, each criterion's declared maximum is the sum of its sub-criteria that
/// apply to the block, each field's the sum of its criteria that apply, and the declared total the sum of the fields
/// that apply; every sub-criterion's steps can give its maximum and nothing above it.
/// </summary>
public static class FrameworkCheck
{
    public static IReadOnlyList<FrameworkProblem> Check(Framework framework)
    {
        var problems = new List<FrameworkProblem>();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in framework.Fields)
        {
            if (!codes.Add(field.Code)) problems.Add(new(FrameworkProblemKind.DuplicateCode, field.Code));
            if (field.Criteria.Count == 0) problems.Add(new(FrameworkProblemKind.Empty, field.Code));
            foreach (var criterion in field.Criteria)
            {
                if (!codes.Add(criterion.Code)) problems.Add(new(FrameworkProblemKind.DuplicateCode, criterion.Code));
                if (criterion.SubCriteria.Count == 0) problems.Add(new(FrameworkProblemKind.Empty, criterion.Code));
                foreach (var block in criterion.AppliesTo.Where(b => !field.AppliesTo.Contains(b)))
                    problems.Add(new(FrameworkProblemKind.AppliesOutsideParent, criterion.Code, block));
                foreach (var sub in criterion.SubCriteria)
                {
                    if (!codes.Add(sub.Code)) problems.Add(new(FrameworkProblemKind.DuplicateCode, sub.Code));
                    foreach (var block in sub.AppliesTo.Where(b => !criterion.AppliesTo.Contains(b)))
                        problems.Add(new(FrameworkProblemKind.AppliesOutsideParent, sub.Code, block));
                    CheckSteps(sub, problems);
                }
                foreach (var block in Framework.Blocks.Where(criterion.AppliesTo.Contains))
                {
                    var sum = criterion.SubCriteria.Where(s => s.AppliesToBlock(block)).Sum(s => s.MaxPoints);
                    if (sum != criterion.MaxPoints) problems.Add(new(FrameworkProblemKind.CriterionSum, criterion.Code, block, criterion.MaxPoints, sum));
                }
            }
            foreach (var block in Framework.Blocks.Where(field.AppliesTo.Contains))
            {
                var sum = field.Criteria.Where(c => c.AppliesTo.Contains(block)).Sum(c => c.MaxPoints);
                if (sum != field.MaxPoints) problems.Add(new(FrameworkProblemKind.FieldSum, field.Code, block, field.MaxPoints, sum));
            }
        }
        foreach (var block in Framework.Blocks.Where(b => framework.Fields.Any(f => f.AppliesTo.Contains(b))))
        {
            var sum = framework.Fields.Where(f => f.AppliesTo.Contains(block)).Sum(f => f.MaxPoints);
            if (sum != framework.TotalPoints) problems.Add(new(FrameworkProblemKind.TotalSum, "", block, framework.TotalPoints, sum));
        }
        return problems;
    }

    private static void CheckSteps(SubCriterion sub, List<FrameworkProblem> problems)
    {
        if (sub.MaxPoints <= 0m) { problems.Add(new(FrameworkProblemKind.MaxNotPositive, sub.Code, Declared: sub.MaxPoints)); return; }
        IReadOnlyList<decimal> points = sub.Method switch
        {
            ScoringMethod.Figure => [.. sub.Steps.Select(s => s.Points)],
            ScoringMethod.Scale => [.. sub.Levels.Select(l => l.Points)],
            _ => [sub.MaxPoints],
        };
        if (points.Count == 0) { problems.Add(new(FrameworkProblemKind.NoSteps, sub.Code)); return; }
        foreach (var p in points.Where(p => p < 0m || p > sub.MaxPoints))
            problems.Add(new(FrameworkProblemKind.StepOutOfRange, sub.Code, Declared: sub.MaxPoints, Sum: p));
        if (!points.Contains(sub.MaxPoints)) problems.Add(new(FrameworkProblemKind.MaxNeverGiven, sub.Code, Declared: sub.MaxPoints));
    }
}
