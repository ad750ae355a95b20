using SkiaSharp;

namespace HaNoi.ReformDashboard.Reports.Pdf.Layout;

public enum TextAlign { Left, Center, Right }

/// <summary>
/// A font at a size and colour; holds the SKFont used both to measure (layout) and to draw (render). A subset
/// typeface may come with the whole font as <paramref name="fallback"/>, used for a line the subset cannot draw.
/// </summary>
public sealed class TextStyle
{
    private readonly SKFont? _fallback;

    public TextStyle(SKTypeface typeface, float size, SKColor? color = null, bool underline = false, SKTypeface? fallback = null)
    {
        Font = NewFont(typeface, size);
        _fallback = fallback is null ? null : NewFont(fallback, size);
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

    public float Measure(string text) => FontFor(text).MeasureText(text);

    /// <summary>The font that draws <paramref name="text"/>: the style's own, or its fallback when a glyph is missing.</summary>
    public SKFont FontFor(string text) => _fallback is null || Font.ContainsGlyphs(text) ? Font : _fallback;

    public TextStyle With(float? size = null, SKColor? color = null, bool? underline = null, SKTypeface? typeface = null) =>
        new(typeface ?? Font.Typeface, size ?? Size, color ?? Color, underline ?? Underline, typeface is null ? _fallback?.Typeface : null);

    private static SKFont NewFont(SKTypeface typeface, float size) =>
        new(typeface, size) { Subpixel = true, Edging = SKFontEdging.SubpixelAntialias, Hinting = SKFontHinting.None, LinearMetrics = true };
}
