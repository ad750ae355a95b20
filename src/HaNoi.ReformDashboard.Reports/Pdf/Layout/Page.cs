using SkiaSharp;

namespace HaNoi.ReformDashboard.Reports.Pdf.Layout;

/// <summary>Something placed on a page; the layout decides every position, the renderer only draws.</summary>
public abstract record Element(SKRect Bounds);

/// <summary>One line of text; <see cref="Element.Bounds"/> is the line box (measured width × line height).</summary>
public sealed record TextElement(string Text, TextStyle Style, SKRect Bounds) : Element(Bounds);

public sealed record BoxElement(SKRect Bounds, SKColor? Fill, SKColor? Stroke, float StrokeWidth = 0.5f) : Element(Bounds);

public sealed record LineElement(SKPoint From, SKPoint To, SKColor Color, float Width = 0.5f)
    : Element(new SKRect(Math.Min(From.X, To.X), Math.Min(From.Y, To.Y), Math.Max(From.X, To.X), Math.Max(From.Y, To.Y)));

/// <summary>A clickable area: a link annotation over text drawn by other elements.</summary>
public sealed record LinkElement(SKRect Bounds, Uri Target) : Element(Bounds);

/// <summary>A drawing made by code (a chart) inside its bounds.</summary>
public sealed record DrawingElement(SKRect Bounds, Action<SKCanvas, SKRect> Draw) : Element(Bounds);

public sealed class Page(SKSize size, SKRect content)
{
    public SKSize Size { get; } = size;

    /// <summary>The area inside the margins; everything but the footer stays in it.</summary>
    public SKRect Content { get; } = content;

    public List<Element> Elements { get; } = [];

    public IEnumerable<TextElement> Texts => Elements.OfType<TextElement>();
}

public static class PageSizes
{
    /// <summary>A4 in points (1/72 inch).</summary>
    public static SKSize A4Portrait { get; } = new(595.28f, 841.89f);
    public static SKSize A4Landscape { get; } = new(841.89f, 595.28f);
}
