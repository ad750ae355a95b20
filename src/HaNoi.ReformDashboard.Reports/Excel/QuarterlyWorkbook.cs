using ClosedXML.Excel;
using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Presentation;
using HaNoi.ReformDashboard.Domain.Scoring;

namespace HaNoi.ReformDashboard.Reports.Excel;

/// <summary>
/// The quarterly report workbook (docs/workbook.md), in the report's language: Bìa (cover), Tổng hợp (by pillar), Toàn
/// thành phố (city figures), one sheet per level, So sánh và giải trình (peer benchmarks, run-rates, explanations),
/// Xu hướng (city months), and two machine-readable sheets: Data (units) and Data_rollups (level and city roll-ups,
/// see docs/workbook.md). Every figure is copied from the scorecard; nothing is recomputed here.
/// </summary>
public static partial class QuarterlyWorkbook
{
    public static string CoverSheet => ReportText.T("Sheet_Cover");
    public static string SummarySheet => ReportText.T("Sheet_Summary");
    public static string CitySheet => ReportText.T("Sheet_City");
    public static string BenchmarksSheet => ReportText.T("Sheet_Benchmarks");
    public static string TrendsSheet => ReportText.T("Sheet_Trends");

    /// <summary>Machine-readable: the same name in every language.</summary>
    public const string DataSheet = "Data";
    public const string RollupSheet = "Data_rollups";

    /// <summary>Indicators per printed page of a level sheet (with the unit columns repeated on the left).</summary>
    public const int IndicatorsPerPrintedPage = 2;

    /// <summary>The Data sheet's header, exactly as docs/workbook.md states it.</summary>
    public static IReadOnlyList<string> DataHeader => ScorecardRows.Header;

    /// <summary>Sub-columns per indicator, the way a reform office reads them.</summary>
    public static IReadOnlyList<string> FigureColumns =>
        [ReportText.T("Fig_Numerator"), ReportText.T("Fig_Denominator"), ReportText.T("Fig_Rate"), ReportText.T("Fig_Target"), ReportText.T("Fig_Gap"), ReportText.T("Fig_Status")];

    /// <summary>Sheet name of a level's sheet.</summary>
    public static string LevelSheet(UnitLevel level) => ReportText.T("Sheet_Level_" + level.ToCode());

    /// <summary>First column of an indicator's six figure columns on a level sheet (1-based).</summary>
    internal const int FirstFigureColumn = 6;
    internal const int LevelHeaderRow = 5;

    public static void Write(Scorecard scorecard, ReportParameters parameters, Stream output)
    {
        using var language = ReportText.In(parameters.Language);
        var outline = QuarterlyOutline.Of(scorecard);
        using var workbook = new XLWorkbook();
        var names = new List<string>();
        workbook.Properties.Title = outline.Title;
        workbook.Properties.Author = parameters.GeneratedBy;
        workbook.Properties.Subject = outline.Period;

        Cover(workbook.AddWorksheet(SheetNames.Safe(CoverSheet, names)), outline, parameters);
        Summary(workbook.AddWorksheet(SheetNames.Safe(SummarySheet, names)), outline);
        City(workbook.AddWorksheet(SheetNames.Safe(CitySheet, names)), outline);
        foreach (var level in outline.Levels)
            Level(workbook.AddWorksheet(SheetNames.Safe(LevelSheet(level.Level), names)), outline, level);
        Benchmarks(workbook.AddWorksheet(SheetNames.Safe(BenchmarksSheet, names)), outline);
        Trends(workbook.AddWorksheet(SheetNames.Safe(TrendsSheet, names)), scorecard);
        Data(workbook.AddWorksheet(SheetNames.Safe(DataSheet, names)), outline);
        Rollups(workbook.AddWorksheet(SheetNames.Safe(RollupSheet, names)), scorecard);

        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        AbsolutePrintTitles(buffer);
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    /// <summary>
    /// ClosedXML writes the repeated rows and columns as <c>'Sheet'!A:E,'Sheet'!1:5</c>; LibreOffice repeats
    /// columns only when they are absolute (<c>$A:$E,$1:$5</c>, as Excel writes them), so they are made absolute.
    /// </summary>
    private static void AbsolutePrintTitles(MemoryStream workbook)
    {
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(workbook, isEditable: true);
        var names = document.WorkbookPart?.Workbook.DefinedNames?.Elements<DocumentFormat.OpenXml.Spreadsheet.DefinedName>() ?? [];
        foreach (var name in names.Where(n => n.Name?.Value == "_xlnm.Print_Titles"))
            name.Text = PrintTitleRange().Replace(name.Text, m => $"!${m.Groups[1].Value}:${m.Groups[2].Value}");
        document.WorkbookPart?.Workbook.Save();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"!\$?([A-Z]+|[0-9]+):\$?([A-Z]+|[0-9]+)")]
    private static partial System.Text.RegularExpressions.Regex PrintTitleRange();

