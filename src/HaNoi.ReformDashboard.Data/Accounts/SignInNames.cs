using System.Globalization;
using System.Text;

namespace HaNoi.ReformDashboard.Data.Accounts;

/// <summary>
/// A typed user name as the log, the audit log and the sign-in throttle keep it: whatever was typed (a megabyte, line
/// breaks, terminal escapes) becomes at most <see cref="MaxLength"/> characters of one clean line, in the form names
/// are compared in (Identity compares them case-insensitively).
/// </summary>
public static class SignInNames
{
    public const int MaxLength = 64;

    /// <summary>Longer than any account can be named (Identity's user name column): no look-up is needed to refuse it.</summary>
    public const int LongestAccountName = 256;

    public static string Normalise(string? typed)
    {
        if (string.IsNullOrEmpty(typed)) return "";
        // Cap before the work: NFC and the filter below are linear, but need not see a megabyte.
        var head = typed.Length > LongestAccountName ? typed[..LongestAccountName] : typed;
        if (char.IsHighSurrogate(head[^1])) head = head[..^1];
        head = head.IsNormalized(NormalizationForm.FormC) ? head : head.Normalize(NormalizationForm.FormC);
        var clean = new StringBuilder(head.Length);
        foreach (var c in head)
        {
            // Control characters (line breaks, escapes) and invisible format characters (bidi overrides, zero widths).
            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator) continue;
            clean.Append(c);
        }
        var name = clean.ToString().Trim().ToLowerInvariant();
        if (name.Length <= MaxLength) return name;
        var cut = char.IsHighSurrogate(name[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
        return name[..cut];
    }
}
