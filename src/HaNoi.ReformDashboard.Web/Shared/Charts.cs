using Plotly.Blazor;
using Plotly.Blazor.ConfigLib;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;
using Bar = Plotly.Blazor.Traces.Bar;

namespace HaNoi.ReformDashboard.Web.Shared;

/// <summary>Plotly figures of the screens, built from plain lists so the components only host them.</summary>
public static class Charts
{
    private const string FontFamily = "Roboto, 'Noto Sans', 'DejaVu Sans', Arial, sans-serif";

    public static Config Static { get; } = new() { StaticPlot = true, DisplayModeBar = DisplayModeBarEnum.False, Responsive = true };
    public static Config Interactive { get; } = new() { DisplayModeBar = DisplayModeBarEnum.False, Responsive = true };

    /// <summary>Monthly values with markers and the target as a dashed line; a rank's axis runs best (1) at the top.</summary>
    public static (Plotly.Blazor.Layout, IList<ITrace>) Trend(
        IReadOnlyList<string> months, IReadOnlyList<decimal?> values, IReadOnlyList<string> valueTexts,
        decimal? target, string targetText, string valueName, string targetName, bool lowerIsBetter,
        (string Month, string Label)? marker = null)
    {
        var x = months.Cast<object>().ToList();
        var valueLine = Line(x, values.Select(v => (object?)v).ToList(), ChartColors.Series, 3, null);
        valueLine.Name = valueName;
        valueLine.Mode = ModeFlag.Lines | ModeFlag.Markers;
        valueLine.TextArray = valueTexts.ToList();
        valueLine.HoverTemplate = "%{x}: %{text}<extra></extra>";
        IList<ITrace> data = [valueLine];
        if (target is decimal t)
        {
            var targetLine = Line(x, x.Select(_ => (object?)t).ToList(), ChartColors.Target, 2, "dash");
            targetLine.Name = targetName;
            targetLine.HoverTemplate = targetName + ": " + targetText + "<extra></extra>";
            data.Add(targetLine);
        }
        var layout = new Plotly.Blazor.Layout
        {
            Height = 320,
            Margin = new Margin { L = 56, R = 16, T = 8, B = 40 },
            ShowLegend = true,
            XAxis = [new XAxis { Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Category, FixedRange = true }],
            YAxis = [new YAxis { FixedRange = true, AutoRange = lowerIsBetter ? Plotly.Blazor.LayoutLib.YAxisLib.AutoRangeEnum.Reversed : Plotly.Blazor.LayoutLib.YAxisLib.AutoRangeEnum.True }],
        };
        if (marker is { } m)
        {
            layout.Margin = new Margin { L = 56, R = 16, T = 28, B = 40 }; // room for the marker's label above the plot
            // A reorganisation: a dotted line where the series switches from the combined predecessors to the unit.
            layout.Shapes =
            [
                new Shape
                {
                    Type = Plotly.Blazor.LayoutLib.ShapeLib.TypeEnum.Line, XRef = "x", YRef = "paper",
                    X0 = m.Month, X1 = m.Month, Y0 = 0, Y1 = 1,
                    Line = new Plotly.Blazor.LayoutLib.ShapeLib.Line { Color = ChartColors.Target, Dash = "dot", Width = 2 },
                    Label = new Plotly.Blazor.LayoutLib.ShapeLib.Label { Text = m.Label, TextAngle = 0, TextPosition = Plotly.Blazor.LayoutLib.ShapeLib.LabelLib.TextPositionEnum.End, XAnchor = Plotly.Blazor.LayoutLib.ShapeLib.LabelLib.XAnchorEnum.Left },
                },
            ];
        }
        return (layout, data);
    }

