using System.Diagnostics.Metrics;

namespace HaNoi.ReformDashboard.Data.Telemetry;

/// <summary>
/// The dashboard's own measurements (System.Diagnostics.Metrics), exported by OpenTelemetry when configured:
/// how long a scorecard and an export take, and how many circuits are open.
/// </summary>
public static class ReformMetrics
{
    public const string MeterName = "HaNoi.ReformDashboard";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Seconds to build one scorecard (SQL and scoring), tagged with the scope (unit, a level, city).</summary>
    public static readonly Histogram<double> ScorecardDuration =
        Meter.CreateHistogram<double>("reform.scorecard.duration", "s", "Time to build a scorecard");

    /// <summary>Rows a scorecard read from PostgreSQL, tagged with the scope (unit, a level, city, unit-alone): what a narrow read saves.</summary>
    public static readonly Counter<long> ScorecardRows =
        Meter.CreateCounter<long>("reform.scorecard.rows", "{row}", "Rows read to build a scorecard");

    /// <summary>Seconds to build one report file, tagged with format and kind.</summary>
    public static readonly Histogram<double> ExportDuration =
        Meter.CreateHistogram<double>("reform.export.duration", "s", "Time to build a report file");

    /// <summary>Blazor circuits (live browser tabs) open on this instance.</summary>
    public static readonly UpDownCounter<long> ActiveCircuits =
        Meter.CreateUpDownCounter<long>("reform.circuits.active", "{circuit}", "Open Blazor circuits");
}
