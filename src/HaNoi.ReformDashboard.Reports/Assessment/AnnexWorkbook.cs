using HaNoi.ReformDashboard.Domain.Presentation;
using System.Globalization;
using System.Resources;
using ClosedXML.Excel;
using HaNoi.ReformDashboard.Data.Assessment;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Reports.Excel;

namespace HaNoi.ReformDashboard.Reports.Assessment;

/// <summary>
/// The office's published annex of a year's index for one block (issue 23): the administrative heading, the title, and
/// one row per unit in rank order — STT, unit, appraised score, survey score, total, index %, rank. Numbers are numbers
/// (two decimals shown), a missing survey score an empty cell, never 0.
/// </summary>
public static class AnnexWorkbook
{
    private static readonly ResourceManager Text = new("HaNoi.ReformDashboard.Reports.Assessment.AnnexText", typeof(AnnexWorkbook).Assembly);

    public const int HeaderRow = 6;

    public static string T(string key) => Text.GetString(key, ReportText.Culture) ?? key;

    public static IReadOnlyList<string> Header => [T("Stt"), T("Unit"), T("Appraised"), T("Survey"), T("Total"), T("Index"), T("Rank")];

    public static string Title(int year, UnitLevel block) => string.Format(ReportText.Culture, T("Title"), year, T("Block_" + block.ToCode()));

    public static void Write(BlockRanking ranking, ReportParameters parameters, Stream output)
    {
        using var language = ReportText.In(parameters.Language);
        using var workbook = new XLWorkbook();
        var title = Title(ranking.Year, ranking.Block);
        workbook.Properties.Title = title;
        workbook.Properties.Author = parameters.GeneratedBy;
        var ws = workbook.AddWorksheet(T("Sheet"));

        ws.Cell(1, 1).Text(ReportText.IssuingBody(parameters)).Style.Font.SetBold();
        ws.Cell(1, 4).Text(ReportText.Nation).Style.Font.SetBold();
        ws.Cell(2, 4).Text(ReportText.Motto).Style.Font.SetBold().Font.SetUnderline();
        ws.Cell(4, 1).Text(title).Style.Font.SetBold().Font.SetFontSize(13);
        ws.Range(4, 1, 4, 7).Merge().Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);

        var header = Header;
        for (var c = 0; c < header.Count; c++)
            ws.Cell(HeaderRow, c + 1).Text(header[c]).Style.Font.SetBold().Alignment.SetWrapText().Border.SetOutsideBorder(XLBorderStyleValues.Thin);
        var row = HeaderRow;
        foreach (var (line, index) in ranking.Rows.Select((r, i) => (r, i)))
        {
            row++;
            ws.Cell(row, 1).SetValue(index + 1);
            ws.Cell(row, 2).Text(Wording.Pick(ReportText.Culture, line.Unit.NameVi, line.Unit.NameEn));
            ws.Cell(row, 3).Number(line.Appraised, "0.00");
            ws.Cell(row, 4).Number(line.Survey, "0.00");
            ws.Cell(row, 5).Number(line.Total, "0.00");
            ws.Cell(row, 6).Number(line.IndexPercent, "0.00");
            ws.Cell(row, 7).SetValue(line.Rank);
            ws.Range(row, 1, row, 7).Style.Border.SetOutsideBorder(XLBorderStyleValues.Thin).Border.SetInsideBorder(XLBorderStyleValues.Thin);
        }
        if (ranking.Rows.Count == 0) ws.Cell(row + 1, 1).Text(T("Empty"));
        ws.Cell(row + 2, 1).Text(T("Note")).Style.Font.SetItalic();
        ws.Cell(row + 3, 1).Text(string.Format(ReportText.Culture, T("MadeBy"), parameters.GeneratedAt.ToOffset(TimeSpan.FromHours(7)), parameters.GeneratedBy)).Style.Font.SetItalic();

        ws.Column(1).Width = 6;
        ws.Column(2).Width = 42;
        foreach (var c in Enumerable.Range(3, 5)) ws.Column(c).Width = 14;
        ws.SheetView.FreezeRows(HeaderRow);
        ws.PageSetup.SetRowsToRepeatAtTop(HeaderRow, HeaderRow);
        workbook.SaveAs(output);
    }
}