    private static void Cover(IXLWorksheet ws, QuarterlyOutline outline, ReportParameters parameters)
    {
        var scorecard = outline.Scorecard;
        ws.Cell(1, 1).Text(ReportText.IssuingBody(parameters)).Style.Font.SetBold();
        ws.Cell(1, 3).Text(ReportText.Nation).Style.Font.SetBold();
        ws.Cell(2, 3).Text(ReportText.Motto).Style.Font.SetBold().Font.SetUnderline();
        ws.Cell(4, 1).Text(ReportText.T("W_Report")).Style.Font.SetBold().Font.SetFontSize(14);
        ws.Cell(5, 1).Text(outline.Title).Style.Font.SetBold();
        ws.Cell(6, 1).Text($"({outline.DateRange})").Style.Font.SetItalic();

        var rows = new List<(string, string)>
        {
            (ReportText.T("W_PlanYear"), scorecard.PlanYear.ToString(ReportText.Culture)),
            (ReportText.T("W_Period"), $"{outline.Period} ({scorecard.Period})"),
            (ReportText.T("W_Dates"), outline.DateRange),
            (ReportText.T("W_Scope"), outline.Scope),
        };
        rows.AddRange(parameters.Filters.Select(f => (f.Label, f.Value)));
        rows.Add((ReportText.T("W_DataStatus"), scorecard.IsEmpty ? ReportText.NoData : scorecard.Provisional ? ReportText.Provisional : ReportText.T("W_Official")));
        rows.Add((ReportText.T("W_MadeAt"), ReportText.Timestamp(parameters.GeneratedAt)));
        rows.Add((ReportText.T("W_MadeBy"), parameters.GeneratedBy));
        rows.Add((ReportText.T("W_Issuer"), ReportText.IssuingBody(parameters)));

        var row = 8;
        foreach (var (label, value) in rows)
        {
            ws.Cell(row, 1).Text(label).Style.Font.SetBold();
            ws.Cell(row, 2).Text(value);
            row++;
        }
        if (scorecard.IsEmpty)
            ws.Cell(row + 1, 1).Text(ReportText.T("NoDataForScope")).Style.Font.SetBold().Font.SetFontColor(XLColor.DarkRed);

        ws.Column(1).Width = 24;
        ws.Column(2).Width = 48;
        ws.Column(3).Width = 44;
        Print(ws, 0, landscape: false);
    }

    private static void Summary(IXLWorksheet ws, QuarterlyOutline outline)
    {
        Title(ws, ReportText.T("W_SummaryTitle", outline.Period), outline.Scope);
        string[] header = [ReportText.T("Col_No"), ReportText.T("Col_Code"), ReportText.T("Col_Pillar"), ReportText.T("Col_Indicators"), ReportText.T("W_Met"),
            ReportText.T("W_AtRisk"), ReportText.T("W_Missed"), ReportText.T("W_NoData"), ReportText.T("W_NoTarget"), ReportText.T("W_PillarScore")];
        const int headerRow = 4;
        Header(ws, headerRow, header);
        var row = headerRow + 1;
        Status[] statuses = [Status.Met, Status.AtRisk, Status.Missed, Status.NoData, Status.NoTarget];
        foreach (var line in outline.Summary)
        {
            ws.Cell(row, 1).SetValue(line.No);
            ws.Cell(row, 2).Text(line.Code);
            ws.Cell(row, 3).Text(line.Name);
            ws.Cell(row, 4).SetValue(line.Indicators);
            for (var s = 0; s < statuses.Length; s++)
                ws.Cell(row, 5 + s).SetValue(line.Counts[statuses[s]]);
            ws.Cell(row, 10).Number(line.Score, Formats.Score);
            row++;
        }
        Table(ws, headerRow, row - 1, header.Length);
        Widths(ws, 6, 10, 60, 11, 8, 11, 10, 16, 16, 14);
        ws.Column(3).Style.Alignment.WrapText = true;
        FitWrappedRows(ws, 3, headerRow + 1, row - 1);
        Print(ws, headerRow, landscape: true);
    }

