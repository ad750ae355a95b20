using System.Globalization;
using HaNoi.ReformDashboard.Data.Dossiers;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Testing;
using static HaNoi.ReformDashboard.Data.Tests.Dossiers.DossierDatabase;
using static HaNoi.ReformDashboard.Data.Tests.Dossiers.DossierFiguresTests;

namespace HaNoi.ReformDashboard.Data.Tests.Dossiers;

/// <summary>Overdue now (issue 21, item 3): the dossiers past due and still open at the end of a chosen day, per unit and in a list.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DossierOverdueTests(PostgresServer postgres)
{
    private static readonly DateOnly Tuesday15March = new(2022, 3, 15);

    /// <summary>An open dossier of the ward 00001 (no end), received 7 March 2022.</summary>
    private static Dictionary<string, string> Open(string code, string due, string status = "in_progress", string unit = "00001") =>
        With(Row(code), ("due_at", due), ("finished_at", ""), ("returned_at", ""), ("status", status), ("unit_code", unit),
            ("updated_at", "2022-03-07T10:00:00+07:00"));

    private static Dictionary<string, string> Ended(string code, string due, string finished, string status) =>
        With(Row(code), ("due_at", due), ("finished_at", finished), ("returned_at", ""), ("status", status), ("updated_at", "2022-03-25T10:00:00+07:00"));

    private static List<Dictionary<string, string>> HandCases() =>
    [
        Open("OD-A", "2022-03-14T09:30:00+07:00"),                                   // due yesterday (Monday), open: 1 working day
        Ended("OD-B", "2022-03-10T09:30:00+07:00", "2022-03-20T09:00:00+07:00", "finished"), // finished after the day: overdue on it, 3 days
        Open("OD-C", "2022-03-11T16:00:00+07:00", "supplement_requested"),             // waiting for the citizen's papers, still overdue: 2 days
        Ended("OD-D", "2022-03-11T09:30:00+07:00", "2022-03-20T09:00:00+07:00", "withdrawn"), // withdrawn: never overdue
        Open("OD-E", "2022-03-16T09:30:00+07:00"),                                   // due tomorrow
        Ended("OD-F", "2022-03-11T09:30:00+07:00", "2022-03-14T09:00:00+07:00", "returned"),  // late, but ended before the day
        Open("OD-G", "2022-03-15T17:00:00+07:00", "received"),                        // due during the day: overdue at its end, 0 days
        Open("OD-H", "2022-03-08T09:30:00+07:00", unit: "00004"),                      // another ward: 5 days
        With(Open("OD-I", "2022-03-17T09:30:00+07:00"), ("received_at", "2022-03-16T09:30:00+07:00"), ("updated_at", "2022-03-16T10:00:00+07:00")), // received after the day
    ];

    private static async Task<int> UnitIdAsync(string cs, string code) =>
        (int)await CountAsync(cs, $"SELECT unit_id FROM unit_versions WHERE code = '{code}' ORDER BY valid_from DESC LIMIT 1");

    private static async Task<List<OverdueDossierRow>> ListAsync(string cs, int unit, DateOnly day)
    {
        await using var db = PostgresServer.CreateContext(cs);
        var rows = new List<OverdueDossierRow>();
        await foreach (var row in DossierOverdue.StreamAsync(db, unit, day)) rows.Add(row);
        return rows;
    }

    private static async Task<OverdueCounts> CountsAsync(string cs, DateOnly day, int? unit = null)
    {
        await using var db = PostgresServer.CreateContext(cs);
        return await DossierOverdue.CountsAsync(db, day, unit);
    }

    [Fact]
    public async Task Overdue_as_of_a_chosen_day_holds_the_open_dossiers_past_due_then_oldest_first_with_working_days()
    {
        var cs = await CreateAsync(postgres);
        await ImportAsync(cs, Csv(HandCases()));
        var (ward1, ward4) = (await UnitIdAsync(cs, "00001"), await UnitIdAsync(cs, "00004"));

        var rows = await ListAsync(cs, ward1, Tuesday15March);
        rows.Select(r => $"{r.DossierCode}|{r.DaysOverdue}|{r.Status}").Should().Equal(
            "OD-B|3|finished", "OD-C|2|supplement_requested", "OD-A|1|in_progress", "OD-G|0|received");

        var counts = await CountsAsync(cs, Tuesday15March);
        counts.Units.Select(u => $"{u.UnitCode}|{u.Count}").Should().Equal("00001|4", "00004|1");
        counts.City.Should().Be(5);
        (await ListAsync(cs, ward4, Tuesday15March)).Select(r => $"{r.DossierCode}|{r.DaysOverdue}").Should().Equal("OD-H|5");
        (await CountsAsync(cs, Tuesday15March, ward4)).Units.Should().ContainSingle().Which.Count.Should().Be(1);

        // On the 25th B has been finished (no longer overdue) and E and I are past due: the list as it stood then.
        (await ListAsync(cs, ward1, new DateOnly(2022, 3, 25))).Select(r => r.DossierCode).Should().Equal("OD-C", "OD-A", "OD-G", "OD-E", "OD-I");
        // On Sunday the 13th F, returned on the 14th, was still open and overdue; A was not due yet.
        (await ListAsync(cs, ward1, new DateOnly(2022, 3, 13))).Select(r => r.DossierCode).Should().Equal("OD-B", "OD-F", "OD-C");
    }

    [Theory]
    [InlineData(3, "2022-03-15")]
    [InlineData(4, "2022-04-02")]
    public async Task The_per_unit_counts_equal_the_list_lengths_and_a_count_made_apart(int seed, string asOf)
    {
        var cs = await CreateAsync(postgres);
        var dossiers = DossierFiguresPropertyTests.Generate(seed, 500);
        await ImportAsync(cs, Csv(dossiers.Select(DossierFiguresPropertyTests.Cells)));
        var day = DateOnly.ParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var end = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(7));

        // The oracle, as docs/dossiers.md words it: received before the day's end, due before it, not withdrawn, not ended by then.
        var expected = dossiers.Where(d => d.Received < end && d.Due < end && d.Status != "withdrawn" && (d.Finished is null || d.Finished >= end))
            .GroupBy(d => d.Unit).ToDictionary(g => g.Key, g => g.Select(d => d.Code).Order(StringComparer.Ordinal).ToList());
        expected.Should().NotBeEmpty();

        var counts = await CountsAsync(cs, day);
        counts.Units.ToDictionary(u => u.UnitCode, u => u.Count).Should().BeEquivalentTo(expected.ToDictionary(e => e.Key, e => (long)e.Value.Count));
        counts.City.Should().Be(expected.Sum(e => e.Value.Count));
        foreach (var unit in counts.Units)
        {
            var rows = await ListAsync(cs, unit.UnitId, day);
            rows.Should().HaveCount((int)unit.Count, unit.UnitCode);
            rows.Select(r => r.DossierCode).Order(StringComparer.Ordinal).Should().Equal(expected[unit.UnitCode]);
            rows.Select(r => r.DueAt).Should().BeInAscendingOrder();

            // Keyset pages of 7 visit the same rows in the same order.
            var paged = new List<OverdueDossierRow>();
            DossierCursor? cursor = null;
            do
            {
                await using var db = PostgresServer.CreateContext(cs);
                var page = await DossierOverdue.PageAsync(db, unit.UnitId, day, DossierCursor.Decode(cursor?.Encode()), 7);
                paged.AddRange(page.Rows);
                cursor = page.Next;
            } while (cursor is not null);
            paged.Select(r => r.DossierCode).Should().Equal(rows.Select(r => r.DossierCode));
        }
    }

    [Fact]
    public async Task The_open_dossiers_index_is_made_on_every_partition()
    {
        var cs = await CreateAsync(postgres);
        // One index per partition attached to the parent's (partitions made later get it too).
        (await CountAsync(cs, """
            SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'ix_dossiers_open_due'::regclass
            """)).Should().Be(await CountAsync(cs, "SELECT count(*) FROM pg_inherits WHERE inhparent = 'dossiers'::regclass"));
    }

    [Fact]
    public void The_default_day_is_the_periods_last_once_the_period_is_past_else_today()
    {
        var today = new DateOnly(2026, 12, 7);
        DossierOverdue.DefaultAsOf(new DateOnly(2023, 12, 31), today).Should().Be(new DateOnly(2023, 12, 31));
        DossierOverdue.DefaultAsOf(new DateOnly(2026, 12, 31), today).Should().Be(today);
    }
}
