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
    private static readonly BilingualResources Strings = new(new ResourceManager("HaNoi.ReformDashboard.Data.Messages.DataText", typeof(DataText).Assembly));

    /// <summary>A message in both languages.</summary>
    public readonly record struct Message(string Vi, string En)
    {
        /// <summary>Vietnamese first, as a one-line message for logs, exceptions and the console reads.</summary>
        public string Both => $"{Vi} / {En}";
    }

    // A level reads as a sentence has it, in each language ("đơn vị cấp quận, huyện", "a district unit").
    public static Message Get(string key, params object?[] args) =>
        Strings.Get(key, args, argument: (a, culture) => a is UnitLevel level ? Wording.LevelInSentence(level, culture) : a);

    /// <summary>The message as one line, "Vietnamese / English".</summary>
    public static string Both(string key, params object?[] args) => Get(key, args).Both;
}
