using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace HaNoi.ReformDashboard.Reports.Pdf;

/// <summary>
/// Sets the document language (/Lang in the catalog), which SkiaSharp's PDF metadata cannot express, with a
/// standard incremental update: the catalog is written again with /Lang, followed by a new xref section and a
/// trailer pointing back to Skia's (/Prev). Screen readers and PDF/UA checkers read the language from there.
/// </summary>
internal static partial class PdfLanguage
{
    public static void Append(MemoryStream pdf, string language)
    {
        // Latin-1 maps every byte to one char, so offsets in the text are byte offsets.
        var text = Encoding.Latin1.GetString(pdf.GetBuffer(), 0, (int)pdf.Length);
        var trailer = Trailer().Matches(text)[^1];
        var root = trailer.Groups["root"].Value;
        var size = trailer.Groups["size"].Value;
        var info = Info().Match(trailer.Value);
        var previous = StartXref().Matches(text)[^1].Groups[1].Value;

        var catalog = Regex.Match(text, $@"(?<=\n){root} 0 obj\s*(<<.*?>>)\s*endobj", RegexOptions.Singleline);
        if (!catalog.Success) throw new InvalidOperationException("The PDF catalog was not found.");
        var dictionary = catalog.Groups[1].Value;
        var updated = dictionary[..^2] + $"\n/Lang ({language})>>";

        var offset = pdf.Length + 1;
        var update = new StringBuilder()
            .Append('\n')
            .Append(CultureInfo.InvariantCulture, $"{root} 0 obj\n{updated}\nendobj\n");
        var xref = offset + update.Length - 1;
        update.Append(CultureInfo.InvariantCulture, $"xref\n{root} 1\n{offset:D10} 00000 n \n")
            .Append(CultureInfo.InvariantCulture, $"trailer\n<</Size {size}\n/Root {root} 0 R\n{(info.Success ? info.Value + "\n" : "")}/Prev {previous}>>\n")
            .Append(CultureInfo.InvariantCulture, $"startxref\n{xref}\n%%EOF\n");
        pdf.Position = pdf.Length;
        pdf.Write(Encoding.Latin1.GetBytes(update.ToString()));
    }

    [GeneratedRegex(@"trailer\s*<<(?=.*?/Root (?<root>\d+) 0 R)(?=.*?/Size (?<size>\d+)).*?>>", RegexOptions.Singleline)]
    private static partial Regex Trailer();

    [GeneratedRegex(@"/Info \d+ 0 R")]
    private static partial Regex Info();

    [GeneratedRegex(@"startxref\s*(\d+)")]
    private static partial Regex StartXref();
}
