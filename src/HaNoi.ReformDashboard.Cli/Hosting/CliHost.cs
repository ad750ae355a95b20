using HaNoi.ReformDashboard.Data;
using HaNoi.ReformDashboard.Data.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HaNoi.ReformDashboard.Cli.Hosting;

/// <summary>
/// The same database the dashboard uses: the configured server, or the local cluster (started if needed,
/// migrated and seeded like the app does, and stopped again when the command ends).
/// </summary>
public static class CliHost
{
    /// <param name="seedDemo">False for a command that loads its own data into the empty database.</param>
    public static async Task<T> RunAsync<T>(Func<IServiceProvider, CancellationToken, Task<T>> work, CancellationToken ct, bool seedDemo = true)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        // Commands print results on stdout; keep the host's own chatter out of it.
        builder.Logging.ClearProviders().AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning)
            // A failed statement is the command's to report, in one line: EF's own error (with its stack trace) stays out.
            .AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Critical);
        await builder.AddReformDatabaseAsync();
        // A key the CLI makes is encrypted like the dashboard's.
        builder.AddKeyRingProtection(warnWhenMissing: false);
        builder.Services.AddReformQueries(builder.Configuration);
        using var host = builder.Build();
        // Migrate before the hosted services start: the Data Protection key ring reads its table at start.
        await host.Services.InitializeReformDatabaseAsync(seedDemo ? DatabaseSetup.FindSeedFolder(builder.Configuration) : null, ct);
        await host.StartAsync(ct);
        try
        {
            return await work(host.Services, ct);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
