using HaNoi.ReformDashboard.Data.Telemetry;
using Microsoft.AspNetCore.Components.Server.Circuits;
using OpenTelemetry.Metrics;

namespace HaNoi.ReformDashboard.Web.Hosting;

/// <summary>
/// Metrics: the dashboard's own (<see cref="ReformMetrics"/>) with ASP.NET Core's request and Kestrel meters,
/// sent over OTLP to the collector named by <c>OpenTelemetry:OtlpEndpoint</c> (none: collected, not sent).
/// </summary>
public static class Telemetry
{
    public static void AddReformTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CircuitHandler, CircuitCounter>();
        var endpoint = builder.Configuration["OpenTelemetry:OtlpEndpoint"];
        builder.Services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(ReformMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel");
            if (Uri.TryCreate(endpoint, UriKind.Absolute, out var collector))
                metrics.AddOtlpExporter(o => o.Endpoint = collector);
        });
    }

    /// <summary>One per circuit (circuit-scoped service): counts the circuit in while it lives.</summary>
    private sealed class CircuitCounter : CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken ct)
        {
            ReformMetrics.ActiveCircuits.Add(1);
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken ct)
        {
            ReformMetrics.ActiveCircuits.Add(-1);
            return Task.CompletedTask;
        }
    }
}
