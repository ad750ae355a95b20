using System.Globalization;
using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Data.Explanations;
using HaNoi.ReformDashboard.Domain.Presentation;
using HaNoi.ReformDashboard.Web.Accounts;
using HaNoi.ReformDashboard.Web.Resources;
using HaNoi.ReformDashboard.Web.Shared;
using Microsoft.Extensions.Localization;

namespace HaNoi.ReformDashboard.Web.Explanations;

/// <summary>
/// The one way the dashboard writes an explanation: the acting user must be the head of the unit (checked here, on the
/// server, whatever the page showed, by the key of the unit the draft's code names in its period), and the writer then
/// checks the engine's status and the rules.
/// </summary>
public sealed class ExplanationEditor(ExplanationWriter writer, UnitBinding units)
{
    public async Task<ExplanationResult> SaveAsync(ActingUser user, ExplanationDraft draft, CancellationToken ct = default)
    {
        var key = user.UnitKey is null ? null : await units.KeyOfAsync(draft.UnitCode, draft.Period.FirstDay, draft.Period.LastDay, ct);
        return user.MayWriteExplanation(key)
            ? await writer.SaveAsync(draft, user.Name, ct)
            : new ExplanationResult(ExplanationOutcome.NotAllowed);
    }

    /// <summary>What a result says to the person who saved, in the page's language.</summary>
    public static string Message(ExplanationResult result, IStringLocalizer<Strings> l) => result.Outcome switch
    {
        ExplanationOutcome.NotExplainable => l["ExplanationNotExplainable", result.Status is { } s ? Figures.Status(s) : ""],
        _ => l["ExplanationOutcome_" + result.Outcome, result.Revision],
    };

    /// <summary>One problem, naming its field: "Nguyên nhân: tối đa 2.000 ký tự, đã nhập 2.345."</summary>
    public static string Message(ExplanationProblem problem, IStringLocalizer<Strings> l) =>
        l["ExplanationProblem_" + problem.Key, [l["ExplanationField_" + problem.Field].Value, .. problem.Args.Select(Show)]];

    private static object Show(object arg) => arg switch
    {
        DateOnly date => Figures.Date(date),
        int n => Figures.Count(n),
        _ => arg,
    };
}
