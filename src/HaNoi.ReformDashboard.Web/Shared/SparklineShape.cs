using System.Globalization;
using System.Text;

namespace HaNoi.ReformDashboard.Web.Shared;

/// <summary>
/// A sparkline drawn as plain SVG: the months so far as a line (a month without a figure breaks it), a dot on each
/// month (an annual figure is a single point), and the target as a dotted line; up always means better, so a rank's
/// scale is turned over. The value axis spans the figures and the target. Drawn by the server rather than by a
/// charting library: a headline card or a table row then holds no chart component, script or interop reference in
/// its circuit, and a tablet draws it without loading plotly.js.
/// </summary>
public sealed record SparklineShape(IReadOnlyList<IReadOnlyList<(double X, double Y)>> Runs, double? TargetY)
{
    /// <summary>The drawing's box in SVG units; the SVG stretches it to the space it has.</summary>
    public const double Width = 200, Height = 40;
    private const double Pad = 4;

    public bool IsEmpty => Runs.Count == 0;

    public static SparklineShape Of(IReadOnlyList<decimal?> values, decimal? target, bool lowerIsBetter)
    {
        var known = values.OfType<decimal>().ToList();
        if (known.Count == 0) return new([], null);
        var scale = target is decimal t ? known.Append(t).ToList() : known;
        var (low, high) = (scale.Min(), scale.Max());

        double X(int month) => values.Count == 1 ? Width / 2 : Pad + month * (Width - 2 * Pad) / (values.Count - 1);
        double Y(decimal value)
        {
            if (high == low) return Height / 2;
            var share = (double)((value - low) / (high - low)); // 0 at the lowest figure, 1 at the highest
            return lowerIsBetter ? Pad + share * (Height - 2 * Pad) : Height - Pad - share * (Height - 2 * Pad);
        }

        var runs = new List<IReadOnlyList<(double, double)>>();
        List<(double, double)>? run = null;
        for (var month = 0; month < values.Count; month++)
        {
            if (values[month] is not decimal value) { run = null; continue; }
            if (run is null) runs.Add(run = []);
            run.Add((X(month), Y(value)));
        }
        return new(runs, target is decimal goal ? Y(goal) : null);
    }

    /// <summary>Each run as the points of an SVG polyline.</summary>
    public IEnumerable<string> Polylines => Runs.Select(run => string.Join(' ', run.Select(p => $"{N(p.X)},{N(p.Y)}")));

    /// <summary>One SVG path of zero-length strokes with round caps: a dot per month that stays round when the SVG stretches.</summary>
    public string Dots
    {
        get
        {
            var path = new StringBuilder();
            foreach (var (x, y) in Runs.SelectMany(r => r)) path.Append('M').Append(N(x)).Append(' ').Append(N(y)).Append("h0");
            return path.ToString();
        }
    }

    public static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
