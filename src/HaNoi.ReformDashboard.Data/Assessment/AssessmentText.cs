using System.Globalization;
using System.Resources;
using HaNoi.ReformDashboard.Domain.Catalogue;

namespace HaNoi.ReformDashboard.Data.Assessment;

/// <summary>Messages of the assessment's writes: AssessmentText.resx is Vietnamese, AssessmentText.en.resx English, so
/// the page and the CLI word a refusal in either language.</summary>
public sealed class AssessmentText
{
    private static readonly ResourceManager Resources = new(typeof(AssessmentText));

    public static string Get(string key, CultureInfo culture) => Resources.GetString(key, culture) ?? key;
}

/// <summary>Why a write was refused: a message key (AssessmentText) and its arguments. Nothing was written.</summary>
public sealed record AssessmentProblem(string Key, params object[] Arguments)
{
    public string Message(CultureInfo culture) => string.Format(culture, AssessmentText.Get(Key, culture), Arguments.Select(a => a switch
    {
        UnitLevel l => AssessmentText.Get("Block_" + l.ToCode(), culture),
        DateOnly d => d.ToString(culture.TwoLetterISOLanguageName == "vi" ? "dd/MM/yyyy" : "d MMM yyyy", culture),
        decimal n => n.ToString("0.##", culture),
        _ => a,
    }).ToArray());

    /// <summary>Both languages, Vietnamese first, as the CLI and the logs show a refusal.</summary>
    public override string ToString() => $"{Message(CultureInfo.GetCultureInfo("vi-VN"))} / {Message(CultureInfo.GetCultureInfo("en-US"))}";
}

/// <summary>A write's outcome: done (with the id of what it wrote, when one row) or refused with one problem.</summary>
public sealed record AssessmentResult(AssessmentProblem? Problem = null, long Id = 0, bool Unchanged = false)
{
    public bool Ok => Problem is null;

    public static AssessmentResult Refused(string key, params object[] arguments) => new(new AssessmentProblem(key, arguments));
}

/// <summary>What the caller may do in the assessment, as the web layer resolved it from the signed-in account.</summary>
public enum AssessmentRole
{
    /// <summary>Reads rankings and breakdowns (leaders, admins): writes nothing.</summary>
    Reader,
    /// <summary>A department head: the self-assessment of the one unit they head (<see cref="AssessmentCaller.UnitKey"/>).</summary>
    UnitHead,
    /// <summary>The reform office: rounds, reopenings, appraisal, finalisation.</summary>
    Office,
}

/// <summary>Who writes: their signed-in name (the author of every version and audit entry), role and, for a head, their unit's key.</summary>
public sealed record AssessmentCaller(string Name, AssessmentRole Role, string? UnitKey = null)
{
    public bool Heads(AssessedUnit unit) => Role == AssessmentRole.UnitHead && UnitKey is not null && string.Equals(UnitKey, unit.UnitKey, StringComparison.Ordinal);
}
