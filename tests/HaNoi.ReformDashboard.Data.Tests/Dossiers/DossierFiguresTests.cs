using System.Globalization;
using System.Text;
using HaNoi.ReformDashboard.Data.Dossiers;
using HaNoi.ReformDashboard.Data.Holidays;
using HaNoi.ReformDashboard.Data.Import;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Testing;
using static HaNoi.ReformDashboard.Data.Tests.Dossiers.DossierDatabase;

namespace HaNoi.ReformDashboard.Data.Tests.Dossiers;

/// <summary>The six figures counted from dossiers (docs/scoring.md), on hand cases and against a plain count of random sets.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DossierFiguresTests(PostgresServer postgres)
{
    internal static Dictionary<string, string> With(Dictionary<string, string> row, params (string Column, string Value)[] cells)
    {
        foreach (var (column, value) in cells) row[column] = value;
        return row;
    }

    /// <summary>At the ward 00001, a birth registration (legal limit 1 working day), received in March 2022 (7 March is a Monday).</summary>
    internal static Dictionary<string, string> March(string code, string received, string due, string finished, string status = "finished") =>
        With(Row(code), ("received_at", received), ("due_at", due), ("finished_at", finished), ("returned_at", ""), ("status", status),
            ("channel", "direct"), ("digitised", "false"), ("e_result", "false"), ("synced_national", "false"), ("updated_at", "2022-04-05T10:00:00+07:00"));

    /// <summary>The hand cases of docs/scoring.md.</summary>
    internal static List<Dictionary<string, string>> HandCases() =>
    [
        // finished exactly at its due time: on time; online, fee paid online, digitised with an e-result, synced, data re-used
        With(March("HS-A", "2022-03-07T09:00:00+07:00", "2022-03-08T09:00:00+07:00", "2022-03-08T09:00:00+07:00"),
            ("channel", "online"), ("fee_required", "true"), ("paid_online", "true"), ("digitised", "true"), ("e_result", "true"), ("synced_national", "true"), ("reused_data", "true")),
        // two days past due, after one supplement request that took the citizen 3 days: on time
        With(March("HS-B", "2022-03-07T09:00:00+07:00", "2022-03-09T09:00:00+07:00", "2022-03-11T09:00:00+07:00"),
            ("channel", "online"), ("supplement_requests", "1"), ("supplement_days", "3"), ("digitised", "true"), ("e_result", "true"), ("synced_national", "true")),
        // before its due time, but more papers were asked for twice: late
        With(March("HS-C", "2022-03-07T09:00:00+07:00", "2022-03-09T09:00:00+07:00", "2022-03-08T09:00:00+07:00"),
            ("supplement_requests", "2"), ("supplement_days", "1"), ("digitised", "true"), ("synced_national", "true")),
        // an hour past due: late; a fee not paid online
        With(March("HS-D", "2022-03-07T09:00:00+07:00", "2022-03-08T09:00:00+07:00", "2022-03-08T10:00:00+07:00"), ("fee_required", "true")),
        // refused in time: counted, on time
        March("HS-E", "2022-03-07T09:00:00+07:00", "2022-03-08T09:00:00+07:00", "2022-03-08T08:00:00+07:00", "refused"),
        // withdrawn by the citizen: received, but never among the ended
        March("HS-F", "2022-03-07T09:00:00+07:00", "2022-03-08T09:00:00+07:00", "2022-03-08T08:00:00+07:00", "withdrawn"),
        // received 30 March, ended 08:00 on 1 April in Hanoi (still 31 March in UTC): April's ended
        With(March("HS-G", "2022-03-30T09:00:00+07:00", "2022-04-01T09:00:00+07:00", "2022-04-01T08:00:00+07:00"), ("channel", "online")),
        // no due time: the legal limit of 1 working day, counted after Friday 11 March: Monday 14 is on time, Tuesday 15 late
        March("HS-H", "2022-03-11T09:00:00+07:00", "", "2022-03-14T15:00:00+07:00"),
        March("HS-I", "2022-03-11T09:00:00+07:00", "", "2022-03-15T15:00:00+07:00"),
    ];

    private const string FiguresSql = """
        SELECT i.code, to_char(m.period, 'YYYY-MM'), m.numerator::int, m.denominator::int, m.revision, m.source
        FROM measurements m JOIN indicators i ON i.id = m.indicator_id JOIN unit_versions v ON v.unit_id = m.unit_id
        WHERE m.is_current AND v.code = '{0}' ORDER BY 2, 1
        """;

    [Fact]
    public async Task The_hand_cases_give_the_figures_worked_out_in_the_scoring_document()
    {
        var cs = await CreateAsync(postgres);

        var result = await ImportAsync(cs, Csv(HandCases()));

        // March, received: A…I (9), online A B G, re-used A, with a fee A D of which A paid online.
        // March, ended (withdrawn F out, G ended in April): A B C D E H I (7); on time A B E H; digitised with an e-result A B; synced A B C.
        // April: G ended on time, neither digitised nor synced; nothing received, so no figure over received dossiers.
        (await ReadAsync(cs, string.Format(CultureInfo.InvariantCulture, FiguresSql, "00001"))).Should().Equal(
            "DATA_REUSE|2022-03|1|9|1|dossiers",
            "DIGITISED_RECORDS|2022-03|2|7|1|dossiers",
            "DVCQG_SYNC|2022-03|3|7|1|dossiers",
            "ONLINE_DOSSIER|2022-03|3|9|1|dossiers",
            "ONLINE_PAYMENT_TX|2022-03|1|2|1|dossiers",
            "ONTIME|2022-03|4|7|1|dossiers",
            "DIGITISED_RECORDS|2022-04|0|1|1|dossiers",
            "DVCQG_SYNC|2022-04|0|1|1|dossiers",
            "ONTIME|2022-04|1|1|1|dossiers");
        result.Figures.Should().Be(new DossierFiguresResult(9, 0, 2));
        (await ReadAsync(cs, "SELECT DISTINCT import_batch_id = " + result.BatchId + ", recorded_by FROM measurements")).Should().Equal("True|staff@hanoi");
        (await ReadAsync(cs, "SELECT details::jsonb ->> 'figuresWritten' FROM audit_log WHERE action = 'dossiers.import'")).Should().Equal("9");
    }

    [Fact]
    public async Task A_later_record_moves_the_figure_by_a_new_revision_and_the_earlier_revision_stays_readable()
    {
        var cs = await CreateAsync(postgres);
        await ImportAsync(cs, Csv(HandCases()), "a.csv");

        // HS-D is corrected at the source: it ended at 08:00, before its due time.
        var corrected = With(March("HS-D", "2022-03-07T09:00:00+07:00", "2022-03-08T09:00:00+07:00", "2022-03-08T08:00:00+07:00"),
            ("fee_required", "true"), ("updated_at", "2022-04-06T10:00:00+07:00"));
        var result = await ImportAsync(cs, Csv([corrected]), "b.csv");

        result.Figures.Written.Should().Be(1);
        (await ReadAsync(cs, """
            SELECT m.revision, m.numerator::int, m.denominator::int, m.is_current FROM measurements m JOIN indicators i ON i.id = m.indicator_id
            WHERE i.code = 'ONTIME' AND m.period = '2022-03-01' ORDER BY m.revision
            """)).Should().Equal("1|4|7|False", "2|5|7|True");
    }

    [Fact]
    public async Task A_dossier_moved_to_another_unit_leaves_its_old_unit_month_recounted()
    {
        var cs = await CreateAsync(postgres);
        var atPhucXa = March("HS-M", "2022-03-07T09:00:00+07:00", "2022-03-08T09:00:00+07:00", "2022-03-08T08:00:00+07:00");
        await ImportAsync(cs, Csv([atPhucXa]), "a.csv");
        (await ReadAsync(cs, string.Format(CultureInfo.InvariantCulture, FiguresSql, "00001"))).Should().HaveCount(5);

        var moved = With(March("HS-M", "2022-03-07T09:00:00+07:00", "2022-03-08T09:00:00+07:00", "2022-03-08T08:00:00+07:00"),
            ("unit_code", "00004"), ("updated_at", "2022-04-06T10:00:00+07:00"));
        var result = await ImportAsync(cs, Csv([moved]), "b.csv");

        // 00001 has no dossier left in March: its six figures are withdrawn (no fee anywhere: five at 00004).
        result.Figures.Should().Be(new DossierFiguresResult(5, 5, 2));
        (await ReadAsync(cs, string.Format(CultureInfo.InvariantCulture, FiguresSql, "00001"))).Should().BeEmpty();
        (await ReadAsync(cs, string.Format(CultureInfo.InvariantCulture, FiguresSql, "00004"))).Should().Equal(
            "DATA_REUSE|2022-03|0|1|1|dossiers", "DIGITISED_RECORDS|2022-03|0|1|1|dossiers", "DVCQG_SYNC|2022-03|0|1|1|dossiers",
            "ONLINE_DOSSIER|2022-03|0|1|1|dossiers", "ONTIME|2022-03|1|1|1|dossiers");
        (await CountAsync(cs, "SELECT count(*) FROM dossier_month_counts c JOIN unit_versions v ON v.unit_id = c.unit_id WHERE v.code = '00001'")).Should().Be(0);
    }

    [Fact]
    public async Task A_recount_after_a_legal_limit_changed_moves_only_the_figures_it_changes_and_is_audited()
    {
        var cs = await CreateAsync(postgres);
        await ImportAsync(cs, Csv(HandCases()));
        await using (var db = PostgresServer.CreateContext(cs))
            (await DossierFigures.RefreshMonthsAsync(db, new DateOnly(2022, 3, 1), new DateOnly(2022, 4, 1), "office@hanoi", Now))
                .Should().Be(new DossierFiguresResult(0, 0, 2));

        // Two working days for a birth registration: HS-I (Friday 11 to Tuesday 15 March) is on time.
        await CountAsync(cs, "WITH u AS (UPDATE procedures SET legal_days = 2 WHERE code = '1.001193' RETURNING 1) SELECT count(*) FROM u");
        await using (var db = PostgresServer.CreateContext(cs))
            (await DossierFigures.RefreshMonthsAsync(db, new DateOnly(2022, 3, 1), new DateOnly(2022, 3, 1), "office@hanoi", Now))
                .Should().Be(new DossierFiguresResult(1, 0, 1));

        (await ReadAsync(cs, string.Format(CultureInfo.InvariantCulture, FiguresSql, "00001"))).Should().Contain("ONTIME|2022-03|5|7|2|dossiers");
        (await ReadAsync(cs, "SELECT actor, entity_key FROM audit_log WHERE action = 'dossiers.recount'")).Should().Equal("office@hanoi|2022-03..2022-03");
    }

    [Fact]
    public async Task A_holiday_written_after_a_recount_flips_the_figure_at_the_next_recount()
    {
        var cs = await CreateAsync(postgres);
        await ImportAsync(cs, Csv(HandCases()));
        await using (var db = PostgresServer.CreateContext(cs))
            (await DossierFigures.RefreshMonthsAsync(db, new DateOnly(2022, 3, 1), new DateOnly(2022, 4, 1), "office@hanoi", Now))
                .Should().Be(new DossierFiguresResult(0, 0, 2));
        // Both months' ended dossiers were evaluated in full, under the rules as they are.
        (await ReadAsync(cs, "SELECT to_char(month, 'YYYY-MM'), rules_digest = dossier_rules_digest() FROM dossier_rule_answers ORDER BY 1"))
            .Should().Equal("2022-03|True", "2022-04|True");
        (await ReadAsync(cs, "SELECT on_time, days_late FROM dossiers WHERE dossier_code = 'HS-I'")).Should().Equal("False|1");

        // Monday 14 March made a holiday by hand (not through the holiday import, which recounts itself): HS-I (Friday
        // 11 to Tuesday 15 March, 1 working day allowed) now counts only Tuesday, so it is on time: 5 of 7.
        await CountAsync(cs, """
            WITH i AS (INSERT INTO calendar_exceptions (day, kind, name_vi, name_en) VALUES ('2022-03-14', 'holiday', 'Nghỉ bù', 'Day off in lieu') RETURNING 1)
            SELECT count(*) FROM i
            """);
        await using (var db = PostgresServer.CreateContext(cs))
            (await DossierFigures.RefreshMonthsAsync(db, new DateOnly(2022, 3, 1), new DateOnly(2022, 3, 1), "office@hanoi", Now))
                .Should().Be(new DossierFiguresResult(1, 0, 1));

        (await ReadAsync(cs, string.Format(CultureInfo.InvariantCulture, FiguresSql, "00001"))).Should().Contain("ONTIME|2022-03|5|7|2|dossiers");
        (await ReadAsync(cs, "SELECT on_time, days_late FROM dossiers WHERE dossier_code = 'HS-I'")).Should().Equal("True|");
        (await ReadAsync(cs, "SELECT to_char(month, 'YYYY-MM'), rules_digest = dossier_rules_digest() FROM dossier_rule_answers ORDER BY 1"))
            .Should().Equal("2022-03|True", "2022-04|False");
    }

    [Fact]
    public async Task The_rules_digest_moves_with_a_holiday_or_a_legal_limit_and_not_with_a_holiday_name()
    {
        var cs = await CreateAsync(postgres);
        var digests = new List<string>();
        async Task Digest(string change)
        {
            if (change.Length > 0) await CountAsync(cs, $"WITH c AS ({change} RETURNING 1) SELECT count(*) FROM c");
            digests.Add((await ReadAsync(cs, "SELECT dossier_rules_digest()")).Single());
        }

        await Digest("");
        await Digest("INSERT INTO calendar_exceptions (day, kind, name_vi, name_en) VALUES ('2022-03-14', 'holiday', 'Nghỉ bù', 'Day off in lieu')");
        await Digest("UPDATE calendar_exceptions SET name_en = 'Another name' WHERE day = '2022-03-14'");
        await Digest("UPDATE procedures SET legal_days = legal_days + 1 WHERE code = '1.001193'");
        await Digest("UPDATE procedures SET legal_days = legal_days - 1 WHERE code = '1.001193'");
        await Digest("DELETE FROM calendar_exceptions WHERE day = '2022-03-14'");

        digests[1].Should().NotBe(digests[0]);
        digests[2].Should().Be(digests[1], "a name is not read by the rules");
        digests[3].Should().NotBe(digests[2]);
        digests[4].Should().Be(digests[2], "the same rules' data give the same digest");
        digests[5].Should().Be(digests[0]);
    }

    [Fact]
    public async Task Dossiers_stored_without_their_answers_in_a_month_whose_digest_was_taken_away_are_evaluated_by_the_recount()
    {
        var cs = await CreateAsync(postgres);
        await ImportAsync(cs, Csv(HandCases()));
        await using (var db = PostgresServer.CreateContext(cs))
            await DossierFigures.RefreshMonthsAsync(db, new DateOnly(2022, 3, 1), new DateOnly(2022, 3, 1), "office@hanoi", Now);

        // As a bulk load does (the full-size seed's COPY): the answers left out, the month's digest taken away.
        await CountAsync(cs, "WITH u AS (UPDATE dossiers SET on_time = NULL, days_late = NULL RETURNING 1) SELECT count(*) FROM u");
        await CountAsync(cs, "WITH d AS (DELETE FROM dossier_rule_answers RETURNING 1) SELECT count(*) FROM d");
        await using (var db = PostgresServer.CreateContext(cs))
            (await DossierFigures.RefreshMonthsAsync(db, new DateOnly(2022, 3, 1), new DateOnly(2022, 3, 1), "office@hanoi", Now))
                .Should().Be(new DossierFiguresResult(0, 0, 1));

        // March's ended dossiers answered again (on time A B E H; C D I late, I by one working day, C and D by none);
        // April's HS-G keeps no answer until April is recounted.
        (await ReadAsync(cs, "SELECT dossier_code, on_time, days_late FROM dossiers WHERE status <> 'withdrawn' ORDER BY 1")).Should().Equal(
            "HS-A|True|", "HS-B|True|", "HS-C|False|0", "HS-D|False|0", "HS-E|True|", "HS-G||", "HS-H|True|", "HS-I|False|1");
        (await ReadAsync(cs, string.Format(CultureInfo.InvariantCulture, FiguresSql, "00001"))).Should().Contain("ONTIME|2022-03|4|7|1|dossiers");
    }

    private static byte[] MonthlyFile(params string[] rows) =>
        Encoding.UTF8.GetBytes(string.Join("\n", ["unit_code,indicator_code,period,numerator,denominator,value", .. rows]) + "\n");

    [Fact]
    public async Task A_typed_figure_of_a_unit_month_that_has_dossiers_is_refused_by_its_row_and_others_go_in()
    {
        var cs = await CreateAsync(postgres);
        // A typed ONTIME for March before any dossier: the dossiers replace it with a revision of their own.
        await using (var db = PostgresServer.CreateContext(cs))
        {
            var before = await ImportPreview.CreateAsync(db, "thang3.csv", MonthlyFile("00001,ONTIME,2022-03,90,100,"), new DateOnly(2022, 4, 10), new ImportOptions());
            before.IsValid.Should().BeTrue();
            await ImportCommit.CommitAsync(db, before, "office@hanoi", Now);
        }
        await ImportAsync(cs, Csv(HandCases()));
        (await ReadAsync(cs, """
            SELECT m.revision, m.numerator::int, m.denominator::int, m.source, m.is_current FROM measurements m JOIN indicators i ON i.id = m.indicator_id
            WHERE i.code = 'ONTIME' AND m.period = '2022-03-01' ORDER BY m.revision
            """)).Should().Equal("1|90|100|thang3.csv|False", "2|4|7|dossiers|True");

        await using (var db = PostgresServer.CreateContext(cs))
        {
            var file = MonthlyFile("00001,LEADERS_BRIEFED,2022-03,1,2,", "00001,ONTIME,2022-03,95,100,", "00001,ONTIME,2022-05,95,100,", "00004,ONTIME,2022-03,95,100,");
            var preview = await ImportPreview.CreateAsync(db, "thang3b.csv", file, new DateOnly(2022, 6, 10), new ImportOptions());

            preview.Errors.Select(e => e.ToString()).Should().HaveCount(1);
            preview.Errors.Where(e => e.Column == "indicator_code" && e.Value == "ONTIME").Should().ContainSingle().Which.Should().BeEquivalentTo(new
            {
                Row = 3,
                MessageVi = "ONTIME của đơn vị 00001 tháng 03/2022 được tính từ hồ sơ TTHC (đơn vị đã có hồ sơ của tháng này): không nhận số liệu nhập tay; hãy sửa hồ sơ ở hệ thống một cửa rồi nhập lại tệp hồ sơ.",
                MessageEn = "ONTIME of unit 00001 for 2022-03 is counted from dossier records (the unit has dossiers for that month): a typed figure is not accepted; correct the dossiers in the one-stop system and import the dossier file again.",
            });
        }
        await using (var db = PostgresServer.CreateContext(cs))
        {
            var others = await ImportPreview.CreateAsync(db, "thang5.csv", MonthlyFile("00001,ONTIME,2022-05,95,100,", "00004,ONTIME,2022-03,95,100,"),
                new DateOnly(2022, 6, 10), new ImportOptions());
            others.IsValid.Should().BeTrue();
            (await ImportCommit.CommitAsync(db, others, "office@hanoi", Now)).New.Should().Be(2);
        }
    }

    [Fact]
    public async Task A_typed_figure_previewed_before_the_dossiers_arrived_is_refused_at_its_commit()
    {
        var cs = await CreateAsync(postgres);
        await using var db = PostgresServer.CreateContext(cs);
        var preview = await ImportPreview.CreateAsync(db, "thang3.csv", MonthlyFile("00001,DVCQG_SYNC,2022-03,1,2,"), new DateOnly(2022, 4, 10), new ImportOptions());
        preview.IsValid.Should().BeTrue();

        // Dossiers of 00001 in April only: March has none, so the typed March figure is not theirs to refuse…
        await ImportAsync(cs, Csv([With(March("HS-APR", "2022-04-04T09:00:00+07:00", "2022-04-05T09:00:00+07:00", "2022-04-05T08:00:00+07:00"))]), "april.csv");
        // …but HS-X, received in March, makes March counted from dossiers.
        await ImportAsync(cs, Csv([March("HS-X", "2022-03-07T09:00:00+07:00", "2022-03-08T09:00:00+07:00", "2022-03-08T08:00:00+07:00")]), "march.csv");

        var refused = await FluentActions.Awaiting(() => ImportCommit.CommitAsync(db, preview, "office@hanoi", Now)).Should().ThrowAsync<ImportRefusedException>();
        refused.Which.MessageEn.Should().StartWith("row 2: DVCQG_SYNC of unit 00001 for 2022-03 is counted from dossier records").And.EndWith("Nothing imported.");
        (await CountAsync(cs, "SELECT count(*) FROM import_batches WHERE kind = 'import'")).Should().Be(0);
    }
}

