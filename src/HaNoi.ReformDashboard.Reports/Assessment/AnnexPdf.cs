using HaNoi.ReformDashboard.Data.Assessment;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Reports.Pdf;
using HaNoi.ReformDashboard.Reports.Pdf.Layout;

namespace HaNoi.ReformDashboard.Reports.Assessment;

/// <summary>
/// The annex (<see cref="AnnexContent"/>) as a PDF, A4 portrait, with the reports' heading, fonts and table: the
/// table runs onto further pages with its header row when a block has more units than a page holds, and a long unit
/// name wraps inside its cell.
/// </summary>
public static class AnnexPdf
{
    public static void Write(BlockRanking ranking, ReportParameters parameters, Stream output)
    {
        using var language = ReportText.In(parameters.Language);
        var annex = AnnexContent.Of(ranking, parameters);
        OfficialHeading.Finish(Layout(annex), parameters, annex.Title, annex.Title, $"CCHC; {ranking.Year}; {ranking.Block.ToCode()}", output);
    }

    internal static FlowLayout Layout(AnnexContent annex)
    {
        var layout = PdfTheme.NewPortraitLayout();
        OfficialHeading.Columns(layout, annex.Heading);
        layout.Paragraph(annex.Title, PdfTheme.Title, TextAlign.Center, spaceAfter: 8);

        // The body size rather than the scorecards' 7.5 pt: one table on the page, read by the public (the headers keep the
        // tables' size, so "Appraised" holds its line). The unit's column takes over two fifths of the width, so the
        // longest department name (38 letters) holds one line and 30 districts one page.
        var h = annex.Header;
        var table = new Table(
            [
                new(h[0], 3, TextAlign.Center), new(h[1], 24), new(h[2], 6, TextAlign.Right), new(h[3], 6, TextAlign.Right),
                new(h[4], 6, TextAlign.Right), new(h[5], 6, TextAlign.Right), new(h[6], 4.5f, TextAlign.Center),
            ],
            PdfTheme.Body, PdfTheme.CellHeader, PdfTheme.Strong) { Padding = 3f };
        foreach (var line in annex.Lines)
            table.Add([.. line.Cells(ReportText.Culture).Select(c => new TableCell(c))]);
        layout.Table(table, spaceAfter: 4);
        if (annex.Lines.Count == 0) layout.Paragraph(annex.Empty, PdfTheme.Italic, TextAlign.Center, spaceAfter: 4);

        layout.Paragraph(annex.Note, PdfTheme.Italic, spaceAfter: 2);
        layout.Paragraph(annex.MadeBy, PdfTheme.Small);
        return layout;
    }
}
