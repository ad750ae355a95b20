using HaNoi.ReformDashboard.Cli.Bench;
using HaNoi.ReformDashboard.Cli.Tests.Infrastructure;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Testing;
using Npgsql;

namespace HaNoi.ReformDashboard.Cli.Tests.Bench;

/// <summary>
/// <c>reform bench all</c>: its arguments, and one tiny run on the demo data that checks the table and the written
/// Markdown — their structure, never their timings (a benchmark is not a timed test).
/// </summary>
[Collection(CliPostgresCollection.Name)]
public sealed class BenchAllCommandTests(PostgresServer postgres)
{
    private static (BenchAllOptions? Options, string? Problem) Parse(string period = "2022-YTD-12", string level = "district", int runs = 9,
        int requests = 60, int concurrency = 20, int importRows = 100_000, int importMb = 20, int exportUnits = 0, int exportSeconds = 120,
        string[]? skip = null, string? write = null) =>
        BenchAllOptions.Parse(period, level, runs, requests, concurrency, importRows, importMb, exportUnits, exportSeconds, null, skip ?? [], write);

    [Fact]
    public void The_defaults_measure_the_overview_of_the_districts_for_the_year_to_december_against_that_calendar_year()
    {
        var (options, problem) = Parse();

        problem.Should().BeNull();
        options!.Level.Should().Be(UnitLevel.District);
        options.Request.PlanYear.Should().Be(2022);
        options.FloorWindow.Should().Be((new DateOnly(2022, 1, 1), new DateOnly(2023, 1, 1)));
        options.OverviewPath.Should().Be("?year=2022&period=2022-YTD-12&level=district");
        options.Skip.Should().BeEmpty();
    }

    [Fact]
    public void City_has_no_level_and_skip_takes_a_comma_list_or_repeated_names()
    {
        var (options, _) = Parse(level: "city", period: "2021-Q4", skip: ["http,exports", "import"]);

        options!.Level.Should().BeNull();
        options.OverviewPath.Should().Be("?year=2021&period=2021-Q4");
        options.FloorWindow.Should().Be((new DateOnly(2021, 1, 1), new DateOnly(2022, 1, 1)));
        options.Skip.Should().BeEquivalentTo(["http", "exports", "import"]);
        options.Measures("scorecard").Should().BeTrue();
        options.Measures("http").Should().BeFalse();
    }

    [Theory]
    [InlineData("2022-13", "district", 9, 60, 20, "'2022-13'")]
    [InlineData("2022-12", "ward", 9, 60, 20, "'ward'")]
    [InlineData("2022-12", "district", 0, 60, 20, "--runs")]
    [InlineData("2022-12", "district", 9, 0, 1, "--requests")]
    [InlineData("2022-12", "district", 9, 10, 20, "--concurrency")]
    [InlineData("2022-12", "district", 9, 10, 0, "--concurrency")]
    public void Bad_values_are_refused_in_both_languages_naming_what_is_wrong(string period, string level, int runs, int requests, int concurrency, string named)
    {
        var (options, problem) = Parse(period: period, level: level, runs: runs, requests: requests, concurrency: concurrency);

        options.Should().BeNull();
        problem.Should().Contain(named).And.Contain(" / ");
    }

    [Fact]
    public void Negative_sizes_an_unknown_section_and_a_missing_folder_are_refused()
    {
        Parse(importRows: 0).Problem.Should().Contain("--import-rows");
        Parse(importMb: -1).Problem.Should().Contain("--import-mb");
        Parse(exportUnits: -3).Problem.Should().Contain("--export-units");
        Parse(exportSeconds: 0).Problem.Should().Contain("--export-seconds");
        BenchAllOptions.Parse("2022-YTD-12", "district", 9, 60, 20, 100_000, 20, 0, 120, null, [], null, dossierRows: -1).Problem.Should().Contain("--dossier-rows");
        BenchAllOptions.Parse("2022-YTD-12", "district", 9, 60, 20, 100_000, 20, 0, 120, null, [], null, dossierRows: 0).Problem.Should().BeNull(); // no import timed
        BenchAllOptions.Parse("2022-YTD-12", "district", 9, 60, 20, 100_000, 20, 0, 120, null, [], null, dossierFileMegabytes: 2048).Problem.Should().Contain("--dossier-file-mb");
        Parse(skip: ["http,gpu"]).Problem.Should().Contain("'gpu'").And.Contain("scorecard, http, exports, import, circuits");
        var missing = Path.Combine(postgres.TempRoot, "no-such-folder", "performance.md");
        Parse(write: missing).Problem.Should().Contain("no-such-folder");
        Parse(importMb: 0, exportUnits: 0).Problem.Should().BeNull(); // 0 MB: no memory step; 0 units: every unit
    }

