using HaNoi.ReformDashboard.Data.Dossiers;
using HaNoi.ReformDashboard.Data.Seed;
using HaNoi.ReformDashboard.Data.Tests.Dossiers;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Testing;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Data.Tests.Seed;

/// <summary>The demo's second plan year: an illustrative copy of 2022 whose six dossier figures are counted from generated dossiers.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DemoYearTests(PostgresServer postgres)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);

    private const string Figures2022 = """
        SELECT string_agg(concat_ws('|', m.unit_id, m.indicator_id, m.period, m.numerator, m.denominator, m.value, m.revision, m.source), ';'
                          ORDER BY m.unit_id, m.indicator_id, m.period)
        FROM measurements m WHERE m.is_current AND m.period < '2023-01-01'
        """;

    [Fact]
    public async Task The_demo_year_counts_its_six_figures_from_its_dossiers_and_leaves_2022_as_it_was()
    {
        var cs = await postgres.CreateDatabaseAsync("demo_year_" + Guid.NewGuid().ToString("N")[..8]);
        await using (var db = PostgresServer.CreateContext(cs))
        {
            await db.Database.MigrateAsync();
            await SeedLoader.LoadAsync(db, RepositoryPaths.SeedData);
            await DossierPartitions.EnsureAheadAsync(db, DateOnly.FromDateTime(Now.UtcDateTime));
        }
        var before = await DossierDatabase.ReadAsync(cs, Figures2022);

        DemoYearSummary summary;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using (var db = PostgresServer.CreateContext(cs))
            summary = await DemoYear.LoadAsync(db, Path.Combine(RepositoryPaths.SeedData, DemoYear.Folder), Now);
        Console.WriteLine($"demo year: {summary} in {clock.Elapsed.TotalSeconds:F1} s");

        (await DossierDatabase.ReadAsync(cs, Figures2022)).Should().Equal(before);
        (await DossierDatabase.ReadAsync(cs, "SELECT title_vi FROM plan_years WHERE year = 2023")).Should().ContainSingle()
            .Which.Should().Contain("năm 2023").And.Contain("minh hoạ");
        // 21 departments × 720 + 30 districts × 600 + 49 wards × 180 dossiers.
        summary.Dossiers.Should().Be(21 * 720 + 30 * 600 + 49 * 180);
        (await DossierDatabase.CountAsync(cs, "SELECT count(*) FROM dossiers")).Should().Be(summary.Dossiers);

        // Each 2023 figure of the six is the dossiers' own: online among those received, by a plain count of the records.
        (await DossierDatabase.ReadAsync(cs, """
            SELECT DISTINCT m.source FROM measurements m JOIN indicators i ON i.id = m.indicator_id
            WHERE m.is_current AND m.period >= '2023-01-01' AND i.code IN ('ONTIME', 'ONLINE_DOSSIER', 'DATA_REUSE', 'ONLINE_PAYMENT_TX', 'DIGITISED_RECORDS', 'DVCQG_SYNC')
            """)).Should().Equal("dossiers");
        var plain = await DossierDatabase.ReadAsync(cs, """
            SELECT unit_id || '|' || month || '|' || count(*) FILTER (WHERE channel = 'online') || '|' || count(*)
            FROM (SELECT unit_id, channel, to_char(received_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM') AS month FROM dossiers) d
            GROUP BY unit_id, month ORDER BY 1
            """);
        var derived = await DossierDatabase.ReadAsync(cs, """
            SELECT m.unit_id || '|' || to_char(m.period, 'YYYY-MM') || '|' || m.numerator::int || '|' || m.denominator::int
            FROM measurements m JOIN indicators i ON i.id = m.indicator_id WHERE m.is_current AND i.code = 'ONLINE_DOSSIER' AND m.period >= '2023-01-01'
            ORDER BY 1
            """);
        derived.Should().Equal(plain);

        // The demo has units that meet the on-time target (> 99 %) over the year and units that miss it.
        var onTime = await DossierDatabase.ReadAsync(cs, """
            SELECT (sum(m.numerator) / sum(m.denominator) > 0.99)::text FROM measurements m JOIN indicators i ON i.id = m.indicator_id
            WHERE m.is_current AND i.code = 'ONTIME' AND m.period BETWEEN '2023-01-01' AND '2023-12-01' GROUP BY m.unit_id
            """);
        onTime.Should().Contain("true").And.Contain("false");
        // The other indicators' 2023 figures are the typed demo file's.
        (await DossierDatabase.CountAsync(cs, "SELECT count(*) FROM measurements WHERE is_current AND period >= '2023-01-01' AND source = 'measurements-2023.csv'"))
            .Should().Be(File.ReadLines(Path.Combine(RepositoryPaths.SeedData, DemoYear.Folder, "measurements-2023.csv")).Count() - 1);
    }
}
