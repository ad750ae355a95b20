using System.Diagnostics.Metrics;
using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Data.Telemetry;
using HaNoi.ReformDashboard.Web.Tests.EndToEnd;

namespace HaNoi.ReformDashboard.Web.Tests.Security;

/// <summary>The dashboard's metrics, read with the runtime's own MeterListener while real requests run.</summary>
[Collection(DashboardCollection.Name)]
public sealed class MetricsTests(DashboardApp app) : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<(string Name, double Value, Dictionary<string, object?> Tags)> _seen = [];
    private readonly TaskCompletionSource _circuitClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Start()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ReformMetrics.MeterName) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Record(i.Name, value, tags));
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Record(i.Name, value, tags));
        _listener.Start();
    }

    private void Record(string name, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        lock (_seen) _seen.Add((name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
        if (name == "reform.circuits.active" && value < 0) _circuitClosed.TrySetResult();
    }

    [Fact]
    public async Task A_page_counts_its_circuit_while_open_and_a_download_records_scorecard_and_export_times()
    {
        Start();
        var page = await app.OpenAsync("/?year=2022&period=2022-12&level=district");
        using var http = await app.HttpClientAsync(Roles.Leader);
        using var download = await http.GetAsync("/reports/download?year=2022&period=2022-Q4&format=xlsx&kind=report&level=commune");
        // Leaving the page lets Blazor send its disconnect beacon, so the server ends the circuit at once rather than
        // after the disconnected-circuit retention period (a busy machine may not run unload handlers on close).
        await page.GotoAsync("about:blank");
        await page.Context.CloseAsync();
        await _circuitClosed.Task.WaitAsync(TimeSpan.FromSeconds(60));

        List<(string Name, double Value, Dictionary<string, object?> Tags)> seen;
        lock (_seen) seen = [.. _seen];
        seen.Should().Contain(m => m.Name == "reform.circuits.active" && m.Value == 1);
        seen.Should().Contain(m => m.Name == "reform.circuits.active" && m.Value == -1);
        seen.Should().Contain(m => m.Name == "reform.scorecard.duration" && m.Value > 0 && Equals(m.Tags["scope"], "commune"));
        seen.Should().Contain(m => m.Name == "reform.export.duration" && m.Value > 0 && Equals(m.Tags["format"], "xlsx") && Equals(m.Tags["kind"], "Report"));
    }

    public void Dispose() => _listener.Dispose();
}
