using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Reports.Pdf.Layout;
using HaNoi.ReformDashboard.Reports.Pdf.Fonts;
using SkiaSharp;

namespace HaNoi.ReformDashboard.Reports.Pdf;

/// <summary>
/// DejaVu Sans (Debian fonts-dejavu-core): it has every Vietnamese letter as a composed glyph. Loaded from files,
/// never by family name, so a missing font fails loudly instead of silently falling back to one without
/// Vietnamese marks. Each face comes twice: cut down to <see cref="ReportAlphabet"/> (what the PDFs embed), and
/// whole, for the rare line with a letter outside it (Skia then embeds that face whole as well).
/// </summary>
internal static class PdfFonts
{
    public const string Family = "DejaVu Sans";
    public const string Directory = "/usr/share/fonts/truetype/dejavu";

    public static Face Regular { get; } = Load("DejaVuSans.ttf");
    public static Face Bold { get; } = Load("DejaVuSans-Bold.ttf");
    public static Face Italic { get; } = Load("DejaVuSans-Oblique.ttf");

    /// <summary>A face: the subset the PDFs draw with, and the whole font behind it.</summary>
    public sealed record Face(SKTypeface Subset, SKTypeface Whole);

    // The charts ask ScottPlot for "DejaVu Sans"; it gets the very same subset objects as our text, so Skia
    // embeds each face once.
    static PdfFonts() => ScottPlot.Fonts.FontResolvers.Insert(0, new ChartFonts());

    private static Face Load(string file)
    {
        var path = Path.Combine(Directory, file);
        if (!File.Exists(path)) throw new FileNotFoundException($"Font {path} is missing: install the Debian package fonts-dejavu-core.", path);
        var whole = SKTypeface.FromFile(path) ?? throw new InvalidOperationException($"Font {path} cannot be read.");
        using var data = SKData.CreateCopy(FontSubset.Create(path, ReportAlphabet.Ranges));
        var subset = SKTypeface.FromData(data) ?? throw new InvalidOperationException($"The subset of {path} cannot be read.");
        return new Face(subset, whole);
    }

    private sealed class ChartFonts : ScottPlot.IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, ScottPlot.FontWeight weight, ScottPlot.FontSlant slant, ScottPlot.FontSpacing spacing) =>
            fontName != Family ? null
            : weight >= ScottPlot.FontWeight.SemiBold ? Bold.Subset
            : slant != ScottPlot.FontSlant.Upright ? Italic.Subset
            : Regular.Subset;

        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            fontName != Family ? null : (bold ? Bold : italic ? Italic : Regular).Subset;
    }
}

/// <summary>The sizes and colours of the PDFs, in points.</summary>
internal static class PdfTheme
{
    public static readonly TextStyle Body = Style(PdfFonts.Regular, 9f);
    public static readonly TextStyle Small = Style(PdfFonts.Regular, 7.5f, new SKColor(0x40, 0x40, 0x40));
    public static readonly TextStyle Italic = Style(PdfFonts.Italic, 9f);
    /// <summary>A heading that is a link: bold, blue and underlined, as readers know one.</summary>
    public static readonly TextStyle StrongLink = Style(PdfFonts.Bold, 9f, new SKColor(0x0B, 0x57, 0xD0), underline: true);
    public static readonly TextStyle Strong = Style(PdfFonts.Bold, 9f);
    public static readonly TextStyle HeadingBody = Style(PdfFonts.Bold, 10f);
    public static readonly TextStyle Motto = Style(PdfFonts.Bold, 10f, underline: true);
    public static readonly TextStyle Title = Style(PdfFonts.Bold, 13f);
    public static readonly TextStyle Section = Style(PdfFonts.Bold, 11f);
    public static readonly TextStyle Subsection = Style(PdfFonts.Bold, 9.5f);
    public static readonly TextStyle Notice = Style(PdfFonts.Bold, 11f, new SKColor(0x9C, 0x00, 0x06));
    public static readonly TextStyle Figure = Style(PdfFonts.Bold, 15f);
    public static readonly TextStyle Footer = Style(PdfFonts.Regular, 8f, new SKColor(0x40, 0x40, 0x40));

    public static readonly TextStyle Cell = Style(PdfFonts.Regular, 7.5f);
    public static readonly TextStyle CellHeader = Style(PdfFonts.Bold, 7.5f);
    public static readonly TextStyle CellTotal = Style(PdfFonts.Bold, 7.5f);

    // The leaders' page holds every indicator of a level on one page: a point smaller.
    public static readonly TextStyle CompactCell = Style(PdfFonts.Regular, 7f);
    public static readonly TextStyle CompactHeader = Style(PdfFonts.Bold, 7f);

    private static TextStyle Style(PdfFonts.Face face, float size, SKColor? color = null, bool underline = false) =>
        new(face.Subset, size, color, underline, face.Whole);

    public static readonly SKColor TileFill = new(0xF3, 0xF7, 0xFB);
    public static readonly SKColor TileBorder = new(0x9D, 0xB7, 0xD1);

    public static Table NewTable(params TableColumn[] columns) => new(columns, Cell, CellHeader, CellTotal);

    public static SKColor StatusFill(Status status) => SKColor.Parse(ReportText.StatusFill(status));

    public static TableCell StatusCell(Status status) => new(ReportText.Status(status), StatusFill(status));

    /// <summary>Official-document margins (left wider for binding), with room for the footer below.</summary>
    public static FlowLayout NewPortraitLayout() => new(PageSizes.A4Portrait, 56f, 40f, 40f, 44f);
}
