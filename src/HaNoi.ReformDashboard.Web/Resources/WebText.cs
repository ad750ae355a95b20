using System.Globalization;
using System.Resources;
using HaNoi.ReformDashboard.Data.Messages;

namespace HaNoi.ReformDashboard.Web.Resources;

/// <summary>
/// Texts from Strings.resx / Strings.en.resx in both languages at once, for answers that have no reader's culture:
/// the machine endpoints (dossier push, downloads) and start-up errors say "Vietnamese / English".
/// </summary>
public static class WebText
{
    private static readonly BilingualResources Strings = new(new ResourceManager("HaNoi.ReformDashboard.Web.Resources.Strings", typeof(WebText).Assembly));

    public static DataText.Message Get(string key, params object?[] args) => Strings.Get(key, args);

    /// <summary>The text as one line, "Vietnamese / English".</summary>
    public static string Both(string key, params object?[] args) => Get(key, args).Both;
}
