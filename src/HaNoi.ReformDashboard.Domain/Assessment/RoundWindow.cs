namespace HaNoi.ReformDashboard.Domain.Assessment;

/// <summary>The states of a unit's assessment in a round, in the order they usually come.</summary>
public enum AssessmentState { Draft, Submitted, UnderAppraisal, EvidenceRequested, Final }

/// <summary>
/// When a unit may write its self-assessment: from the round's opening day through its closing day (Hanoi dates,
/// both included), or through the day the office reopened it for the unit until; and only while its assessment is a
/// draft, or while the office has asked it for more evidence and the deadline has not passed.
/// </summary>
public static class RoundWindow
{
    public static bool IsOpen(DateOnly opensOn, DateOnly closesOn, DateOnly today, DateOnly? reopenedUntil = null) =>
        (today >= opensOn && today <= closesOn) || (reopenedUntil is { } until && today >= opensOn && today <= until);

    public static bool UnitMayEdit(AssessmentState state, DateOnly opensOn, DateOnly closesOn, DateOnly today,
        DateOnly? reopenedUntil = null, DateOnly? evidenceDueBy = null) => state switch
    {
        AssessmentState.Draft => IsOpen(opensOn, closesOn, today, reopenedUntil),
        AssessmentState.EvidenceRequested => evidenceDueBy is { } due && today <= due,
        _ => false,
    };
}
