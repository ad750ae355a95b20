using System.Globalization;
using System.Text;
using HaNoi.ReformDashboard.Data.Dossiers;
using HaNoi.ReformDashboard.Data.Holidays;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Testing;
using static HaNoi.ReformDashboard.Data.Tests.Dossiers.DossierDatabase;

namespace HaNoi.ReformDashboard.Data.Tests.Holidays;

/// <summary>The holidays file's checks, the replacement of the years it names, and the recount of the figures it moves.</summary>
[Collection(PostgresCollection.Name)]
public sealed class HolidayImportTests(PostgresServer postgres)
{
    private static byte[] File(params string[] rows) => Encoding.UTF8.GetBytes(string.Join("\n", ["date,kind,name_vi,name_en", .. rows]) + "\n");

    /// <summary>The seeded 2022 rows, without those <paramref name="leaveOut"/> names.</summary>
    private static byte[] Year2022(params string[] leaveOut) => File([.. System.IO.File.ReadAllLines(Path.Combine(RepositoryPaths.SeedData, HolidayFile.FileName))
        .Where(l => l.StartsWith("2022-", StringComparison.Ordinal) && !leaveOut.Any(d => l.StartsWith(d, StringComparison.Ordinal)))]);

    [Fact]
    public void A_file_with_bad_rows_is_refused_with_each_row_named_and_no_day_kept()
    {
        var check = HolidayFile.Check("ngay-nghi.csv", File(
            "2023-01-02,holiday,Nghỉ bù Tết Dương lịch,New Year in lieu",
            "2023-02-30,holiday,Ngày sai,Bad date",
            "2023-03-06,leave,Nghỉ,Off",
            "2023-03-07,working,Làm bù,Worked",
            "2023-03-11,holiday,Nghỉ,Off",
            "2023-01-02,holiday,Lặp lại,Again",
            "2023-03-08,holiday,,Women's Day"));

        check.IsValid.Should().BeFalse();
        check.Days.Should().BeEmpty();
        check.Errors.Select(e => (e.Row, e.Column, e.MessageEn)).Should().Equal(
            (3, "date", "'2023-02-30' is not a date (YYYY-MM-DD)."),
            (4, "kind", "'leave' is not a kind (holiday, working)."),
            (5, "kind", "2023-03-07 is a Tuesday: only a Saturday or a Sunday can be a make-up working day."),
            (6, "kind", "2023-03-11 is a Saturday, already a day off: a holiday on a weekend is written as its day off in lieu."),
            (7, "date", "2023-01-02 is already on row 2."),
            (8, "name_vi", "the value is missing."));
        check.Errors[2].MessageVi.Should().Be("ngày 07/03/2023 là thứ Ba: chỉ thứ Bảy hoặc Chủ nhật mới là ngày làm bù.");
        check.Errors[4].ToString().Should().Be("ngay-nghi.csv, dòng 7, cột date: ngày 02/01/2023 đã có ở dòng 2. / ngay-nghi.csv, row 7, column date: 2023-01-02 is already on row 2.");
        HolidayFile.Check("x.csv", Encoding.UTF8.GetBytes("day,kind\n2023-01-02,holiday\n")).Errors.Single().MessageEn
            .Should().Be("the header must be \"date,kind,name_vi,name_en\" but is \"day,kind\".");
    }

    [Fact]
    public async Task An_import_replaces_the_years_it_names_keeps_the_others_and_is_audited()
    {
        var cs = await CreateAsync(postgres);
        var before = await CountAsync(cs, "SELECT count(*) FROM calendar_exceptions");

        await using (var db = PostgresServer.CreateContext(cs))
        {
            var check = HolidayFile.Check("2023.csv", File(
                "2023-01-02,holiday,Nghỉ bù Tết Dương lịch (01/01 là Chủ nhật),New Year's Day in lieu (1 Jan was a Sunday)",
                "2023-01-20,holiday,Tết Nguyên đán – sửa tên,Lunar New Year – renamed",
                "2023-01-28,working,Làm bù (thử),Make-up day (test)"));
            var result = await HolidayImport.CommitAsync(db, check, "office@hanoi", Now);

            result.Should().BeEquivalentTo(new { Years = new[] { 2023 }, Added = 1, Removed = 9, Renamed = 1, RecountFrom = (DateOnly?)null });
        }

        (await CountAsync(cs, "SELECT count(*) FROM calendar_exceptions")).Should().Be(before - 11 + 3);
        (await CountAsync(cs, "SELECT count(*) FROM calendar_exceptions WHERE day BETWEEN '2022-01-01' AND '2022-12-31'")).Should().Be(11, "2022 is not in the file");
        (await ReadAsync(cs, "SELECT actor, entity_key, details::jsonb ->> 'added', details::jsonb ->> 'removed' FROM audit_log WHERE action = 'holidays.import'"))
            .Should().Equal("office@hanoi|2023|1|9");
    }

