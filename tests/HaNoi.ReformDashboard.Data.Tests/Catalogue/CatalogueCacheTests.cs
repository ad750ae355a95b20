using System.Collections.Concurrent;
using System.Diagnostics;
using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Data.Import;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Data.Seed;
using HaNoi.ReformDashboard.Data.Targets;
using HaNoi.ReformDashboard.Data.Tests.Import;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Data.Tests.Seed;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Domain.Scoring;
using HaNoi.ReformDashboard.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static HaNoi.ReformDashboard.Data.Tests.Import.ImportFiles;

namespace HaNoi.ReformDashboard.Data.Tests.Catalogue;

/// <summary>
/// The catalogue (units in force, indicators, targets) is read once per data version and shared by the scorecard
/// builds and the lists; a target change or an import moves the version and the next read is fresh. Reads are counted
/// as the statements Npgsql sends to the test's database (its tracing), not by timing.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CatalogueCacheTests(PostgresServer postgres)
{
    private static readonly Period January = Period.Month(2022, 1);
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Two_reads_at_one_data_version_read_the_catalogue_once_and_the_second_sends_only_the_version_query()
    {
        var (catalogue, _) = await SmallCityAsync();
        using var statements = new StatementLog(postgres.ScratchConnectionString);

        var first = await catalogue.ForPeriodAsync(2022, January);
        var afterFirst = statements.Take();
        var second = await catalogue.ForPeriodAsync(2022, January);
        var afterSecond = statements.Take();

        second.Should().BeSameAs(first);
        afterFirst.Count(ReadsCatalogue).Should().Be(1);
        afterSecond.Should().ContainSingle("the second read asks only for the data version").Which.Should().Contain("data_version");
        // The seed's own catalogue, read independently: its four departments in force.
        first.UnitsOf(UnitLevel.Department).Select(u => u.Code).Should().BeEquivalentTo(SeedDepartments());
    }

    [Fact]
    public async Task Scorecards_of_two_levels_the_unit_list_and_the_headings_of_one_period_share_one_catalogue_read()
    {
        var (catalogue, cache) = await SmallCityAsync();
        var service = new ScorecardService(postgres.Factory(postgres.ScratchConnectionString), TimeProvider.System, cache: cache, catalogue: catalogue);
        using var statements = new StatementLog(postgres.ScratchConnectionString);

        var departments = await service.GetAsync(new ScorecardRequest(2022, January, ScorecardScope.ForLevel(UnitLevel.Department)));
        var communes = await service.GetAsync(new ScorecardRequest(2022, January, ScorecardScope.ForLevel(UnitLevel.Commune)));
        var list = await new UnitListQuery(postgres.Factory(postgres.ScratchConnectionString), TimeProvider.System, catalogue).RunAsync(2022, January, UnitLevel.Department);
        var parents = await new UnitNamesQuery(catalogue).RunAsync(communes!.Units.Select(u => u.Unit.ParentCode).OfType<string>(), January);

        statements.Take().Count(ReadsCatalogue).Should().Be(1, "one read for both scorecards, the list and the headings");
        departments!.Units.Select(u => u.Unit.Code).Should().BeEquivalentTo(SeedDepartments());
        list.Units.Select(u => u.Code).Should().BeEquivalentTo(departments.Units.Select(u => u.Unit.Code));
        parents.Keys.Should().NotBeEmpty().And.OnlyContain(code => parents[code].Level == UnitLevel.District);
    }

    [Fact]
    public async Task A_target_change_moves_the_data_version_and_the_next_read_has_the_new_threshold()
    {
        var (catalogue, _) = await SmallCityAsync();
        var before = await catalogue.ForPeriodAsync(2022, January);
        before.TargetBook.Find(2022, "ONTIME", UnitLevel.Department, "SNV").Should().Be(new Target(ComparisonOperator.GreaterThan, 99m));

        await using (var db = PostgresServer.CreateContext(postgres.ScratchConnectionString))
        {
            var id = await db.Targets.Where(t => t.Indicator!.Code == "ONTIME" && t.Level == null && t.UnitId == null).Select(t => t.Id).SingleAsync();
            (await TargetEditor.UpdateAsync(db, id, new TargetValues(">=", 97.5m, false, "Tối thiểu 97,5%"), "Theo kế hoạch sửa đổi", "staff", Now)).Ok.Should().BeTrue();
        }
        using var statements = new StatementLog(postgres.ScratchConnectionString);
        var after = await catalogue.ForPeriodAsync(2022, January);

        after.Should().NotBeSameAs(before);
        after.TargetBook.Find(2022, "ONTIME", UnitLevel.Department, "SNV").Should().Be(new Target(ComparisonOperator.GreaterOrEqual, 97.5m));
        statements.Take().Count(ReadsCatalogue).Should().Be(1);
        (await catalogue.ForPeriodAsync(2022, January)).Should().BeSameAs(after);
    }

    [Fact]
    public async Task An_import_moves_the_data_version_and_the_next_read_is_fresh()
    {
        var cs = await ImportDatabases.FreshAsync(postgres);
        var factory = postgres.Factory(cs);
        var catalogue = new CatalogueService(factory, new ScorecardCache());
        var august = Period.Month(2025, 8);
        var before = await catalogue.ForPeriodAsync(2025, august);
        (await catalogue.ForPeriodAsync(2025, august)).Should().BeSameAs(before);
        var version = await ScorecardCache.DataVersionAsync(factory);

        await using (var db = PostgresServer.CreateContext(cs))
        {
            var preview = await ImportPreview.CreateAsync(db, "f.xlsx", Make(FileFormat.Xlsx, Header, "00016,ONTIME,2025-08,150,192,").Content, new DateOnly(2026, 1, 15), new ImportOptions());
            await ImportCommit.CommitAsync(db, preview, "staff@hanoi", Now);
        }
        using var statements = new StatementLog(cs);
        var after = await catalogue.ForPeriodAsync(2025, august);

        (await ScorecardCache.DataVersionAsync(factory)).Should().BeGreaterThan(version);
        after.Should().NotBeSameAs(before);
        statements.Take().Count(ReadsCatalogue).Should().Be(1);
        after.Unit("00016").Should().NotBeNull();
    }

    /// <summary>The catalogue's batch is the one statement that reads the pillars (ScorecardSql.Pillars).</summary>
    private static bool ReadsCatalogue(string sql) => sql.Contains("FROM pillars", StringComparison.Ordinal);

    /// <summary>The departments of the test seed, read from its units.csv, not through the catalogue.</summary>
    private string[] SeedDepartments() =>
        File.ReadLines(Path.Combine(_seedFolder!, "units.csv")).Skip(1).Select(l => l.Split(','))
            .Where(f => f[3] == "department" && string.CompareOrdinal(f[5], "2022-01-31") <= 0 && (f[6].Length == 0 || string.CompareOrdinal(f[6], "2022-01-01") >= 0))
            .Select(f => f[0]).Distinct().ToArray();

    private string? _seedFolder;

    private async Task<(CatalogueService Catalogue, ScorecardCache Cache)> SmallCityAsync()
    {
        await postgres.ResetScratchAsync();
        _seedFolder = new SeedFolderBuilder().WriteTo(postgres.TempRoot);
        await using (var db = PostgresServer.CreateContext(postgres.ScratchConnectionString))
            await SeedLoader.LoadAsync(db, _seedFolder);
        var cache = new ScorecardCache();
        return (new CatalogueService(postgres.Factory(postgres.ScratchConnectionString), cache), cache);
    }

    /// <summary>The statements Npgsql sends to one database (its "Npgsql" activities), as their SQL text.</summary>
    private sealed class StatementLog : IDisposable
    {
        private readonly ActivityListener _listener;
        private readonly ConcurrentQueue<string> _sql = new();

        public StatementLog(string connectionString)
        {
            var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == "Npgsql",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    var tags = activity.TagObjects.ToList();
                    // Connection opens are activities too; a statement carries its text.
                    var text = tags.FirstOrDefault(t => t.Key is "db.query.text" or "db.statement").Value as string;
                    if (text is not null && tags.Any(t => t.Key is "db.namespace" or "db.name" && Equals(t.Value, database))) _sql.Enqueue(text);
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        /// <summary>The statements seen since the last call.</summary>
        public List<string> Take()
        {
            var taken = new List<string>();
            while (_sql.TryDequeue(out var sql)) taken.Add(sql);
            return taken;
        }

        public void Dispose() => _listener.Dispose();
    }
}
