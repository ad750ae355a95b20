using HaNoi.ReformDashboard.Domain.Catalogue;

namespace HaNoi.ReformDashboard.Domain.Assessment;

/// <summary>Why a score was refused for a sub-criterion.</summary>
public enum ScoreProblem
{
    /// <summary>Below 0 or above the sub-criterion's maximum.</summary>
    OutOfRange,
    /// <summary>Within range but not a score the method can give (yes/no gives 0 or the maximum; a figure or a scale gives one of its steps' points or 0).</summary>
    NotAStep,
    /// <summary>A figure sub-criterion whose self-score is not what the declared figure earns.</summary>
    NotWhatTheFigureEarns,
    /// <summary>Survey points are imported for the unit as a whole: a sub-criterion scored by the survey takes no score.</summary>
    ScoredBySurvey,
    /// <summary>The sub-criterion does not apply to the unit's block.</summary>
    NotApplicable,
}

/// <summary>
/// The scoring rule of a sub-criterion (issue 23): the score a figure earns, and whether a self-score or an appraised
/// score is one the sub-criterion can give. Figures are compared unrounded (docs/scoring.md, rule 3).
/// </summary>
public static class SubCriterionScoring
{
    /// <summary>The points of the first step the figure satisfies, in the order written; 0 when it reaches none.</summary>
    public static decimal Earned(SubCriterion sub, decimal figure)
    {
        if (sub.Method != ScoringMethod.Figure) throw new InvalidOperationException($"{sub.Code} is not scored by a figure.");
        foreach (var step in sub.Steps)
            if (Satisfies(figure, step.Operator, step.Threshold)) return step.Points;
        return 0m;
    }

    /// <summary>The points of a scale level by its label (compared as written, NFC); null for a label the scale has not.</summary>
    public static decimal? ForLevel(SubCriterion sub, string label) =>
        sub.Levels.FirstOrDefault(l => string.Equals(l.Label, label.Normalize(System.Text.NormalizationForm.FormC), StringComparison.Ordinal))?.Points;

    /// <summary>The points of a yes/no answer.</summary>
    public static decimal ForAnswer(SubCriterion sub, bool yes) => yes ? sub.MaxPoints : 0m;

    /// <summary>The scores the method can give, lowest first.</summary>
    public static IReadOnlyList<decimal> Allowed(SubCriterion sub) => sub.Method switch
    {
        ScoringMethod.YesNo => [0m, sub.MaxPoints],
        ScoringMethod.Figure => [.. sub.Steps.Select(s => s.Points).Append(0m).Distinct().Order()],
        ScoringMethod.Scale => [.. sub.Levels.Select(l => l.Points).Append(0m).Distinct().Order()],
        _ => [],
    };

    /// <summary>
    /// Checks a score given by the unit or by the appraisal council. A self-score of a figure sub-criterion with a declared
    /// figure must be what the figure earns; the council may give another step (it corrects the figure with its comment).
    /// </summary>
    public static ScoreProblem? Check(SubCriterion sub, UnitLevel block, decimal score, decimal? declaredFigure = null, bool selfScore = false)
    {
        if (!sub.AppliesToBlock(block)) return ScoreProblem.NotApplicable;
        if (sub.Method == ScoringMethod.Survey) return ScoreProblem.ScoredBySurvey;
        if (score < 0m || score > sub.MaxPoints) return ScoreProblem.OutOfRange;
        if (!Allowed(sub).Contains(score)) return ScoreProblem.NotAStep;
        if (selfScore && sub.Method == ScoringMethod.Figure && declaredFigure is { } figure && Earned(sub, figure) != score)
            return ScoreProblem.NotWhatTheFigureEarns;
        return null;
    }

    public static bool Satisfies(decimal value, ComparisonOperator op, decimal threshold) => op switch
    {
        ComparisonOperator.GreaterThan => value > threshold,
        ComparisonOperator.GreaterOrEqual => value >= threshold,
        ComparisonOperator.LessOrEqual => value <= threshold,
        ComparisonOperator.LessThan => value < threshold,
        ComparisonOperator.Equal => value == threshold,
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };
}