    /// <summary>At the ward 00001, a birth registration (legal limit 1 working day) with no due time: received Friday 8 April 2022, ended Tuesday 12 April.</summary>
    private static Dictionary<string, string> AcrossHungKingsDay()
    {
        var row = Row("HS-GIOTO");
        foreach (var (column, value) in new[] { ("received_at", "2022-04-08T09:00:00+07:00"), ("due_at", ""), ("finished_at", "2022-04-12T15:00:00+07:00"),
                     ("returned_at", ""), ("status", "finished"), ("updated_at", "2022-04-13T10:00:00+07:00") })
            row[column] = value;
        return row;
    }

    private const string OnTimeSql = """
        SELECT m.revision || '|' || m.numerator::int || '/' || m.denominator::int FROM measurements m JOIN indicators i ON i.id = m.indicator_id
        WHERE i.code = 'ONTIME' AND m.period = '2022-04-01' ORDER BY m.revision
        """;

    [Fact]
    public async Task A_holiday_taken_out_flips_a_dossier_without_due_time_to_late_in_the_same_transaction_and_back()
    {
        var cs = await CreateAsync(postgres);
        await ImportAsync(cs, Csv([AcrossHungKingsDay()]));
        // Monday 11 April 2022 is Hùng Kings' Day in lieu: Tuesday 12 is the one working day counted, within the limit.
        (await ReadAsync(cs, OnTimeSql)).Should().Equal("1|1/1");

        HolidayImportResult result;
        await using (var db = PostgresServer.CreateContext(cs))
            result = await HolidayImport.CommitAsync(db, HolidayFile.Check("2022.csv", Year2022("2022-04-11")), "office@hanoi", Now);

        // Without it, Monday 11 and Tuesday 12 make two working days: late.
        result.RecountFrom.Should().Be(new DateOnly(2022, 4, 1));
        result.Figures.Written.Should().Be(1);
        result.Moved.Should().Equal(new MovedFigure("ONTIME", "00001", new DateOnly(2022, 4, 1), 1, 1, 0, 1));
        (await ReadAsync(cs, OnTimeSql)).Should().Equal("1|1/1", "2|0/1");
        // The answer stored with the dossier moved with it: its list shows it late.
        (await ReadAsync(cs, "SELECT on_time FROM dossiers")).Should().Equal("False");
        (await ReadAsync(cs, "SELECT details::jsonb ->> 'recountFrom', details::jsonb ->> 'figuresWritten' FROM audit_log WHERE action = 'holidays.import'"))
            .Should().Equal("2022-04|1");

        await using (var db = PostgresServer.CreateContext(cs))
            (await HolidayImport.CommitAsync(db, HolidayFile.Check("2022.csv", Year2022()), "office@hanoi", Now.AddMinutes(1))).Moved
                .Should().Equal(new MovedFigure("ONTIME", "00001", new DateOnly(2022, 4, 1), 0, 1, 1, 1));
        (await ReadAsync(cs, OnTimeSql)).Should().Equal("1|1/1", "2|0/1", "3|1/1");
        (await ReadAsync(cs, "SELECT on_time FROM dossiers")).Should().Equal("True");
    }

    [Fact]
    public async Task A_rename_alone_recounts_nothing_and_an_invalid_check_writes_nothing()
    {
        var cs = await CreateAsync(postgres);
        await ImportAsync(cs, Csv([AcrossHungKingsDay()]));
        var renamed = Encoding.UTF8.GetString(Year2022()).Replace("Nghỉ bù Giỗ Tổ Hùng Vương", "Giỗ Tổ Hùng Vương (nghỉ bù)", StringComparison.Ordinal);

        await using var db = PostgresServer.CreateContext(cs);
        var result = await HolidayImport.CommitAsync(db, HolidayFile.Check("2022.csv", Encoding.UTF8.GetBytes(renamed)), "office@hanoi", Now);
        await FluentActions.Awaiting(() => HolidayImport.CommitAsync(db, HolidayFile.Check("bad.csv", File("2022-04-09,holiday,x,x")), "office@hanoi", Now))
            .Should().ThrowAsync<InvalidOperationException>();

        (result.Renamed, result.RecountFrom, result.Figures).Should().Be((1, (DateOnly?)null, new DossierFiguresResult(0, 0, 0)));
        (await ReadAsync(cs, OnTimeSql)).Should().Equal("1|1/1");
        (await CountAsync(cs, "SELECT count(*) FROM audit_log WHERE action = 'holidays.import'")).Should().Be(1);
        (await ReadAsync(cs, "SELECT name_vi FROM calendar_exceptions WHERE day = '2022-04-11'")).Should().Equal("Giỗ Tổ Hùng Vương (nghỉ bù) (10/4 là Chủ nhật)");
    }
}
