using HaNoi.ReformDashboard.Data.Holidays;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Testing;
using Npgsql;
using NpgsqlTypes;

namespace HaNoi.ReformDashboard.Data.Tests.Holidays;

/// <summary>working_days_between (SQL) over the seeded holidays, on hand cases and against the day-by-day C# count.</summary>
[Collection(PostgresCollection.Name)]
public sealed class WorkingDaysTests(PostgresServer postgres)
{
    private static async Task<List<int>> CountAsync(string cs, IReadOnlyList<(DateOnly First, DateOnly Last)> ranges)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT working_days_between(r.first_day, r.last_day) FROM unnest(@firsts, @lasts) WITH ORDINALITY AS r(first_day, last_day, n) ORDER BY r.n", connection);
        command.Parameters.Add(new NpgsqlParameter("firsts", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = ranges.Select(r => r.First).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("lasts", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = ranges.Select(r => r.Last).ToArray() });
        var counts = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) counts.Add(reader.GetInt32(0));
        return counts;
    }

    private static async Task<int> CountAsync(string cs, string first, string last) =>
        (await CountAsync(cs, [(DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture))])).Single();

    private static async Task<WorkingCalendar> CalendarAsync(string cs)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT day, kind FROM calendar_exceptions", connection);
        var days = new Dictionary<DateOnly, CalendarDayKind>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            days.Add(reader.GetFieldValue<DateOnly>(0), WorkingCalendar.TryParse(reader.GetString(1), out var kind) ? kind : throw new InvalidOperationException());
        return new WorkingCalendar(days);
    }

    [Fact]
    public async Task The_seed_loads_holidays_csv_whole()
    {
        var cs = await postgres.DemoAsync();

        var calendar = await CalendarAsync(cs);

        HolidayFile.ReadFolder(RepositoryPaths.SeedData).Should().HaveCount(97);
        (await CountAsync(cs, "2022-12-31", "2023-12-31")).Should().Be(260 - 11, "2023 has 260 weekdays, 11 of them off");
        calendar.IsWorkingDay(new DateOnly(2024, 5, 4)).Should().BeTrue("Saturday 4 May 2024 was worked for Monday 29 April");
    }

    [Fact]
    public async Task Tet_2023_takes_the_seven_days_from_20_to_26_January_out()
    {
        var cs = await postgres.DemoAsync();

        // Received Thursday 19 January 2023: Friday 20 (29 Tết) to Thursday 26 (mùng 5) are off, 21–22 a weekend.
        (await CountAsync(cs, "2023-01-19", "2023-01-26")).Should().Be(0);
        (await CountAsync(cs, "2023-01-19", "2023-01-27")).Should().Be(1, "Friday 27 is the first working day");
        (await CountAsync(cs, "2023-01-19", "2023-01-30")).Should().Be(2, "then Monday 30");
        (await CountAsync(cs, "2023-01-19", "2023-01-31")).Should().Be(3, "the example of docs/scoring.md: on time for a limit of 3");
        (await CountAsync(cs, "2023-01-19", "2023-02-02")).Should().Be(5);
        WorkingCalendar.WeekendsOnly.WorkingDaysBetween(new DateOnly(2023, 1, 19), new DateOnly(2023, 2, 2)).Should().Be(10, "weekends only would count ten");
    }

    [Fact]
    public async Task A_swapped_Saturday_counts_and_the_swapped_Monday_does_not()
    {
        var cs = await postgres.DemoAsync();

        // 2024: Monday 29 April off in a swap for Saturday 4 May; 30 April and 1 May holidays.
        (await CountAsync(cs, "2024-04-26", "2024-05-06")).Should().Be(4, "Thursday 2, Friday 3, Saturday 4 and Monday 6 May");
        (await CountAsync(cs, "2024-04-26", "2024-05-04")).Should().Be(3, "the example of docs/scoring.md: late for a limit of 2");
        (await CountAsync(cs, "2024-05-03", "2024-05-04")).Should().Be(1);
        (await CountAsync(cs, "2024-05-04", "2024-05-05")).Should().Be(0, "Sunday 5 May stays a day off");
        // 2026: Friday 2 January off, Saturday 10 January worked.
        (await CountAsync(cs, "2025-12-31", "2026-01-10")).Should().Be(6, "5, 6, 7, 8, 9 and Saturday 10 January");
    }

    [Fact]
    public async Task Nothing_is_counted_when_the_last_day_is_not_after_the_first_or_a_day_is_missing()
    {
        var cs = await postgres.DemoAsync();

        (await CountAsync(cs, "2023-03-10", "2023-03-10")).Should().Be(0);
        (await CountAsync(cs, "2023-03-10", "2023-03-01")).Should().Be(0);
        (await DossierCount(cs, "SELECT working_days_between(NULL, '2023-03-10')")).Should().Be(0);
        (await DossierCount(cs, "SELECT count(*) FROM pg_proc WHERE proname = 'working_days_between' AND provolatile = 's'")).Should().Be(1, "it reads a table: STABLE");
    }

    private static Task<long> DossierCount(string cs, string sql) => Dossiers.DossierDatabase.CountAsync(cs, sql);

    [Fact]
    public async Task The_sql_function_equals_the_day_by_day_count_over_the_seeded_table_for_random_ranges()
    {
        var cs = await postgres.DemoAsync();
        var calendar = await CalendarAsync(cs);
        var random = new Random(21);
        var ranges = Enumerable.Range(0, 4000).Select(i =>
        {
            var first = new DateOnly(2018, 6, 1).AddDays(random.Next(0, 9 * 365));
            // Mostly the spans of legal time limits, some a year or more, some backwards.
            return (first, first.AddDays(i % 10 == 0 ? random.Next(-30, 800) : random.Next(0, 60)));
        }).ToList();

        var counts = await CountAsync(cs, ranges);

        counts.Should().Equal(ranges.Select(r => calendar.WorkingDaysBetween(r.first, r.Item2)));
    }

    [Fact]
    public async Task The_sql_function_equals_the_day_by_day_count_over_random_calendars()
    {
        var random = new Random(2121);
        for (var round = 0; round < 5; round++)
        {
            var cs = await postgres.ResetScratchAsync();
            var days = new Dictionary<DateOnly, CalendarDayKind>();
            for (var i = 0; i < 150; i++)
            {
                var day = new DateOnly(2022, 1, 1).AddDays(random.Next(0, 400));
                days[day] = WorkingCalendar.IsWeekend(day) ? CalendarDayKind.Working : CalendarDayKind.Holiday;
            }
            await using (var connection = new NpgsqlConnection(cs))
            {
                await connection.OpenAsync();
                await using var insert = new NpgsqlCommand(
                    "INSERT INTO calendar_exceptions (day, kind, name_vi, name_en) SELECT d, k, 'x', 'x' FROM unnest(@days, @kinds) AS t(d, k)", connection);
                insert.Parameters.Add(new NpgsqlParameter("days", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = days.Keys.ToArray() });
                insert.Parameters.Add(new NpgsqlParameter("kinds", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = days.Values.Select(WorkingCalendar.Code).ToArray() });
                await insert.ExecuteNonQueryAsync();
            }
            var ranges = Enumerable.Range(0, 500).Select(_ =>
            {
                var first = new DateOnly(2021, 12, 1).AddDays(random.Next(0, 430));
                return (first, first.AddDays(random.Next(-3, 90)));
            }).ToList();

            var counts = await CountAsync(cs, ranges);

            counts.Should().Equal(ranges.Select(r => new WorkingCalendar(days).WorkingDaysBetween(r.first, r.Item2)), $"round {round}");
        }
    }

    [Fact]
    public async Task The_table_refuses_a_holiday_on_a_weekend_and_a_working_weekday()
    {
        var cs = await postgres.ResetScratchAsync();
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();

        foreach (var (day, kind) in new[] { ("2023-01-21", "holiday"), ("2023-01-20", "working"), ("2023-01-20", "off") })
        {
            await using var insert = new NpgsqlCommand($"INSERT INTO calendar_exceptions VALUES ('{day}', '{kind}', 'x', 'x')", connection);
            await FluentActions.Awaiting(() => insert.ExecuteNonQueryAsync()).Should().ThrowAsync<PostgresException>().Where(e => e.SqlState == "23514");
        }
    }
}
