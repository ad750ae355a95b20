using HaNoi.ReformDashboard.Cli.Tests.Infrastructure;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Testing;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Cli.Tests.SeedGeneration;

/// <summary><c>seed fullsize</c>: Hanoi's 2022 structure with synthetic figures, straight into a database.</summary>
[Collection(CliPostgresCollection.Name)]
public sealed class SeedFullSizeCommandTests(PostgresServer postgres)
{
    // Hanoi in 2022 (seed-data/README.md): 21 departments, 30 districts, 579 communes.
    [Fact]
    public async Task One_year_loads_hanoi_at_its_2022_size_with_the_real_names_kept_and_the_rest_marked_synthetic()
    {
        var connection = await postgres.CreateDatabaseAsync("fullsize_one");

        var (exit, output, error) = await RunAsync(connection, "seed", "fullsize", "--years", "2022", "--seed", "7", "--dossiers-per-year", "12000");

        exit.Should().Be(0, error);
        output.Should().Contain("MÔ PHỎNG").And.Contain("SYNTHETIC");
        await using var db = PostgresServer.CreateContext(connection);
        var versions = await db.UnitVersions.AsNoTracking().ToListAsync();
        var codeOf = versions.ToDictionary(v => v.UnitId, v => v.Code);
        var units = versions.Select(v => new { v.Code, v.NameVi, v.NameEn, v.Level, ParentCode = v.ParentId is { } p ? codeOf[p] : null }).ToList();
        units.Count(u => u.Level == UnitLevel.Department).Should().Be(21);
        units.Count(u => u.Level == UnitLevel.District).Should().Be(30);
        units.Count(u => u.Level == UnitLevel.Commune).Should().Be(579);
        // Ba Đình had 14 wards, all real in the seed; Chương Mỹ 32 communes, all synthetic.
        units.Count(u => u.ParentCode == "001").Should().Be(14);
        units.Where(u => u.ParentCode == "001").Should().OnlyContain(u => !u.NameVi.Contains("mô phỏng"));
        units.Single(u => u.Code == "00001").NameVi.Should().Be("Phường Phúc Xá");
        units.Where(u => u.ParentCode == "277").Should().HaveCount(32)
            .And.OnlyContain(u => u.NameVi.Contains("mô phỏng") && u.NameEn.StartsWith("Synthetic"));
        (await db.Measurements.Select(m => m.Period.Year).Distinct().ToListAsync()).Should().Equal(2022);
        (await db.Measurements.CountAsync(m => db.UnitVersions.Any(u => u.UnitId == m.UnitId && u.Code.StartsWith("Z")))).Should().BeGreaterThan(0);
        (await db.Targets.Select(t => t.PlanYear).Distinct().ToListAsync()).Should().Equal(2022);

        // The dossiers of the year, in their months' partitions; the six figures of every unit-month with dossiers counted from
        // them (source 'dossiers', equal to the month's counts), none of them generated.
        (await ScalarAsync(connection, "SELECT count(*) FROM dossiers")).Should().Be(12_000);
        (await ScalarAsync(connection, "SELECT count(*) FROM ONLY dossiers_default")).Should().Be(0);
        (await ScalarAsync(connection, """
            SELECT count(*) FROM measurements m JOIN indicators i ON i.id = m.indicator_id
            WHERE m.is_current AND i.code IN ('ONTIME', 'ONLINE_DOSSIER', 'ONLINE_PAYMENT_TX', 'DIGITISED_RECORDS', 'DATA_REUSE', 'DVCQG_SYNC')
              AND m.source <> 'dossiers' AND EXISTS (SELECT 1 FROM dossier_month_counts c WHERE c.unit_id = m.unit_id AND c.month = m.period)
            """)).Should().Be(0);
        (await ScalarAsync(connection, """
            SELECT count(*) FROM measurements m JOIN indicators i ON i.id = m.indicator_id AND i.code = 'ONLINE_DOSSIER'
            JOIN dossier_month_counts c ON c.unit_id = m.unit_id AND c.month = m.period
            WHERE m.is_current AND m.source = 'dossiers' AND m.numerator = c.received_online AND m.denominator = c.received
            """)).Should().Be(await ScalarAsync(connection, "SELECT count(*) FROM dossier_month_counts WHERE received > 0"));
        (await ScalarAsync(connection, """
            SELECT count(*) FROM (SELECT unit_id, date_trunc('month', received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS month, count(*) AS n
                                  FROM dossiers GROUP BY 1, 2) d
            JOIN dossier_month_counts c USING (unit_id, month) WHERE c.received = d.n
            """)).Should().Be(await ScalarAsync(connection, "SELECT count(*) FROM dossier_month_counts WHERE received > 0"));
        // Sized by unit: a department or a district takes in far more than a commune.
        (await ScalarAsync(connection, """
            SELECT (SELECT count(*) FROM dossiers d JOIN unit_versions v ON v.unit_id = d.unit_id WHERE v.level = 'department') / 21
                 > 10 * (SELECT count(*) FROM dossiers d JOIN unit_versions v ON v.unit_id = d.unit_id WHERE v.level = 'commune') / 579
            """, asBool: true)).Should().Be(1);

        // The binary COPY went through the roll-up triggers: the scorecard's sums from them equal what the flow/stock rule
        // computes from the stored months.
        await using var reading = new Npgsql.NpgsqlConnection(connection);
        await reading.OpenAsync();
        var oracle = await ScorecardOracle.ReadAsync(reading);
        foreach (var period in new[] { Period.Month(2022, 12), Period.Quarter(2022, 3), Period.YearToDate(2022, 12) })
        {
            var fromRollups = await TextRowsAsync(connection, ScorecardSql.Sums, ScorecardSql.Parameters(2022, period, UnitLevel.Commune, null));
            fromRollups.Should().HaveCountGreaterThan(579).And.Equal(await oracle.SumsAsync(period, UnitLevel.Commune), $"the sums of {period}");
        }
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql, bool asBool = false)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return asBool ? ((bool)value! ? 1 : 0) : (long)value!;
    }

    private static async Task<List<string>> TextRowsAsync(string connectionString, string sql, Npgsql.NpgsqlParameter[] parameters)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand($"SELECT t::text FROM ({sql}) t ORDER BY t::text COLLATE \"C\"", connection);
        command.Parameters.AddRange(parameters);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_figures_and_each_year_its_own()
    {
        var first = await postgres.CreateDatabaseAsync("fullsize_a");
        var second = await postgres.CreateDatabaseAsync("fullsize_b");

        // Two years, then the second of them alone: a year's figures come from its own stream, whatever else is loaded.
        (await RunAsync(first, "seed", "fullsize", "--years", "2021-2022", "--seed", "11", "--dossiers-per-year", "3000", "--dossier-years", "1")).ExitCode.Should().Be(0);
        (await RunAsync(second, "seed", "fullsize", "--years", "2022", "--seed", "11", "--dossiers-per-year", "3000", "--dossier-years", "1")).ExitCode.Should().Be(0);

        var a = await OnTimeByYearAsync(first);
        var b = await OnTimeByYearAsync(second);
        a.Keys.Should().Equal(2021, 2022);
        b.Keys.Should().Equal(2022);
        a[2022].Should().Be(b[2022]);
        a[2021].Should().NotBe(a[2022]);
        // The dossiers too, to the last field; only the last year has them.
        const string digest = "SELECT md5(string_agg(d::text, '|' ORDER BY dossier_code)) || ':' || min(extract(year FROM received_at))::text FROM (SELECT dossier_code, procedure_code, unit_id, received_at, due_at, finished_at, status, channel, supplement_days, paid_online, reused_data, updated_at FROM dossiers) d";
        (await TextRowsAsync(first, digest, [])).Should().Equal(await TextRowsAsync(second, digest, [])).And.ContainSingle(d => d.Contains(":2022"));
        await using var db = PostgresServer.CreateContext(first);
        (await db.Targets.Select(t => t.PlanYear).Distinct().OrderBy(y => y).ToListAsync()).Should().Equal(2021, 2022);
    }

    [Fact]
    public async Task A_database_with_data_is_left_alone_unless_replace_is_asked()
    {
        // A database with data: the demo, as a new user's first run loaded it.
        var connection = await DemoDatabase.CopyAsync(postgres, "fullsize_full_");
        int before;
        await using (var db = PostgresServer.CreateContext(connection)) before = await db.Measurements.CountAsync();

        var (exit, _, error) = await RunAsync(connection, "seed", "fullsize", "--years", "2021-2022", "--dossiers-per-year", "0");

        exit.Should().Be(2);
        error.Should().Contain("không thay đổi gì").And.Contain("nothing was changed");
        await using (var db = PostgresServer.CreateContext(connection)) (await db.Measurements.CountAsync()).Should().Be(before);

        // The load's own entry and an account added: both kept through the replacement.
        (await CliProcess.RunWithInputAsync(new Dictionary<string, string> { ["ConnectionStrings__Reform"] = connection }, "Mật-khẩu-CLI-2022!",
            "users", "add", "--email", "truoc@hanoi.gov.vn", "--role", "leader")).ExitCode.Should().Be(0);
        List<(long, string, string?)> kept;
        await using (var db = PostgresServer.CreateContext(connection))
            kept = (await db.AuditLog.OrderBy(a => a.Id).ToListAsync()).Select(a => (a.Id, a.Action, a.Hash)).ToList();
        kept.Select(e => e.Item2).Should().Equal("assessment.framework.import", "assessment.results.import", "seed", "account.create");

        // The demo's dossiers, their counts and its reform-index rounds go with the units they name.
        (await RunAsync(connection, "seed", "fullsize", "--years", "2022", "--replace", "--dossiers-per-year", "2000", "--dossier-years", "1")).ExitCode.Should().Be(0);
        (await ScalarAsync(connection, "SELECT count(*) FROM dossiers")).Should().Be(2_000);
        (await ScalarAsync(connection, "SELECT count(*) FROM assessment_past_results")).Should().Be(0);
        await using (var db = PostgresServer.CreateContext(connection))
        {
            (await db.Measurements.Select(m => m.Period.Year).Distinct().OrderBy(y => y).ToListAsync()).Should().Equal(2022);
            var after = (await db.AuditLog.OrderBy(a => a.Id).ToListAsync()).Select(a => (a.Id, a.Action, a.Hash)).ToList();
            after.Should().StartWith(kept);
            after.Skip(kept.Count).Select(e => e.Item2).Should().Equal("seed.replace", "seed", "dossiers.recount");
        }
        (await RunAsync(connection, "audit", "verify")).ExitCode.Should().Be(0);
    }

    [Theory]
    [InlineData("2022-2013")]
    [InlineData("1999-2000")]
    [InlineData("twenty")]
    public async Task A_bad_year_range_is_refused_in_both_languages(string years)
    {
        var (exit, _, error) = await CliProcess.RunAsync(new Dictionary<string, string>(), runAs: null, "seed", "fullsize", "--years", years);

        exit.Should().Be(2);
        error.Should().Contain("không phải khoảng năm").And.Contain("is not a year range");
    }

    private static async Task<Dictionary<int, decimal>> OnTimeByYearAsync(string connection)
    {
        await using var db = PostgresServer.CreateContext(connection);
        var sums = await db.Measurements.Where(m => db.Indicators.Any(i => i.Id == m.IndicatorId && i.Code == "ONTIME"))
            .GroupBy(m => m.Period.Year).Select(g => new { Year = g.Key, Numerators = g.Sum(m => m.Numerator ?? 0) })
            .ToListAsync();
        return sums.OrderBy(s => s.Year).ToDictionary(s => s.Year, s => s.Numerators);
    }

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(string connectionString, params string[] args) =>
        CliProcess.RunAsync(new Dictionary<string, string> { ["ConnectionStrings__Reform"] = connectionString, ["SeedData"] = RepositoryPaths.SeedData }, runAs: null, args);
}
