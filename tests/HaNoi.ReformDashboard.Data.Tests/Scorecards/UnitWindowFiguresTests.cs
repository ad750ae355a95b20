using HaNoi.ReformDashboard.Data.Seed;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Data.Tests.Seed;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Domain.Scoring;
using HaNoi.ReformDashboard.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HaNoi.ReformDashboard.Data.Tests.Scorecards;

/// <summary>
/// The flow/stock rule has one statement per language: <c>unit_window_figures</c> (Schema/Sql) reads the roll-ups, and
/// <see cref="Rollups.Combine"/> is the oracle it is held to — random months (gaps, NULL fields, four decimals) of one
/// unit, every kind and roll-up, every window a period can be.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class UnitWindowFiguresTests(PostgresServer postgres)
{
    private static readonly (IndicatorKind Kind, Rollup Rollup)[] Rules =
        [.. Enum.GetValues<IndicatorKind>().SelectMany(k => Enum.GetValues<Rollup>().Select(r => (k, r)))];

    private static readonly List<Period> Windows =
    [
        .. Enumerable.Range(1, 12).Select(m => Period.Month(2022, m)),
        .. Enumerable.Range(1, 4).Select(q => Period.Quarter(2022, q)),
        .. Enumerable.Range(1, 12).Select(m => Period.YearToDate(2022, m)),
    ];

    [Theory]
    [InlineData(20261207)]
    [InlineData(22)]
    public async Task A_units_window_from_the_roll_ups_equals_Rollups_Combine_of_its_months(int seed)
    {
        var connectionString = await postgres.CreateDatabaseAsync($"unit_window_{seed}");
        await using (var db = PostgresServer.CreateContext(connectionString))
        {
            await db.Database.MigrateAsync();
            await SeedLoader.LoadAsync(db, new SeedFolderBuilder().WriteTo(postgres.TempRoot));
        }
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var unitId = await ScalarAsync<int>(connection, "SELECT unit_id FROM unit_versions WHERE code = '002'");
        var indicatorId = await ScalarAsync<int>(connection, "SELECT id FROM indicators WHERE code = 'ONTIME'");
        var random = new Random(seed);

        for (var trial = 0; trial < 25; trial++)
        {
            var months = RandomMonths(random);
            await ExecuteAsync(connection, $"DELETE FROM measurements WHERE unit_id = {unitId} AND indicator_id = {indicatorId}");
            foreach (var m in months)
            {
                await using var insert = new NpgsqlCommand("""
                    INSERT INTO measurements (unit_id, indicator_id, period, numerator, denominator, value, revision, is_current, source, recorded_by, recorded_at)
                    VALUES (@unit, @indicator, @period, @n, @d, @v, 1, true, 'test', 'test', now())
                    """, connection);
                insert.Parameters.AddWithValue("unit", unitId);
                insert.Parameters.AddWithValue("indicator", indicatorId);
                insert.Parameters.AddWithValue("period", new DateOnly(m.Year, m.Month, 1));
                insert.Parameters.AddWithValue("n", (object?)m.Numerator ?? DBNull.Value);
                insert.Parameters.AddWithValue("d", (object?)m.Denominator ?? DBNull.Value);
                insert.Parameters.AddWithValue("v", (object?)m.Value ?? DBNull.Value);
                await insert.ExecuteNonQueryAsync();
            }

            foreach (var (kind, rollup) in Rules)
            {
                await ExecuteAsync(connection, $"UPDATE indicators SET kind = '{kind.ToString().ToLowerInvariant()}', rollup = '{rollup.ToString().ToLowerInvariant()}' WHERE id = {indicatorId}");
                var rule = new IndicatorRule("ONTIME", "TTHC", kind, rollup);
                foreach (var window in Windows)
                {
                    var expected = Rollups.Combine(rule, window, months);
                    var actual = await WindowFigureAsync(connection, window, unitId, indicatorId);
                    actual.Should().Be(expected, $"{kind} {rollup} over {window} of months {string.Join("; ", months)} (seed {seed}, trial {trial})");
                }
            }
        }
    }

    /// <summary>Some of the twelve months of 2022, each with fields that may be NULL, up to four decimals, n ≤ d.</summary>
    private static List<MonthlyFigure> RandomMonths(Random random)
    {
        decimal? Maybe(decimal value) => random.Next(5) == 0 ? null : value;
        decimal Amount() => Math.Round((decimal)random.NextDouble() * 1000m, random.Next(5));
        var months = new List<MonthlyFigure>();
        foreach (var month in Enumerable.Range(1, 12).Where(_ => random.Next(3) > 0))
        {
            var (a, b) = (Amount(), Amount());
            var figure = new MonthlyFigure(2022, month, Maybe(Math.Min(a, b)), Maybe(Math.Max(a, b)), Maybe(Amount()));
            // A month with a row always carries a figure: an all-empty row is nothing reported, which Combine skips.
            months.Add(figure.Figure.IsNone ? figure with { Value = Amount() } : figure);
        }
        return months;
    }

    private static async Task<Figure> WindowFigureAsync(NpgsqlConnection connection, Period window, int unitId, int indicatorId)
    {
        await using var command = new NpgsqlCommand(
            "SELECT n, d, v FROM unit_window_figures(@first, @last, ARRAY[@indicator], NULL) WHERE unit_id = @unit", connection);
        command.Parameters.AddWithValue("first", new DateOnly(window.Year, window.FirstMonth, 1));
        command.Parameters.AddWithValue("last", window.LastDay);
        command.Parameters.AddWithValue("indicator", indicatorId);
        command.Parameters.AddWithValue("unit", unitId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) return Figure.None;
        decimal? Read(int i) => reader.IsDBNull(i) ? null : reader.GetInt64(i) / 10000m;
        var figure = new Figure(Read(0), Read(1), Read(2));
        (await reader.ReadAsync()).Should().BeFalse("one row per unit and indicator");
        return figure;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
