namespace HaNoi.ReformDashboard.Domain.Assessment;

/// <summary>The codes the database, the workbook and the CLI write for the assessment's enumerations.</summary>
public static class AssessmentCodes
{
    public static string ToCode(this AssessmentState state) => state switch
    {
        AssessmentState.Draft => "draft",
        AssessmentState.Submitted => "submitted",
        AssessmentState.UnderAppraisal => "under_appraisal",
        AssessmentState.EvidenceRequested => "evidence_requested",
        AssessmentState.Final => "final",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static string ToCode(this ScoringMethod method) => method switch
    {
        ScoringMethod.YesNo => "yes_no",
        ScoringMethod.Figure => "figure",
        ScoringMethod.Scale => "scale",
        ScoringMethod.Survey => "survey",
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    public static bool TryParseMethod(string? text, out ScoringMethod method) => TryParse(text, ToCode, out method);

    public static bool TryParseState(string? text, out AssessmentState state) => TryParse(text, ToCode, out state);

    private static bool TryParse<T>(string? text, Func<T, string> code, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
            if (string.Equals(code(candidate), text, StringComparison.Ordinal)) { value = candidate; return true; }
        value = default;
        return false;
    }
}
