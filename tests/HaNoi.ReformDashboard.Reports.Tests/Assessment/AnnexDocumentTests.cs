using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using HaNoi.ReformDashboard.Data.Assessment;
using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Reports.Assessment;
using HaNoi.ReformDashboard.Reports.Tests.Infrastructure;
using HaNoi.ReformDashboard.Reports.Tests.Layout;
using UglyToad.PdfPig;
using static HaNoi.ReformDashboard.Reports.Tests.Pdf.PdfReading;

namespace HaNoi.ReformDashboard.Reports.Tests.Assessment;

/// <summary>
/// The annex as PDF and Word, read back: the heading, the title, the header and one row per unit in rank order with
/// the test's own numbers worded by hand (Vietnamese decimal commas, English points, "—" for no survey score).
/// </summary>
public sealed class AnnexDocumentTests
{
    private const string LongName = "Ban Quản lý các khu công nghệ cao và khu công nghiệp thành phố Hà Nội";

    private static AssessedUnit Unit(int id, string code, string vi, string en) => new(id, new UnitInfo(code, vi, en, UnitLevel.Department, null) { Key = "k" + id });

    // The worked example of docs/assessment.md (SNV and STP tie at 80 %, STC has no survey score: 3 of 6 is 50 %) and a
    // unit with a long name: (2.5 + 1.25) ÷ 10 = 37.5 %. SNV's name comes decomposed (NFD), as some keyboards type it.
    private static readonly BlockRanking Ranking = new(2023, UnitLevel.Department, RankingSource.Appraisal,
    [
        new(Unit(1, "SNV", "Sở Nội vụ".Normalize(NormalizationForm.FormD), "Department of Home Affairs"), 5m, 3m, 8m, 10m, 80m, 1, 75.5m, 2),
        new(Unit(2, "STP", "Sở Tư pháp", "Department of Justice"), 4m, 4m, 8m, 10m, 80m, 1, null, null),
        new(Unit(3, "STC", "Sở Tài chính", "Department of Finance"), 3m, null, 3m, 6m, 50m, 3, null, null),
        new(Unit(4, "BQL", LongName, "Hanoi High-Tech and Industrial Parks Authority"), 2.5m, 1.25m, 3.75m, 10m, 37.5m, 4, null, null),
    ]);

    private static readonly string[][] VietnameseRows =
    [
        ["1", "Sở Nội vụ", "5,00", "3,00", "8,00", "80,00", "1"],
        ["2", "Sở Tư pháp", "4,00", "4,00", "8,00", "80,00", "1"],
        ["3", "Sở Tài chính", "3,00", "—", "3,00", "50,00", "3"],
        ["4", LongName, "2,50", "1,25", "3,75", "37,50", "4"],
    ];

    private static readonly string[][] EnglishRows =
    [
        ["1", "Department of Home Affairs", "5.00", "3.00", "8.00", "80.00", "1"],
        ["2", "Department of Justice", "4.00", "4.00", "8.00", "80.00", "1"],
        ["3", "Department of Finance", "3.00", "—", "3.00", "50.00", "3"],
        ["4", "Hanoi High-Tech and Industrial Parks Authority", "2.50", "1.25", "3.75", "37.50", "4"],
    ];

    private static readonly string[] VietnameseHeader = ["STT", "Đơn vị", "Điểm thẩm định", "Điểm điều tra XHH", "Tổng điểm", "Chỉ số (%)", "Xếp hạng"];
    private static readonly string[] EnglishHeader = ["No.", "Unit", "Appraised score", "Survey score", "Total", "Index (%)", "Rank"];

    // 09:30 in Hanoi on 20 March 2024.
    private static ReportParameters Parameters(string language) => new("office@hanoi", new DateTimeOffset(2024, 3, 20, 2, 30, 0, TimeSpan.Zero))
    {
        Language = ReportParameters.LanguageFrom(language)!,
    };

    private static byte[] Pdf(BlockRanking ranking, string language, string? keep = null)
    {
        var bytes = TestOutput.Bytes(s => AnnexPdf.Write(ranking, Parameters(language), s));
        if (keep is not null) File.WriteAllBytes(TestOutput.PathOf(keep), bytes);
        return bytes;
    }

    /// <summary>Each page's text as the PDF carries it: white space removed, but not normalised, so a decomposed letter would show.</summary>
    private static IReadOnlyList<string> RawPages(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(p => string.Concat(p.Text.Where(c => !char.IsWhiteSpace(c)))).ToList();
    }

