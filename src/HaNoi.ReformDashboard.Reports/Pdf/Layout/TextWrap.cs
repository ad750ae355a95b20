using System.Text;

namespace HaNoi.ReformDashboard.Reports.Pdf.Layout;

/// <summary>Greedy line breaking on spaces; a word wider than the line is broken between characters.</summary>
public static class TextWrap
{
    public static IReadOnlyList<string> Lines(string text, TextStyle style, float width)
    {
        var lines = new List<string>();
        foreach (var paragraph in KeepTogether(ReportText.Printable(text)).Replace("\r\n", "\n").Split('\n'))
        {
            var line = new StringBuilder();
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (style.Measure(candidate) <= width)
                {
                    line.Clear().Append(candidate);
                    continue;
                }
                if (line.Length > 0) lines.Add(line.ToString());
                line.Clear();
                line.Append(BreakWord(word, style, width, lines));
            }
            lines.Add(line.ToString());
        }
        return lines;
    }

    // A figure stays whole on one line: no break before "%" nor after a comparison sign ("≥ 100,00 %").
    internal static string KeepTogether(string text) => text
        .Replace(" %", "\u00A0%", StringComparison.Ordinal)
        .Replace("≥ ", "≥\u00A0", StringComparison.Ordinal).Replace("≤ ", "≤\u00A0", StringComparison.Ordinal)
        .Replace("> ", ">\u00A0", StringComparison.Ordinal).Replace("< ", "<\u00A0", StringComparison.Ordinal);

    // Adds full-width pieces of an over-long word to lines; returns the last piece, which starts the next line.
    private static string BreakWord(string word, TextStyle style, float width, List<string> lines)
    {
        var rest = word;
        while (style.Measure(rest) > width && rest.Length > 1)
        {
            var take = rest.Length - 1;
            while (take > 1 && style.Measure(rest[..take]) > width) take--;
            // Keep a letter with its combining marks (text is NFC, so this is rare).
            while (take > 1 && char.IsLowSurrogate(rest[take])) take--;
            lines.Add(rest[..take]);
            rest = rest[take..];
        }
        return rest;
    }
}
