using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Data.Assessment;
using HaNoi.ReformDashboard.Web.Accounts;

namespace HaNoi.ReformDashboard.Web.Assessment;

/// <summary>The acting user as the assessment's writers know them: the office, the head of one unit (by key), or a reader.</summary>
public static class AssessmentAccess
{
    public static AssessmentCaller Caller(ActingUser? user) => user switch
    {
        null => new AssessmentCaller("", AssessmentRole.Reader),
        _ when user.IsInRole(Roles.ReformOffice) => new AssessmentCaller(user.Name, AssessmentRole.Office),
        _ when user.IsInRole(Roles.DepartmentHead) && user.UnitKey is not null => new AssessmentCaller(user.Name, AssessmentRole.UnitHead, user.UnitKey),
        _ => new AssessmentCaller(user.Name, AssessmentRole.Reader),
    };

    /// <summary>Who reads a unit's evidence: leaders and the office every unit's, a head their own unit's.</summary>
    public static bool MayRead(ActingUser user, string unitKey) => UnitScopeRequirement.EveryUnitRoles.Any(user.IsInRole) || user.IsHeadOf(unitKey);
}
