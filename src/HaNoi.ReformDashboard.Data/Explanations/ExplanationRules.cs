using System.Text;
using HaNoi.ReformDashboard.Domain.Periods;

namespace HaNoi.ReformDashboard.Data.Explanations;

public enum ExplanationField { Cause, Remedy, ExpectedBy }

/// <summary>What a department head typed for one unit × indicator × period; <see cref="BaseRevision"/> is the version
/// they were editing (null: a first explanation), so an edit made meanwhile by someone else is not overwritten.</summary>
public sealed record ExplanationDraft(string UnitCode, string IndicatorCode, Period Period, string? Cause, string? Remedy, DateOnly? ExpectedBy, int? BaseRevision);

/// <summary>One problem with a draft: the field, a message key (Explanation_{Key} in the resources) and its arguments.</summary>
public sealed record ExplanationProblem(ExplanationField Field, string Key, params object[] Args);

/// <summary>
/// The rules a draft must meet before anything is written. Text is stored as typed, composed to NFC and trimmed at
/// its ends; readers encode it where they show it. Control characters (a NUL PostgreSQL refuses among them) are refused.
/// </summary>
public static class ExplanationRules
{
    public const int MaxLength = Schema.Explanation.MaxTextLength;

    /// <summary>A remedy planned past the end of the following plan year is not a remedy for this one's miss.</summary>
    public static DateOnly LatestExpectedBy(Period period) => new(period.Year + 1, 12, 31);

    public static string Normalise(string? text) => (text ?? "").Normalize(NormalizationForm.FormC).Trim();

    public static IReadOnlyList<ExplanationProblem> Check(ExplanationDraft draft)
    {
        var problems = new List<ExplanationProblem>();
        CheckText(ExplanationField.Cause, draft.Cause, problems);
        CheckText(ExplanationField.Remedy, draft.Remedy, problems);
        if (draft.ExpectedBy is not { } date)
            problems.Add(new(ExplanationField.ExpectedBy, "Required"));
        else if (date < draft.Period.FirstDay)
            problems.Add(new(ExplanationField.ExpectedBy, "BeforePeriod", draft.Period.FirstDay));
        else if (date > LatestExpectedBy(draft.Period))
            problems.Add(new(ExplanationField.ExpectedBy, "TooLate", LatestExpectedBy(draft.Period)));
        return problems;
    }

    private static void CheckText(ExplanationField field, string? typed, List<ExplanationProblem> problems)
    {
        var text = Normalise(typed);
        if (text.Length == 0) problems.Add(new(field, "Required"));
        else if (text.Length > MaxLength) problems.Add(new(field, "TooLong", MaxLength, text.Length));
        else if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))) problems.Add(new(field, "ControlCharacter"));
    }
}
