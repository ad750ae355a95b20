using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Presentation;
using static HaNoi.ReformDashboard.Reports.Word.DocxParts;

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
    private static readonly int[] FigureWidths = [560, 2295, 1000, 1000, 1000, 1250, 900, 1350];

    public static void Write(Scorecard scorecard, ReportParameters parameters, Stream output)
    {
        using var language = ReportText.In(parameters.Language);
        DocxParts.Write(output, ReportText.T("P_DocTitle", scorecard.PlanYear, Wording.Period(scorecard.Period, ReportText.Culture)), parameters.GeneratedBy,
            $"{ReportText.Scope(scorecard)}; {Wording.DateRange(scorecard.Period, ReportText.Culture)}", body =>
            {
                Heading(body, scorecard, parameters);
                if (scorecard.IsEmpty) body.Append(Paragraph(ReportText.T("NoDataForScope"), bold: true, center: true));
                else Content(body, scorecard);
            });
    }

    private static void Heading(Body body, Scorecard scorecard, ReportParameters parameters)
    {
        var number = string.IsNullOrWhiteSpace(parameters.DocumentNumber) ? "     " : parameters.DocumentNumber.Trim();
        body.Append(DocxParts.Heading(ReportHeading.Of(parameters), ReportText.T("D_Number", number)));
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
}
