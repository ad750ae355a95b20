using HaNoi.ReformDashboard.Reports.Pdf.Layout;
using SkiaSharp;

namespace HaNoi.ReformDashboard.Reports.Tests.Layout;

/// <summary>What "no clipped or overlapping text" means, checked on laid-out pages.</summary>
public static class LayoutChecks
{
    private const float Tolerance = 0.01f;

    public static void ShouldBeClean(this IReadOnlyList<Page> pages)
    {
        for (var p = 0; p < pages.Count; p++)
        {
            var page = pages[p];
            var pageBox = new SKRect(0, 0, page.Size.Width, page.Size.Height);
            var texts = page.Texts.ToList();
            var boxes = page.Elements.OfType<BoxElement>().ToList();
            foreach (var text in texts)
            {
                Inside(text.Bounds, pageBox).Should().BeTrue($"'{text.Text}' on page {p + 1} stays on the page");
                // Body text stays inside the margins; only the footer sits below them.
                if (text.Bounds.Top < page.Content.Bottom)
                    Inside(text.Bounds, page.Content).Should().BeTrue($"'{text.Text}' on page {p + 1} stays inside the content area");
                // Text in a table cell stays inside the cell (not cut by its border).
                foreach (var cell in boxes.Where(b => b.Bounds.IntersectsWith(text.Bounds)))
                    Inside(text.Bounds, cell.Bounds).Should().BeTrue($"'{text.Text}' on page {p + 1} fits its cell");
            }
            var sorted = texts.OrderBy(t => t.Bounds.Top).ToList();
            for (var i = 0; i < sorted.Count; i++)
            {
                for (var j = i + 1; j < sorted.Count && sorted[j].Bounds.Top < sorted[i].Bounds.Bottom - Tolerance; j++)
                {
                    Overlap(sorted[i].Bounds, sorted[j].Bounds).Should().BeFalse(
                        $"'{sorted[i].Text}' and '{sorted[j].Text}' on page {p + 1} do not overlap");
                }
            }
        }
    }

    private static bool Inside(SKRect inner, SKRect outer) =>
        inner.Left >= outer.Left - Tolerance && inner.Right <= outer.Right + Tolerance &&
        inner.Top >= outer.Top - Tolerance && inner.Bottom <= outer.Bottom + Tolerance;

    private static bool Overlap(SKRect a, SKRect b) =>
        a.Left < b.Right - Tolerance && b.Left < a.Right - Tolerance && a.Top < b.Bottom - Tolerance && b.Top < a.Bottom - Tolerance;
}
