using System.Diagnostics;
using System.Text.RegularExpressions;
using SkiaSharp;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;

namespace HaNoi.ReformDashboard.Reports.Tests.Pdf;

public static partial class PdfReading
{
    /// <summary>The text of each page with all white space removed: PdfPig may split a word where glyphs are kerned.</summary>
    public static IReadOnlyList<string> PageTexts(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(p => Squash(p.Text)).ToList();
    }

    public static string Squash(string text) => Space().Replace(text.Normalize(System.Text.NormalizationForm.FormC), "");

    /// <summary>Renders pages with poppler's pdftoppm at 60 dpi into PNGs named prefix-N.png; returns their paths.</summary>
    public static IReadOnlyList<string> RenderPages(string pdfPath, string prefix, int firstPage, int lastPage)
    {
        var start = new ProcessStartInfo("pdftoppm", ["-r", "60", "-png", "-f", firstPage.ToString(), "-l", lastPage.ToString(), pdfPath, prefix])
        {
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"pdftoppm failed ({process.ExitCode}): {error}");
        var folder = Path.GetDirectoryName(prefix)!;
        return Directory.GetFiles(folder, Path.GetFileName(prefix) + "-*.png").Order().ToList();
    }

    /// <summary>Share of pixels that are not (nearly) white.</summary>
    public static double InkShare(string png)
    {
        using var bitmap = SKBitmap.Decode(png);
        var ink = 0;
        for (var y = 0; y < bitmap.Height; y++)
        for (var x = 0; x < bitmap.Width; x++)
        {
            var c = bitmap.GetPixel(x, y);
            if (c.Red < 200 || c.Green < 200 || c.Blue < 200) ink++;
        }
        return (double)ink / (bitmap.Width * bitmap.Height);
    }

    /// <summary>Each embedded TrueType font program (FontFile2): the font's name and the program's decoded size.</summary>
    public static IReadOnlyList<(string Name, int Bytes)> EmbeddedFontPrograms(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var result = new List<(string, int)>();
        foreach (var reference in document.Structure.CrossReferenceTable.ObjectOffsets.Keys)
        {
            if (document.Structure.GetObject(reference).Data is not DictionaryToken dictionary) continue;
            if (!dictionary.TryGet(NameToken.Type, out NameToken type) || !type.Equals(NameToken.FontDescriptor)) continue;
            if (!dictionary.TryGet(NameToken.FontFile2, out IndirectReferenceToken file)) continue;
            var stream = (StreamToken)document.Structure.GetObject(file.Data).Data;
            var name = dictionary.TryGet(NameToken.FontName, out NameToken fontName) ? fontName.Data : "";
            result.Add((name, stream.Decode(UglyToad.PdfPig.Filters.DefaultFilterProvider.Instance).Length));
        }
        return result;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();
}
