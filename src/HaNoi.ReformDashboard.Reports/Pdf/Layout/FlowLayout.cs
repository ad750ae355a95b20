using SkiaSharp;

namespace HaNoi.ReformDashboard.Reports.Pdf.Layout;

/// <summary>
/// Places content top to bottom on pages of one size, starting a new page when the next piece does not fit.
/// Paragraphs break between lines, tables between rows (repeating their header rows); nothing is ever drawn
/// outside a page's content area, so nothing is clipped and nothing overlaps.
/// </summary>
public sealed class FlowLayout
{
    private readonly List<Page> _pages = [];

    public FlowLayout(SKSize pageSize, float marginLeft, float marginTop, float marginRight, float marginBottom)
    {
        PageSize = pageSize;
        Content = new SKRect(marginLeft, marginTop, pageSize.Width - marginRight, pageSize.Height - marginBottom);
        NewPage();
    }

    public SKSize PageSize { get; }
    public SKRect Content { get; }
    public IReadOnlyList<Page> Pages => _pages;
    public Page Current => _pages[^1];

    /// <summary>Top of the free space on the current page.</summary>
    public float Y { get; private set; }

    public float Remaining => Content.Bottom - Y;
    public bool AtPageTop => Y <= Content.Top;

    public void NewPage()
    {
        _pages.Add(new Page(PageSize, Content));
        Y = Content.Top;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> fits in what is left (or the page is still empty).</summary>
    public void EnsureSpace(float height)
    {
        if (height > Remaining && !AtPageTop) NewPage();
    }

    /// <summary>Vertical space; at the foot of a page it just ends the page (never starts an empty one).</summary>
    public void Space(float height) => Y = Math.Min(Y + height, Content.Bottom);

    /// <summary>Wrapped text; lines flow onto the next page when the page is full.</summary>
    public void Paragraph(string text, TextStyle style, TextAlign align = TextAlign.Left, float spaceAfter = 3f, float indent = 0f)
    {
        var width = Content.Width - indent;
        foreach (var line in TextWrap.Lines(text, style, width))
        {
            EnsureSpace(style.LineHeight);
            AddLine(Current, line, style, Content.Left + indent, Y, width, align);
            Y += style.LineHeight;
        }
        Space(spaceAfter);
    }

    /// <summary>A paragraph that links to <paramref name="target"/>: each of its lines is a link annotation.</summary>
    public void Link(string text, Uri target, TextStyle style, float spaceAfter = 3f, float indent = 0f)
    {
        var width = Content.Width - indent;
        foreach (var line in TextWrap.Lines(text, style, width))
        {
            EnsureSpace(style.LineHeight);
            var before = Current.Elements.Count;
            AddLine(Current, line, style, Content.Left + indent, Y, width, TextAlign.Left);
            foreach (var added in Current.Elements.Skip(before).ToList()) Current.Elements.Add(new LinkElement(added.Bounds, target));
            Y += style.LineHeight;
        }
        Space(spaceAfter);
    }

    /// <summary>Height of a paragraph, to keep a heading with what follows it.</summary>
    public float Measure(string text, TextStyle style, float? width = null) =>
        TextWrap.Lines(text, style, width ?? Content.Width).Count * style.LineHeight;

    /// <summary>Wrapped text inside a box at a fixed place on the current page (heading columns); returns its height.</summary>
    public float TextBox(string text, TextStyle style, float x, float y, float width, TextAlign align)
    {
        var lines = TextWrap.Lines(text, style, width);
        for (var i = 0; i < lines.Count; i++)
            AddLine(Current, lines[i], style, x, y + i * style.LineHeight, width, align);
        return lines.Count * style.LineHeight;
    }

    /// <summary>Moves the cursor below content placed with <see cref="TextBox"/>.</summary>
    public void Advance(float height) => Y += height;

    /// <summary>A drawing (a chart) of a fixed height, moved whole to the next page if it does not fit.</summary>
    public void Drawing(float height, Action<SKCanvas, SKRect> draw, float spaceAfter = 4f)
    {
        EnsureSpace(height);
        Current.Elements.Add(new DrawingElement(new SKRect(Content.Left, Y, Content.Right, Y + height), draw));
        Y += height;
        Space(spaceAfter);
    }

    public void Rule(float width, SKColor color, float thickness = 0.5f)
    {
        var x = Content.MidX - width / 2;
        Current.Elements.Add(new LineElement(new SKPoint(x, Y), new SKPoint(x + width, Y), color, thickness));
    }

    /// <summary>
    /// A table across as many pages as it needs: rows are never split, and every page it reaches starts with its
    /// header row. The header never stands alone at the bottom of a page.
    /// </summary>
    public void Table(Table table, float spaceAfter = 6f)
    {
        var widths = ColumnWidths(table);
        var header = LayoutRow(table, table.Columns.Select(c => new TableCell(c.Header, table.HeaderFill)).ToList(), table.Header, widths);
        var rows = table.Rows.Select(r => LayoutRow(table, r.Cells, r.Emphasis ? table.Emphasis : table.Body, widths, r.Emphasis ? table.EmphasisFill : null)).ToList();
        var fullPage = Content.Height;
        foreach (var row in rows)
        {
            if (header.Height + row.Height > fullPage)
                throw new InvalidOperationException($"A table row of {row.Height:F0} pt does not fit on an empty page.");
        }

        EnsureSpace(header.Height + (rows.Count > 0 ? rows[0].Height : 0));
        DrawRow(table, header, widths);
        foreach (var row in rows)
        {
            if (row.Height > Remaining)
            {
                NewPage();
                DrawRow(table, header, widths);
            }
            DrawRow(table, row, widths);
        }
        Space(spaceAfter);
    }

    /// <summary>Adds "Trang X / Y" (or any text) centred under the content area of every page.</summary>
    public void Footers(Func<int, int, string> text, TextStyle style)
    {
        for (var i = 0; i < _pages.Count; i++)
        {
            var page = _pages[i];
            var y = Content.Bottom + (PageSize.Height - Content.Bottom - style.LineHeight) / 2;
            AddLine(page, text(i + 1, _pages.Count), style, Content.Left, y, Content.Width, TextAlign.Center);
        }
    }

    private float[] ColumnWidths(Table table)
    {
        var total = table.Columns.Sum(c => c.Weight);
        return table.Columns.Select(c => Content.Width * c.Weight / total).ToArray();
    }

    private sealed record RowLayout(IReadOnlyList<IReadOnlyList<string>> Lines, IReadOnlyList<TableCell> Cells, TextStyle Style, SKColor? Fill, float Height);

    private static RowLayout LayoutRow(Table table, IReadOnlyList<TableCell> cells, TextStyle style, float[] widths, SKColor? fill = null)
    {
        var lines = cells.Select((cell, i) => TextWrap.Lines(cell.Text, style, widths[i] - 2 * table.Padding)).ToList();
        var height = lines.Max(l => l.Count) * style.LineHeight + 2 * table.Padding;
        return new RowLayout(lines, cells, style, fill, height);
    }

    private void DrawRow(Table table, RowLayout row, float[] widths)
    {
        var x = Content.Left;
        for (var i = 0; i < widths.Length; i++)
        {
            var cell = new SKRect(x, Y, x + widths[i], Y + row.Height);
            Current.Elements.Add(new BoxElement(cell, row.Cells[i].Fill ?? row.Fill, table.Border));
            var align = ReferenceEquals(row.Style, table.Header) ? TextAlign.Center : table.Columns[i].Align;
            for (var l = 0; l < row.Lines[i].Count; l++)
                AddLine(Current, row.Lines[i][l], row.Style, x + table.Padding, Y + table.Padding + l * row.Style.LineHeight, widths[i] - 2 * table.Padding, align);
            x += widths[i];
        }
        Y += row.Height;
    }

    private static void AddLine(Page page, string line, TextStyle style, float x, float top, float width, TextAlign align)
    {
        if (line.Length == 0) return;
        var measured = style.Measure(line);
        var left = align switch
        {
            TextAlign.Center => x + (width - measured) / 2,
            TextAlign.Right => x + width - measured,
            _ => x,
        };
        page.Elements.Add(new TextElement(line, style, new SKRect(left, top, left + measured, top + style.LineHeight)));
    }
}
