using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Data.LocalDatabase;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using HaNoi.ReformDashboard.Data.Messages;

namespace HaNoi.ReformDashboard.Data;

public static class DatabaseSetup
{
    public const string ConnectionName = "Reform";

    /// <summary>Setting that asks for the embedded local cluster outside Development.</summary>
    public const string UseLocalSetting = "Database:UseLocal";

    public static string NotConfigured => DataText.Both("NoDatabaseConfigured");

    /// <summary>
    /// Registers the database: the server named by <c>ConnectionStrings:Reform</c>, or else a local
    /// PostgreSQL cluster started now from the machine's binaries and stopped when the host stops. The local cluster
    /// (and with it the app's demo accounts) is only for Development or when <c>Database:UseLocal</c> asks for it:
    /// elsewhere a missing connection string is a mistake, refused with <see cref="NotConfigured"/>, never
    /// a stray database with accounts nobody configured.
    /// </summary>
    public static async Task<IHostApplicationBuilder> AddReformDatabaseAsync(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (!builder.Environment.IsDevelopment() && !builder.Configuration.GetValue<bool>(UseLocalSetting))
                throw new LocalPostgresException(NotConfigured);
            var options = builder.Configuration.GetSection("LocalDatabase").Get<LocalPostgresOptions>() ?? new LocalPostgresOptions();
            var server = await LocalPostgres.StartAsync(options);
            // Stop the cluster with the host (Ctrl+C, SIGTERM) and, as a backstop, when the process exits.
            AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
            builder.Services.AddSingleton(server);
            builder.Services.AddHostedService<LocalPostgresLifetime>();
            connectionString = server.ConnectionString;
        }
        builder.Services.AddDbContextFactory<ReformDbContext>(o => o.UseNpgsql(connectionString));
        builder.Services.AddAccountStore(connectionString);
        return builder;
    }

    /// <summary>The read side every front end shares (screens, exports, CLI): one engine for every figure.</summary>
    public static IServiceCollection AddReformQueries(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(configuration.GetSection("Scoring").Get<ScoringOptions>() ?? new ScoringOptions());
        services.AddSingleton<DataSummaryQuery>();
        // The catalogue a scorecard and the unit and indicator lists read: kept per data version with the ScorecardCache, when one is registered.
        services.AddSingleton<CatalogueService>();
        services.AddSingleton<ScorecardService>();
        services.AddSingleton<Explanations.ExplanationWriter>();
        services.AddSingleton<Assessment.ScorecardFigures>();
        services.AddSingleton(configuration.GetSection(Import.ImportOptions.Section).Get<Import.ImportOptions>() ?? new Import.ImportOptions());
        // Tried, not added: the dossier page and the push API both need it, whichever registers first.
        services.TryAddSingleton(configuration.GetSection(Dossiers.DossierImportOptions.Section).Get<Dossiers.DossierImportOptions>() ?? new Dossiers.DossierImportOptions());
        return services;
    }

    /// <summary>Applies migrations and, when the database is empty, loads the seed-data folder.</summary>
    /// <param name="demoYear">Also load the demo's second plan year fed by dossiers (seed-data/demo-2023), when the folder has it.</param>
    public static async Task InitializeReformDatabaseAsync(this IServiceProvider services, string? seedFolder, CancellationToken ct = default, bool demoYear = false)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseSetup));
        var factory = services.GetRequiredService<IDbContextFactory<ReformDbContext>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        // Creating the history table first spares a new user EF's logged "failed command" on the very first run.
        await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), ct);
        // A migration may rebuild or fill a large table (dossier_codes from millions of dossiers): not cut at the 30 s meant for pages.
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        await db.Database.MigrateAsync(ct);
        db.Database.SetCommandTimeout(null);
        await MigrateAccountsAsync(services, ct);
        var seeded = false;
        if (seedFolder is not null && !await db.Units.AnyAsync(ct))
        {
            var summary = await SeedLoader.LoadAsync(db, seedFolder, ct);
            logger.LogInformation("Loaded seed data from {Folder}: {Summary}", seedFolder, summary);
            seeded = true;
        }
        // The dossier partitions of the plan years held and the next months, made here, never inside an import.
        var now = services.GetService<TimeProvider>()?.GetUtcNow() ?? DateTimeOffset.UtcNow;
        await Dossiers.DossierPartitions.EnsureAheadAsync(db, DateOnly.FromDateTime(now.UtcDateTime), ct);
        if (seeded && demoYear && Path.Combine(seedFolder!, DemoYear.Folder) is var demo && Directory.Exists(demo))
        {
            var summary = await DemoYear.LoadAsync(db, demo, now, ct);
            logger.LogInformation("Loaded the demo year from {Folder}: {Summary}", demo, summary);
        }
    }

    private static async Task MigrateAccountsAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        await accounts.Database.ExecuteSqlRawAsync($"CREATE SCHEMA IF NOT EXISTS {AccountsDbContext.Schema}", ct);
        await accounts.Database.ExecuteSqlRawAsync(accounts.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), ct);
        await accounts.Database.MigrateAsync(ct);
    }

    /// <summary>The repository's seed-data folder, found by walking up from the program's folder.</summary>
    public static string? FindSeedFolder(IConfiguration configuration)
    {
        if (configuration["SeedData"] is { Length: > 0 } configured) return configured;
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "seed-data");
                if (File.Exists(Path.Combine(candidate, "units.csv"))) return candidate;
            }
        }
        return null;
    }
}

internal sealed class LocalPostgresLifetime(LocalPostgres server) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => server.StopAsync();
}
