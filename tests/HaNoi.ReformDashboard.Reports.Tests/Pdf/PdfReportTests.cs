using System.Text;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Presentation;
using HaNoi.ReformDashboard.Reports.Pdf;
using HaNoi.ReformDashboard.Reports.Tests.Infrastructure;
using HaNoi.ReformDashboard.Reports.Tests.Layout;
using HaNoi.ReformDashboard.Testing;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;
using static HaNoi.ReformDashboard.Reports.Tests.Pdf.PdfReading;

namespace HaNoi.ReformDashboard.Reports.Tests.Pdf;

[Collection(ReportsPostgresCollection.Name)]
public sealed class PdfReportTests(PostgresServer server)
{
    private static byte[] Quarterly(Scorecard scorecard) => TestOutput.Bytes(s => QuarterlyReportPdf.Write(scorecard, Demo.Parameters, s));
    private static byte[] Leaders(Scorecard scorecard) => TestOutput.Bytes(s => LeaderScorecardPdf.Write(scorecard, Demo.Parameters, s));

    [Fact]
    public async Task Quarterly_report_has_the_official_heading_title_and_date_range()
    {
        var pages = PageTexts(Quarterly(await Demo.ScorecardAsync(server, "2022-Q4")));

        pages[0].Should().Contain(Squash("UBND THÀNH PHỐ HÀ NỘI"))
            .And.Contain(Squash("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
            .And.Contain(Squash("Độc lập - Tự do - Hạnh phúc"))
            .And.Contain(Squash("Hà Nội, ngày 05 tháng 01 năm 2023"))
            .And.Contain(Squash("BÁO CÁO"))
            .And.Contain(Squash("KẾT QUẢ THỰC HIỆN KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NHÀ NƯỚC NĂM 2022"))
            .And.Contain(Squash("Quý IV/2022"))
            .And.Contain(Squash("(Từ ngày 01/10/2022 đến ngày 31/12/2022)"));
    }

    [Fact]
    public async Task Quarterly_report_shows_each_city_figure_as_the_scorecard_formats_it()
    {
        var scorecard = await Demo.ScorecardAsync(server, "2022-Q4");
        var text = string.Concat(PageTexts(Quarterly(scorecard)).Take(3));

        foreach (var indicator in scorecard.Indicators)
        {
            var cell = scorecard.City.For(indicator.Code)!;
            var row = Squash(string.Concat(indicator.Code, ")",
                ReportText.Count(cell.Figure.Numerator), ReportText.Count(cell.Figure.Denominator),
                ReportText.Value(indicator.Kind, cell.Score.Value), ReportText.Target(indicator.Kind, cell.Score.Target),
                ReportText.Gap(indicator.Kind, cell.Score.Gap), ReportText.Status(cell.Score.Status)));
            text.Should().Contain(row, $"the city row of {indicator.Code} reads as the scorecard");
        }
    }

    [Fact]
    public async Task Quarterly_report_lists_every_unit_with_its_figures_and_the_level_totals()
    {
        var scorecard = await Demo.ScorecardAsync(server, "2022-Q4", ScorecardScope.ForLevel(UnitLevel.District));
        var text = string.Concat(PageTexts(Quarterly(scorecard)));
        var indicator = scorecard.Indicator("ONTIME");

        for (var i = 0; i < scorecard.Units.Count; i++)
        {
            var unit = scorecard.Units[i];
            var cell = unit.For("ONTIME")!;
            text.Should().Contain(Squash($"{i + 1}{unit.Unit.NameVi}{ReportText.Count(cell.Figure.Numerator)}{ReportText.Count(cell.Figure.Denominator)}{ReportText.Value(indicator.Kind, cell.Score.Value)}"));
        }
        var total = scorecard.Level(UnitLevel.District)!.For("ONTIME")!;
        text.Should().Contain(Squash($"Tổng cộng{ReportText.Count(total.Figure.Numerator)}{ReportText.Count(total.Figure.Denominator)}{ReportText.Value(indicator.Kind, total.Score.Value)}"));
    }

    [Fact]
    public async Task Every_page_has_a_Trang_X_of_Y_footer_and_the_document_has_title_author_subject_language_and_embedded_DejaVu()
    {
        var pdf = Quarterly(await Demo.ScorecardAsync(server, "2022-Q4"));
        using var document = PdfDocument.Open(pdf);

        var pages = document.GetPages().ToList();
        pages.Should().HaveCountGreaterThan(10);
        pages.Select(p => Squash(p.Text)).Should().SatisfyRespectively(pages.Select((_, i) =>
            (Action<string>)(t => t.Should().EndWith($"Trang{i + 1}/{pages.Count}"))));
        document.Information.Title.Should().Be("Báo cáo kết quả thực hiện Kế hoạch CCHC năm 2022 — Quý IV/2022");
        document.Information.Author.Should().Be("Nguyễn Văn An (Sở Nội vụ)");
        document.Information.Subject.Should().Contain("Từ ngày 01/10/2022 đến ngày 31/12/2022");
        document.Structure.Catalog.CatalogDictionary.TryGet(NameToken.Create("Lang"), out var lang).Should().BeTrue();
        lang.Should().BeOfType<StringToken>().Which.Data.Should().Be("vi-VN");
        pages[0].Letters.Select(l => l.FontName).Distinct().Should().OnlyContain(f => f.Contains("DejaVuSans"));
        pages.Should().OnlyContain(p => Math.Abs(p.Width - 595.28) < 1 && Math.Abs(p.Height - 841.89) < 1, "pages are A4");
    }

    [Fact]
    public async Task Leaders_scorecard_has_a_page_of_figures_and_a_page_of_chart_for_the_city_and_for_each_level()
    {
        var pages = PageTexts(Leaders(await Demo.ScorecardAsync(server, "2022-12")));

        pages.Should().HaveCount(8);
        pages[0].Should().Contain(Squash("BẢNG ĐIỂM CẢI CÁCH HÀNH CHÍNH")).And.Contain(Squash("Tháng 12/2022")).And.Contain(Squash("Toàn thành phố"));
        pages[2].Should().Contain(Squash("Cấp Sở, ban, ngành — 21 đơn vị"));
        pages[4].Should().Contain(Squash("Cấp Quận, huyện, thị xã — 30 đơn vị"));
        pages[6].Should().Contain(Squash("Cấp Phường, xã, thị trấn — 49 đơn vị"));
        foreach (var chart in new[] { pages[1], pages[3], pages[5], pages[7] })
            chart.Should().Contain(Squash("Tỷ lệ so với chỉ tiêu")).And.Contain(Squash("Trả kết quả đúng hạn")).And.Contain(Squash("Hồ sơ trực tuyến"));
    }

    [Fact]
    public async Task The_scorecard_chart_gives_each_bar_15_points_and_labels_it_with_a_short_name_at_8_points()
    {
        var scorecard = await Demo.ScorecardAsync(server, "2022-12");
        var layout = LeaderScorecardPdf.Layout(scorecard, Demo.Parameters);
        var bars = scorecard.City.Indicators.Count(c => scorecard.Indicator(c.IndicatorCode).IsPercent);

        var chart = layout.Pages[1].Elements.OfType<HaNoi.ReformDashboard.Reports.Pdf.Layout.DrawingElement>().Single();
        (chart.Bounds.Height - 70f).Should().BeGreaterThanOrEqualTo(15f * bars);

        using var document = PdfDocument.Open(Leaders(scorecard));
        var page = document.GetPage(2);
        var label = page.GetWords().First(w => w.Text == "SIPAS"); // once: each label is drawn once
        label.Letters.Should().OnlyContain(l => l.PointSize >= 7.9);
        var labels = page.GetWords().Where(w => w.BoundingBox.Right < chart.Bounds.Left + 200 && w.BoundingBox.Bottom > 300).ToList();
        labels.Select(w => w.BoundingBox).Should().OnlyContain(a => !labels.Any(b => b.BoundingBox != a && Overlap(a, b.BoundingBox)), "labels do not overlap");
    }

    private static bool Overlap(UglyToad.PdfPig.Core.PdfRectangle a, UglyToad.PdfPig.Core.PdfRectangle b) =>
        a.Left < b.Right - 0.5 && b.Left < a.Right - 0.5 && a.Bottom < b.Top - 0.5 && b.Bottom < a.Top - 0.5 && !(a.Left == b.Left && a.Bottom == b.Bottom);

    [Fact]
    public async Task Leaders_scorecard_for_a_unit_is_its_page_of_figures_with_score_and_rank_then_its_chart()
    {
        var scorecard = await Demo.ScorecardAsync(server, "2022-12", ScorecardScope.ForUnit("SNV"));
        var unit = scorecard.Unit("SNV")!;
        var pages = PageTexts(Leaders(scorecard));

        pages.Should().HaveCount(2);
        pages[0].Should().Contain(Squash($"Sở Nội vụ — điểm {ReportText.Score(unit.Score)}, xếp hạng {ReportText.Rank(unit.Rank, unit.RankedPeers)}"));
        pages[1].Should().Contain(Squash("Tỷ lệ so với chỉ tiêu"));
    }

    [Fact]
    public async Task A_full_year_for_every_commune_paginates_without_clipped_or_overlapping_text()
    {
        var scorecard = await Demo.ScorecardAsync(server, "2022", ScorecardScope.ForLevel(UnitLevel.Commune));
        var layout = QuarterlyReportPdf.Layout(scorecard, Demo.Parameters);
        layout.Footers((page, pages) => $"Trang {page} / {pages}", PdfTheme.Footer);

        layout.Pages.Should().HaveCountGreaterThan(10);
        layout.Pages.ShouldBeClean();
        var communeRows = layout.Pages.SelectMany(p => p.Texts).Count(t => scorecard.Units.Any(u => u.Unit.NameVi == t.Text));
        communeRows.Should().Be(scorecard.Units.Sum(u => u.Indicators.Count), "every commune appears once per indicator, no row lost");
        // A page may end the report with the city-only indicators (PAR INDEX, SIPAS), which have no commune table.
        var withRows = layout.Pages.Skip(1).Where(p => p.Texts.Any(t => scorecard.Units.Any(u => u.Unit.NameVi == t.Text))).ToList();
        withRows.Should().HaveCountGreaterThan(10);
        withRows.Should().OnlyContain(p => p.Texts.Any(t => t.Text == "Mẫu số"), "each page after the first that holds table rows carries a table header");
    }

    [Fact]
    public async Task Leaders_scorecard_pages_have_no_clipped_or_overlapping_text()
    {
        var layout = LeaderScorecardPdf.Layout(await Demo.ScorecardAsync(server, "2022-12"), Demo.Parameters);

        layout.Pages.ShouldBeClean();
    }

    [Fact]
    public async Task An_empty_scope_gives_valid_reports_that_say_there_is_no_data()
    {
        var scorecard = await Demo.ScorecardAsync(server, "2023-Q1", planYear: 2023);

        foreach (var pdf in new[] { Quarterly(scorecard), Leaders(scorecard) })
        {
            var pages = PageTexts(pdf);
            pages.Should().ContainSingle();
            pages[0].Should().Contain(Squash("Không có số liệu cho phạm vi và kỳ báo cáo này.")).And.Contain(Squash("Quý I/2023"));
        }
    }

    [Fact]
    public async Task The_report_states_each_levels_median_P75_and_run_rate_each_units_rank_and_its_explanation()
    {
        var june = await Demo.ScorecardAsync(server, "2022-06", ScorecardScope.ForLevel(UnitLevel.District));
        var unit = june.Units[2];
        var scorecard = june with
        {
            Explanations = [new Explanation(unit.Unit.Code, "ONTIME", "2022-06", "Mất điện hai ngày tại Bộ phận Một cửa.", "Phạm Thu Hà", DateTimeOffset.UnixEpoch)
            {
                Remedy = "Lắp máy phát dự phòng.", ExpectedBy = new DateOnly(2022, 7, 31), Revision = 3,
            }],
        };
        var text = string.Concat(PageTexts(Quarterly(scorecard)));

        var benchmark = scorecard.Benchmarks[("ONTIME", UnitLevel.District)];
        var ontime = scorecard.Indicator("ONTIME");
        var runRate = ReportText.RunRate(scorecard.Level(UnitLevel.District)!.For("ONTIME")!.RunRate, scorecard.Period);
        runRate.Should().NotBeNull("June leaves six months");
        text.Should().Contain(Squash($"Trung vị cấp {ReportText.Value(ontime.Kind, benchmark.Median)}, phân vị 75 {ReportText.Value(ontime.Kind, benchmark.Percentile75)}; tốc độ cần đạt của cấp: {runRate}."));
        var cell = unit.For("ONTIME")!;
        text.Should().Contain(Squash($"{unit.Unit.NameVi}{ReportText.Count(cell.Figure.Numerator)}{ReportText.Count(cell.Figure.Denominator)}{ReportText.Value(ontime.Kind, cell.Score.Value)}"));
        text.Should().Contain(Squash($"{ReportText.Status(cell.Score.Status)}{cell.Rank}/{cell.RankedPeers}"));
        text.Should().Contain(Squash($"Giải trình của {unit.Unit.NameVi} (Phạm Thu Hà, lần 3): Nguyên nhân: Mất điện hai ngày tại Bộ phận Một cửa. "
            + "Giải pháp khắc phục: Lắp máy phát dự phòng. Thời hạn dự kiến: 31/07/2022."));
    }

    [Fact]
    public async Task An_English_report_and_scorecard_are_in_English_throughout_with_English_names_and_number_formats()
    {
        var scorecard = await Demo.ScorecardAsync(server, "2022-Q4");
        var english = Demo.Parameters with { Language = System.Globalization.CultureInfo.GetCultureInfo("en-US") };
        var report = TestOutput.Bytes(s => QuarterlyReportPdf.Write(scorecard, english, s));
        var leaders = TestOutput.Bytes(s => LeaderScorecardPdf.Write(scorecard, english, s));
        await File.WriteAllBytesAsync(TestOutput.PathOf("report-Q4-2022-en.pdf"), report);

        var pages = PageTexts(report);
        var all = string.Concat(pages);
        all.Should().Contain(Squash("SOCIALIST REPUBLIC OF VIET NAM")).And.Contain(Squash("I. SUMMARY BY PILLAR"))
            .And.Contain(Squash("III. RESULTS BY PILLAR")).And.Contain(Squash("Level median"));
        var district = scorecard.Units.First(u => u.Unit.Level == UnitLevel.District);
        var cell = district.For("ONTIME")!;
        all.Should().Contain(Squash($"{district.Unit.NameEn}{FigureFormat.Number(cell.Figure.Numerator, System.Globalization.CultureInfo.GetCultureInfo("en-US"))}"));
        all.Should().NotContain(Squash("Tổng cộng")).And.NotContain(Squash("Chưa đạt"));
        pages[0].Should().EndWith($"Page1of{pages.Count}");
        using (var document = PdfDocument.Open(report))
        {
            document.Structure.Catalog.CatalogDictionary.TryGet(NameToken.Create("Lang"), out var lang).Should().BeTrue();
            lang.Should().BeOfType<StringToken>().Which.Data.Should().Be("en-US");
        }
        string.Concat(PageTexts(leaders)).Should().Contain(Squash("ADMINISTRATIVE REFORM SCORECARD")).And.Contain(Squash("Online dossiers"))
            .And.Contain(Squash("Leading units and units to improve"));
    }

    [Fact]
    public async Task Rendered_pages_are_not_blank_and_are_saved_for_review()
    {
        var quarter = await Demo.ScorecardAsync(server, "2022-Q4");
        var month = await Demo.ScorecardAsync(server, "2022-12");
        var quarterly = TestOutput.PathOf("bao-cao-quy-IV-2022.pdf");
        var leaders = TestOutput.PathOf("bang-diem-thang-12-2022.pdf");
        await File.WriteAllBytesAsync(quarterly, Quarterly(quarter));
        await File.WriteAllBytesAsync(leaders, Leaders(month));
        foreach (var old in Directory.GetFiles(TestOutput.Folder, "*.png")) File.Delete(old);

        // The first pages, and the districts' ON-TIME table where "Quận Hà Đông" is printed.
        var pngs = RenderPages(quarterly, TestOutput.PathOf("quy"), 1, 4)
            .Concat(RenderPages(leaders, TestOutput.PathOf("bang-diem"), 1, 4)).ToList();

        pngs.Should().HaveCount(8);
        pngs.Should().OnlyContain(p => InkShare(p) > 0.01, "every page shows text, tables or charts");
    }
}
