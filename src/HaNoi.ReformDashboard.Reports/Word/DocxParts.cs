using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace HaNoi.ReformDashboard.Reports.Word;

/// <summary>
/// What every Word document of the dashboard is made of (Open XML SDK 2.20): Times New Roman 13 pt, A4 with the
/// margins of an administrative document (left 30 mm for binding), "Trang X / Y" in the footer, the administrative
/// heading, and the bordered tables whose header row repeats on every page.
/// </summary>
internal static class DocxParts
{
    public const string Font = "Times New Roman";
    // Twentieths of a point: A4 and the margins of an administrative document (top/bottom 20 mm, left 30, right 15).
    public const int PageWidth = 11906, PageHeight = 16838, MarginTop = 1134, MarginBottom = 1134, MarginLeft = 1701, MarginRight = 850;
    public const int ContentWidth = PageWidth - MarginLeft - MarginRight;
    public const string HeaderFill = "DDEBF7", TotalFill = "F2F2F2";

    /// <summary>Writes a document built by <paramref name="build"/> (styles and section already in place) to <paramref name="output"/>.</summary>
    public static void Write(Stream output, string title, string creator, string subject, Action<Body> build)
    {
        // The SDK needs a seekable stream it can reopen: build in memory, then copy.
        using var buffer = new MemoryStream();
        using (var document = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            AddStyles(main);
            document.PackageProperties.Title = ReportText.Printable(title);
            document.PackageProperties.Creator = ReportText.Printable(creator);
            document.PackageProperties.Subject = ReportText.Printable(subject);
            document.PackageProperties.Language = ReportText.Culture.Name;
            var body = new Body();
            build(body);
            body.Append(SectionProperties(main));
            main.Document = new Document(body);
            main.Document.Save();
        }
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    /// <summary>
    /// The heading as a borderless two-column table: the issuing body, a short rule and (when given) the document's
    /// number on the left; the national name, the motto (underlined) and the dated line on the right.
    /// </summary>
    public static Table Heading(ReportHeading heading, string? numberLine)
    {
        var left = new List<Paragraph>
        {
            Paragraph(heading.IssuingBody, bold: true, center: true, size: 24),
            Paragraph("―――――", center: true, size: 20),
        };
        if (numberLine is not null) left.Add(Paragraph(numberLine, center: true, size: 26));
        var right = new[]
        {
            Paragraph(heading.Nation, bold: true, center: true, size: 24),
            Paragraph(heading.Motto, bold: true, center: true, underline: true, size: 26),
            Paragraph(heading.DatedLine, italic: true, center: true, size: 26),
        };
        return new Table(new TableProperties(
            new TableWidth { Width = ContentWidth.ToString(), Type = TableWidthUnitValues.Dxa },
            new TableLayout { Type = TableLayoutValues.Fixed },
            new TableBorders(new TopBorder { Val = BorderValues.Nil }, new BottomBorder { Val = BorderValues.Nil }, new LeftBorder { Val = BorderValues.Nil },
                new RightBorder { Val = BorderValues.Nil }, new InsideHorizontalBorder { Val = BorderValues.Nil }, new InsideVerticalBorder { Val = BorderValues.Nil })),
            new TableGrid(new GridColumn { Width = "3800" }, new GridColumn { Width = (ContentWidth - 3800).ToString() }),
            new TableRow(Cell(3800, [.. left]), Cell(ContentWidth - 3800, right)));
    }

    /// <summary>A bordered table of fixed column widths whose header row (bold, shaded) repeats on every page it reaches.</summary>
    public static Table NewTable(int[] widths, IReadOnlyList<string> header)
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
        var head = Row(widths, [.. header], bold: true, fills: Enumerable.Repeat<string?>(HeaderFill, header.Count).ToArray(), center: true);
        head.TableRowProperties = new TableRowProperties(new TableHeader(), new CantSplit());
        table.Append(head);
        return table;
    }

    /// <summary>
    /// A row that never splits across pages. By default the first column (STT) is centred, the second (a name) reads
    /// left to right, figures line up on the right and the last column (a status word) on the left;
    /// <paramref name="align"/> sets each column instead.
    /// </summary>
    public static TableRow Row(int[] widths, string[] texts, bool bold, string?[]? fills, bool center = false, bool shade = false, JustificationValues[]? align = null)
    {
        var row = new TableRow(new TableRowProperties(new CantSplit()));
        for (var i = 0; i < texts.Length; i++)
        {
            var justification = center ? JustificationValues.Center
                : align is not null ? align[i]
                : i == 0 ? JustificationValues.Center : i == 1 || i == texts.Length - 1 ? JustificationValues.Left : JustificationValues.Right;
            var paragraph = Paragraph(texts[i], bold: bold, size: 19, justification: justification, spacing: false);
            var cell = Cell(widths[i], paragraph);
            var fill = fills?[i] ?? (shade ? TotalFill : null);
            if (fill is not null) cell.TableCellProperties!.Append(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = fill });
            row.Append(cell);
        }
        return row;
    }

    public static TableCell Cell(int width, params Paragraph[] paragraphs)
    {
        var cell = new TableCell(new TableCellProperties(new TableCellWidth { Width = width.ToString(), Type = TableWidthUnitValues.Dxa },
            new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center }));
        cell.Append(paragraphs);
        return cell;
    }

    public static Paragraph Paragraph(string text, bool bold = false, bool italic = false, bool underline = false, bool center = false,
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
