using System.Globalization;
using System.Text;

namespace HaNoi.ReformDashboard.Web.Shared;

/// <summary>Accent-insensitive matching, so "ha dong" finds "Hà Đông" (đ is a letter of its own, not d with a mark).</summary>
public static class TextSearch
{
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            folded.Append(c switch { 'đ' => 'd', 'Đ' => 'D', _ => c });
        }
        return folded.ToString().Normalize(NormalizationForm.FormC).ToLowerInvariant();
    }

    /// <summary>True when every word of the query occurs in the text, ignoring accents and case.</summary>
    public static bool Matches(string text, string? query)
    {
        if (string.IsNullOrWhiteSpace(query)) return true;
        var haystack = Fold(text);
        return Fold(query).Split(' ', StringSplitOptions.RemoveEmptyEntries).All(haystack.Contains);
    }
}
