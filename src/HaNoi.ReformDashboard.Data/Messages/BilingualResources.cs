using System.Globalization;
using System.Resources;

namespace HaNoi.ReformDashboard.Data.Messages;

/// <summary>
/// One resource set read in both working languages at once (its .resx Vietnamese, its .en.resx English): the message
/// sets of the data layer, the command line and the web's machine answers word every message this one way.
/// </summary>
public sealed class BilingualResources(ResourceManager strings)
{
    public static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN"), English = CultureInfo.GetCultureInfo("en-US");

    /// <summary>
    /// The message in both languages. Numbers and dates follow <paramref name="format"/> when given, else each language;
    /// <paramref name="argument"/> may word an argument for the language (a level in a sentence).
    /// </summary>
    public DataText.Message Get(string key, object?[] args, IFormatProvider? format = null, Func<object?, CultureInfo, object?>? argument = null) =>
        new(Format(key, Vietnamese, args, format, argument), Format(key, English, args, format, argument));

    private string Format(string key, CultureInfo language, object?[] args, IFormatProvider? format, Func<object?, CultureInfo, object?>? argument)
    {
        var text = strings.GetString(key, language) ?? throw new InvalidOperationException($"The message '{key}' is missing.");
        if (args.Length == 0) return text;
        return string.Format(format ?? language, text, argument is null ? args : args.Select(a => argument(a, language)).ToArray());
    }
}
