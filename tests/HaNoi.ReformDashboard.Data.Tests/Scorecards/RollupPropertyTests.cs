using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Data.Seed;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HaNoi.ReformDashboard.Data.Tests.Scorecards;

/// <summary>
/// The roll-ups (migration Rollups) against the C# flow/stock rule, on the restructured-2025 fixture (mergers, splits, districts
/// abolished mid-year): rounds of random writes — new revisions with NULLs and fractions, reverts, deletions, new
/// months in another year, a unit re-levelled — each followed by random windows, levels and units for which the
/// scorecard's Sums and Series, read from the roll-ups, must equal what the Domain's flow/stock rule computes from the
/// stored months (<see cref="ScorecardOracle"/>), as PostgreSQL prints them (every digit and the scale), and by the
/// trigger-kept tables equalling a rebuild.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RollupPropertyTests(PostgresServer postgres)
{
    private static readonly UnitLevel?[] DetailLevels = [null, UnitLevel.Department, UnitLevel.District, UnitLevel.Commune];

    [Theory]
    [InlineData(20261201)]
    [InlineData(7)]
    public async Task After_random_revisions_reverts_and_deletions_the_rollups_equal_the_raw_sums_to_the_last_digit(int seed)
    {
        var connectionString = await FixtureDatabaseAsync($"rollups_{seed}");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var random = new Random(seed);
        var unitIds = await IdsAsync(connection, "SELECT DISTINCT unit_id FROM unit_versions ORDER BY 1");
        var merged = await IdsAsync(connection, "SELECT DISTINCT unit_id FROM unit_merged_predecessors ORDER BY 1");
        merged.Should().NotBeEmpty("the fixture has mergers, whose series continue through their predecessors");

        for (var round = 1; round <= 4; round++)
        {
            await using (var tx = await connection.BeginTransactionAsync())
            {
                await ReviseAsync(connection, random, round, count: random.Next(20, 300));
                await RevertAsync(connection, random, count: random.Next(5, 60));
                await DeleteAsync(connection, random, count: random.Next(1, 30));
                await CopyIntoLastYearAsync(connection, random, count: random.Next(5, 40));
                if (round == 3)
                {
                    // A commune re-levelled as a district for its whole life: every month's level sums move.
                    await ExecuteAsync(connection, "UPDATE unit_versions SET level = 'district' WHERE id = (SELECT min(id) FROM unit_versions WHERE level = 'commune')");
                }
                await tx.CommitAsync();
            }

            var oracle = await ScorecardOracle.ReadAsync(connection);
            for (var check = 0; check < 6; check++)
            {
                var period = RandomPeriod(random);
                var level = DetailLevels[random.Next(DetailLevels.Length)];
                var seriesUnit = (int)(check % 2 == 0 ? merged[random.Next(merged.Count)] : unitIds[random.Next(unitIds.Count)]);
                var parameters = () => ScorecardSql.Parameters(period.Year, period, level, seriesUnit);

                var sums = await TextRowsAsync(connection, ScorecardSql.Sums, parameters());
                sums.Should().Equal(await oracle.SumsAsync(period, level),
                    $"round {round}: the sums of {period} at level {level?.ToCode() ?? "all"}");
                sums.Should().NotBeEmpty();
                var series = await TextRowsAsync(connection, ScorecardSql.Series, parameters());
                series.Should().Equal(await oracle.SeriesAsync(period, seriesUnit),
                    $"round {round}: the series through {period} with unit {seriesUnit}");
            }
            await AssertTablesEqualARebuildAsync(connection);
        }
    }

    [Fact]
    public async Task A_write_rolled_back_leaves_the_rollups_as_they_were_and_an_emptied_table_empties_them()
    {
        var connectionString = await FixtureDatabaseAsync("rollups_rollback");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var before = await TextRowsAsync(connection, "SELECT * FROM unit_month_figures", []);
        before.Should().NotBeEmpty();

        await using (var tx = await connection.BeginTransactionAsync())
        {
            await ExecuteAsync(connection, "UPDATE measurements SET numerator = 0 WHERE is_current AND numerator IS NOT NULL");
            (await TextRowsAsync(connection, "SELECT * FROM unit_month_figures", [])).Should().NotEqual(before, "inside the writer's transaction they follow it");
            await tx.RollbackAsync();
        }
        (await TextRowsAsync(connection, "SELECT * FROM unit_month_figures", [])).Should().Equal(before);

        await ExecuteAsync(connection, "TRUNCATE measurements");
        (await TextRowsAsync(connection, """
            SELECT unit_id FROM unit_month_figures UNION ALL SELECT indicator_id FROM level_month_figures
            UNION ALL SELECT indicator_id FROM level_window_figures
            """, [])).Should().BeEmpty();
    }

    [Fact]
    public async Task Two_writers_of_different_months_of_the_same_units_take_turns_and_both_changes_count()
    {
        var connectionString = await FixtureDatabaseAsync("rollups_concurrent");
        await using var first = new NpgsqlConnection(connectionString);
        await using var second = new NpgsqlConnection(connectionString);
        await first.OpenAsync();
        await second.OpenAsync();
        var secondPid = second.ProcessID;

        await using var firstTx = await first.BeginTransactionAsync();
        await ExecuteAsync(first, "UPDATE measurements SET denominator = denominator + 7 WHERE is_current AND period = '2025-01-01' AND denominator IS NOT NULL");
        await using var secondTx = await second.BeginTransactionAsync();
        var secondWrite = ExecuteAsync(second, "UPDATE measurements SET denominator = denominator + 11 WHERE is_current AND period = '2025-02-01' AND denominator IS NOT NULL");
        // The second recompute waits for the first writer (the roll-ups' advisory lock) rather than missing its rows.
        await using (var observer = new NpgsqlConnection(connectionString))
        {
            await observer.OpenAsync();
            while (!secondWrite.IsCompleted && !await IsWaitingOnLockAsync(observer, secondPid)) { }
        }
        await firstTx.CommitAsync();
        await secondWrite;
        await secondTx.CommitAsync();

        await AssertTablesEqualARebuildAsync(first);
        var quarter = () => ScorecardSql.Parameters(2025, Period.Quarter(2025, 1), null, null);
        (await TextRowsAsync(first, ScorecardSql.Sums, quarter())).Should().Equal(await (await ScorecardOracle.ReadAsync(first)).SumsAsync(Period.Quarter(2025, 1), null));
    }

    [Fact]
    public async Task The_level_roll_up_holds_exactly_the_windows_a_period_can_be()
    {
        var connectionString = await postgres.CreateDatabaseAsync("rollups_windows");
        await using (var db = PostgresServer.CreateContext(connectionString)) await db.Database.MigrateAsync();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // Every period of a year, by hand: 12 months, 4 quarters, 12 years to date, the whole year.
        var periods = Enumerable.Range(1, 12).Select(m => Period.Month(2024, m))
            .Concat(Enumerable.Range(1, 4).Select(q => Period.Quarter(2024, q)))
            .Concat(Enumerable.Range(1, 12).Select(m => Period.YearToDate(2024, m)))
            .Append(Period.WholeYear(2024));
        var expected = periods.Select(p => $"({p.FirstMonth},{p.LastMonth})").Distinct().Order(StringComparer.Ordinal).ToList();

        var stored = await TextRowsAsync(connection, "SELECT * FROM scorecard_windows()", []);

        stored.Order(StringComparer.Ordinal).Should().Equal(expected);
        stored.Should().HaveCount(26, "Q1 is the year to date through March, a month's first the year to date through January");
    }

    private async Task<string> FixtureDatabaseAsync(string name)
    {
        var connectionString = await postgres.CreateDatabaseAsync(name);
        await using var db = PostgresServer.CreateContext(connectionString);
        await db.Database.MigrateAsync();
        await SeedLoader.LoadAsync(db, RepositoryPaths.Restructured2025);
        return connectionString;
    }

    private static Period RandomPeriod(Random random)
    {
        var year = random.Next(2) == 0 ? 2024 : 2025;
        return random.Next(4) switch
        {
            0 => Period.Month(year, random.Next(1, 13)),
            1 => Period.Quarter(year, random.Next(1, 5)),
            2 => Period.YearToDate(year, random.Next(1, 13)),
            _ => Period.WholeYear(year),
        };
    }

    /// <summary>New revisions of random current rows: figures moved, some set NULL, some with four decimals.</summary>
    private static async Task ReviseAsync(NpgsqlConnection connection, Random random, int round, int count)
    {
        var ids = Pick(random, await IdsAsync(connection, "SELECT id FROM measurements WHERE is_current ORDER BY id"), count);
        await ExecuteAsync(connection, "UPDATE measurements SET is_current = false WHERE id = ANY(@ids)", new NpgsqlParameter("ids", ids.ToArray()));
        await ExecuteAsync(connection, """
            INSERT INTO measurements (unit_id, indicator_id, period, numerator, denominator, value, revision, is_current, source, recorded_by, recorded_at)
            SELECT unit_id, indicator_id, period,
                   CASE WHEN (id + @round) % 9 = 0 THEN NULL
                        ELSE least(greatest(0, numerator + (id + @round) % 5 - 2 + ((id * 13 + @round) % 4) * 0.25), denominator + id % 3) END,
                   denominator + id % 3,
                   -- A value set NULL only beside a denominator: a row with every field NULL is no report (ScorecardOracle).
                   CASE WHEN (id + @round) % 5 = 0 AND denominator IS NOT NULL THEN NULL ELSE value + ((id * 7 + @round) % 1000) / 10000.0 END,
                   (SELECT max(revision) FROM measurements o WHERE o.unit_id = m.unit_id AND o.indicator_id = m.indicator_id AND o.period = m.period) + 1,
                   true, 'property test', 'test', now()
            FROM measurements m WHERE id = ANY(@ids)
            """, new NpgsqlParameter("ids", ids.ToArray()), new NpgsqlParameter("round", round));
    }

    /// <summary>Reverts: the current revision of random keys set aside and the one before it current again.</summary>
    private static async Task RevertAsync(NpgsqlConnection connection, Random random, int count)
    {
        var pairs = new List<(long Current, long Previous)>();
        await using (var command = new NpgsqlCommand("""
            SELECT c.id, p.id FROM measurements c
            JOIN measurements p ON p.unit_id = c.unit_id AND p.indicator_id = c.indicator_id AND p.period = c.period AND p.revision = c.revision - 1
            WHERE c.is_current ORDER BY c.id
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) pairs.Add((reader.GetInt64(0), reader.GetInt64(1)));
        }
        var chosen = pairs.OrderBy(_ => random.Next()).Take(count).ToList();
        await ExecuteAsync(connection, "UPDATE measurements SET is_current = false WHERE id = ANY(@ids)", new NpgsqlParameter("ids", chosen.Select(p => p.Current).ToArray()));
        await ExecuteAsync(connection, "UPDATE measurements SET is_current = true WHERE id = ANY(@ids)", new NpgsqlParameter("ids", chosen.Select(p => p.Previous).ToArray()));
    }

    private static async Task DeleteAsync(NpgsqlConnection connection, Random random, int count)
    {
        var ids = Pick(random, await IdsAsync(connection, "SELECT id FROM measurements WHERE is_current ORDER BY id"), count);
        await ExecuteAsync(connection, "DELETE FROM measurements WHERE id = ANY(@ids)", new NpgsqlParameter("ids", ids.ToArray()));
    }

    /// <summary>Every month of random unit × indicator pairs copied into 2024, in one statement (a key's months together).</summary>
    private static async Task CopyIntoLastYearAsync(NpgsqlConnection connection, Random random, int count)
    {
        var ids = Pick(random, await IdsAsync(connection, "SELECT min(id) FROM measurements WHERE is_current AND period >= '2025-01-01' GROUP BY unit_id, indicator_id ORDER BY 1"), count);
        await ExecuteAsync(connection, """
            INSERT INTO measurements (unit_id, indicator_id, period, numerator, denominator, value, revision, is_current, source, recorded_by, recorded_at)
            SELECT m.unit_id, m.indicator_id, (m.period - interval '1 year')::date, m.numerator, m.denominator, m.value, 1, true, 'property test', 'test', now()
            FROM measurements m JOIN measurements k ON k.unit_id = m.unit_id AND k.indicator_id = m.indicator_id
            WHERE k.id = ANY(@ids) AND m.is_current AND m.period >= '2025-01-01'
              AND NOT EXISTS (SELECT 1 FROM measurements o WHERE o.unit_id = m.unit_id AND o.indicator_id = m.indicator_id AND o.period = (m.period - interval '1 year')::date)
            """, new NpgsqlParameter("ids", ids.ToArray()));
    }

    /// <summary>What the triggers kept equals what a rebuild computes from measurements (compared, then rolled back).</summary>
    private static async Task AssertTablesEqualARebuildAsync(NpgsqlConnection connection)
    {
        var units = await TextRowsAsync(connection, "SELECT * FROM unit_month_figures", []);
        var levels = await TextRowsAsync(connection, "SELECT * FROM level_month_figures", []);
        var windows = await TextRowsAsync(connection, "SELECT * FROM level_window_figures", []);
        windows.Should().NotBeEmpty();
        await using var tx = await connection.BeginTransactionAsync();
        await ExecuteAsync(connection, "SELECT rollups_rebuild()");
        (await TextRowsAsync(connection, "SELECT * FROM unit_month_figures", [])).Should().Equal(units);
        (await TextRowsAsync(connection, "SELECT * FROM level_month_figures", [])).Should().Equal(levels);
        (await TextRowsAsync(connection, "SELECT * FROM level_window_figures", [])).Should().Equal(windows);
        await tx.RollbackAsync();
    }

    private static async Task<bool> IsWaitingOnLockAsync(NpgsqlConnection observer, int pid)
    {
        await using var command = new NpgsqlCommand("SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = @pid", observer);
        command.Parameters.AddWithValue("pid", pid);
        return await command.ExecuteScalarAsync() is true;
    }

    private static List<long> Pick(Random random, List<long> ids, int count) => ids.OrderBy(_ => random.Next()).Take(count).ToList();

    private static async Task<List<long>> IdsAsync(NpgsqlConnection connection, string sql)
    {
        var ids = new List<long>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(Convert.ToInt64(reader.GetValue(0)));
        return ids;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Each row as PostgreSQL writes it (numeric scale included), sorted: the comparison is of every digit.</summary>
    private static async Task<List<string>> TextRowsAsync(NpgsqlConnection connection, string sql, NpgsqlParameter[] parameters)
    {
        var rows = new List<string>();
        await using var command = new NpgsqlCommand($"SELECT t::text FROM ({sql}) t ORDER BY t::text COLLATE \"C\"", connection);
        command.Parameters.AddRange(parameters);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }
}
