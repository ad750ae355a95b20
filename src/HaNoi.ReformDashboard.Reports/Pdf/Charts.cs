using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using ScottPlot;
using SkiaSharp;

namespace HaNoi.ReformDashboard.Reports.Pdf;

/// <summary>ScottPlot charts drawn straight onto the PDF canvas, so they stay vectors (and their text stays text).</summary>
internal static class Charts
{
    // The fonts must be registered with ScottPlot before the first chart.
    static Charts() => _ = PdfFonts.Regular;

    /// <summary>The city's monthly values of a pillar's percent indicators, one line each, 0–100 %.</summary>
    public static void CityTrend(SKCanvas canvas, SKRect rect, Scorecard scorecard, IReadOnlyList<IndicatorInfo> indicators)
    {
        var plot = NewPlot();
        var months = scorecard.Period.LastMonth;
        var palette = new ScottPlot.Palettes.Category10();
        var i = 0;
        foreach (var indicator in indicators.Where(x => x.IsPercent))
        {
            var points = scorecard.CitySeries(indicator.Code)?.Points.Where(p => p.Value is not null).ToList() ?? [];
            if (points.Count == 0) continue;
            var line = plot.Add.Scatter(points.Select(p => (double)p.Month).ToArray(), points.Select(p => (double)p.Value!.Value).ToArray());
            line.LegendText = ReportText.ShortName(indicator);
            line.Color = palette.GetColor(i++);
            line.LineWidth = 1.2f;
            line.MarkerSize = 3;
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(1, months).Select(m => (double)m).ToArray(), Enumerable.Range(1, months).Select(m => ReportText.T("ChartMonth", m)).ToArray());
        plot.Axes.SetLimits(0.5, months + 0.5, 0, 105);
        plot.YLabel(ReportText.T("ChartTrendAxis"), 8);
        plot.Title(ReportText.T("ChartTrendTitle"), 9);
        if (i > 0) plot.ShowLegend(Edge.Right);
        Draw(plot, canvas, rect);
    }

    /// <summary>Horizontal bars of a roll-up's values per percent indicator, coloured by status, with the target as a black tick.</summary>
    public static void RollupBars(SKCanvas canvas, SKRect rect, IReadOnlyList<(IndicatorInfo Indicator, ScoredIndicator Cell)> rows, string title)
    {
        var plot = NewPlot();
        var bars = new List<Bar>();
        var labels = new List<string>();
        for (var i = 0; i < rows.Count; i++)
        {
            var (indicator, cell) = rows[i];
            var y = rows.Count - 1 - i; // first indicator on top
            labels.Add(ReportText.ShortName(indicator));
            if (cell.Score.Value is decimal value)
                bars.Add(new Bar { Position = y, Value = (double)value, FillColor = Color.FromSKColor(Darker(PdfTheme.StatusFill(cell.Score.Status))), Size = 0.7 });
            if (cell.Score.Target is { } target)
            {
                var tick = plot.Add.Line((double)target.Threshold, y - 0.45, (double)target.Threshold, y + 0.45);
                tick.LineWidth = 2;
                tick.Color = Colors.Black;
            }
        }
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, rows.Count).Select(y => (double)y).ToArray(), labels.AsEnumerable().Reverse().ToArray());
        plot.Axes.SetLimits(0, 105, -0.6, rows.Count - 0.4);
        plot.XLabel(ReportText.T("ChartBarsAxis"), 8);
        plot.Title(title, 9);
        Draw(plot, canvas, rect);
    }

    private static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Font.Set(PdfFonts.Family);
        // 8 pt: the size of the tables' text, readable on paper.
        plot.Axes.Left.TickLabelStyle.FontSize = 8;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 8;
        plot.Legend.FontSize = 8;
        return plot;
    }

    // Status fills are pale (for table cells behind text); bars need more contrast.
    private static SKColor Darker(SKColor color)
    {
        color.ToHsl(out var h, out var s, out var l);
        return SKColor.FromHsl(h, Math.Min(100, s + 10), Math.Max(0, l - 25));
    }

    private static void Draw(Plot plot, SKCanvas canvas, SKRect rect)
    {
        // A new plot's first render draws everything twice (the second pass settles the layout), which would put
        // each label twice in the PDF's text: the first render goes to a throwaway recording.
        using (var recorder = new SKPictureRecorder())
            plot.Render(recorder.BeginRecording(new SKRect(0, 0, rect.Width, rect.Height)), (int)rect.Width, (int)rect.Height);
        canvas.Save();
        canvas.Translate(rect.Left, rect.Top);
        plot.Render(canvas, (int)rect.Width, (int)rect.Height);
        canvas.Restore();
    }
}
