using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Reports.Pdf.Layout;
using SkiaSharp;

namespace HaNoi.ReformDashboard.Reports.Pdf;

/// <summary>
/// DejaVu Sans (Debian fonts-dejavu-core): it has every Vietnamese letter as a composed glyph, and Skia embeds
/// the subset the document uses. Loaded from files, never by family name, so a missing font fails loudly
/// instead of silently falling back to one without Vietnamese marks.
/// </summary>
internal static class PdfFonts
{
    public const string Family = "DejaVu Sans";
    public const string Directory = "/usr/share/fonts/truetype/dejavu";

    public static string RegularPath { get; } = PathOf("DejaVuSans.ttf");
    public static string BoldPath { get; } = PathOf("DejaVuSans-Bold.ttf");
    public static string ItalicPath { get; } = PathOf("DejaVuSans-Oblique.ttf");

    // Registered with ScottPlot, whose typeface cache then hands the same instances to the charts and to our text:
    // Skia embeds each typeface object once (this Skia build embeds whole fonts, so duplicates would cost ~400 KB each).
    public static SKTypeface Regular { get; } = Load(RegularPath, bold: false, italic: false);
    public static SKTypeface Bold { get; } = Load(BoldPath, bold: true, italic: false);
    public static SKTypeface Italic { get; } = Load(ItalicPath, bold: false, italic: true);

    private static string PathOf(string file) => Path.Combine(Directory, file);

    private static SKTypeface Load(string path, bool bold, bool italic)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Font {path} is missing: install the Debian package fonts-dejavu-core.", path);
        ScottPlot.Fonts.AddFontFile(Family, path, bold, italic);
        return ScottPlot.Fonts.GetTypeface(Family, bold, italic);
    }
}

/// <summary>The sizes and colours of the PDFs, in points.</summary>
internal static class PdfTheme
{
    public static readonly TextStyle Body = new(PdfFonts.Regular, 9f);
    public static readonly TextStyle Small = new(PdfFonts.Regular, 7.5f, new SKColor(0x40, 0x40, 0x40));
    public static readonly TextStyle Italic = new(PdfFonts.Italic, 9f);
    public static readonly TextStyle Strong = new(PdfFonts.Bold, 9f);
    public static readonly TextStyle HeadingBody = new(PdfFonts.Bold, 10f);
    public static readonly TextStyle Motto = new(PdfFonts.Bold, 10f, underline: true);
    public static readonly TextStyle Title = new(PdfFonts.Bold, 13f);
    public static readonly TextStyle Section = new(PdfFonts.Bold, 11f);
    public static readonly TextStyle Subsection = new(PdfFonts.Bold, 9.5f);
    public static readonly TextStyle Notice = new(PdfFonts.Bold, 11f, new SKColor(0x9C, 0x00, 0x06));
    public static readonly TextStyle Footer = new(PdfFonts.Regular, 8f, new SKColor(0x40, 0x40, 0x40));

    public static readonly TextStyle Cell = new(PdfFonts.Regular, 7.5f);
    public static readonly TextStyle CellHeader = new(PdfFonts.Bold, 7.5f);
    public static readonly TextStyle CellTotal = new(PdfFonts.Bold, 7.5f);

    // The leaders' page holds every indicator of a level on one page: a point smaller.
    public static readonly TextStyle CompactCell = new(PdfFonts.Regular, 7f);
    public static readonly TextStyle CompactHeader = new(PdfFonts.Bold, 7f);

    public static Table NewTable(params TableColumn[] columns) => new(columns, Cell, CellHeader, CellTotal);

    public static SKColor StatusFill(Status status) => SKColor.Parse(ReportText.StatusFill(status));

    public static TableCell StatusCell(Status status) => new(ReportText.Status(status), StatusFill(status));

    /// <summary>Official-document margins (left wider for binding), with room for the footer below.</summary>
    public static FlowLayout NewPortraitLayout() => new(PageSizes.A4Portrait, 56f, 40f, 40f, 44f);
}
