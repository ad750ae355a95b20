using HaNoi.ReformDashboard.Reports.Pdf;
using HaNoi.ReformDashboard.Reports.Pdf.Layout;
using HaNoi.ReformDashboard.Reports.Tests.Infrastructure;
using HaNoi.ReformDashboard.Testing;
using SkiaSharp;
using UglyToad.PdfPig;
using static HaNoi.ReformDashboard.Reports.Tests.Pdf.PdfReading;

namespace HaNoi.ReformDashboard.Reports.Tests.Pdf;

[Collection(ReportsPostgresCollection.Name)]
public sealed class FontSubsetTests(PostgresServer server)
{
    // DejaVuSans.ttf is about 740 KB; a subset for the report alphabet is a small part of it.
    private const int SubsetCeiling = 100_000;

    [Fact]
    public async Task The_leaders_scorecard_embeds_each_DejaVu_face_once_as_a_small_subset()
    {
        var pdf = TestOutput.Bytes(s => LeaderScorecardPdf.Write(await_(Demo.ScorecardAsync(server, "2022-12")), Demo.Parameters, s));

        var fonts = EmbeddedFontPrograms(pdf);
        fonts.Select(f => f.Name).Should().OnlyHaveUniqueItems().And.HaveCount(3)
            .And.OnlyContain(n => n.Contains("DejaVuSans"));
        fonts.Should().OnlyContain(f => f.Bytes < SubsetCeiling, "the font programs are subsets, not the whole fonts");
        new FileInfo(Path.Combine(PdfFonts.Directory, "DejaVuSans.ttf")).Length.Should().BeGreaterThan(5 * SubsetCeiling);
        pdf.Length.Should().BeLessThan(250_000, "the same four pages were 1.1 MB with whole fonts");
        PageTexts(pdf)[0].Should().Contain(Squash("BẢNG ĐIỂM CẢI CÁCH HÀNH CHÍNH")).And.Contain(Squash("Độc lập - Tự do - Hạnh phúc"));
    }

    [Fact]
    public void A_line_with_a_letter_outside_the_report_alphabet_is_drawn_with_the_whole_font()
    {
        const string vietnamese = "Ủy ban nhân dân phường Đồng Xuân: ≥ 95,00 % ✓";
        const string greek = "Hệ số Ω = 0,5; Δ tăng";
        var style = PdfTheme.Body;

        style.FontFor(vietnamese).Should().BeSameAs(style.Font);
        style.FontFor(greek).Should().NotBeSameAs(style.Font);
        style.Font.ContainsGlyphs("Ω").Should().BeFalse("Greek is not in the subset");
        style.FontFor(greek).ContainsGlyphs(greek).Should().BeTrue();

        var layout = new FlowLayout(PageSizes.A4Portrait, 50, 40, 40, 40);
        layout.Paragraph(vietnamese, style);
        layout.Paragraph(greek, style);
        using var output = new MemoryStream();
        PdfRenderer.Render(layout.Pages, new SKDocumentPdfMetadata { Title = "Phông chữ" }, output);
        var pdf = output.ToArray();

        var text = PageTexts(pdf).Single();
        text.Should().Contain(Squash(vietnamese)).And.Contain(Squash(greek));
        var path = TestOutput.PathOf("phong-chu.pdf");
        File.WriteAllBytes(path, pdf);
        var png = RenderPages(path, TestOutput.PathOf("phong-chu"), 1, 1).Single();
        InkShare(png).Should().BeGreaterThan(0.001);
    }

    private static T await_<T>(Task<T> task) => task.GetAwaiter().GetResult();
}
