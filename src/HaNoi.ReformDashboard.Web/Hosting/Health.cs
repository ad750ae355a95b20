using HaNoi.ReformDashboard.Data.Schema;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Web.Hosting;

/// <summary>/health/live: the process answers. /health/ready: and PostgreSQL answers too. Both without sign-in,
/// for a load balancer or systemd watchdog.</summary>
public static class Health
{
    private const string Ready = "ready";

    public static void AddReformHealthChecks(this IServiceCollection services) =>
        services.AddHealthChecks().AddNpgSql(
            sp =>
            {
                using var db = sp.GetRequiredService<IDbContextFactory<ReformDbContext>>().CreateDbContext();
                return db.Database.GetConnectionString()!;
            },
            name: "postgresql", tags: [Ready]);

    public static void MapReformHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) }).AllowAnonymous();
    }
}
