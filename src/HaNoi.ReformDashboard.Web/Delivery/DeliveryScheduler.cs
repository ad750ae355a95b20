using Cronos;
using HaNoi.ReformDashboard.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HaNoi.ReformDashboard.Web.Delivery;

/// <summary>
/// Runs the monthly delivery at each occurrence of the configured cron schedule. Several app instances may run this:
/// the one that takes a PostgreSQL advisory lock sends, and the log keeps a second run from sending anything twice.
/// </summary>
public sealed class DeliveryScheduler(IServiceProvider services, IOptionsMonitor<DeliveryOptions> options, TimeProvider clock, ILogger<DeliveryScheduler> logger)
    : BackgroundService
{
    private const long LockKey = 0x43434843_0005; // "CCHC", the 5th

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var o = options.CurrentValue;
            if (!o.Enabled) return;
            var zone = TimeZoneInfo.FindSystemTimeZoneById(o.TimeZone);
            var next = CronExpression.Parse(o.Schedule).GetNextOccurrence(clock.GetUtcNow(), zone);
            if (next is null) return;
            await Task.Delay(next.Value - clock.GetUtcNow(), clock, stoppingToken);
            try
            {
                await RunOnceAsync(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The monthly delivery failed");
            }
        }
    }

    /// <summary>Sends the month before <paramref name="today"/> unless another instance holds the lock; null when it did not run.</summary>
    public async Task<DeliveryResult?> RunOnceAsync(DateOnly today, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<ReformDbContext>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(ct);
        await using (var take = new NpgsqlCommand($"SELECT pg_try_advisory_lock({LockKey})", connection))
        {
            if (!(bool)(await take.ExecuteScalarAsync(ct))!)
            {
                logger.LogInformation("Another instance is sending the monthly briefs");
                return null;
            }
        }
        try
        {
            var result = await scope.ServiceProvider.GetRequiredService<MonthlyDelivery>().SendAsync(MonthlyDelivery.MonthBefore(today), ct);
            logger.LogInformation("Monthly briefs: {Sent} sent, {Failed} failed, {Skipped} skipped", result.Sent, result.Failed, result.Skipped);
            return result;
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({LockKey})", connection);
            await release.ExecuteScalarAsync(CancellationToken.None);
        }
    }
}