    [Fact]
    public async Task Bad_arguments_exit_2_before_anything_starts()
    {
        // No database is configured: had the command got past its checks, it would start a local cluster.
        var (exit, output, error) = await CliProcess.RunAsync(new Dictionary<string, string>(), runAs: null,
            "bench", "all", "--requests", "5", "--concurrency", "6");

        exit.Should().Be(BenchAll.ExitInvalidInput);
        error.Should().Contain("--concurrency").And.Contain(" / ");
        output.Should().BeEmpty();
    }

    [Fact]
    public async Task A_tiny_run_on_the_demo_prints_each_figure_once_writes_the_markdown_and_leaves_the_data_as_it_was()
    {
        var connectionString = await postgres.CreateDatabaseAsync("bench_small");
        var file = Path.Combine(postgres.TempRoot, $"performance-{Guid.NewGuid():N}.md");

        var (exit, output, error) = await CliProcess.RunAsync(
            new Dictionary<string, string> { ["ConnectionStrings__Reform"] = connectionString, ["SeedData"] = RepositoryPaths.SeedData }, runAs: null,
            "bench", "all", "--runs", "1", "--requests", "4", "--concurrency", "2", "--import-rows", "500", "--import-mb", "1",
            "--export-units", "3", "--skip", "circuits,dossiers,dossier-lists", "--write", file);

        exit.Should().Be(0, error);
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("| ", StringComparison.Ordinal)).ToList();
        rows[0].Should().Be("| Figure | Median | p95 | Ratio | Baseline | Note |");
        var cells = rows.Skip(1).Select(r => r.Split(" | ").Select(c => c.Trim('|', ' ')).ToArray()).ToList();
        var names = cells.Select(c => c[0]).ToList();
        names.Should().OnlyHaveUniqueItems();
        names[0].Should().Be("SQL floor");
        string[] expected =
        [
            "scorecard cold", "scorecard warm", "scorecard cached", "Overview over HTTP, one at a time", "Overview over HTTP, 4 at concurrency 2",
            "unit page", "unit scorecard for an export", "Excel report of one unit", "PDF brief of one unit", "COPY 500 rows",
            "import 500 rows: validate + commit", "MiB file (", "MiB file: working set growth",
        ];
        foreach (var name in expected) names.Should().Contain(n => n.Contains(name), name);
        // Screens and exports against the floor, the import against COPY; each median a number with its unit.
        cells.Where(c => c[0].StartsWith("scorecard", StringComparison.Ordinal) || c[0].Contains("HTTP") || c[0].Contains("unit"))
            .Should().OnlyContain(c => c[4] == "SQL floor" && c[3].EndsWith('×'));
        cells.Single(c => c[0] == "import 500 rows: validate + commit")[4].Should().Be("COPY 500 rows");
        cells.Should().OnlyContain(c => c[1].EndsWith(" ms") || c[1].EndsWith(" MiB"));
        cells.Where(c => c[0].Contains("of one unit")).Should().OnlyContain(c => c[5].StartsWith("3 of "));

        // The floor's groups, counted independently: the distinct (unit, indicator) pairs of the 2022 seed file.
        var pairs = File.ReadLines(Path.Combine(RepositoryPaths.SeedData, "measurements-2022.csv")).Skip(1)
            .Select(l => l.Split(',')).Select(c => (c[0], c[1])).Distinct().Count();
        cells[0][5].Should().Contain($"{pairs:N0} groups");

        var markdown = await File.ReadAllTextAsync(file);
        markdown.Should().StartWith("# Performance");
        markdown.Should().Contain($"- CPU: {Environment.ProcessorCount} logical cores");
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            markdown.Should().Contain($"PostgreSQL {connection.PostgreSqlVersion.Major}.{connection.PostgreSqlVersion.Minor}");
            // The import ran in a scratch copy, dropped afterwards; the measured data holds the seed's rows and no more.
            await using var scratch = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = 'bench_small_bench_import'", connection);
            ((long)(await scratch.ExecuteScalarAsync())!).Should().Be(0);
            await using var account = new NpgsqlCommand("SELECT count(*) FROM accounts.users WHERE user_name = 'bench-leader'", connection);
            ((long)(await account.ExecuteScalarAsync())!).Should().Be(0, "the bench's own account is deleted at the end");
            var seeded = Directory.GetFiles(RepositoryPaths.SeedData, "measurements-*.csv").Sum(f => File.ReadLines(f).Count(l => l.Length > 0) - 1);
            await using var count = new NpgsqlCommand("SELECT count(*) FROM measurements", connection);
            ((long)(await count.ExecuteScalarAsync())!).Should().Be(seeded);
        }
        foreach (var row in rows) markdown.Should().Contain(row);
        markdown.Should().Contain("## How to regenerate").And.Contain("reform.dll bench all --runs 1 --requests 4 --concurrency 2 --import-rows 500 --import-mb 1 --export-units 3 --skip circuits,dossiers,dossier-lists --write docs/performance.md");
        markdown.Should().NotContain(postgres.TempRoot);
    }
}