    private static void City(IXLWorksheet ws, QuarterlyOutline outline)
    {
        var scorecard = outline.Scorecard;
        Title(ws, ReportText.T("W_CityTitle", outline.Period), ReportText.T("W_CityNote"));
        string[] header = [ReportText.T("Col_No"), ReportText.T("Col_Code"), ReportText.T("Col_Pillar"), ReportText.T("Col_Indicator"), .. FigureColumns, ReportText.T("Col_Score")];
        const int headerRow = 4;
        Header(ws, headerRow, header);
        var row = headerRow + 1;
        foreach (var (n, indicator, cell, _) in outline.City)
        {
            ws.Cell(row, 1).SetValue(n);
            ws.Cell(row, 2).Text(indicator.Code);
            ws.Cell(row, 3).Text(indicator.PillarCode);
            ws.Cell(row, 4).Text(ReportText.Name(indicator));
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

    private static void Level(IXLWorksheet ws, QuarterlyOutline outline, LevelSection level)
    {
        var scorecard = outline.Scorecard;
        Title(ws, ReportText.T("W_LevelTitle", ReportText.Level(level.Level), outline.Period),
            ReportText.T("W_LevelNote", outline.Scope, level.Units.Count));
        const int groupRow = LevelHeaderRow - 1;
        string[] fixedColumns = [ReportText.T("Col_No"), ReportText.T("Col_UnitCode"), ReportText.T("Col_Unit"), ReportText.T("Col_Score"), ReportText.T("Col_Rank")];
        for (var c = 0; c < fixedColumns.Length; c++)
            ws.Range(groupRow, c + 1, LevelHeaderRow, c + 1).Merge().FirstCell().Text(fixedColumns[c]);
        for (var i = 0; i < level.Indicators.Count; i++)
        {
            var first = FirstFigureColumn + i * FigureColumns.Count;
            ws.Range(groupRow, first, groupRow, first + FigureColumns.Count - 1).Merge().FirstCell()
                .Text($"{ReportText.Name(level.Indicators[i])} ({level.Indicators[i].Code})");
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
            ws.Cell(row, 3).Text(ReportText.Name(unit.Unit));
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
        ws.Cell(row, 3).Text(ReportText.T("W_Total", ReportText.Level(level.Level)));
        for (var i = 0; i < level.Indicators.Count; i++)
        {
            if (level.Totals?.For(level.Indicators[i].Code) is { } cell)
                Figures(ws, row, FirstFigureColumn + i * FigureColumns.Count, level.Indicators[i], cell);
        }
        ws.Range(row, 1, row, lastColumn).Style.Font.SetBold().Border.SetTopBorder(XLBorderStyleValues.Double);
        // The level's benchmarks (docs/scoring.md, rule 6) under each indicator's rate: median, then 75th percentile.
        (string Label, Func<Benchmark, decimal?> Pick)[] benchmarks = [(ReportText.T("W_Median"), b => b.Median), (ReportText.T("W_P75"), b => b.Percentile75)];
        foreach (var (label, pick) in benchmarks)
        {
            row++;
            ws.Cell(row, 3).Text(label).Style.Font.SetItalic();
            for (var i = 0; i < level.Indicators.Count; i++)
            {
                if (!scorecard.Benchmarks.TryGetValue((level.Indicators[i].Code, level.Level), out var benchmark)) continue;
                var column = FirstFigureColumn + i * FigureColumns.Count + 2;
                ws.Cell(row, column).Number(Formats.Stored(level.Indicators[i].Kind, pick(benchmark)), Formats.Value(level.Indicators[i].Kind));
            }
        }
        Borders(ws.Range(groupRow, 1, row, lastColumn));

        ws.SheetView.Freeze(LevelHeaderRow, 3);
        Widths(ws, 5, 9, 26, 8, 8);
        ws.Column(3).Style.Alignment.WrapText = true;
        FitWrappedRows(ws, 3, LevelHeaderRow + 1, lastUnitRow);
        for (var c = FirstFigureColumn; c <= lastColumn; c++)
            ws.Column(c).Width = ((c - FirstFigureColumn) % FigureColumns.Count) switch { 3 => 10, 5 => 13, _ => 8 };
        PrintInBlocks(ws, level.Indicators.Count);
    }

    private static void Trends(IXLWorksheet ws, Scorecard scorecard)
    {
        Title(ws, ReportText.T("W_TrendsTitle", scorecard.Period.Year), ReportText.T("W_TrendsNote"));
        var months = scorecard.Period.LastMonth;
        string[] header = [ReportText.T("Col_No"), ReportText.T("Col_Code"), ReportText.T("Col_Indicator"), ReportText.T("W_PlanTarget"),
            .. Enumerable.Range(1, months).Select(m => ReportText.T("W_Month", m, scorecard.Period.Year))];
        const int headerRow = 4;
        Header(ws, headerRow, header);
        var row = headerRow + 1;
        var n = 1;
        foreach (var indicator in scorecard.Indicators)
        {
            ws.Cell(row, 1).SetValue(n++);
            ws.Cell(row, 2).Text(indicator.Code);
            ws.Cell(row, 3).Text(ReportText.Name(indicator));
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

    private static void Data(IXLWorksheet ws, QuarterlyOutline outline)
    {
        var scorecard = outline.Scorecard;
        for (var c = 0; c < DataHeader.Count; c++) ws.Cell(1, c + 1).Text(DataHeader[c]);
        ws.Range(1, 1, 1, DataHeader.Count).Style.Font.SetBold();
        var row = 2;
        // The same rows as the CLI's CSV: value, threshold and gap in percent units (99.5), unrounded.
        foreach (var r in ScorecardRows.ForUnits(outline.Levels.SelectMany(l => l.Units), scorecard.Period))
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
            ws.Cell(row, 12).Text(r.UnitKey);
            row++;
        }
        ws.Range(1, 1, Math.Max(row - 1, 1), DataHeader.Count).SetAutoFilter();
        ws.SheetView.FreezeRows(1);
        Widths(ws, 12, 24, 12, 12, 12, 12, 9, 10, 10, 12, 10, 12);
        Print(ws, 1, landscape: true);
    }

    /// <summary>
    /// One row per unit × indicator: the unit's value and status beside its rank in the level, the level's median and
    /// 75th percentile, the run-rate the rest of the year needs, and the unit's explanation (giải trình) where one exists.
    /// </summary>
    private static void Benchmarks(IXLWorksheet ws, QuarterlyOutline outline)
    {
        var scorecard = outline.Scorecard;
        Title(ws, ReportText.T("W_BenchTitle", outline.Period), ReportText.T("W_BenchNote"));
        string[] header = [ReportText.T("Col_Level"), ReportText.T("Col_UnitCode"), ReportText.T("Col_Unit"), ReportText.T("Col_Code"), ReportText.T("Col_Indicator"),
            ReportText.T("Fig_Rate"), ReportText.T("Fig_Target"), ReportText.T("Fig_Status"), ReportText.T("Col_Rank"), ReportText.T("Col_Median"), ReportText.T("Col_P75"),
            ReportText.T("Col_RunRate"), ReportText.T("Col_Cause"), ReportText.T("Col_Remedy"), ReportText.T("Col_ExpectedBy"), ReportText.T("Col_ExplainedBy")];
        const int headerRow = 4;
        Header(ws, headerRow, header);
        var row = headerRow + 1;
        foreach (var level in outline.Levels)
        {
            foreach (var unit in level.Units)
            {
                foreach (var cell in unit.Indicators)
                {
                    var indicator = scorecard.Indicator(cell.IndicatorCode);
                    var format = Formats.Value(indicator.Kind);
                    ws.Cell(row, 1).Text(ReportText.Level(level.Level));
                    ws.Cell(row, 2).Text(unit.Unit.Code);
                    ws.Cell(row, 3).Text(ReportText.Name(unit.Unit));
                    ws.Cell(row, 4).Text(indicator.Code);
                    ws.Cell(row, 5).Text(ReportText.Name(indicator));
                    ws.Cell(row, 6).Number(Formats.Stored(indicator.Kind, cell.Score.Value), format);
                    ws.Cell(row, 7).Text(ReportText.Target(indicator.Kind, cell.Score.Target));
                    ws.Cell(row, 8).StatusCell(cell.Score.Status);
                    ws.Cell(row, 9).Text(ReportText.Rank(cell.Rank, cell.RankedPeers));
                    if (scorecard.Benchmarks.TryGetValue((indicator.Code, level.Level), out var benchmark))
                    {
                        ws.Cell(row, 10).Number(Formats.Stored(indicator.Kind, benchmark.Median), format);
                        ws.Cell(row, 11).Number(Formats.Stored(indicator.Kind, benchmark.Percentile75), format);
                    }
                    ws.Cell(row, 12).Text(ReportText.RunRate(cell.RunRate, scorecard.Period));
                    if (scorecard.ExplanationOf(unit.Unit.Code, indicator.Code) is { } explanation)
                    {
                        // Each part in a cell of its own, through the text guard: a cause typed as "=…" stays text.
                        ws.Cell(row, 13).Text(explanation.Cause);
                        ws.Cell(row, 14).Text(explanation.Remedy);
                        if (explanation.ExpectedBy is { } date)
                            ws.Cell(row, 15).SetValue(date.ToDateTime(TimeOnly.MinValue)).Style.DateFormat.Format = Formats.Date;
                        ws.Cell(row, 16).Text(ReportText.T("W_ExplainedBy", explanation.Author, explanation.Revision));
                    }
                    row++;
                }
            }
        }
        Table(ws, headerRow, row - 1, header.Length);
        ws.SheetView.Freeze(headerRow, 3);
        Widths(ws, 18, 11, 30, 22, 50, 10, 12, 16, 9, 10, 10, 30, 50, 50, 12, 24);
        ws.Columns(5, 5).Style.Alignment.WrapText = true;
        ws.Columns(13, 14).Style.Alignment.WrapText = true;
        Print(ws, headerRow, landscape: true);
    }

    /// <summary>
    /// The level and city roll-ups in the Data sheet's columns, with <c>scope</c> (level or city) and <c>level</c>
    /// in front of them: a second machine-readable table, so the Data sheet keeps its header (docs/workbook.md).
    /// </summary>
    private static void Rollups(IXLWorksheet ws, Scorecard scorecard)
    {
        var header = ScorecardRows.RollupHeader;
        for (var c = 0; c < header.Length; c++) ws.Cell(1, c + 1).Text(header[c]);
        ws.Range(1, 1, 1, header.Length).Style.Font.SetBold();
        var row = 2;
        foreach (var r in ScorecardRows.Rollups(scorecard))
        {
            ws.Cell(row, 1).Text(r.Scope);
            ws.Cell(row, 2).Text(r.Level);
            ws.Cell(row, 3).Text(r.Row.IndicatorCode);
            ws.Cell(row, 4).Text(r.Row.Period);
            ws.Cell(row, 5).Number(r.Row.Numerator);
            ws.Cell(row, 6).Number(r.Row.Denominator);
            ws.Cell(row, 7).Number(r.Row.Value);
            ws.Cell(row, 8).Text(r.Row.Operator);
            ws.Cell(row, 9).Number(r.Row.Threshold);
            ws.Cell(row, 10).Text(r.Row.Status);
            ws.Cell(row, 11).Number(r.Row.Gap);
            ws.Cell(row, 12).Number(r.Row.Score);
            ws.Cell(row, 13).Text(r.Row.UnitKey);
            row++;
        }
        ws.Range(1, 1, Math.Max(row - 1, 1), header.Length).SetAutoFilter();
        ws.SheetView.FreezeRows(1);
        Widths(ws, 8, 12, 24, 12, 12, 12, 12, 9, 10, 10, 12, 10, 12);
        Print(ws, 1, landscape: true);
    }

    /// <summary>
    /// A level sheet is too wide for one page at a readable size: it prints at 62 % (7 pt) in blocks of
    /// <see cref="IndicatorsPerPrintedPage"/> indicators (every unit of a block, then the next block), each page
    /// repeating the header rows and the unit columns.
    /// </summary>
    private static void PrintInBlocks(IXLWorksheet ws, int indicators)
    {
        Print(ws, LevelHeaderRow, landscape: true);
        ws.PageSetup.AdjustTo(62);
        ws.PageSetup.SetColumnsToRepeatAtLeft(1, FirstFigureColumn - 1);
        for (var i = IndicatorsPerPrintedPage; i < indicators; i += IndicatorsPerPrintedPage)
            ws.PageSetup.AddVerticalPageBreak(FirstFigureColumn + i * FigureColumns.Count - 1);
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
        footer.AddText(ReportText.T("Footer_Page"));
        footer.AddText(XLHFPredefinedText.PageNumber);
        footer.AddText(ReportText.T("Footer_Of"));
        footer.AddText(XLHFPredefinedText.NumberOfPages);
    }
}