    /// <summary>Horizontal bars, best at the top, coloured by status, with the target as a vertical dashed line.</summary>
    public static (Plotly.Blazor.Layout, IList<ITrace>) Bars(
        IReadOnlyList<string> names, IReadOnlyList<decimal?> values, IReadOnlyList<string> colors, IReadOnlyList<string> hoverTexts,
        decimal? target, string targetName)
    {
        var y = names.Cast<object>().ToList();
        IList<ITrace> data =
        [
            new Bar
            {
                Orientation = Plotly.Blazor.Traces.BarLib.OrientationEnum.H,
                Y = y,
                X = values.Select(v => (object?)v).ToList()!,
                Marker = new Plotly.Blazor.Traces.BarLib.Marker { ColorArray = colors.Cast<object>().ToList() },
                HoverTextArray = hoverTexts.ToList(),
                HoverTemplate = "%{hovertext}<extra></extra>",
                ShowLegend = false,
            },
        ];
        if (target is decimal t && names.Count > 0) data.Add(TargetAcross(names, t, targetName));
        var layout = RankedLayout(names.Count, 28, new XAxis { FixedRange = true });
        return (layout, data);
    }

    /// <summary>
    /// The value axis of a comparison of units: the spread of the values and the target, with a little room on either
    /// side — not from 0, so thirty districts between 80 % and 100 % do not look alike. Percentages stay within 0–100
    /// unless a value lies outside.
    /// </summary>
    public static (decimal Low, decimal High)? SpreadRange(IEnumerable<decimal?> values, decimal? target, bool percent)
    {
        var all = values.OfType<decimal>().Concat(target is decimal t ? [t] : []).ToList();
        if (all.Count == 0) return null;
        var (min, max) = (all.Min(), all.Max());
        var pad = Math.Max((max - min) * 0.08m, 0.5m);
        var (low, high) = (min - pad, max + pad);
        if (percent) (low, high) = (min >= 0 ? Math.Max(0, low) : low, max <= 100 ? Math.Min(100, high) : high);
        return (low, high);
    }

    /// <summary>One dot per unit, best at the top, coloured by status, with the target as a vertical dashed line.</summary>
    public static (Plotly.Blazor.Layout, IList<ITrace>) Dots(
        IReadOnlyList<string> names, IReadOnlyList<decimal?> values, IReadOnlyList<string> colors, IReadOnlyList<string> hoverTexts,
        decimal? target, string targetName, bool percent, int? highlight)
    {
        IList<ITrace> data =
        [
            new Scatter
            {
                Mode = ModeFlag.Markers,
                Y = names.Cast<object>().ToList(),
                X = values.Select(v => (object?)v).ToList()!,
                Marker = new Plotly.Blazor.Traces.ScatterLib.Marker
                {
                    ColorArray = colors.Cast<object>().ToList(),
                    SizeArray = names.Select((_, i) => (decimal?)(i == highlight ? 16 : 10)).ToList(),
                    Line = new Plotly.Blazor.Traces.ScatterLib.MarkerLib.Line { Color = "#212121", WidthArray = names.Select((_, i) => (decimal?)(i == highlight ? 3 : 0)).ToList() },
                },
                HoverTextArray = hoverTexts.ToList(),
                HoverTemplate = "%{hovertext}<extra></extra>",
                ShowLegend = false,
            },
        ];
        if (target is decimal t && names.Count > 0) data.Add(TargetAcross(names, t, targetName));
        var layout = RankedLayout(names.Count, 24, ValueAxis(values, target, percent));
        return (layout, data);
    }

    /// <summary>The target as a dashed vertical line from the first unit to the last, named in the legend.</summary>
    private static Scatter TargetAcross(IReadOnlyList<string> names, decimal target, string targetName)
    {
        var line = Line([target, target], [names[0], names[^1]], ChartColors.Target, 2, "dash");
        line.Name = targetName;
        line.HoverTemplate = targetName + "<extra></extra>";
        line.ShowLegend = true;
        return line;
    }

