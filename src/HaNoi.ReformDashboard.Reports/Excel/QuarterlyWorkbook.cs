using ClosedXML.Excel;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Presentation;
using HaNoi.ReformDashboard.Domain.Scoring;

namespace HaNoi.ReformDashboard.Reports.Excel;

/// <summary>
/// The quarterly report workbook (DESIGN §5): Bìa (cover), Tổng hợp (by pillar), Toàn thành phố (city figures),
/// one sheet per level, Xu hướng (city months) and the machine-readable Data sheet. Every figure is copied
/// from the scorecard; nothing is recomputed here.
/// </summary>
public static class QuarterlyWorkbook
{
    public const string CoverSheet = "Bìa";
    public const string SummarySheet = "Tổng hợp";
    public const string CitySheet = "Toàn thành phố";
    public const string TrendsSheet = "Xu hướng";
    public const string DataSheet = "Data";

    /// <summary>The Data sheet's header, exactly as DESIGN §5 states it.</summary>
    public static IReadOnlyList<string> DataHeader => ScorecardRows.Header;

    /// <summary>Sub-columns per indicator, the way a reform office reads them.</summary>
    public static IReadOnlyList<string> FigureColumns { get; } = ["Tử số", "Mẫu số", "Tỷ lệ", "Chỉ tiêu", "Chênh lệch", "Đạt/Chưa đạt"];

    /// <summary>Sheet name of a level's sheet.</summary>
    public static string LevelSheet(UnitLevel level) => level switch
    {
        UnitLevel.City => "Cấp thành phố",
        UnitLevel.Department => "Cấp sở, ban, ngành",
        UnitLevel.District => "Cấp huyện",
        _ => "Cấp xã",
    };

    /// <summary>First column of an indicator's six figure columns on a level sheet (1-based).</summary>
    internal const int FirstFigureColumn = 6;
    internal const int LevelHeaderRow = 5;

    public static void Write(Scorecard scorecard, ReportParameters parameters, Stream output)
    {
        using var workbook = new XLWorkbook();
        var names = new List<string>();
        workbook.Properties.Title = ReportText.Title(scorecard.PlanYear);
        workbook.Properties.Author = parameters.GeneratedBy;
        workbook.Properties.Subject = FigureFormat.Period(scorecard.Period, ReportText.Culture);

        Cover(workbook.AddWorksheet(SheetNames.Safe(CoverSheet, names)), scorecard, parameters);
        Summary(workbook.AddWorksheet(SheetNames.Safe(SummarySheet, names)), scorecard);
        City(workbook.AddWorksheet(SheetNames.Safe(CitySheet, names)), scorecard);
        foreach (var level in ReportContent.Levels(scorecard))
            Level(workbook.AddWorksheet(SheetNames.Safe(LevelSheet(level.Level), names)), scorecard, level);
        Trends(workbook.AddWorksheet(SheetNames.Safe(TrendsSheet, names)), scorecard);
        Data(workbook.AddWorksheet(SheetNames.Safe(DataSheet, names)), scorecard);

        workbook.SaveAs(output);
    }

