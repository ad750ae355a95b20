using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Presentation;

namespace HaNoi.ReformDashboard.Reports.Word;

/// <summary>
/// The quarterly report as an editable Word document (Open XML SDK 2.20): the administrative heading (issuing body
/// and number on the left; national name, motto and dated line on the right), the title and date range, the summary
/// by pillar, the city's figures, then per indicator and level a table STT | Đơn vị | Tử số | Mẫu số | Tỷ lệ | Chỉ
/// tiêu | Chênh lệch | Đạt/Chưa đạt closed by the level's totals row; "Trang X / Y" in the footer. Times New Roman,
/// A4, the margins of an administrative document (left 30 mm for binding). Every figure is the scorecard's.
/// </summary>
public static class QuarterlyReportDocx
{
    private const string Font = "Times New Roman";
    // Twentieths of a point: A4 and the margins of an administrative document (top/bottom 20 mm, left 30, right 15).
    private const int PageWidth = 11906, PageHeight = 16838, MarginTop = 1134, MarginBottom = 1134, MarginLeft = 1701, MarginRight = 850;
    private const int ContentWidth = PageWidth - MarginLeft - MarginRight;
    private static readonly int[] FigureWidths = [560, 2295, 1000, 1000, 1000, 1250, 900, 1350];

    public static void Write(Scorecard scorecard, ReportParameters parameters, Stream output)
    {
        using var language = ReportText.In(parameters.Language);
        // The SDK needs a seekable stream it can reopen: build in memory, then copy.
        using var buffer = new MemoryStream();
        using (var document = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            AddStyles(main);
            document.PackageProperties.Title = ReportText.T("P_DocTitle", scorecard.PlanYear, Wording.Period(scorecard.Period, ReportText.Culture));
            document.PackageProperties.Creator = parameters.GeneratedBy;
            document.PackageProperties.Subject = $"{ReportText.Scope(scorecard)}; {Wording.DateRange(scorecard.Period, ReportText.Culture)}";
            document.PackageProperties.Language = ReportText.Culture.Name;
            var body = new Body();
            Heading(body, scorecard, parameters);
            if (scorecard.IsEmpty) body.Append(Paragraph(ReportText.T("NoDataForScope"), bold: true, center: true));
            else Content(body, scorecard);
            body.Append(SectionProperties(main));
            main.Document = new Document(body);
            main.Document.Save();
        }
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    private static void Heading(Body body, Scorecard scorecard, ReportParameters parameters)
    {
        var number = string.IsNullOrWhiteSpace(parameters.DocumentNumber) ? "     " : parameters.DocumentNumber.Trim();
        var left = new[]
        {
            Paragraph(ReportText.IssuingBody(parameters), bold: true, center: true, size: 24),
            Paragraph("―――――", center: true, size: 20),
            Paragraph(ReportText.T("D_Number", number), center: true, size: 26),
        };
        var right = new[]
        {
            Paragraph(ReportText.Nation, bold: true, center: true, size: 24),
            Paragraph(ReportText.Motto, bold: true, center: true, underline: true, size: 26),
            Paragraph(ReportText.DatedLine(parameters), italic: true, center: true, size: 26),
        };
        var table = new Table(new TableProperties(
            new TableWidth { Width = ContentWidth.ToString(), Type = TableWidthUnitValues.Dxa },
            new TableLayout { Type = TableLayoutValues.Fixed },
            new TableBorders(new TopBorder { Val = BorderValues.Nil }, new BottomBorder { Val = BorderValues.Nil }, new LeftBorder { Val = BorderValues.Nil },
                new RightBorder { Val = BorderValues.Nil }, new InsideHorizontalBorder { Val = BorderValues.Nil }, new InsideVerticalBorder { Val = BorderValues.Nil })),
            new TableGrid(new GridColumn { Width = "3800" }, new GridColumn { Width = (ContentWidth - 3800).ToString() }),
            new TableRow(Cell(3800, left), Cell(ContentWidth - 3800, right)));
        body.Append(table);
        body.Append(Paragraph(""));
        body.Append(Paragraph(ReportText.T("W_Report"), bold: true, center: true, size: 28));
        body.Append(Paragraph(ReportText.Title(scorecard.PlanYear), bold: true, center: true));
        body.Append(Paragraph(Wording.Period(scorecard.Period, ReportText.Culture), bold: true, center: true));
        body.Append(Paragraph($"({Wording.DateRange(scorecard.Period, ReportText.Culture)})", italic: true, center: true));
        var status = scorecard.IsEmpty ? ReportText.NoData : scorecard.Provisional ? ReportText.Provisional : ReportText.T("Final");
        body.Append(Paragraph($"{ReportText.Scope(scorecard)} · {status}", center: true, size: 24));
        body.Append(Paragraph(ReportText.MadeBy(parameters), italic: true, center: true, size: 20));
    }

    private static void Content(Body body, Scorecard scorecard)
    {
        body.Append(Paragraph(ReportText.T("P_Section1"), bold: true));
        body.Append(PillarTable(scorecard));

        body.Append(Paragraph(ReportText.T("P_Section2"), bold: true));
        body.Append(Paragraph(ReportText.T("W_CityNote"), italic: true, size: 22));
        var cityRows = scorecard.Indicators.Select((indicator, i) => (indicator, cell: scorecard.City.For(indicator.Code)))
            .Where(x => x.cell is not null)
            .Select(x => FigureRow(scorecard.Indicators.ToList().IndexOf(x.indicator) + 1, $"{ReportText.Name(x.indicator)} ({x.indicator.Code})", x.indicator, x.cell!, total: false));
        body.Append(FigureTable(ReportText.T("Col_Indicator"), cityRows));

        body.Append(Paragraph(ReportText.T("P_Section3"), bold: true));
        var levels = ReportContent.Levels(scorecard);
        var p = 0;
        foreach (var (pillar, indicators) in ReportContent.Pillars(scorecard))
        {
            p++;
            body.Append(Paragraph($"{p}. {ReportText.Name(pillar)} ({pillar.Code})", bold: true, keepNext: true));
            if (indicators.Count == 0)
            {
                body.Append(Paragraph(ReportText.T("P_NoTargets", scorecard.PlanYear), italic: true));
                continue;
            }
            var n = 0;
            foreach (var indicator in indicators)
            {
                n++;
                var city = scorecard.City.For(indicator.Code);
                body.Append(Paragraph($"{p}.{n}. {ReportText.Name(indicator)} ({indicator.Code})", bold: true, keepNext: true));
                body.Append(Paragraph(ReportText.T("P_Detail", ReportText.Target(indicator.Kind, city?.Score.Target),
                    ReportText.Value(indicator.Kind, city?.Score.Value), ReportText.Status(city?.Score.Status ?? Status.NoData)), keepNext: true));
                foreach (var level in levels.Where(l => l.Indicators.Contains(indicator)))
                {
                    body.Append(Paragraph(ReportText.T("P_LevelUnits", ReportText.Level(level.Level), level.Units.Count), italic: true, keepNext: true));
                    var rows = new List<TableRow>();
                    var stt = 0;
                    foreach (var unit in level.Units)
                    {
                        if (unit.For(indicator.Code) is { } cell) rows.Add(FigureRow(++stt, ReportText.Name(unit.Unit), indicator, cell, total: false));
                    }
                    // The totals row is the level roll-up of the scoring engine (Σ numerators ÷ Σ denominators).
                    if (level.Totals?.For(indicator.Code) is { } total) rows.Add(FigureRow(null, ReportText.T("P_Total"), indicator, total, total: true));
                    body.Append(FigureTable(ReportText.T("Col_Unit"), rows));
                }
            }
        }
    }

    private static Table PillarTable(Scorecard scorecard)
    {
        int[] widths = [560, 4295, 1000, 700, 900, 900, 1000];
        string[] header = [ReportText.T("Col_No"), ReportText.T("Col_Pillar"), ReportText.T("Col_Indicators"), ReportText.T("W_Met"),
            ReportText.T("W_AtRisk"), ReportText.T("W_Missed"), ReportText.T("Col_Score")];
        var table = NewTable(widths, header);
        var n = 0;
        foreach (var (pillar, indicators) in ReportContent.Pillars(scorecard))
        {
            string Count(Status s) => ReportContent.Count(scorecard, indicators, s).ToString(ReportText.Culture);
            var score = scorecard.CityPillars.FirstOrDefault(x => x.PillarCode == pillar.Code)?.Score;
            table.Append(Row(widths, [(++n).ToString(ReportText.Culture), ReportText.Name(pillar), indicators.Count.ToString(ReportText.Culture),
                Count(Status.Met), Count(Status.AtRisk), Count(Status.Missed), ReportText.Score(score)], bold: false, fills: null));
        }
        return table;
    }

    /// <summary>STT | name | Tử số | Mẫu số | Tỷ lệ | Chỉ tiêu | Chênh lệch | Đạt/Chưa đạt.</summary>
    public static IReadOnlyList<string> FigureHeader(string nameHeader) =>
        [ReportText.T("Col_No"), nameHeader, ReportText.T("Fig_Numerator"), ReportText.T("Fig_Denominator"), ReportText.T("Fig_Rate"),
         ReportText.T("Fig_Target"), ReportText.T("Fig_Gap"), ReportText.T("Fig_Status")];

    private static Table FigureTable(string nameHeader, IEnumerable<TableRow> rows)
    {
        var table = NewTable(FigureWidths, FigureHeader(nameHeader));
        foreach (var row in rows) table.Append(row);
        return table;
    }

    private static TableRow FigureRow(int? stt, string name, IndicatorInfo indicator, ScoredIndicator cell, bool total)
    {
        string[] texts =
        [
            stt?.ToString(ReportText.Culture) ?? "", name, ReportText.Count(cell.Figure.Numerator), ReportText.Count(cell.Figure.Denominator),
            ReportText.Value(indicator.Kind, cell.Score.Value), ReportText.Target(indicator.Kind, cell.Score.Target),
            ReportText.Gap(indicator.Kind, cell.Score.Gap), ReportText.Status(cell.Score.Status),
        ];
        var fills = new string?[texts.Length];
        fills[^1] = ReportText.StatusFill(cell.Score.Status);
        return Row(FigureWidths, texts, bold: total, fills, shade: total);
    }

    private static Table NewTable(int[] widths, IReadOnlyList<string> header)
    {
        var border = (BorderType b) => { b.Val = BorderValues.Single; b.Size = 4; b.Color = "808080"; return b; };
        var table = new Table(
            new TableProperties(
                new TableWidth { Width = widths.Sum().ToString(), Type = TableWidthUnitValues.Dxa },
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableBorders(border(new TopBorder()), border(new BottomBorder()), border(new LeftBorder()), border(new RightBorder()),
                    border(new InsideHorizontalBorder()), border(new InsideVerticalBorder())),
                // Narrow cell margins (2 pt) leave the figures room on one line.
                new TableCellMarginDefault(new TableCellLeftMargin { Width = 40, Type = TableWidthValues.Dxa }, new TableCellRightMargin { Width = 40, Type = TableWidthValues.Dxa })),
            new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString() })));
        // The header row repeats on every page the table reaches.
        var head = Row(widths, [.. header], bold: true, fills: Enumerable.Repeat<string?>("DDEBF7", header.Count).ToArray(), center: true);
        head.TableRowProperties = new TableRowProperties(new TableHeader(), new CantSplit());
        table.Append(head);
        return table;
    }

    private static TableRow Row(int[] widths, string[] texts, bool bold, string?[]? fills, bool center = false, bool shade = false)
    {
        var row = new TableRow(new TableRowProperties(new CantSplit()));
        for (var i = 0; i < texts.Length; i++)
        {
            // Names read left to right; figures line up on the right.
            var align = center || i == 0 ? JustificationValues.Center : i == 1 ? JustificationValues.Left : JustificationValues.Right;
            if (i == texts.Length - 1 && !center) align = JustificationValues.Left;
            var paragraph = Paragraph(texts[i], bold: bold, size: 19, justification: align, spacing: false);
            var cell = Cell(widths[i], paragraph);
            var fill = fills?[i] ?? (shade ? "F2F2F2" : null);
            if (fill is not null) cell.TableCellProperties!.Append(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = fill });
            row.Append(cell);
        }
        return row;
    }

    private static TableCell Cell(int width, params Paragraph[] paragraphs)
    {
        var cell = new TableCell(new TableCellProperties(new TableCellWidth { Width = width.ToString(), Type = TableWidthUnitValues.Dxa },
            new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center }));
        cell.Append(paragraphs);
        return cell;
    }

    private static Paragraph Paragraph(string text, bool bold = false, bool italic = false, bool underline = false, bool center = false,
        int? size = null, JustificationValues? justification = null, bool keepNext = false, bool spacing = true)
    {
        var runProperties = new RunProperties();
        if (bold) runProperties.Append(new Bold());
        if (italic) runProperties.Append(new Italic());
        if (underline) runProperties.Append(new Underline { Val = UnderlineValues.Single });
        if (size is int s) runProperties.Append(new FontSize { Val = s.ToString() });
        var properties = new ParagraphProperties();
        if (keepNext) properties.Append(new KeepNext());
        properties.Append(new SpacingBetweenLines { Before = bold && spacing ? "120" : "0", After = spacing ? "80" : "0" });
        properties.Append(new Justification { Val = justification ?? (center ? JustificationValues.Center : bold ? JustificationValues.Left : JustificationValues.Both) });
        // A figure stays on one line with its sign and its percent sign, as in the PDFs.
        var words = Pdf.Layout.TextWrap.KeepTogether(ReportText.Printable(text));
        return new Paragraph(properties, new Run(runProperties, new Text(words) { Space = SpaceProcessingModeValues.Preserve }));
    }

    /// <summary>Times New Roman 13 pt in the document's language, as administrative documents are typed.</summary>
    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font },
                new FontSize { Val = "26" }, new FontSizeComplexScript { Val = "26" },
                new Languages { Val = ReportText.Culture.Name })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "80", Line = "276", LineRule = LineSpacingRuleValues.Auto }))));
        styles.Styles.Save();
    }

    /// <summary>A4 portrait with the footer "Trang X / Y" (PAGE and NUMPAGES fields).</summary>
    private static SectionProperties SectionProperties(MainDocumentPart main)
    {
        var footerPart = main.AddNewPart<FooterPart>();
        var size = new RunProperties(new FontSize { Val = "20" });
        footerPart.Footer = new Footer(new Paragraph(
            new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
            new Run(size.CloneNode(true), new Text(ReportText.T("Footer_Page")) { Space = SpaceProcessingModeValues.Preserve }),
            new SimpleField(new Run(size.CloneNode(true), new Text("1"))) { Instruction = " PAGE " },
            new Run(size.CloneNode(true), new Text(ReportText.T("Footer_Of")) { Space = SpaceProcessingModeValues.Preserve }),
            new SimpleField(new Run(size.CloneNode(true), new Text("1"))) { Instruction = " NUMPAGES " }));
        footerPart.Footer.Save();
        return new SectionProperties(
            new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footerPart) },
            new PageSize { Width = (UInt32Value)(uint)PageWidth, Height = (UInt32Value)(uint)PageHeight },
            new PageMargin { Top = MarginTop, Bottom = MarginBottom, Left = (UInt32Value)(uint)MarginLeft, Right = (UInt32Value)(uint)MarginRight, Header = 567, Footer = 567, Gutter = 0 });
    }
}
