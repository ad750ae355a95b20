using SkiaSharp;

namespace HaNoi.ReformDashboard.Reports.Pdf.Layout;

public enum TextAlign { Left, Center, Right }

/// <summary>A font at a size and colour; holds the SKFont used both to measure (layout) and to draw (render).</summary>
public sealed class TextStyle
{
    public TextStyle(SKTypeface typeface, float size, SKColor? color = null, bool underline = false)
    {
        Font = new SKFont(typeface, size) { Subpixel = true, Edging = SKFontEdging.SubpixelAntialias };
        Size = size;
        Color = color ?? SKColors.Black;
        Underline = underline;
        var metrics = Font.Metrics;
        Ascent = -metrics.Ascent;
        Descent = metrics.Descent;
    }

    public SKFont Font { get; }
    public float Size { get; }
    public SKColor Color { get; }
    public bool Underline { get; }
    public float Ascent { get; }
    public float Descent { get; }

    /// <summary>Room for one line: the font's ascent and descent plus a little leading, so lines never touch.</summary>
    public float LineHeight => (Ascent + Descent) * 1.12f;

    /// <summary>Distance from a line box's top to its baseline (the glyphs are centred in the box).</summary>
    public float BaselineOffset => (LineHeight - Ascent - Descent) / 2 + Ascent;

    public float Measure(string text) => Font.MeasureText(text);

    public TextStyle With(float? size = null, SKColor? color = null, bool? underline = null, SKTypeface? typeface = null) =>
        new(typeface ?? Font.Typeface, size ?? Size, color ?? Color, underline ?? Underline);
}
