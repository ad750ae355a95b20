using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Testing;

namespace HaNoi.ReformDashboard.Reports.Tests.Infrastructure;

// xunit only sees collection definitions of the test assembly itself, so the shared fixture is declared again here.
[CollectionDefinition(Name)]
public sealed class ReportsPostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "reports-postgres";
}

/// <summary>Scorecards of the repository's demo data, from the real scoring service on a throwaway PostgreSQL.</summary>
public static class Demo
{
    public static async Task<Scorecard> ScorecardAsync(PostgresServer server, string period, ScorecardScope? scope = null, int planYear = 2022)
    {
        var service = new ScorecardService(server.Factory(await server.DemoAsync()), TimeProvider.System);
        return await service.GetAsync(new ScorecardRequest(planYear, Period.Parse(period), scope ?? ScorecardScope.City))
            ?? throw new InvalidOperationException($"No scorecard for {period} {scope}.");
    }

    public static ReportParameters Parameters { get; } = new("Nguyễn Văn An (Sở Nội vụ)", new DateTimeOffset(2023, 1, 5, 9, 30, 0, TimeSpan.FromHours(7)))
    {
        Filters = [new ReportFilter("Lĩnh vực", "Tất cả")],
    };
}

public static class TestOutput
{
    /// <summary>Files written by tests to look at (PNG pages, sample reports): bin/…/report-output.</summary>
    public static string Folder { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "report-output")).FullName;

    public static string PathOf(string name) => Path.Combine(Folder, name);

    public static byte[] Bytes(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return stream.ToArray();
    }
}
