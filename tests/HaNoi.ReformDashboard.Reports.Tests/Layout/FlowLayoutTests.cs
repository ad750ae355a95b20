using HaNoi.ReformDashboard.Reports.Pdf;
using HaNoi.ReformDashboard.Reports.Pdf.Layout;

namespace HaNoi.ReformDashboard.Reports.Tests.Layout;

public sealed class FlowLayoutTests
{
    private static readonly TextStyle Body = PdfTheme.Body;

    private static FlowLayout Layout() => new(PageSizes.A4Portrait, 50, 40, 40, 40);

    [Fact]
    public void Wrapped_lines_fit_the_width_and_keep_every_word()
    {
        const string text = "Tỷ lệ hồ sơ giải quyết trực tuyến mức độ 3, 4 trên tổng số hồ sơ của Phường Hà Đông và Quận Hoàn Kiếm";
        var lines = TextWrap.Lines(text, Body, 120);

        lines.Should().HaveCountGreaterThan(1);
        lines.Should().OnlyContain(l => Body.Measure(l) <= 120);
        string.Join(" ", lines).Should().Be(text);
    }

    [Fact]
    public void A_word_wider_than_the_line_is_broken_between_characters()
    {
        var lines = TextWrap.Lines("INTERAGENCY_SIMPLIFIED_AND_SOME_MORE", Body, 40);

        lines.Should().HaveCountGreaterThan(2);
        lines.Should().OnlyContain(l => Body.Measure(l) <= 40);
        string.Concat(lines).Should().Be("INTERAGENCY_SIMPLIFIED_AND_SOME_MORE");
    }

    [Fact]
    public void A_figure_is_never_split_from_its_percent_sign_or_comparison_sign()
    {
        var lines = TextWrap.Lines("Phấn đấu ≥ 100,00 %", Body, Body.Measure("Phấn đấu ≥ 100,00"));

        lines.Should().Equal("Phấn đấu", "≥\u00A0100,00\u00A0%");
    }

    [Fact]
    public void Text_is_normalised_to_composed_form()
    {
        var decomposed = "Quý".Normalize(System.Text.NormalizationForm.FormD);

        TextWrap.Lines(decomposed, Body, 200).Single().Should().Be("Quý");
    }

    [Fact]
    public void A_long_table_breaks_between_rows_and_repeats_its_header_on_every_page()
    {
        var layout = Layout();
        var table = PdfTheme.NewTable(new("STT", 1), new("Đơn vị", 6), new("Tỷ lệ", 2, TextAlign.Right));
        for (var i = 1; i <= 200; i++) table.Add(i.ToString(), $"Phường số {i} thuộc quận Hà Đông", "99,50 %");

        layout.Table(table);

        layout.Pages.Should().HaveCountGreaterThan(3);
        foreach (var page in layout.Pages)
        {
            var top = page.Texts.OrderBy(t => t.Bounds.Top).ThenBy(t => t.Bounds.Left).First();
            top.Text.Should().Be("STT", "each page starts with the header row");
            page.Texts.Count(t => t.Text == "Đơn vị").Should().Be(1);
        }
        var rows = layout.Pages.SelectMany(p => p.Texts).Where(t => t.Text.StartsWith("Phường số", StringComparison.Ordinal)).ToList();
        rows.Should().HaveCount(200, "no row is lost or split");
        layout.Pages.ShouldBeClean();
    }

    [Fact]
    public void A_table_header_never_stands_alone_at_the_foot_of_a_page()
    {
        var layout = Layout();
        layout.Space(layout.Remaining - 15);
        var table = PdfTheme.NewTable(new("STT", 1), new("Đơn vị", 6));
        table.Add("1", "Sở Nội vụ");

        layout.Table(table);

        layout.Pages.Should().HaveCount(2);
        layout.Pages[0].Texts.Should().BeEmpty();
        layout.Pages[1].Texts.Select(t => t.Text).Should().Contain(["STT", "Sở Nội vụ"]);
    }

    [Fact]
    public void Paragraph_lines_flow_onto_the_next_page()
    {
        var layout = Layout();
        for (var i = 0; i < 120; i++) layout.Paragraph($"Dòng {i}: Độc lập - Tự do - Hạnh phúc", Body, spaceAfter: 0);

        layout.Pages.Should().HaveCountGreaterThan(1);
        layout.Pages.SelectMany(p => p.Texts).Should().HaveCount(120);
        layout.Pages.ShouldBeClean();
    }

    [Fact]
    public void Space_at_the_foot_of_a_page_does_not_start_an_empty_page()
    {
        var layout = Layout();
        layout.Paragraph("Một dòng", Body);
        layout.Space(10_000);

        layout.Pages.Should().HaveCount(1);
    }

    [Fact]
    public void A_drawing_that_does_not_fit_moves_whole_to_the_next_page()
    {
        var layout = Layout();
        layout.Space(layout.Remaining - 50);
        layout.Drawing(200, (_, _) => { });

        layout.Pages.Should().HaveCount(2);
        var drawing = layout.Pages[1].Elements.OfType<DrawingElement>().Single();
        drawing.Bounds.Top.Should().Be(layout.Content.Top);
        drawing.Bounds.Height.Should().Be(200);
    }

    [Fact]
    public void Footers_number_every_page_as_Trang_X_of_Y()
    {
        var layout = Layout();
        layout.Paragraph("Trang đầu", Body);
        layout.NewPage();
        layout.NewPage();

        layout.Footers((page, pages) => $"Trang {page} / {pages}", PdfTheme.Footer);

        layout.Pages.Select(p => p.Texts.Last().Text).Should().Equal("Trang 1 / 3", "Trang 2 / 3", "Trang 3 / 3");
        layout.Pages.Should().OnlyContain(p => p.Texts.Last().Bounds.Top >= p.Content.Bottom);
    }
}
