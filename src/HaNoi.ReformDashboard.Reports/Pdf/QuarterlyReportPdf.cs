using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Presentation;
using HaNoi.ReformDashboard.Domain.Scoring;
using HaNoi.ReformDashboard.Reports.Pdf.Layout;

namespace HaNoi.ReformDashboard.Reports.Pdf;

/// <summary>
/// The multi-page report for the reform office: heading, summary by pillar, the city's figures, then a section
/// per pillar with a vector chart and, per indicator, a table of every unit by level closed by the level roll-up.
/// </summary>
public static class QuarterlyReportPdf
{
    public static void Write(Scorecard scorecard, ReportParameters parameters, Stream output) =>
        Render(Layout(scorecard, parameters), scorecard, parameters, output);

    internal static FlowLayout Layout(Scorecard scorecard, ReportParameters parameters)
    {
        var layout = PdfTheme.NewPortraitLayout();
        var period = FigureFormat.Period(scorecard.Period, ReportText.Culture);
        OfficialHeading.Add(layout, scorecard, parameters, ["BÁO CÁO", ReportText.Title(scorecard.PlanYear), period]);
        if (scorecard.IsEmpty)
        {
            OfficialHeading.NoData(layout);
            return layout;
        }

        Section(layout, "I. TỔNG HỢP THEO LĨNH VỰC");
        layout.Table(PillarSummary(scorecard));

        Section(layout, "II. KẾT QUẢ TOÀN THÀNH PHỐ");
        layout.Paragraph("Tỷ lệ toàn thành phố bằng tổng tử số chia tổng mẫu số của mọi đơn vị, trừ các chỉ tiêu Thành phố tự báo cáo.", PdfTheme.Small);
        var city = FigureTable("Chỉ tiêu");
        foreach (var indicator in scorecard.Indicators)
        {
            if (scorecard.City.For(indicator.Code) is { } cell)
                city.Add(FigureRow(scorecard.Indicators.ToList().IndexOf(indicator) + 1, $"{indicator.NameVi} ({indicator.Code})", indicator, cell));
        }
        layout.Table(city);

        Section(layout, "III. KẾT QUẢ THEO LĨNH VỰC");
        var levels = ReportContent.Levels(scorecard);
        var p = 0;
        foreach (var (pillar, indicators) in ReportContent.Pillars(scorecard))
        {
            p++;
            layout.EnsureSpace(140);
            layout.Paragraph($"{p}. {pillar.NameVi} ({pillar.Code})", PdfTheme.Subsection, spaceAfter: 3);
            if (indicators.Count == 0)
            {
                layout.Paragraph($"Kế hoạch năm {scorecard.PlanYear} không đặt chỉ tiêu định lượng cho lĩnh vực này.", PdfTheme.Italic, spaceAfter: 6);
                continue;
            }
            if (indicators.Any(i => i.IsPercent))
                layout.Drawing(170, (canvas, rect) => Charts.CityTrend(canvas, rect, scorecard, indicators));

            var n = 0;
            foreach (var indicator in indicators)
            {
                n++;
                var cityCell = scorecard.City.For(indicator.Code);
                var headline = $"{p}.{n}. {indicator.NameVi} ({indicator.Code})";
                var detail = $"Chỉ tiêu: {ReportText.Target(indicator.Kind, cityCell?.Score.Target)} · Toàn thành phố: {ReportText.Value(indicator.Kind, cityCell?.Score.Value)} · {ReportText.Status(cityCell?.Score.Status ?? Status.NoData)}";
                // Keep the heading with the start of its first table.
                layout.EnsureSpace(layout.Measure(headline, PdfTheme.Strong) + layout.Measure(detail, PdfTheme.Body) + 60);
                layout.Paragraph(headline, PdfTheme.Strong, spaceAfter: 1);
                layout.Paragraph(detail, PdfTheme.Body, spaceAfter: 3);
                foreach (var level in levels.Where(l => l.Indicators.Contains(indicator)))
                {
                    layout.EnsureSpace(50);
                    layout.Paragraph($"Cấp {ReportText.Level(level.Level)} ({level.Units.Count} đơn vị)", PdfTheme.Italic, spaceAfter: 2);
                    var table = FigureTable("Đơn vị");
                    var stt = 0;
                    foreach (var unit in level.Units)
                    {
                        if (unit.For(indicator.Code) is { } cell)
                            table.Add(FigureRow(++stt, unit.Unit.NameVi, indicator, cell));
                    }
                    if (level.Totals?.For(indicator.Code) is { } total)
                        table.Add(true, FigureRow(null, "Tổng cộng", indicator, total));
                    layout.Table(table);
                }
            }
        }
        return layout;
    }