    private static string Joined(IEnumerable<string> cells) => string.Concat(string.Concat(cells).Where(c => !char.IsWhiteSpace(c)));

    [Fact]
    public void The_PDF_has_the_heading_the_title_and_one_row_per_unit_in_rank_order_in_composed_Vietnamese()
    {
        var pages = RawPages(Pdf(Ranking, "vi", "phu-luc-chi-so-2023.pdf"));

        pages.Should().ContainSingle();
        var page = pages[0];
        page.IsNormalized(NormalizationForm.FormC).Should().BeTrue("the PDF's text is composed Vietnamese (NFC)");
        page.Should().Contain(Joined(["UBND THÀNH PHỐ HÀ NỘI"])).And.Contain(Joined(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]))
            .And.Contain(Joined(["Độc lập - Tự do - Hạnh phúc"])).And.Contain(Joined(["Hà Nội, ngày 20 tháng 03 năm 2024"]))
            .And.Contain(Joined(["KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023 CỦA CÁC SỞ, BAN, NGÀNH"]))
            .And.Contain(Joined(VietnameseHeader));
        // The rows in rank order, each cell as typed here (the PDF draws a row's cells left to right).
        var at = VietnameseRows.Select(row => page.IndexOf(Joined(row), StringComparison.Ordinal)).ToList();
        at.Should().OnlyContain(i => i > 0).And.BeInAscendingOrder();
        page.Should().Contain(Joined(["Lập lúc 09:30 ngày 20/03/2024 bởi office@hanoi"]));
    }

    [Fact]
    public void The_PDF_in_English_has_the_English_heading_columns_and_unit_names()
    {
        var page = RawPages(Pdf(Ranking, "en", "annex-index-2023.pdf")).Single();

        page.Should().Contain(Joined(["HANOI PEOPLE'S COMMITTEE"])).And.Contain(Joined(["SOCIALIST REPUBLIC OF VIET NAM"]))
            .And.Contain(Joined(["Independence - Freedom - Happiness"])).And.Contain(Joined(["ADMINISTRATIVE-REFORM INDEX 2023: DEPARTMENTS"]))
            .And.Contain(Joined(EnglishHeader)).And.NotContain("Đơnvị");
        var at = EnglishRows.Select(row => page.IndexOf(Joined(row), StringComparison.Ordinal)).ToList();
        at.Should().OnlyContain(i => i > 0).And.BeInAscendingOrder();
    }

    [Fact]
    public void A_long_unit_name_wraps_inside_its_cell_and_nothing_is_clipped_or_overlaps()
    {
        var layout = AnnexPdf.Layout(AnnexContent.Of(Ranking, Parameters("vi")));

        layout.Pages.ShouldBeClean();
        var pieces = layout.Pages[0].Texts.Where(t => LongName.Contains(t.Text, StringComparison.Ordinal) && t.Text.Length > 5).ToList();
        pieces.Should().HaveCountGreaterThan(1, "the name runs over two lines of its cell");
        string.Join(" ", pieces.Select(p => p.Text)).Should().Be(LongName);
    }

    private static BlockRanking Block(int units, UnitLevel level, string name) => new(2022, level, RankingSource.PastResults,
        Enumerable.Range(1, units).Select(i => new RankingRow(new AssessedUnit(i, new UnitInfo($"U{i:D3}", $"{name} {i}", $"Unit {i}", level, null) { Key = "k" + i }),
            90m - i / 4m, 5m, 95m - i / 4m, 100m, 95m - i / 4m, i, null, null)).ToList());

    [Fact]
    public void Thirty_districts_or_twenty_one_departments_with_the_longest_name_fit_one_clean_page()
    {
        // The longest names of the seed's units of each block.
        foreach (var (units, level, name) in new[] { (30, UnitLevel.District, "Quận Hai Bà Trưng"), (21, UnitLevel.Department, "Sở Nông nghiệp và Phát triển nông thôn") })
        {
            var layout = AnnexPdf.Layout(AnnexContent.Of(Block(units, level, name), Parameters("vi")));
            layout.Pages.Should().ContainSingle($"{units} units of the {level} block fit an A4 page");
            layout.Pages.ShouldBeClean();
            layout.Pages[0].Texts.Where(t => t.Text.StartsWith(name, StringComparison.Ordinal)).Should().HaveCount(units, "each name holds one line");
        }
    }

    [Fact]
    public void A_block_longer_than_a_page_repeats_the_header_row_on_every_page()
    {
        var communes = Block(120, UnitLevel.Commune, "Ủy ban nhân dân phường Phúc Xá");
        AnnexPdf.Layout(AnnexContent.Of(communes, Parameters("vi"))).Pages.ShouldBeClean();

        var pages = RawPages(Pdf(communes, "vi", "phu-luc-120-xa.pdf"));
        pages.Should().HaveCountGreaterThan(2);
        pages.Should().OnlyContain(p => p.Contains(Joined(VietnameseHeader)), "every page starts the table with its header row");
        // The last: appraised 90 − 120 ÷ 4 = 60.00, survey 5, total and index 95 − 120 ÷ 4 = 65.00.
        pages[^1].Should().Contain(Joined(["120", "Ủy ban nhân dân phường Phúc Xá 120", "60,00", "5,00", "65,00", "65,00", "120"]))
            .And.EndWith(Joined([$"Trang {pages.Count} / {pages.Count}"]));
    }

    // Figures keep their signs with non-breaking spaces; compared as plain spaces.
    private static string TextOf(DocumentFormat.OpenXml.OpenXmlElement element) => string.Concat(element.Descendants<Text>().Select(t => t.Text)).Replace('\u00A0', ' ');

    private static WordprocessingDocument Docx(string language, string keep)
    {
        var bytes = TestOutput.Bytes(s => AnnexDocx.Write(Ranking, Parameters(language), s));
        File.WriteAllBytes(TestOutput.PathOf(keep), bytes);
        return WordprocessingDocument.Open(new MemoryStream(bytes), false);
    }

    [Fact]
    public void The_Word_annex_has_the_heading_the_title_and_one_row_per_unit_with_a_repeating_header()
    {
        using var document = Docx("vi", "phu-luc-chi-so-2023.docx");
        var body = document.MainDocumentPart!.Document.Body!;

        var tables = body.Elements<Table>().ToList();
        tables.Should().HaveCount(2);
        TextOf(tables[0]).Should().Contain("UBND THÀNH PHỐ HÀ NỘI").And.Contain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
            .And.Contain("Độc lập - Tự do - Hạnh phúc").And.Contain("Hà Nội, ngày 20 tháng 03 năm 2024").And.NotContain("Số:");
        body.Elements<Paragraph>().Select(TextOf).Should().Contain("KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023 CỦA CÁC SỞ, BAN, NGÀNH");

        var rows = tables[1].Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(TextOf).ToArray()).ToList();
        rows[0].Should().Equal(VietnameseHeader);
        tables[1].Elements<TableRow>().First().TableRowProperties!.GetFirstChild<TableHeader>().Should().NotBeNull("the header repeats on each page");
        rows.Skip(1).Should().HaveCount(4);
        for (var i = 0; i < VietnameseRows.Length; i++) rows[i + 1].Should().Equal(VietnameseRows[i]);
        var text = TextOf(body);
        text.IsNormalized(NormalizationForm.FormC).Should().BeTrue("the Word text is composed Vietnamese (NFC)");
        text.Should().Contain("Lập lúc 09:30 ngày 20/03/2024 bởi office@hanoi");
    }

    [Fact]
    public void The_Word_annex_in_English_has_the_English_heading_columns_and_unit_names()
    {
        using var document = Docx("en", "annex-index-2023.docx");
        var body = document.MainDocumentPart!.Document.Body!;

        var tables = body.Elements<Table>().ToList();
        TextOf(tables[0]).Should().Contain("SOCIALIST REPUBLIC OF VIET NAM").And.Contain("Independence - Freedom - Happiness");
        body.Elements<Paragraph>().Select(TextOf).Should().Contain("ADMINISTRATIVE-REFORM INDEX 2023: DEPARTMENTS");
        var rows = tables[1].Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(TextOf).ToArray()).ToList();
        rows[0].Should().Equal(EnglishHeader);
        for (var i = 0; i < EnglishRows.Length; i++) rows[i + 1].Should().Equal(EnglishRows[i]);
    }

    [Fact]
    public void The_three_formats_are_found_by_their_extension_and_nothing_else_is()
    {
        AnnexFormat.All.Select(f => (f.Extension, f.ContentType)).Should().Equal(
            ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("pdf", "application/pdf"),
            ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
        AnnexFormat.Find("csv").Should().BeNull();
        AnnexFormat.Find("PDF").Should().BeNull();
        AnnexContent.Bilingual("BadRequest").Should().Contain("Cần year").And.Contain(" / ").And.Contain("are needed");
    }
}
