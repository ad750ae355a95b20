using HaNoi.ReformDashboard.Data.Files;
using HaNoi.ReformDashboard.Data.Seed;
using HaNoi.ReformDashboard.Web.Accounts;

namespace HaNoi.ReformDashboard.Web.Assessment;

/// <summary>
/// An assessment file read and checked, nothing written yet (the dry run): every problem by row and column, or a summary
/// of what a load would store and the load itself, to run as the user the database knows when it is asked for.
/// </summary>
public sealed record AssessmentUploadCheck(IReadOnlyList<CellError> Errors, string Summary, Func<ActingUser, CancellationToken, Task<string>>? Commit)
{
    public bool IsValid => Errors.Count == 0 && Commit is not null;

    public static AssessmentUploadCheck Refused(IReadOnlyList<CellError> errors) => new(errors, "", null);
}
