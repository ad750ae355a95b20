using System.Globalization;
using System.Resources;
using HaNoi.ReformDashboard.Data.Messages;

namespace HaNoi.ReformDashboard.Cli.Messages;

/// <summary>
/// The command line's help and messages, from CliText.resx (Vietnamese) and CliText.en.resx (English). The tool writes
/// both, Vietnamese first ("… / …"), since one console serves readers of either language.
/// </summary>
public static class CliText
{
    private static readonly ResourceManager Strings = new("HaNoi.ReformDashboard.Cli.Messages.CliText", typeof(CliText).Assembly);
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN"), En = CultureInfo.GetCultureInfo("en-US");

    public static DataText.Message Get(string key, params object?[] args) => Get(CultureInfo.CurrentCulture, key, args);

    /// <summary>The message with its numbers and dates formatted by <paramref name="format"/> (the invariant culture for machine-stable output).</summary>
    public static DataText.Message Get(IFormatProvider format, string key, params object?[] args) => new(Format(key, Vi, format, args), Format(key, En, format, args));

    /// <summary>The message as one line, "Vietnamese / English".</summary>
    public static string Both(string key, params object?[] args) => Both(CultureInfo.CurrentCulture, key, args);

    public static string Both(IFormatProvider format, string key, params object?[] args)
    {
        var message = Get(format, key, args);
        return $"{message.Vi} / {message.En}";
    }

    // Numbers and dates are formatted as the console's culture formats them (as the tool always has), only the words
    // come from the language's resources.
    private static string Format(string key, CultureInfo language, IFormatProvider format, object?[] args)
    {
        var text = Strings.GetString(key, language) ?? throw new InvalidOperationException($"The message '{key}' is missing.");
        return args.Length == 0 ? text : string.Format(format, text, args);
    }
}