/// <summary>
/// The derived numerators and denominators equal a plain count over random dossier sets, made here and counted here
/// by the rules as docs/scoring.md words them (an oracle written apart from the SQL).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DossierFiguresPropertyTests(PostgresServer postgres)
{
    private static readonly TimeSpan Hanoi = TimeSpan.FromHours(7);
    private static readonly string[] Units = ["00001", "00004", "00037"];
    private static readonly (string Code, string Field, int LegalDays)[] Procedures =
        [("1.001193", "HT", 1), ("1.000894", "HT", 1), ("2.000884", "CT", 1), ("2.001035", "CT", 2)];
    private static readonly string[] Statuses = ["received", "in_progress", "supplement_requested", "finished", "returned", "refused", "withdrawn"];

    internal sealed record Dossier(string Code, string Unit, (string Code, string Field, int LegalDays) Procedure, DateTimeOffset Received, DateTimeOffset? Due,
        DateTimeOffset? Finished, string Status, string Channel, int Requests, int SupplementDays, bool Fee, bool Paid, bool Digitised, bool EResult,
        bool Reused, bool Synced);

    internal static List<Dossier> Generate(int seed, int count)
    {
        var random = new Random(seed);
        var first = new DateTimeOffset(2022, 2, 1, 0, 0, 0, Hanoi);
        var list = new List<Dossier>();
        for (var i = 0; i < count; i++)
        {
            var received = first.AddMinutes(random.Next(0, 89 * 24 * 60)); // February through April
            var status = Statuses[random.Next(Statuses.Length)];
            var ended = status is "finished" or "returned" or "refused" or "withdrawn";
            var fee = random.Next(3) == 0;
            list.Add(new Dossier($"P{seed}-{i:D5}", Units[random.Next(Units.Length)], Procedures[random.Next(Procedures.Length)], received,
                random.Next(5) == 0 ? null : received.AddHours(random.Next(1, 150)),
                ended ? received.AddMinutes(random.Next(0, 12 * 24 * 60)) : null, status, random.Next(2) == 0 ? "online" : random.Next(2) == 0 ? "direct" : "postal",
                random.Next(4) == 0 ? random.Next(1, 4) : 0, random.Next(0, 6), fee, fee && random.Next(2) == 0, random.Next(2) == 0, random.Next(2) == 0,
                random.Next(2) == 0, random.Next(2) == 0));
        }
        return list;
    }

    private static string Time(DateTimeOffset t) => t.ToOffset(Hanoi).ToString("yyyy-MM-dd'T'HH:mm:ss'+07:00'", CultureInfo.InvariantCulture);
    private static string Flag(bool b) => b ? "true" : "false";

    internal static Dictionary<string, string> Cells(Dossier d) => new()
    {
        ["dossier_code"] = d.Code, ["procedure_code"] = d.Procedure.Code, ["field_code"] = d.Procedure.Field, ["unit_code"] = d.Unit,
        ["received_at"] = Time(d.Received), ["due_at"] = d.Due is { } due ? Time(due) : "", ["finished_at"] = d.Finished is { } f ? Time(f) : "",
        ["returned_at"] = d.Status == "returned" && d.Finished is { } r ? Time(r.AddHours(1)) : "", ["status"] = d.Status, ["channel"] = d.Channel,
        ["supplement_requests"] = d.Requests.ToString(CultureInfo.InvariantCulture), ["supplement_days"] = d.SupplementDays.ToString(CultureInfo.InvariantCulture),
        ["fee_required"] = Flag(d.Fee), ["paid_online"] = Flag(d.Paid), ["digitised"] = Flag(d.Digitised), ["e_result"] = Flag(d.EResult),
        ["reused_data"] = Flag(d.Reused), ["synced_national"] = Flag(d.Synced), ["updated_at"] = Time((d.Finished ?? d.Received).AddHours(2)),
    };

    private static string MonthOf(DateTimeOffset t) => t.ToOffset(Hanoi).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The seeded holidays (the span Feb–May 2022 crosses Tết, Hùng Kings' Day in lieu and 2–3 May), as days off.</summary>
    private static readonly HashSet<DateOnly> DaysOff = [.. HolidayFile.ReadFolder(RepositoryPaths.SeedData)
        .Where(h => h.Kind == Domain.Periods.CalendarDayKind.Holiday).Select(h => h.Day)];

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/>, weekends and holidays off.</summary>
    private static int WorkingDays(DateOnly from, DateOnly to)
    {
        var n = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !DaysOff.Contains(d)) n++;
        return n;
    }

    private static bool OnTime(Dossier d)
    {
        if (d.Requests > 1) return false;
        var finished = d.Finished!.Value.AddDays(-d.SupplementDays);
        return d.Due is { } due
            ? finished <= due
            : WorkingDays(DateOnly.FromDateTime(d.Received.ToOffset(Hanoi).DateTime), DateOnly.FromDateTime(finished.ToOffset(Hanoi).DateTime)) <= d.Procedure.LegalDays;
    }

    /// <summary>"indicator|unit|yyyy-MM|numerator|denominator" for every figure with a denominator above zero.</summary>
    private static List<string> Count(List<Dossier> dossiers)
    {
        var figures = new List<string>();
        void Add(string indicator, IEnumerable<Dossier> set, Func<Dossier, string> monthOf, Func<Dossier, bool> numerator)
        {
            foreach (var g in set.GroupBy(d => (d.Unit, Month: monthOf(d))))
                figures.Add($"{indicator}|{g.Key.Unit}|{g.Key.Month}|{g.Count(numerator)}|{g.Count()}");
        }
        var ended = dossiers.Where(d => d.Status is "finished" or "returned" or "refused").ToList();
        Add("ONTIME", ended, d => MonthOf(d.Finished!.Value), OnTime);
        Add("ONLINE_DOSSIER", dossiers, d => MonthOf(d.Received), d => d.Channel == "online");
        Add("DATA_REUSE", dossiers, d => MonthOf(d.Received), d => d.Reused);
        Add("ONLINE_PAYMENT_TX", dossiers.Where(d => d.Fee), d => MonthOf(d.Received), d => d.Paid);
        Add("DIGITISED_RECORDS", ended, d => MonthOf(d.Finished!.Value), d => d.Digitised && d.EResult);
        Add("DVCQG_SYNC", ended, d => MonthOf(d.Finished!.Value), d => d.Synced);
        return [.. figures.Order(StringComparer.Ordinal)];
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task The_derived_figures_equal_a_plain_count_of_a_random_set_imported_in_two_files(int seed)
    {
        var cs = await DossierDatabase.CreateAsync(postgres);
        var dossiers = Generate(seed, 600);
        // Two files, the second re-sending a third of the first's dossiers with later records (moved units, other statuses).
        var random = new Random(seed * 31);
        var later = Generate(seed + 100, 200).Select((d, i) => d with { Code = dossiers[i * 3].Code }).ToList();
        var laterCells = later.Select(d =>
        {
            var cells = Cells(d);
            cells["updated_at"] = Time(new DateTimeOffset(2022, 12, 31, 0, 0, 0, Hanoi).AddMinutes(random.Next(1000)));
            return cells;
        });
        await DossierDatabase.ImportAsync(cs, DossierDatabase.Csv(dossiers.Select(Cells)), "first.csv");
        await DossierDatabase.ImportAsync(cs, DossierDatabase.Csv(laterCells), "second.csv");
        var current = dossiers.Select(d => later.FirstOrDefault(l => l.Code == d.Code) ?? d).ToList();

        var derived = await DossierDatabase.ReadAsync(cs, """
            SELECT i.code || '|' || v.code || '|' || to_char(m.period, 'YYYY-MM') || '|' || m.numerator::int || '|' || m.denominator::int
            FROM measurements m JOIN indicators i ON i.id = m.indicator_id JOIN unit_versions v ON v.unit_id = m.unit_id
            WHERE m.is_current AND m.source = 'dossiers'
            """);

        derived.Order(StringComparer.Ordinal).Should().Equal(Count(current));
        (await DossierDatabase.CountAsync(cs, "SELECT count(*) FROM measurements WHERE is_current AND source <> 'dossiers'")).Should().Be(0);

        // The counts kept on arrival (added and taken off record by record) are what a recount from the records finds,
        // and the codes' table names each current record.
        const string counts = "SELECT unit_id || '|' || month || '|' || received || '|' || received_online || '|' || received_reused || '|' || received_with_fee || '|' || received_paid_online || '|' || ended || '|' || ended_on_time || '|' || ended_digitised || '|' || ended_synced FROM dossier_month_counts ORDER BY 1";
        var kept = await DossierDatabase.ReadAsync(cs, counts);
        // Where each month's ended dossiers were received from, read from the records: a lower bound on arrival (a
        // replaced record may leave it earlier), exact once recounted.
        const string bounds = """
            SELECT count(*) FILTER (WHERE c.ended_received_from IS NULL OR c.ended_received_from > e.received_from),
                   count(*) FILTER (WHERE c.ended_received_from IS DISTINCT FROM e.received_from), count(*)
            FROM dossier_month_counts c
            RIGHT JOIN (SELECT unit_id, date_trunc('month', finished_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS month,
                               date_trunc('month', min(received_at) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS received_from
                        FROM dossiers WHERE status IN ('finished', 'returned', 'refused') GROUP BY 1, 2) e
                ON e.unit_id = c.unit_id AND e.month = c.month
            """;
        // The on-time answer stored with each ended record is the rule's (an ended record always has one, an open one none).
        (await DossierDatabase.CountAsync(cs, """
            SELECT count(*) FROM dossiers d JOIN procedures p ON p.code = d.procedure_code
            WHERE d.on_time IS DISTINCT FROM CASE WHEN d.status IN ('finished', 'returned', 'refused') THEN
                dossier_on_time(d.received_at, d.due_at, d.finished_at, d.supplement_requests, d.supplement_days, p.legal_days) END
            """)).Should().Be(0);
        var keptBounds = await DossierDatabase.ReadRowAsync(cs, bounds);
        keptBounds[0].Should().Be(0);
        keptBounds[2].Should().BeGreaterThan(10);
        await using (var db = PostgresServer.CreateContext(cs))
        {
            var recount = await DossierFigures.RefreshMonthsAsync(db, new DateOnly(2021, 1, 1), new DateOnly(2023, 12, 1), "test", DateTimeOffset.UtcNow);
            (recount.Written, recount.Withdrawn).Should().Be((0, 0));
        }
        (await DossierDatabase.ReadAsync(cs, counts)).Should().Equal(kept);
        (await DossierDatabase.ReadRowAsync(cs, bounds))[1].Should().Be(0);
        (await DossierDatabase.CountAsync(cs, """
            SELECT count(*) FROM dossier_codes c FULL JOIN dossiers d ON d.dossier_code = c.dossier_code AND d.received_at = c.received_at AND d.updated_at = c.updated_at
            WHERE c.dossier_code IS NULL OR d.dossier_code IS NULL
            """)).Should().Be(0);
        (await DossierDatabase.CountAsync(cs, "SELECT count(*) FROM dossier_codes")).Should().Be(dossiers.Count);
    }
}
