using DocumentFormat.OpenXml.Wordprocessing;
using HaNoi.ReformDashboard.Data.Assessment;
using static HaNoi.ReformDashboard.Reports.Word.DocxParts;

namespace HaNoi.ReformDashboard.Reports.Assessment;

/// <summary>
/// The annex (<see cref="AnnexContent"/>) as an editable Word document, with the quarterly report's page, fonts,
/// heading and table (header row repeated on every page, rows never split).
/// </summary>
public static class AnnexDocx
{
    // STT | unit | appraised | survey | total | index % | rank: the content width of the page (9355 twips).
    private static readonly int[] Widths = [700, 3555, 1100, 1100, 1000, 1000, 900];

    private static readonly JustificationValues[] Align =
    [
        JustificationValues.Center, JustificationValues.Left, JustificationValues.Right, JustificationValues.Right,
        JustificationValues.Right, JustificationValues.Right, JustificationValues.Center,
    ];

    public static void Write(BlockRanking ranking, ReportParameters parameters, Stream output)
    {
        using var language = ReportText.In(parameters.Language);
        var annex = AnnexContent.Of(ranking, parameters);
        Word.DocxParts.Write(output, annex.Title, parameters.GeneratedBy, annex.Title, body =>
        {
            body.Append(Heading(annex.Heading, numberLine: null));
            body.Append(Paragraph(""));
            body.Append(Paragraph(annex.Title, bold: true, center: true, size: 28));
            var table = NewTable(Widths, annex.Header);
            foreach (var line in annex.Lines)
                table.Append(Row(Widths, line.Cells(ReportText.Culture), bold: false, fills: null, align: Align));
            body.Append(table);
            if (annex.Lines.Count == 0) body.Append(Paragraph(annex.Empty, italic: true, center: true));
            body.Append(Paragraph(annex.Note, italic: true, size: 22));
            body.Append(Paragraph(annex.MadeBy, italic: true, size: 20));
        });
    }
}
