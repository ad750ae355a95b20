using SkiaSharp;

namespace HaNoi.ReformDashboard.Reports.Pdf.Layout;

/// <param name="Weight">Share of the table width (weights are relative to each other).</param>
public sealed record TableColumn(string Header, float Weight, TextAlign Align = TextAlign.Left);

public sealed record TableCell(string Text, SKColor? Fill = null)
{
    public static implicit operator TableCell(string text) => new(text);
}

/// <param name="Emphasis">A totals row: bold, shaded.</param>
public sealed record TableRow(IReadOnlyList<TableCell> Cells, bool Emphasis = false);

public sealed class Table(IReadOnlyList<TableColumn> columns, TextStyle body, TextStyle header, TextStyle emphasis)
{
    public IReadOnlyList<TableColumn> Columns { get; } = columns;
    public List<TableRow> Rows { get; } = [];
    public TextStyle Body { get; } = body;
    public TextStyle Header { get; } = header;
    public TextStyle Emphasis { get; } = emphasis;
    public float Padding { get; init; } = 2.5f;
    public SKColor HeaderFill { get; init; } = new(0xDD, 0xEB, 0xF7);
    public SKColor EmphasisFill { get; init; } = new(0xF2, 0xF2, 0xF2);
    public SKColor Border { get; init; } = new(0x80, 0x80, 0x80);

    public Table Add(params TableCell[] cells) => Add(false, cells);

    public Table Add(bool emphasis, params TableCell[] cells)
    {
        if (cells.Length != Columns.Count) throw new ArgumentException($"A row needs {Columns.Count} cells, got {cells.Length}.", nameof(cells));
        Rows.Add(new TableRow(cells, emphasis));
        return this;
    }
}