    /// <summary>Units down a category axis, best at the top (the list comes sorted best first; the axis draws from the bottom).</summary>
    private static Plotly.Blazor.Layout RankedLayout(int units, int pixelsPerUnit, XAxis valueAxis) => new()
    {
        Height = Math.Max(240, pixelsPerUnit * units + 80),
        Margin = new Margin { L = 8, R = 16, T = 8, B = 40 },
        ShowLegend = true,
        Legend = [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, Y = 1.02m, YAnchor = Plotly.Blazor.LayoutLib.LegendLib.YAnchorEnum.Bottom }],
        YAxis = [new YAxis { AutoRange = Plotly.Blazor.LayoutLib.YAxisLib.AutoRangeEnum.Reversed, AutoMargin = Plotly.Blazor.LayoutLib.YAxisLib.AutoMarginFlag.Left, FixedRange = true, Type = Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Category }],
        XAxis = [valueAxis],
    };

    /// <summary>
    /// The distribution of a large level (hundreds of communes): every unit a dot along the value axis, spread
    /// vertically so they do not hide each other, the target as a line and the chosen unit drawn large.
    /// </summary>
    public static (Plotly.Blazor.Layout, IList<ITrace>) Strip(
        IReadOnlyList<decimal?> values, IReadOnlyList<string> colors, IReadOnlyList<string> hoverTexts,
        decimal? target, string targetName, bool percent, int? highlight, string highlightName)
    {
        // A fixed, even spread (not random): the same page draws the same picture.
        var jitter = values.Select((_, i) => (object?)(((i * 37) % 100) / 100m)).ToList();
        IList<ITrace> data =
        [
            new Scatter
            {
                Mode = ModeFlag.Markers,
                X = values.Select(v => (object?)v).ToList()!,
                Y = jitter!,
                Marker = new Plotly.Blazor.Traces.ScatterLib.Marker { ColorArray = colors.Cast<object>().ToList(), Size = 7, Opacity = 0.8m },
                HoverTextArray = hoverTexts.ToList(),
                HoverTemplate = "%{hovertext}<extra></extra>",
                ShowLegend = false,
            },
        ];
        if (highlight is int h && values[h] is decimal v)
        {
            data.Add(new Scatter
            {
                Mode = ModeFlag.Markers | ModeFlag.Text, X = [v], Y = [jitter[h]], Name = highlightName, TextArray = [highlightName],
                TextPosition = Plotly.Blazor.Traces.ScatterLib.TextPositionEnum.TopCenter,
                Marker = new Plotly.Blazor.Traces.ScatterLib.Marker { Size = 16, Color = colors[h], Line = new Plotly.Blazor.Traces.ScatterLib.MarkerLib.Line { Color = "#212121", Width = 3 } },
                HoverTemplate = hoverTexts[h] + "<extra></extra>",
            });
        }
        if (target is decimal t)
        {
            var targetLine = Line([t, t], [-0.1m, 1.1m], ChartColors.Target, 2, "dash");
            targetLine.Name = targetName;
            targetLine.HoverTemplate = targetName + "<extra></extra>";
            data.Add(targetLine);
        }
        var layout = new Plotly.Blazor.Layout
        {
            Height = 260,
            Margin = new Margin { L = 8, R = 16, T = 8, B = 40 },
            ShowLegend = true,
            Legend = [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, Y = 1.02m, YAnchor = Plotly.Blazor.LayoutLib.LegendLib.YAnchorEnum.Bottom }],
            YAxis = [new YAxis { Visible = false, FixedRange = true, Range = [-0.15m, 1.25m] }],
            XAxis = [ValueAxis(values, target, percent)],
        };
        return (layout, data);
    }

    private static XAxis ValueAxis(IEnumerable<decimal?> values, decimal? target, bool percent) =>
        SpreadRange(values, target, percent) is var (low, high)
            ? new XAxis { FixedRange = true, Range = [low, high], TickSuffix = percent ? " %" : null }
            : new XAxis { FixedRange = true };

    private static Scatter Line(IList<object> x, IList<object?> y, string color, int width, string? dash) => new()
    {
        X = x,
        Y = y!,
        Mode = ModeFlag.Lines,
        ConnectGaps = false,
        Line = new Plotly.Blazor.Traces.ScatterLib.Line { Color = color, Width = width, Dash = dash },
    };
}