    private static void Cover(IXLWorksheet ws, Scorecard scorecard, ReportParameters parameters)
    {
        ws.Cell(1, 1).Text(ReportText.IssuingBody(parameters)).Style.Font.SetBold();
        ws.Cell(1, 3).Text(ReportText.Nation).Style.Font.SetBold();
        ws.Cell(2, 3).Text(ReportText.Motto).Style.Font.SetBold().Font.SetUnderline();
        ws.Cell(4, 1).Text("BÁO CÁO").Style.Font.SetBold().Font.SetFontSize(14);
        ws.Cell(5, 1).Text(ReportText.Title(scorecard.PlanYear)).Style.Font.SetBold();
        ws.Cell(6, 1).Text($"({FigureFormat.DateRange(scorecard.Period, ReportText.Culture)})").Style.Font.SetItalic();

        var rows = new List<(string, string)>
        {
            ("Năm kế hoạch", scorecard.PlanYear.ToString(ReportText.Culture)),
            ("Kỳ báo cáo", $"{FigureFormat.Period(scorecard.Period, ReportText.Culture)} ({scorecard.Period})"),
            ("Thời gian", FigureFormat.DateRange(scorecard.Period, ReportText.Culture)),
            ("Phạm vi", ReportText.Scope(scorecard)),
        };
        rows.AddRange(parameters.Filters.Select(f => (f.Label, f.Value)));
        rows.Add(("Tình trạng số liệu", scorecard.IsEmpty ? ReportText.NoData : scorecard.Provisional ? ReportText.Provisional : "Chính thức"));
        rows.Add(("Thời điểm lập", ReportText.Timestamp(parameters.GeneratedAt)));
        rows.Add(("Người lập", parameters.GeneratedBy));
        rows.Add(("Cơ quan ban hành", ReportText.IssuingBody(parameters)));

        var row = 8;
        foreach (var (label, value) in rows)
        {
            ws.Cell(row, 1).Text(label).Style.Font.SetBold();
            ws.Cell(row, 2).Text(value);
            row++;
        }
        if (scorecard.IsEmpty)
            ws.Cell(row + 1, 1).Text($"{ReportText.NoData} cho phạm vi và kỳ báo cáo này.").Style.Font.SetBold().Font.SetFontColor(XLColor.DarkRed);

        ws.Column(1).Width = 24;
        ws.Column(2).Width = 48;
        ws.Column(3).Width = 44;
        Print(ws, 0, landscape: false);
    }

    private static void Summary(IXLWorksheet ws, Scorecard scorecard)
    {
        Title(ws, $"Tổng hợp theo lĩnh vực — {FigureFormat.Period(scorecard.Period, ReportText.Culture)}", ReportText.Scope(scorecard));
        string[] header = ["STT", "Mã", "Lĩnh vực", "Số chỉ tiêu", "Đạt", "Có nguy cơ", "Chưa đạt", "Không có số liệu", "Chưa có chỉ tiêu", "Điểm lĩnh vực (thành phố)"];
        const int headerRow = 4;
        Header(ws, headerRow, header);
        var row = headerRow + 1;
        var n = 1;
        foreach (var (pillar, indicators) in ReportContent.Pillars(scorecard))
        {
            ws.Cell(row, 1).SetValue(n++);
            ws.Cell(row, 2).Text(pillar.Code);
            ws.Cell(row, 3).Text(pillar.NameVi);
            ws.Cell(row, 4).SetValue(indicators.Count);
            Status[] statuses = [Status.Met, Status.AtRisk, Status.Missed, Status.NoData, Status.NoTarget];
            for (var s = 0; s < statuses.Length; s++)
                ws.Cell(row, 5 + s).SetValue(ReportContent.Count(scorecard, indicators, statuses[s]));
            // The engine's own pillar rule (mean of scored indicators) applied to the city figures.
            ws.Cell(row, 10).Number(Scores.ForPillar(indicators.Select(i => scorecard.City.For(i.Code)!.Score)), Formats.Score);
            row++;
        }
        Table(ws, headerRow, row - 1, header.Length);
        Widths(ws, 6, 10, 60, 11, 8, 11, 10, 16, 16, 14);
        ws.Column(3).Style.Alignment.WrapText = true;
        FitWrappedRows(ws, 3, headerRow + 1, row - 1);
        Print(ws, headerRow, landscape: true);
    }

    private static void City(IXLWorksheet ws, Scorecard scorecard)
    {
        Title(ws, $"Kết quả toàn thành phố — {FigureFormat.Period(scorecard.Period, ReportText.Culture)}",
            "Tỷ lệ toàn thành phố = tổng tử số ÷ tổng mẫu số của mọi đơn vị (trừ chỉ tiêu Thành phố tự báo cáo).");
        string[] header = ["STT", "Mã", "Lĩnh vực", "Chỉ tiêu", .. FigureColumns, "Điểm"];
        const int headerRow = 4;
        Header(ws, headerRow, header);
        var row = headerRow + 1;
        var n = 1;
        foreach (var indicator in scorecard.Indicators)
        {
            ws.Cell(row, 1).SetValue(n++);
            ws.Cell(row, 2).Text(indicator.Code);
            ws.Cell(row, 3).Text(indicator.PillarCode);
            ws.Cell(row, 4).Text(indicator.NameVi);
            var cell = scorecard.City.For(indicator.Code);
            if (cell is not null) Figures(ws, row, 5, indicator, cell);
            ws.Cell(row, 11).Number(cell?.Score.Score, Formats.Score);
            row++;
        }
        for (var i = 0; i < scorecard.Indicators.Count; i++)
            FigureFormats(ws, 5, scorecard.Indicators[i], headerRow + 1 + i, headerRow + 1 + i);
        Table(ws, headerRow, row - 1, header.Length);
        Widths(ws, 6, 24, 8, 60, 12, 12, 10, 12, 11, 18, 9);
        ws.Column(4).Style.Alignment.WrapText = true;
        FitWrappedRows(ws, 4, headerRow + 1, row - 1);
        Print(ws, headerRow, landscape: true);
    }

