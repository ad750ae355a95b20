using System.Globalization;
using System.Text;

namespace HaNoi.ReformDashboard.Domain.Tests.SourceTexts;

/// <summary>
/// The string literals of a C# file with their text as the program sees it (escapes decoded, the code inside an
/// interpolation's holes left out but its own literals found too). Comments and character literals are skipped: a
/// comment may quote a Vietnamese text, a program may not write one.
/// </summary>
public static class CSharpLiterals
{
    public sealed record Literal(int Line, string Text);

    public static List<Literal> Of(string source)
    {
        var found = new List<Literal>();
        new Scanner(source, found).Code(0, stopAtBrace: false);
        return found;
    }

    /// <summary>A Vietnamese letter: one of the tone or vowel marks Vietnamese writes, or đ.</summary>
    public static bool HasVietnamese(string text)
    {
        foreach (var c in text.Normalize(NormalizationForm.FormD))
            if (c is 'đ' or 'Đ' or '\u0300' or '\u0301' or '\u0303' or '\u0309' or '\u0323' or '\u0302' or '\u0306' or '\u031B') return true;
        return false;
    }

    private sealed class Scanner(string s, List<Literal> found)
    {
        private int LineAt(int i)
        {
            var line = 1;
            for (var k = 0; k < i && k < s.Length; k++) if (s[k] == '\n') line++;
            return line;
        }

        /// <summary>Reads code from <paramref name="i"/>; inside a hole, stops at its closing brace (returns its index).</summary>
        public int Code(int i, bool stopAtBrace)
        {
            var depth = 0;
            while (i < s.Length)
            {
                var c = s[i];
                if (c == '/' && At(i + 1, '/')) { i = s.IndexOf('\n', i) is var n and >= 0 ? n : s.Length; continue; }
                if (c == '/' && At(i + 1, '*')) { i = s.IndexOf("*/", i + 2, StringComparison.Ordinal) is var n and >= 0 ? n + 2 : s.Length; continue; }
                if (c == '\'') { i = CharLiteral(i); continue; }
                if (c == '"' || ((c == '$' || c == '@') && StartsString(i))) { i = StringLiteral(i); continue; }
                if (stopAtBrace)
                {
                    if (c == '{') depth++;
                    else if (c == '}') { if (depth == 0) return i; depth--; }
                }
                i++;
            }
            return i;
        }

        private bool At(int i, char c) => i < s.Length && s[i] == c;

        private bool StartsString(int i)
        {
            while (i < s.Length && (s[i] == '$' || s[i] == '@')) i++;
            return At(i, '"');
        }

        private int CharLiteral(int i)
        {
            var j = i + 1;
            while (j < s.Length && s[j] != '\'' && s[j] != '\n') j += s[j] == '\\' ? 2 : 1;
            return j + 1;
        }

        private int StringLiteral(int start)
        {
            var i = start;
            int dollars = 0;
            var verbatim = false;
            while (s[i] is '$' or '@') { if (s[i] == '$') dollars++; else verbatim = true; i++; }
            var quotes = 0;
            while (At(i + quotes, '"')) quotes++;
            var text = new StringBuilder();
            if (quotes >= 3) i = Raw(i, quotes, dollars, text);
            else if (quotes == 2) i += 2; // ""
            else i = Regular(i + 1, interpolated: dollars > 0, verbatim, text);
            found.Add(new Literal(LineAt(start), text.ToString()));
            return i;
        }

        private int Regular(int i, bool interpolated, bool verbatim, StringBuilder text)
        {
            while (i < s.Length)
            {
                var c = s[i];
                if (c == '"')
                {
                    if (verbatim && At(i + 1, '"')) { text.Append('"'); i += 2; continue; }
                    return i + 1;
                }
                if (c == '\\' && !verbatim) { i = Escape(i, text); continue; }
                if (interpolated && c == '{')
                {
                    if (At(i + 1, '{')) { text.Append('{'); i += 2; continue; }
                    i = Code(i + 1, stopAtBrace: true) + 1;
                    continue;
                }
                if (interpolated && c == '}' && At(i + 1, '}')) { text.Append('}'); i += 2; continue; }
                text.Append(c);
                i++;
            }
            return i;
        }

        // """…""" with as many quotes as opened it; with $…$, a hole opens with as many braces as dollars.
        private int Raw(int i, int quotes, int dollars, StringBuilder text)
        {
            var close = new string('"', quotes);
            i += quotes;
            while (i < s.Length)
            {
                if (string.CompareOrdinal(s, i, close, 0, quotes) == 0) return i + quotes;
                if (dollars > 0 && string.CompareOrdinal(s, i, new string('{', dollars), 0, dollars) == 0)
                {
                    i = Code(i + dollars, stopAtBrace: true) + dollars;
                    continue;
                }
                text.Append(s[i]);
                i++;
            }
            return i;
        }

        private int Escape(int i, StringBuilder text)
        {
            var e = i + 1 < s.Length ? s[i + 1] : '\\';
            switch (e)
            {
                case 'u':
                    text.Append((char)int.Parse(s.AsSpan(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    return i + 6;
                case 'U':
                    text.Append(char.ConvertFromUtf32(int.Parse(s.AsSpan(i + 2, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
                    return i + 10;
                case 'x':
                    var n = 0;
                    while (n < 4 && i + 2 + n < s.Length && Uri.IsHexDigit(s[i + 2 + n])) n++;
                    text.Append((char)int.Parse(s.AsSpan(i + 2, n), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    return i + 2 + n;
                default:
                    text.Append(e switch { 'n' => '\n', 't' => '\t', 'r' => '\r', '0' => '\0', _ => e });
                    return i + 2;
            }
        }
    }
}
