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
    private static readonly BilingualResources Strings = new(new ResourceManager("HaNoi.ReformDashboard.Cli.Messages.CliText", typeof(CliText).Assembly));

    // Numbers and dates are formatted as the console's culture formats them (as the tool always has), only the words
    // come from the language's resources.
    public static DataText.Message Get(string key, params object?[] args) => Get(CultureInfo.CurrentCulture, key, args);

    /// <summary>The message with its numbers and dates formatted by <paramref name="format"/> (the invariant culture for machine-stable output).</summary>
    public static DataText.Message Get(IFormatProvider format, string key, params object?[] args) => Strings.Get(key, args, format);

    /// <summary>The message as one line, "Vietnamese / English".</summary>
    public static string Both(string key, params object?[] args) => Both(CultureInfo.CurrentCulture, key, args);

    public static string Both(IFormatProvider format, string key, params object?[] args) => Get(format, key, args).Both;

    /// <summary>The closing line of a refused file: its count of problems, "1 problem" or "n problems".</summary>
    public static string FileRefused(int count) => Both(count == 1 ? "TheFileIsRefusedOneProblem" : "TheFileIsRefusedProblems", count);
}