    private static void Level(IXLWorksheet ws, Scorecard scorecard, LevelSection level)
    {
        Title(ws, $"Cấp {ReportText.Level(level.Level)} — {FigureFormat.Period(scorecard.Period, ReportText.Culture)}",
            $"{ReportText.Scope(scorecard)} · {level.Units.Count} đơn vị");
        const int groupRow = LevelHeaderRow - 1;
        string[] fixedColumns = ["STT", "Mã đơn vị", "Đơn vị", "Điểm", "Xếp hạng"];
        for (var c = 0; c < fixedColumns.Length; c++)
            ws.Range(groupRow, c + 1, LevelHeaderRow, c + 1).Merge().FirstCell().Text(fixedColumns[c]);
        for (var i = 0; i < level.Indicators.Count; i++)
        {
            var first = FirstFigureColumn + i * FigureColumns.Count;
            ws.Range(groupRow, first, groupRow, first + FigureColumns.Count - 1).Merge().FirstCell()
                .Text($"{level.Indicators[i].NameVi} ({level.Indicators[i].Code})");
            for (var k = 0; k < FigureColumns.Count; k++) ws.Cell(LevelHeaderRow, first + k).Text(FigureColumns[k]);
        }
        var lastColumn = FirstFigureColumn + level.Indicators.Count * FigureColumns.Count - 1;
        HeaderStyle(ws.Range(groupRow, 1, LevelHeaderRow, lastColumn));
        ws.Row(groupRow).Height = 60;

        var row = LevelHeaderRow + 1;
        var n = 1;
        foreach (var unit in level.Units)
        {
            ws.Cell(row, 1).SetValue(n++);
            ws.Cell(row, 2).Text(unit.Unit.Code);
            ws.Cell(row, 3).Text(unit.Unit.NameVi);
            ws.Cell(row, 4).Number(unit.Score, Formats.Score);
            ws.Cell(row, 5).Text(ReportText.Rank(unit.Rank, unit.RankedPeers));
            for (var i = 0; i < level.Indicators.Count; i++)
            {
                if (unit.For(level.Indicators[i].Code) is { } cell)
                    Figures(ws, row, FirstFigureColumn + i * FigureColumns.Count, level.Indicators[i], cell);
            }
            row++;
        }
        var lastUnitRow = row - 1;
        for (var i = 0; i < level.Indicators.Count; i++)
            FigureFormats(ws, FirstFigureColumn + i * FigureColumns.Count, level.Indicators[i], LevelHeaderRow + 1, row);
        if (level.Units.Count > 0) ws.Range(LevelHeaderRow, 1, lastUnitRow, lastColumn).SetAutoFilter();

        // The totals row is the level roll-up the scoring engine made (Σ numerators ÷ Σ denominators), never a formula here.
        ws.Cell(row, 3).Text($"Tổng cộng cấp {ReportText.Level(level.Level)}");
        for (var i = 0; i < level.Indicators.Count; i++)
        {
            if (level.Totals?.For(level.Indicators[i].Code) is { } cell)
                Figures(ws, row, FirstFigureColumn + i * FigureColumns.Count, level.Indicators[i], cell);
        }
        ws.Range(row, 1, row, lastColumn).Style.Font.SetBold().Border.SetTopBorder(XLBorderStyleValues.Double);
        Borders(ws.Range(groupRow, 1, row, lastColumn));

        ws.SheetView.Freeze(LevelHeaderRow, 3);
        Widths(ws, 6, 11, 34, 8, 9);
        for (var c = FirstFigureColumn; c <= lastColumn; c++)
            ws.Column(c).Width = ((c - FirstFigureColumn) % FigureColumns.Count) switch { 0 or 1 => 11, 5 => 17, _ => 10 };
        Print(ws, LevelHeaderRow, landscape: true);
    }

