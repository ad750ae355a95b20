using System.Globalization;
using System.Resources;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Presentation;

namespace HaNoi.ReformDashboard.Data.Messages;

/// <summary>
/// The import, seed and file messages in Vietnamese and English, from DataText.resx and DataText.en.resx: each problem
/// is reported in both (the import page shows one, the CLI's error file keeps both).
/// </summary>
public static class DataText
{
    private static readonly ResourceManager Strings = new("HaNoi.ReformDashboard.Data.Messages.DataText", typeof(DataText).Assembly);
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN"), En = CultureInfo.GetCultureInfo("en-US");

    /// <summary>A message in both languages.</summary>
    public readonly record struct Message(string Vi, string En)
    {
        /// <summary>Vietnamese first, as a one-line message for logs, exceptions and the console reads.</summary>
        public string Both => $"{Vi} / {En}";
    }

    public static Message Get(string key, params object?[] args) => new(Format(key, Vi, args), Format(key, En, args));

    /// <summary>The message as one line, "Vietnamese / English".</summary>
    public static string Both(string key, params object?[] args) => Get(key, args).Both;

    private static string Format(string key, CultureInfo culture, object?[] args)
    {
        var text = Strings.GetString(key, culture) ?? throw new InvalidOperationException($"The message '{key}' is missing.");
        // A level reads as a sentence has it, in each language ("đơn vị cấp quận, huyện", "a district unit").
        return args.Length == 0 ? text
            : string.Format(culture, text, args.Select(a => a is UnitLevel level ? Wording.LevelInSentence(level, culture) : a).ToArray());
    }
}
