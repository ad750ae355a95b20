using ClosedXML.Excel;
using HaNoi.ReformDashboard.Data.Assessment;
using HaNoi.ReformDashboard.Reports.Excel;

namespace HaNoi.ReformDashboard.Reports.Assessment;

/// <summary>
/// The annex (<see cref="AnnexContent"/>) as a workbook: the administrative heading, the title, and one row per unit in
/// rank order. Numbers are numbers (two decimals shown), a missing survey score an empty cell, never 0.
/// </summary>
public static class AnnexWorkbook
{
    public const int HeaderRow = 6;

    public static void Write(BlockRanking ranking, ReportParameters parameters, Stream output)
    {
        using var language = ReportText.In(parameters.Language);
        Write(AnnexContent.Of(ranking, parameters), parameters, output);
    }

    private static void Write(AnnexContent annex, ReportParameters parameters, Stream output)
    {
        using var workbook = new XLWorkbook();
        workbook.Properties.Title = annex.Title;
        workbook.Properties.Author = parameters.GeneratedBy;
        var ws = workbook.AddWorksheet(annex.SheetName);

        ws.Cell(1, 1).Text(annex.Heading.IssuingBody).Style.Font.SetBold();
        ws.Cell(1, 4).Text(annex.Heading.Nation).Style.Font.SetBold();
        ws.Cell(2, 4).Text(annex.Heading.Motto).Style.Font.SetBold().Font.SetUnderline();
        ws.Cell(3, 4).Text(annex.Heading.DatedLine).Style.Font.SetItalic();
        ws.Cell(4, 1).Text(annex.Title).Style.Font.SetBold().Font.SetFontSize(13);
        ws.Range(4, 1, 4, 7).Merge().Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);

        for (var c = 0; c < annex.Header.Count; c++)
            ws.Cell(HeaderRow, c + 1).Text(annex.Header[c]).Style.Font.SetBold().Alignment.SetWrapText().Border.SetOutsideBorder(XLBorderStyleValues.Thin);
        var row = HeaderRow;
        foreach (var line in annex.Lines)
        {
            row++;
            ws.Cell(row, 1).SetValue(line.Stt);
            ws.Cell(row, 2).Text(line.Unit).Style.Alignment.SetWrapText();
            ws.Cell(row, 3).Number(line.Appraised, Formats.Score);
            ws.Cell(row, 4).Number(line.Survey, Formats.Score);
            ws.Cell(row, 5).Number(line.Total, Formats.Score);
            ws.Cell(row, 6).Number(line.IndexPercent, Formats.Score);
            ws.Cell(row, 7).SetValue(line.Rank);
            ws.Range(row, 1, row, 7).Style.Border.SetOutsideBorder(XLBorderStyleValues.Thin).Border.SetInsideBorder(XLBorderStyleValues.Thin);
        }
        if (annex.Lines.Count == 0) ws.Cell(row + 1, 1).Text(annex.Empty);
        ws.Cell(row + 2, 1).Text(annex.Note).Style.Font.SetItalic();
        ws.Cell(row + 3, 1).Text(annex.MadeBy).Style.Font.SetItalic();

        ws.Column(1).Width = 6;
        ws.Column(2).Width = 42;
        foreach (var c in Enumerable.Range(3, 5)) ws.Column(c).Width = 14;
        ws.SheetView.FreezeRows(HeaderRow);
        ws.PageSetup.SetRowsToRepeatAtTop(HeaderRow, HeaderRow);
        workbook.SaveAs(output);
    }
}