    private static void Trends(IXLWorksheet ws, Scorecard scorecard)
    {
        Title(ws, $"Xu hướng theo tháng của toàn thành phố — năm {scorecard.Period.Year}", "Giá trị từng tháng (tỷ lệ của tháng), đến hết kỳ báo cáo.");
        var months = scorecard.Period.LastMonth;
        string[] header = ["STT", "Mã", "Chỉ tiêu", "Chỉ tiêu kế hoạch", .. Enumerable.Range(1, months).Select(m => $"T{m:D2}/{scorecard.Period.Year}")];
        const int headerRow = 4;
        Header(ws, headerRow, header);
        var row = headerRow + 1;
        var n = 1;
        foreach (var indicator in scorecard.Indicators)
        {
            ws.Cell(row, 1).SetValue(n++);
            ws.Cell(row, 2).Text(indicator.Code);
            ws.Cell(row, 3).Text(indicator.NameVi);
            ws.Cell(row, 4).Text(ReportText.Target(indicator.Kind, scorecard.City.For(indicator.Code)?.Score.Target));
            foreach (var point in scorecard.CitySeries(indicator.Code)?.Points ?? [])
                ws.Cell(row, 4 + point.Month).Number(Formats.Stored(indicator.Kind, point.Value));
            ws.Range(row, 5, row, 4 + months).Style.NumberFormat.Format = Formats.Value(indicator.Kind);
            row++;
        }
        Table(ws, headerRow, row - 1, header.Length);
        ws.SheetView.Freeze(headerRow, 3);
        Widths(ws, 6, 24, 60, 16);
        for (var m = 1; m <= months; m++) ws.Column(4 + m).Width = 10;
        ws.Column(3).Style.Alignment.WrapText = true;
        FitWrappedRows(ws, 3, headerRow + 1, row - 1);
        Print(ws, headerRow, landscape: true);
    }

    private static void Data(IXLWorksheet ws, Scorecard scorecard)
    {
        for (var c = 0; c < DataHeader.Count; c++) ws.Cell(1, c + 1).Text(DataHeader[c]);
        ws.Range(1, 1, 1, DataHeader.Count).Style.Font.SetBold();
        var row = 2;
        // The same rows as the CLI's CSV: value, threshold and gap in percent units (99.5), unrounded.
        foreach (var r in ScorecardRows.ForUnits(ReportContent.Levels(scorecard).SelectMany(l => l.Units), scorecard.Period))
        {
            ws.Cell(row, 1).Text(r.UnitCode);
            ws.Cell(row, 2).Text(r.IndicatorCode);
            ws.Cell(row, 3).Text(r.Period);
            ws.Cell(row, 4).Number(r.Numerator);
            ws.Cell(row, 5).Number(r.Denominator);
            ws.Cell(row, 6).Number(r.Value);
            ws.Cell(row, 7).Text(r.Operator);
            ws.Cell(row, 8).Number(r.Threshold);
            ws.Cell(row, 9).Text(r.Status);
            ws.Cell(row, 10).Number(r.Gap);
            ws.Cell(row, 11).Number(r.Score);
            row++;
        }
        ws.Range(1, 1, Math.Max(row - 1, 1), DataHeader.Count).SetAutoFilter();
        ws.SheetView.FreezeRows(1);
        Widths(ws, 12, 24, 12, 12, 12, 12, 9, 10, 10, 12, 10);
        Print(ws, 1, landscape: true);
    }

    /// <summary>The six reform-office columns of one indicator, starting at <paramref name="column"/>.</summary>
    private static void Figures(IXLWorksheet ws, int row, int column, IndicatorInfo indicator, ScoredIndicator cell)
    {
        var kind = indicator.Kind;
        var score = cell.Score;
        if (kind == IndicatorKind.Ratio)
        {
            ws.Cell(row, column).Number(cell.Figure.Numerator);
            ws.Cell(row, column + 1).Number(cell.Figure.Denominator);
        }
        ws.Cell(row, column + 2).Number(Formats.Stored(kind, score.Value));
        if (score.Target is { } target)
        {
            // The operator lives in the format, and a level's targets may differ by unit: set per cell.
            ws.Cell(row, column + 3).Number(Formats.Stored(kind, target.Threshold), Formats.Target(kind, target.Operator));
        }
        if (kind != IndicatorKind.Milestone)
            ws.Cell(row, column + 4).Number(Formats.Stored(kind, score.Gap));
        ws.Cell(row, column + 5).StatusCell(score.Status);
    }

