using System.Globalization;
using HaNoi.ReformDashboard.Data.Dossiers;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static HaNoi.ReformDashboard.Data.Tests.Dossiers.DossierDatabase;
using static HaNoi.ReformDashboard.Data.Tests.Dossiers.DossierFiguresTests;

namespace HaNoi.ReformDashboard.Data.Tests.Dossiers;

/// <summary>The list of the dossiers behind a figure (issue 21): its counts equal the figure's, and its keyset pages visit every row once.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DossierListTests(PostgresServer postgres)
{
    private static readonly DateOnly March = new(2022, 3, 1);

    private static async Task<int> UnitIdAsync(string cs, string code) =>
        (int)await CountAsync(cs, $"SELECT unit_id FROM unit_versions WHERE code = '{code}' ORDER BY valid_from DESC LIMIT 1");

    private static async Task<T> WithDbAsync<T>(string cs, Func<HaNoi.ReformDashboard.Data.Schema.ReformDbContext, Task<T>> run)
    {
        await using var db = PostgresServer.CreateContext(cs);
        return await run(db);
    }

    private static async Task<List<DossierRow>> AllAsync(string cs, DossierListFilter filter) => await WithDbAsync(cs, async db =>
    {
        var rows = new List<DossierRow>();
        await foreach (var row in DossierList.StreamAsync(db, filter)) rows.Add(row);
        return rows;
    });

    [Fact]
    public async Task The_late_list_of_the_hand_cases_counts_the_on_time_figure_and_says_the_working_days_late()
    {
        var cs = await CreateAsync(postgres);
        await ImportAsync(cs, Csv(HandCases()));
        var filter = new DossierListFilter(DossierIndicators.OnTime, await UnitIdAsync(cs, "00001"), March, March);

        var counts = await WithDbAsync(cs, db => DossierList.CountAsync(db, filter));
        var rows = await AllAsync(cs, filter);

        // The figure is 4 on time of 7 ended (DossierFiguresTests): 3 late of 7.
        counts.Should().Be(new DossierListCounts(7, 3, 7, 3));
        (await ReadAsync(cs, """
            SELECT m.denominator::int - m.numerator::int, m.denominator::int FROM measurements m JOIN indicators i ON i.id = m.indicator_id
            WHERE m.is_current AND i.code = 'ONTIME' AND m.period = '2022-03-01'
            """)).Should().Equal($"{counts.Miss}|{counts.Total}");
        // Late first: C (two supplement requests, before due: 0 days), D (an hour past due: 0 days), I (no due time, Friday 11 to
        // Tuesday 15 March: 2 working days against a limit of 1: 1 day late); then the on-time ones, by received time.
        rows.Select(r => $"{r.DossierCode}|{r.IsMiss}|{r.DaysLate?.ToString(CultureInfo.InvariantCulture) ?? "-"}").Should().Equal(
            "HS-C|True|0", "HS-D|True|0", "HS-I|True|1", "HS-A|False|-", "HS-B|False|-", "HS-E|False|-", "HS-H|False|-");
        rows[0].Should().BeEquivalentTo(new { ProcedureCode = "1.001193", FieldCode = "HT", Channel = "direct", Status = "finished", UnitKey = "00001" });

        var sorted = await AllAsync(cs, filter with { Sort = DossierSort.DaysLate, Descending = true, MissOnly = true });
        sorted.Select(r => r.DossierCode).Should().Equal("HS-I", "HS-C", "HS-D");
        // G was received in March but ended in April: April's.
        (await AllAsync(cs, filter with { FirstMonth = March.AddMonths(1), LastMonth = March.AddMonths(1) })).Select(r => r.DossierCode).Should().Equal("HS-G");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task For_every_unit_month_and_indicator_the_list_counts_equal_the_month_counts_of_the_figures(int seed)
    {
        var cs = await CreateAsync(postgres);
        await ImportAsync(cs, Csv(DossierFiguresPropertyTests.Generate(seed, 500).Select(DossierFiguresPropertyTests.Cells)));

        var months = await ReadAsync(cs, """
            SELECT unit_id, to_char(month, 'YYYY-MM-DD'), received, received - received_online, received - received_reused, received_with_fee,
                   received_with_fee - received_paid_online, coalesce(ended, 0), coalesce(ended - ended_on_time, 0),
                   coalesce(ended - ended_digitised, 0), coalesce(ended - ended_synced, 0)
            FROM dossier_month_counts ORDER BY 1, 2
            """);
        months.Should().HaveCountGreaterThan(6);
        await using var db = PostgresServer.CreateContext(cs);
        foreach (var line in months)
        {
            var c = line.Split('|');
            var (unit, month) = (int.Parse(c[0], CultureInfo.InvariantCulture), DateOnly.ParseExact(c[1], "yyyy-MM-dd", CultureInfo.InvariantCulture));
            var expected = new Dictionary<string, (string Total, string Miss)>
            {
                [DossierIndicators.OnlineDossier] = (c[2], c[3]), [DossierIndicators.DataReuse] = (c[2], c[4]),
                [DossierIndicators.OnlinePayment] = (c[5], c[6]), [DossierIndicators.OnTime] = (c[7], c[8]),
                [DossierIndicators.Digitised] = (c[7], c[9]), [DossierIndicators.NationalSync] = (c[7], c[10]),
            };
            foreach (var (indicator, (total, miss)) in expected)
            {
                var counts = await DossierList.CountAsync(db, new DossierListFilter(indicator, unit, month, month));
                $"{counts.Total}|{counts.Miss}".Should().Be($"{total}|{miss}", $"{indicator} of unit {unit} in {c[1]}");
            }
        }
    }

    private static async Task<List<DossierRow>> PagesAsync(string cs, DossierListFilter filter, int size, Func<int, Task>? between = null)
    {
        var rows = new List<DossierRow>();
        DossierCursor? cursor = null;
        for (var page = 0; ; page++)
        {
            // Each page on a connection of its own, as each request of the page is; the cursor goes through its address form.
            var next = await WithDbAsync(cs, db => DossierList.PageAsync(db, filter, DossierCursor.Decode(cursor?.Encode()), size));
            next.Rows.Count.Should().BeLessThanOrEqualTo(size);
            rows.AddRange(next.Rows);
            if (next.Next is null) return rows;
            cursor = next.Next;
            if (between is not null) await between(page);
        }
    }

    [Fact]
    public async Task Keyset_pages_visit_every_row_once_in_every_order()
    {
        var cs = await CreateAsync(postgres);
        await ImportAsync(cs, Csv(DossierFiguresPropertyTests.Generate(7, 600).Select(DossierFiguresPropertyTests.Cells)));
        var unit = await UnitIdAsync(cs, "00001");

        foreach (var indicator in DossierIndicators.Codes)
        foreach (var sort in Enum.GetValues<DossierSort>())
        foreach (var descending in new[] { false, true })
        {
            var filter = new DossierListFilter(indicator, unit, new DateOnly(2022, 2, 1), new DateOnly(2022, 4, 1), Sort: sort, Descending: descending);
            var whole = await AllAsync(cs, filter);
            var paged = await PagesAsync(cs, filter, 9);
            paged.Select(r => r.DossierCode).Should().Equal(whole.Select(r => r.DossierCode), $"{indicator} by {sort}{(descending ? " descending" : "")}");
            paged.Select(r => r.DossierCode).Should().OnlyHaveUniqueItems();
            paged.Count.Should().Be((int)(await WithDbAsync(cs, db => DossierList.CountAsync(db, filter))).Total);
            // Misses first.
            paged.Select(r => r.IsMiss).Should().BeInDescendingOrder();
        }
    }

    [Fact]
    public async Task Keyset_pages_stay_stable_when_dossiers_arrive_between_pages()
    {
        var cs = await CreateAsync(postgres);
        var first = DossierFiguresPropertyTests.Generate(11, 400);
        await ImportAsync(cs, Csv(first.Select(DossierFiguresPropertyTests.Cells)), "first.csv");
        var filter = new DossierListFilter(DossierIndicators.OnlineDossier, await UnitIdAsync(cs, "00001"), new DateOnly(2022, 2, 1), new DateOnly(2022, 4, 1));
        var before = (await AllAsync(cs, filter)).Select(r => r.DossierCode).ToList();

        // After each page, more dossiers of the same unit and months arrive, before and after the cursor's position.
        var paged = await PagesAsync(cs, filter, 10, async page =>
        {
            var more = DossierFiguresPropertyTests.Generate(100 + page, 30).Select(d => d with { Code = $"NEW-{page}-{d.Code}" });
            await ImportAsync(cs, Csv(more.Select(DossierFiguresPropertyTests.Cells)), $"more-{page}.csv");
        });

        var codes = paged.Select(r => r.DossierCode).ToList();
        codes.Should().OnlyHaveUniqueItems();
        codes.Should().Contain(before, "every row there at the start is visited");
        codes.Where(c => !c.StartsWith("NEW-", StringComparison.Ordinal)).Should().Equal(before, "in the same order");
        codes.Should().HaveCountGreaterThan(before.Count, "rows that arrived after the cursor's position are visited too");
    }

    [Fact]
    public async Task A_dossier_received_long_before_that_ends_in_the_month_joins_a_list_already_read()
    {
        var cs = await CreateAsync(postgres);
        await ImportAsync(cs, Csv(HandCases()));
        var filter = new DossierListFilter(DossierIndicators.OnTime, await UnitIdAsync(cs, "00001"), March, March);
        // Read once: the list keeps where March's ended dossiers were received from (March) for its next reads.
        (await WithDbAsync(cs, db => DossierList.PageAsync(db, filter, null, 2))).Rows.Select(r => r.DossierCode).Should().Equal("HS-C", "HS-D");
        (await WithDbAsync(cs, db => DossierList.CountAsync(db, filter))).Should().Be(new DossierListCounts(7, 3, 7, 3));

        // Received in January, due then, finished on 10 March: late, March's, from a partition the list did not plan.
        await ImportAsync(cs, Csv([March("HS-OLD", "2022-01-05T09:00:00+07:00", "2022-01-20T09:00:00+07:00", "2022-03-10T09:00:00+07:00")]), "old.csv");

        (await WithDbAsync(cs, db => DossierList.CountAsync(db, filter))).Should().Be(new DossierListCounts(8, 4, 8, 4));
        (await WithDbAsync(cs, db => DossierList.PageAsync(db, filter, null, 2))).Rows.Select(r => r.DossierCode).Should().Equal("HS-OLD", "HS-C");
        (await AllAsync(cs, filter)).Select(r => r.DossierCode).Should().Equal("HS-OLD", "HS-C", "HS-D", "HS-I", "HS-A", "HS-B", "HS-E", "HS-H");
    }

    [Fact]
    public async Task A_page_read_again_is_not_prepared_again_and_a_connection_keeps_at_most_64_pages_prepared()
    {
        var cs = await CreateAsync(postgres);
        await ImportAsync(cs, Csv(HandCases()));
        var unit = await UnitIdAsync(cs, "00001");
        // One context: one server connection for every read below. The misses only: one statement a page.
        await using var db = PostgresServer.CreateContext(cs);
        async Task<long> PreparedAsync()
        {
            await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE NOT from_sql", (NpgsqlConnection)db.Database.GetDbConnection());
            return (long)(await command.ExecuteScalarAsync())!;
        }
        DossierListFilter From(int monthsBefore) =>
            new(DossierIndicators.OnlineDossier, unit, March.AddMonths(-monthsBefore), March, MissOnly: true);

        var first = await DossierList.PageAsync(db, From(0), null, 2);
        (await PreparedAsync()).Should().Be(1);
        (await DossierList.PageAsync(db, From(0), null, 2)).Rows.Should().Equal(first.Rows, "the prepared statement reads the same rows");
        (await PreparedAsync()).Should().Be(1, "the same text on the same connection is prepared once");

        // 70 lists of different months: 64 prepared, then dropped at the 65th, which starts again with 6 by the 70th.
        for (var i = 1; i < 64; i++) await DossierList.PageAsync(db, From(i), null, 2);
        (await PreparedAsync()).Should().Be(64);
        for (var i = 64; i < 70; i++) await DossierList.PageAsync(db, From(i), null, 2);
        (await PreparedAsync()).Should().Be(6);
        (await DossierList.PageAsync(db, From(0), null, 2)).Rows.Should().Equal(first.Rows);
    }

    [Fact]
    public async Task An_address_token_that_is_not_a_cursor_reads_as_the_first_page()
    {
        DossierCursor.Decode("not a cursor").Should().BeNull();
        DossierCursor.Decode("").Should().BeNull();
        var cursor = new DossierCursor(1, -1669948200.123456m, "HS-Ư/1", new DateTimeOffset(2022, 3, 7, 2, 0, 0, TimeSpan.Zero).AddTicks(10));
        DossierCursor.Decode(cursor.Encode()).Should().Be(cursor);
        await Task.CompletedTask;
    }
}
