using SkiaSharp;

namespace HaNoi.ReformDashboard.Reports.Pdf.Layout;

/// <summary>Draws laid-out pages into a PDF with Skia's PDF backend (vector text, embedded fonts).</summary>
public static class PdfRenderer
{
    public static void Render(IReadOnlyList<Page> pages, SKDocumentPdfMetadata metadata, Stream output)
    {
        using (var managed = new SKManagedWStream(output, disposeManagedStream: false))
        using (var document = SKDocument.CreatePdf(managed, metadata))
        {
            using var fill = new SKPaint { Style = SKPaintStyle.Fill, IsAntialias = true };
            using var stroke = new SKPaint { Style = SKPaintStyle.Stroke, IsAntialias = true };
            foreach (var page in pages)
            {
                var canvas = document.BeginPage(page.Size.Width, page.Size.Height);
                foreach (var element in page.Elements)
                    Draw(canvas, element, fill, stroke);
                document.EndPage();
            }
            document.Close();
        }
        output.Flush();
    }

    private static void Draw(SKCanvas canvas, Element element, SKPaint fill, SKPaint stroke)
    {
        switch (element)
        {
            case BoxElement box:
                if (box.Fill is { } color)
                {
                    fill.Color = color;
                    canvas.DrawRect(box.Bounds, fill);
                }
                if (box.Stroke is { } border)
                {
                    stroke.Color = border;
                    stroke.StrokeWidth = box.StrokeWidth;
                    canvas.DrawRect(box.Bounds, stroke);
                }
                break;
            case LineElement line:
                stroke.Color = line.Color;
                stroke.StrokeWidth = line.Width;
                canvas.DrawLine(line.From, line.To, stroke);
                break;
            case TextElement text:
                fill.Color = text.Style.Color;
                var baseline = text.Bounds.Top + text.Style.BaselineOffset;
                canvas.DrawText(text.Text, text.Bounds.Left, baseline, SKTextAlign.Left, text.Style.FontFor(text.Text), fill);
                if (text.Style.Underline)
                {
                    stroke.Color = text.Style.Color;
                    stroke.StrokeWidth = Math.Max(0.5f, text.Style.Size / 16);
                    var y = baseline + text.Style.Descent * 0.6f;
                    canvas.DrawLine(text.Bounds.Left, y, text.Bounds.Right, y, stroke);
                }
                break;
            case LinkElement link:
                canvas.DrawUrlAnnotation(link.Bounds, link.Target.AbsoluteUri);
                break;
            case DrawingElement drawing:
                canvas.Save();
                canvas.ClipRect(drawing.Bounds);
                drawing.Draw(canvas, drawing.Bounds);
                canvas.Restore();
                break;
        }
    }
}