    /// <summary>Number formats set once per column (cheaper than per cell, and the same for every row).</summary>
    private static void FigureFormats(IXLWorksheet ws, int column, IndicatorInfo indicator, int firstRow, int lastRow)
    {
        if (lastRow < firstRow) return;
        var kind = indicator.Kind;
        ws.Range(firstRow, column, lastRow, column + 1).Style.NumberFormat.Format = Formats.Count;
        ws.Range(firstRow, column + 2, lastRow, column + 2).Style.NumberFormat.Format = Formats.Value(kind);
        ws.Range(firstRow, column + 4, lastRow, column + 4).Style.NumberFormat.Format = Formats.Gap(kind);
    }

    private static void Title(IXLWorksheet ws, string title, string subtitle)
    {
        ws.Cell(1, 1).Text(title).Style.Font.SetBold().Font.SetFontSize(13);
        ws.Cell(2, 1).Text(subtitle).Style.Font.SetItalic();
    }

    private static void Header(IXLWorksheet ws, int row, IReadOnlyList<string> names)
    {
        for (var c = 0; c < names.Count; c++) ws.Cell(row, c + 1).Text(names[c]);
        HeaderStyle(ws.Range(row, 1, row, names.Count));
    }

    private static void HeaderStyle(IXLRange range) => range.Style
        .Font.SetBold()
        .Fill.SetBackgroundColor(XLColor.FromHtml("#DDEBF7"))
        .Alignment.SetWrapText(true)
        .Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center)
        .Alignment.SetVertical(XLAlignmentVerticalValues.Center);

    /// <summary>Autofilter, borders and frozen header for a simple table.</summary>
    private static void Table(IXLWorksheet ws, int headerRow, int lastRow, int columns)
    {
        ws.Range(headerRow, 1, Math.Max(lastRow, headerRow), columns).SetAutoFilter();
        Borders(ws.Range(headerRow, 1, Math.Max(lastRow, headerRow), columns));
        ws.SheetView.FreezeRows(headerRow);
    }

    private static void Borders(IXLRange range) => range.Style
        .Border.SetOutsideBorder(XLBorderStyleValues.Thin)
        .Border.SetInsideBorder(XLBorderStyleValues.Thin)
        .Alignment.SetVertical(XLAlignmentVerticalValues.Center);

    // AdjustToContents needs libgdiplus on Linux: widths are set by hand.
    private static void Widths(IXLWorksheet ws, params double[] widths)
    {
        for (var c = 0; c < widths.Length; c++) ws.Column(c + 1).Width = widths[c];
    }

    // Without AdjustToContents, a wrapped row needs its height set: lines estimated from the column's width.
    private static void FitWrappedRows(IXLWorksheet ws, int column, int firstRow, int lastRow)
    {
        var perLine = Math.Max(1, (int)(ws.Column(column).Width * 1.1));
        for (var r = firstRow; r <= lastRow; r++)
        {
            var lines = (int)Math.Ceiling(ws.Cell(r, column).GetString().Length / (double)perLine);
            if (lines > 1) ws.Row(r).Height = 15 * lines;
        }
    }

    private static void Print(IXLWorksheet ws, int headerRow, bool landscape)
    {
        ws.PageSetup.PaperSize = XLPaperSize.A4Paper;
        ws.PageSetup.PageOrientation = landscape ? XLPageOrientation.Landscape : XLPageOrientation.Portrait;
        ws.PageSetup.FitToPages(1, 0); // one page wide, as many tall as needed
        if (headerRow > 0) ws.PageSetup.SetRowsToRepeatAtTop(1, headerRow);
        ws.PageSetup.Margins.SetLeft(0.4).SetRight(0.4).SetTop(0.5).SetBottom(0.5);
        var footer = ws.PageSetup.Footer.Center;
        footer.AddText("Trang ");
        footer.AddText(XLHFPredefinedText.PageNumber);
        footer.AddText(" / ");
        footer.AddText(XLHFPredefinedText.NumberOfPages);
    }
}
