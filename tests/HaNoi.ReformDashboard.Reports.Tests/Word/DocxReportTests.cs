using HaNoi.ReformDashboard.Data.Catalogue;
using System.Diagnostics;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Reports.Tests.Infrastructure;
using HaNoi.ReformDashboard.Reports.Word;
using HaNoi.ReformDashboard.Testing;
using static HaNoi.ReformDashboard.Reports.Tests.Pdf.PdfReading;

namespace HaNoi.ReformDashboard.Reports.Tests.Word;

[Collection(ReportsPostgresCollection.Name)]
public sealed class DocxReportTests(PostgresServer server)
{
    // Figures keep their signs with non-breaking spaces ("≥\u00A0100,00\u00A0%"); compared as plain spaces.
    private static string TextOf(DocumentFormat.OpenXml.OpenXmlElement element) => string.Concat(element.Descendants<Text>().Select(t => t.Text)).Replace('\u00A0', ' ');

    [Fact]
    public async Task The_Word_report_has_the_administrative_heading_page_numbers_and_every_level_table_with_the_scorecards_figures_and_totals()
    {
        var scorecard = await Demo.ScorecardAsync(server, "2022-Q4");
        var bytes = TestOutput.Bytes(s => QuarterlyReportDocx.Write(scorecard, Demo.Parameters with { DocumentNumber = "125" }, s));
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var body = document.MainDocumentPart!.Document.Body!;

        var heading = TextOf(body.Elements<Table>().First());
        heading.Should().Contain("UBND THÀNH PHỐ HÀ NỘI").And.Contain("Số: 125/BC-UBND").And.Contain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
            .And.Contain("Độc lập - Tự do - Hạnh phúc").And.Contain("Hà Nội, ngày 05 tháng 01 năm 2023");
        var paragraphs = body.Elements<Paragraph>().Select(TextOf).ToList();
        paragraphs.Should().Contain("BÁO CÁO").And.Contain("(Từ ngày 01/10/2022 đến ngày 31/12/2022)");
        var footer = document.MainDocumentPart.FooterParts.Single().Footer;
        footer.Descendants<SimpleField>().Select(f => f.Instruction!.Value!.Trim()).Should().Equal("PAGE", "NUMPAGES");
        TextOf(footer).Should().StartWith("Trang ");

        // Every indicator × level table, read back and compared with the scorecard's units and roll-up.
        var elements = body.Elements().ToList();
        var tables = 0;
        foreach (var level in scorecard.Levels.Where(l => scorecard.Units.Any(u => u.Unit.Level == l.Level)))
        {
            var units = scorecard.Units.Where(u => u.Unit.Level == level.Level).ToList();
            var caption = $"Cấp {ReportText.Level(level.Level)} ({units.Count} đơn vị)";
            foreach (var indicator in scorecard.Indicators.Where(i => i.Levels.Contains(level.Level)))
            {
                var title = elements.FindIndex(e => e is Paragraph && TextOf(e).EndsWith($"({indicator.Code})", StringComparison.Ordinal) && TextOf(e).Contains('.'));
                var at = elements.FindIndex(title, e => e is Paragraph && TextOf(e) == caption);
                var table = (Table)elements[at + 1];
                var rows = table.Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(TextOf).ToList()).ToList();
                rows[0].Should().Equal("STT", "Đơn vị", "Tử số", "Mẫu số", "Tỷ lệ", "Chỉ tiêu", "Chênh lệch", "Đạt/Chưa đạt");
                table.Elements<TableRow>().First().TableRowProperties!.GetFirstChild<TableHeader>().Should().NotBeNull("the header repeats on each page");
                rows.Should().HaveCount(units.Count + 2);
                for (var u = 0; u < units.Count; u++)
                    rows[u + 1].Should().Equal(Expected((u + 1).ToString(), units[u].Unit.NameVi, indicator, units[u].For(indicator.Code)!));
                rows[^1].Should().Equal(Expected("", "Tổng cộng", indicator, level.For(indicator.Code)!));
                tables++;
            }
        }
        tables.Should().BeGreaterThan(40);
    }

    [Fact]
    public async Task An_English_Word_report_has_the_English_heading_columns_and_unit_names()
    {
        var scorecard = await Demo.ScorecardAsync(server, "2022-Q4", Data.Scorecards.ScorecardScope.ForLevel(UnitLevel.District));
        var english = Demo.Parameters with { Language = System.Globalization.CultureInfo.GetCultureInfo("en-US") };
        using var document = WordprocessingDocument.Open(new MemoryStream(TestOutput.Bytes(s => QuarterlyReportDocx.Write(scorecard, english, s))), false);
        var body = document.MainDocumentPart!.Document.Body!;

        TextOf(body.Elements<Table>().First()).Should().Contain("SOCIALIST REPUBLIC OF VIET NAM").And.Contain("Independence - Freedom - Happiness").And.Contain("No.:");
        var table = body.Elements<Table>().First(t => TextOf(t).Contains(scorecard.Units[0].Unit.NameEn, StringComparison.Ordinal));
        table.Elements<TableRow>().First().Elements<TableCell>().Select(TextOf).Should()
            .Equal("No.", "Unit", "Numerator", "Denominator", "Rate", "Target", "Gap", "Met/Missed");
        TextOf(body).Should().NotContain("Tổng cộng").And.Contain("Total");
    }

    private static List<string> Expected(string stt, string name, Data.Catalogue.IndicatorInfo indicator, Data.Scorecards.ScoredIndicator cell) =>
    [
        stt, name, ReportText.Count(cell.Figure.Numerator), ReportText.Count(cell.Figure.Denominator), ReportText.Value(indicator.Kind, cell.Score.Value),
        ReportText.Target(indicator.Kind, cell.Score.Target), ReportText.Gap(indicator.Kind, cell.Score.Gap), ReportText.Status(cell.Score.Status),
    ];

    [Fact]
    public async Task LibreOffice_opens_the_Word_report_and_renders_its_pages_with_the_heading_and_page_numbers()
    {
        var scorecard = await Demo.ScorecardAsync(server, "2022-Q4", Data.Scorecards.ScorecardScope.ForLevel(UnitLevel.District));
        var folder = Directory.CreateDirectory(Path.Combine(TestOutput.Folder, "docx-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var docx = Path.Combine(folder, "bao-cao-quy-IV-2022.docx");
        await File.WriteAllBytesAsync(docx, TestOutput.Bytes(s => QuarterlyReportDocx.Write(scorecard, Demo.Parameters, s)));

        // Its own profile folder, so the conversion never meets another LibreOffice's lock or settings.
        var profile = new Uri(Path.Combine(folder, "profile")).AbsoluteUri;
        var start = new ProcessStartInfo("soffice", [$"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", folder, docx])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using (var process = Process.Start(start)!)
        {
            var error = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            process.ExitCode.Should().Be(0, await error);
        }
        var pdf = Path.Combine(folder, "bao-cao-quy-IV-2022.pdf");
        var pages = PageTexts(await File.ReadAllBytesAsync(pdf));

        pages.Should().HaveCountGreaterThan(3);
        pages[0].Should().Contain(Squash("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")).And.Contain(Squash("Độc lập - Tự do - Hạnh phúc")).And.Contain(Squash("BÁO CÁO"));
        pages[^1].Should().EndWith(Squash($"Trang {pages.Count} / {pages.Count}"));
        var png = RenderPages(pdf, Path.Combine(folder, "trang"), 1, 2);
        png.Should().HaveCount(2).And.OnlyContain(p => InkShare(p) > 0.01);
    }
}