    internal static void Render(FlowLayout layout, Scorecard scorecard, ReportParameters parameters, Stream output) =>
        OfficialHeading.Finish(layout, scorecard, parameters,
            $"Báo cáo kết quả thực hiện Kế hoạch CCHC năm {scorecard.PlanYear} — {FigureFormat.Period(scorecard.Period, ReportText.Culture)}",
            $"{ReportText.Scope(scorecard)}; {FigureFormat.DateRange(scorecard.Period, ReportText.Culture)}", output);

    private static void Section(FlowLayout layout, string title)
    {
        layout.EnsureSpace(80);
        layout.Space(4);
        layout.Paragraph(title, PdfTheme.Section, spaceAfter: 4);
    }

    private static Table PillarSummary(Scorecard scorecard)
    {
        var table = PdfTheme.NewTable(
            new("STT", 3, TextAlign.Center), new("Lĩnh vực", 22), new("Số chỉ tiêu", 5, TextAlign.Right),
            new("Đạt", 4, TextAlign.Right), new("Có nguy cơ", 5, TextAlign.Right), new("Chưa đạt", 5, TextAlign.Right),
            new("Không có số liệu", 6, TextAlign.Right), new("Điểm", 5, TextAlign.Right));
        var n = 0;
        foreach (var (pillar, indicators) in ReportContent.Pillars(scorecard))
        {
            string Count(Status s) => ReportContent.Count(scorecard, indicators, s).ToString(ReportText.Culture);
            var score = Scores.ForPillar(indicators.Select(i => scorecard.City.For(i.Code)!.Score));
            table.Add((++n).ToString(ReportText.Culture), $"{pillar.NameVi} ({pillar.Code})", indicators.Count.ToString(ReportText.Culture),
                Count(Status.Met), Count(Status.AtRisk), Count(Status.Missed), Count(Status.NoData), ReportText.Score(score));
        }
        return table;
    }

    /// <summary>STT | name | Tử số | Mẫu số | Tỷ lệ | Chỉ tiêu | Chênh lệch | Đánh giá — the reform office's reading order.</summary>
    internal static Table FigureTable(string nameHeader) => PdfTheme.NewTable(
        new("STT", 3, TextAlign.Center), new(nameHeader, 20), new("Tử số", 6.5f, TextAlign.Right), new("Mẫu số", 6.5f, TextAlign.Right),
        new("Tỷ lệ", 6, TextAlign.Right), new("Chỉ tiêu", 8, TextAlign.Right), new("Chênh lệch", 5.5f, TextAlign.Right), new("Đạt/Chưa đạt", 9));

    internal static TableCell[] FigureRow(int? stt, string name, IndicatorInfo indicator, ScoredIndicator cell) =>
    [
        stt?.ToString(ReportText.Culture) ?? "",
        name,
        ReportText.Count(cell.Figure.Numerator),
        ReportText.Count(cell.Figure.Denominator),
        ReportText.Value(indicator.Kind, cell.Score.Value),
        ReportText.Target(indicator.Kind, cell.Score.Target),
        ReportText.Gap(indicator.Kind, cell.Score.Gap),
        PdfTheme.StatusCell(cell.Score.Status),
    ];
}
