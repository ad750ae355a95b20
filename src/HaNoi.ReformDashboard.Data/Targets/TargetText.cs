using System.Globalization;
using System.Resources;

namespace HaNoi.ReformDashboard.Data.Targets;

/// <summary>Messages of the target editor: TargetText.resx is Vietnamese, TargetText.en.resx English, so the page
/// and the CLI word a refusal in either language.</summary>
public sealed class TargetText
{
    private static readonly ResourceManager Resources = new(typeof(TargetText));

    public static string Get(string key, CultureInfo culture) => Resources.GetString(key, culture) ?? key;
}

/// <summary>Why a change was refused: the field it concerns and a message key with its arguments.</summary>
public sealed record TargetProblem(string Field, string Key, params object[] Arguments)
{
    public string Message(CultureInfo culture) =>
        string.Format(culture, TargetText.Get(Key, culture), Arguments.Select(a => a is Domain.Catalogue.UnitLevel l ? Domain.Presentation.Wording.LevelInSentence(l, culture) : a).ToArray());
}
