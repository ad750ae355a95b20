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
    private static readonly ResourceManager Strings = new("HaNoi.ReformDashboard.Web.Resources.Strings", typeof(WebText).Assembly);
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN"), En = CultureInfo.GetCultureInfo("en-US");

    public static DataText.Message Get(string key, params object?[] args) => new(Format(key, Vi, args), Format(key, En, args));

    /// <summary>The text as one line, "Vietnamese / English".</summary>
    public static string Both(string key, params object?[] args) => Get(key, args).Both;

    private static string Format(string key, CultureInfo culture, object?[] args)
    {
        var text = Strings.GetString(key, culture) ?? throw new InvalidOperationException($"The text '{key}' is missing.");
        return args.Length == 0 ? text : string.Format(culture, text, args);
    }
}
