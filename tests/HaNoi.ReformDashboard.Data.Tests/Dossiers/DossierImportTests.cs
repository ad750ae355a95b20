using HaNoi.ReformDashboard.Data.Dossiers;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Testing;
using static HaNoi.ReformDashboard.Data.Tests.Dossiers.DossierDatabase;

namespace HaNoi.ReformDashboard.Data.Tests.Dossiers;

[Collection(PostgresCollection.Name)]
public sealed class DossierImportTests(PostgresServer postgres)
{
    private static Dictionary<string, string> With(Dictionary<string, string> row, params (string Column, string Value)[] cells)
    {
        foreach (var (column, value) in cells) row[column] = value;
        return row;
    }

    [Fact]
    public async Task Rows_land_in_the_partition_of_their_Hanoi_month()
    {
        var cs = await CreateAsync(postgres);
        var rows = new[]
        {
            Row("HS-MAR"),
            // 05:00 in Hanoi on 1 April is still 31 March in UTC: April's partition. No offset written means Hanoi time.
            With(Row("HS-APR"), ("received_at", "2022-04-01T05:00:00"), ("due_at", "2022-04-04T05:00:00+07:00"), ("finished_at", "2022-04-01T15:00:00+07:00"),
                ("returned_at", "2022-04-01T16:00:00+07:00"), ("updated_at", "2022-04-01T16:00:00+07:00")),
            With(Row("HS-DEC"), ("received_at", "2022-12-31T23:59:00+07:00"), ("due_at", ""), ("finished_at", ""), ("returned_at", ""),
                ("status", "received"), ("updated_at", "2022-12-31T23:59:00+07:00")),
        };

        var result = await ImportAsync(cs, Csv(rows));

        result.Should().BeEquivalentTo(new { New = 3, Replaced = 0, Unchanged = 0, Late = 0 });
        (await ReadAsync(cs, "SELECT dossier_code, tableoid::regclass::text, to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') FROM dossiers ORDER BY 1"))
            .Should().Equal("HS-APR|dossiers_y2022m04|2022-03-31 22:00", "HS-DEC|dossiers_y2022m12|2022-12-31 16:59", "HS-MAR|dossiers_y2022m03|2022-03-07 02:30");
        (await CountAsync(cs, "SELECT count(*) FROM ONLY dossiers_default")).Should().Be(0);
        (await ReadAsync(cs, "SELECT kind, row_count, new_rows FROM import_batches")).Should().Equal("dossiers|3|3");
        (await ReadAsync(cs, "SELECT action, entity FROM audit_log WHERE action LIKE 'dossiers%'")).Should().Equal("dossiers.import|import_batch");
    }

    [Fact]
    public async Task A_month_without_a_partition_is_refused_by_its_name_and_nothing_goes_to_the_default_partition()
    {
        var cs = await CreateAsync(postgres);
        var may2023 = With(Row("HS-2023"), ("received_at", "2023-05-10T09:00:00+07:00"), ("due_at", "2023-05-11T09:00:00+07:00"),
            ("finished_at", "2023-05-11T08:00:00+07:00"), ("returned_at", "2023-05-11T09:00:00+07:00"), ("updated_at", "2023-05-11T09:00:00+07:00"));

        var check = await CheckAsync(cs, Csv([Row("HS-OK"), may2023]));

        check.IsValid.Should().BeFalse();
        check.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Column = "received_at",
            MessageVi = "tháng 05/2023 chưa có phân vùng hồ sơ (dossiers_y2023m05): không ghi vào phân vùng mặc định; hãy chạy 'reform dossiers partitions --through 2023-05' rồi nhập lại.",
            MessageEn = "the month 2023-05 has no dossier partition (dossiers_y2023m05): nothing is written to the default partition; run 'reform dossiers partitions --through 2023-05' and import again.",
        });
        await FluentActions.Awaiting(() => ImportAsync(cs, Csv([Row("HS-OK"), may2023]))).Should().ThrowAsync<Data.Import.ImportRefusedException>();
        (await CountAsync(cs, "SELECT count(*) FROM dossiers")).Should().Be(0);
        (await CountAsync(cs, "SELECT count(*) FROM import_batches WHERE kind = 'dossiers'")).Should().Be(0);

        await using (var connection = new Npgsql.NpgsqlConnection(cs))
        {
            await connection.OpenAsync();
            (await DossierPartitions.EnsureAsync(connection, new DateOnly(2023, 1, 1), new DateOnly(2023, 5, 1))).Should().HaveCount(5);
        }
        var imported = await ImportAsync(cs, Csv([Row("HS-OK"), may2023]));
        imported.New.Should().Be(2);
        (await ReadAsync(cs, "SELECT tableoid::regclass::text FROM dossiers WHERE dossier_code = 'HS-2023'")).Should().Equal("dossiers_y2023m05");
    }

    [Fact]
    public async Task A_later_record_replaces_the_earlier_a_late_older_one_never_overwrites_and_both_stay_readable()
    {
        var cs = await CreateAsync(postgres);
        var received = With(Row("HS-7"), ("finished_at", ""), ("returned_at", ""), ("status", "in_progress"), ("updated_at", "2022-03-07T10:00:00+07:00"));
        var supplement = With(Row("HS-7"), ("finished_at", ""), ("returned_at", ""), ("status", "supplement_requested"), ("supplement_requests", "1"),
            ("updated_at", "2022-03-07T15:00:00+07:00"));
        var returned = Row("HS-7"); // updated 2022-03-08 10:05

        var first = await ImportAsync(cs, Csv([received]), "a.csv");
        var second = await ImportAsync(cs, Csv([returned]), "b.csv");
        var late = await ImportAsync(cs, Csv([supplement]), "c.csv");
        var again = await ImportAsync(cs, Csv([returned]), "b.csv");

        (first.New, second.Replaced, late.Late, late.Replaced).Should().Be((1, 1, 1, 0));
        again.Should().BeEquivalentTo(new { BatchId = (long?)null, New = 0, Replaced = 0, Unchanged = 1, Late = 0 });
        (await ReadAsync(cs, "SELECT status, supplement_requests FROM dossiers WHERE dossier_code = 'HS-7'")).Should().Equal("returned|0");
        (await ReadAsync(cs, """
            SELECT h.status, h.arrived_late, b.file_name FROM dossier_history h JOIN import_batches b ON b.id = h.superseded_by_batch_id
            WHERE h.dossier_code = 'HS-7' ORDER BY h.updated_at
            """)).Should().Equal("in_progress|False|b.csv", "supplement_requested|True|c.csv");
        (await CountAsync(cs, "SELECT count(*) FROM import_batches WHERE kind = 'dossiers'")).Should().Be(3, "the same record again writes no batch");
    }

    [Theory]
    [InlineData("unit_code=ZZZ", "unit_code", "đơn vị 'ZZZ' không có trong danh mục đơn vị.", "unit 'ZZZ' is not in the unit catalogue.")]
    [InlineData("unit_code=00006;received_at=2022-07-05T09:00:00+07:00;due_at=;finished_at=;returned_at=;status=received;updated_at=2022-07-05T09:00:00+07:00",
        "unit_code", "đơn vị '00006' không có hiệu lực vào ngày tiếp nhận 05/07/2022.", "unit '00006' is not in force on the received date 2022-07-05.")]
    [InlineData("procedure_code=9.999999", "procedure_code", "thủ tục '9.999999' không có trong danh mục thủ tục.", "procedure '9.999999' is not in the procedure catalogue.")]
    [InlineData("field_code=DD", "field_code", "lĩnh vực 'DD' không phải lĩnh vực của thủ tục 1.001193 ('HT').", "field 'DD' is not the field of procedure 1.001193 ('HT').")]
    [InlineData("due_at=2022-03-07T09:00:00+07:00", "due_at", "hạn trả (2022-03-07T09:00:00+07:00) trước thời điểm tiếp nhận (2022-03-07T09:30:00+07:00).",
        "the due time (2022-03-07T09:00:00+07:00) is before the received time (2022-03-07T09:30:00+07:00).")]
    [InlineData("finished_at=2022-03-06T16:00:00+07:00;returned_at=", "finished_at",
        "thời điểm kết thúc xử lý (2022-03-06T16:00:00+07:00) trước thời điểm tiếp nhận (2022-03-07T09:30:00+07:00).",
        "the finished time (2022-03-06T16:00:00+07:00) is before the received time (2022-03-07T09:30:00+07:00).")]
    [InlineData("finished_at=2027-01-04T08:00:00+07:00;returned_at=", "finished_at", "thời điểm kết thúc xử lý (2027-01-04T08:00:00+07:00) ở tương lai.",
        "the finished time (2027-01-04T08:00:00+07:00) is in the future.")]
    [InlineData("status=done", "status", "trạng thái 'done' không hợp lệ (received, in_progress, supplement_requested, finished, returned, refused, withdrawn).",
        "'done' is not a status (received, in_progress, supplement_requested, finished, returned, refused, withdrawn).")]
    [InlineData("channel=fax", "channel", "kênh 'fax' không hợp lệ (direct, online, postal).", "'fax' is not a channel (direct, online, postal).")]
    [InlineData("status=finished;finished_at=;returned_at=", "finished_at", "trạng thái 'finished' cần thời điểm kết thúc xử lý.", "status 'finished' needs a finished time.")]
    [InlineData("paid_online=true", "paid_online", "thanh toán trực tuyến nhưng hồ sơ không thu phí (fee_required = false).", "paid online but the dossier has no fee (fee_required = false).")]
    [InlineData("supplement_days=-2", "supplement_days", "'-2' không phải số nguyên không âm.", "'-2' is not a non-negative whole number.")]
    [InlineData("received_at=07/03/2022 09:30", "received_at", "'07/03/2022 09:30' không phải thời điểm ISO 8601 (ví dụ 2022-12-05T09:30:00+07:00; không ghi múi giờ: giờ Hà Nội).",
        "'07/03/2022 09:30' is not an ISO 8601 time (e.g. 2022-12-05T09:30:00+07:00; without an offset: Hanoi time).")]
    [InlineData("digitised=yes", "digitised", "'yes' phải là true hoặc false.", "'yes' must be true or false.")]
    public async Task Each_bad_cell_is_named_by_row_and_column_in_both_languages_and_nothing_is_written(string cells, string column, string vi, string en)
    {
        var cs = await CreateAsync(postgres);
        var bad = With(Row("HS-BAD"), cells.Split(';').Select(c => (c[..c.IndexOf('=')], c[(c.IndexOf('=') + 1)..])).ToArray());

        var check = await CheckAsync(cs, Csv([Row("HS-OK"), bad]));

        check.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Row = 3, Column = column, MessageVi = vi, MessageEn = en });
        await FluentActions.Awaiting(() => ImportAsync(cs, Csv([Row("HS-OK"), bad]))).Should().ThrowAsync<Data.Import.ImportRefusedException>();
        (await CountAsync(cs, "SELECT count(*) FROM dossiers")).Should().Be(0);
        (await CountAsync(cs, "SELECT count(*) FROM import_batches WHERE kind = 'dossiers'")).Should().Be(0);
    }

    [Fact]
    public async Task A_dossier_code_twice_in_a_file_is_named_on_its_second_row()
    {
        var cs = await CreateAsync(postgres);

        var check = await CheckAsync(cs, Csv([Row("HS-1"), Row("HS-2"), Row("HS-1")]));

        check.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Row = 4, Column = "dossier_code", MessageVi = "mã hồ sơ 'HS-1' đã có ở dòng 2 của tệp.", MessageEn = "dossier code 'HS-1' already appears on row 2 of the file.",
        });
    }

    [Fact]
    public async Task A_file_with_a_column_outside_the_format_is_refused_whole()
    {
        var cs = await CreateAsync(postgres);
        var row = Row();
        row["applicant_name"] = "Nguyễn Văn An";

        var check = await CheckAsync(cs, Csv([row], Header + ",applicant_name"));

        check.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Row = 0, Column = "-" });
        check.Errors[0].MessageVi.Should().StartWith("tệp có cột ngoài định dạng hồ sơ: applicant_name — tệp bị từ chối; định dạng không có dữ liệu cá nhân");
        check.Errors[0].MessageEn.Should().StartWith("the file has columns outside the dossier format: applicant_name — the file is refused; the format holds no personal data");
    }

    [Fact]
    public async Task A_bad_last_row_of_a_generated_file_keeps_out_the_whole_file_and_the_corrected_file_goes_in_whole()
    {
        var cs = await CreateAsync(postgres);
        var procedures = ProcedureCatalogue.Read(RepositoryPaths.SeedData);
        var generated = DossierGenerator.Generate([new("00001", "commune"), new("001", "district"), new("STP", "department")], procedures, 2022, 100_000, seed: 7)
            .Select(r => DossierFile.Columns.Zip(r.Cells).ToDictionary(p => p.First, p => p.Second)).ToList();
        var badLast = With(Row("HS-LAST"), ("unit_code", "ZZZ"));

        var refused = await CheckAsync(cs, Csv([.. generated, badLast]));
        await FluentActions.Awaiting(() => ImportAsync(cs, Csv([.. generated, badLast]))).Should().ThrowAsync<Data.Import.ImportRefusedException>();
        var dossiersAfterRefusal = await CountAsync(cs, "SELECT count(*) FROM dossiers");
        (await CountAsync(cs, "SELECT count(*) FROM measurements")).Should().Be(0, "a refused file counts nothing");
        var result = await ImportAsync(cs, Csv([.. generated, Row("HS-LAST")]));

        refused.Errors.Should().ContainSingle().Which.Row.Should().Be(100_002);
        dossiersAfterRefusal.Should().Be(0);
        (await CountAsync(cs, "SELECT count(*) FROM audit_log WHERE action = 'dossiers.import'")).Should().Be(1);
        result.New.Should().Be(100_001);
        (await CountAsync(cs, "SELECT count(*) FROM dossiers")).Should().Be(100_001);
        (await CountAsync(cs, "SELECT count(DISTINCT tableoid) FROM dossiers")).Should().Be(12, "a hundred thousand dossiers over 2022 fill every month");
        // Three units, twelve months, six figures each (every month has dossiers received and ended, some with a fee).
        (await CountAsync(cs, "SELECT count(*) FROM measurements WHERE is_current AND source = 'dossiers' AND period < '2023-01-01'")).Should().Be(3 * 12 * 6);
    }

    [Fact]
    public async Task A_file_past_the_row_cap_is_refused_at_the_first_row_past_it()
    {
        var cs = await CreateAsync(postgres);

        var check = await CheckAsync(cs, Csv([Row("HS-1"), Row("HS-2"), Row("HS-3"), Row("HS-4")]), new DossierImportOptions { MaxRows = 3 });

        check.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Row = 0,
            MessageVi = "tệp có hơn 3 dòng hồ sơ (đến dòng 5), vượt giới hạn: hãy chia tệp.",
            MessageEn = "the file holds more than 3 dossier rows (up to row 5), over the limit: split the file.",
        });
    }

    [Fact]
    public async Task The_seed_loads_the_procedure_catalogue_and_the_demo_dossier_file_goes_in_whole()
    {
        var cs = await CreateAsync(postgres);
        var demo = await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.SeedData, "dossiers-2022.csv"));

        var result = await ImportAsync(cs, demo, "dossiers-2022.csv");

        (await ReadAsync(cs, "SELECT name_vi, field_code, level, legal_days FROM procedures WHERE code = '1.001193'")).Should().Equal("Đăng ký khai sinh|HT|commune|1");
        (await CountAsync(cs, "SELECT count(*) FROM procedures")).Should().Be(38);
        result.New.Should().Be(3_000);
        (await CountAsync(cs, "SELECT count(*) FROM dossiers WHERE dossier_code LIKE 'SYN-%' AND received_at >= '2022-01-01T00:00+07' AND received_at < '2023-01-01T00:00+07'")).Should().Be(3_000);
    }

    [Fact]
    public async Task A_record_past_the_size_cap_is_refused_with_its_row_and_reading_stops_when_cancelled()
    {
        var cs = await CreateAsync(postgres);
        var huge = With(Row("HS-2"), ("dossier_code", "\"" + new string('x', 20_000)));

        var check = await CheckAsync(cs, Csv([Row("HS-1"), huge]));
        await using var db = PostgresServer.CreateContext(cs);
        var cancelled = () => DossierImport.CheckAsync(db, "dossiers.csv", new MemoryStream(Csv([Row("HS-1")])), new DossierImportOptions(), Now, new CancellationToken(canceled: true));

        check.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Row = 0,
            MessageVi = "từ dòng 3 có một bản ghi dài hơn 16 KB (thường là dấu ngoặc kép không được đóng).",
            MessageEn = "from row 3 a record is longer than 16 KB (usually an unterminated quote).",
        });
        await cancelled.Should().ThrowAsync<OperationCanceledException>();
    }
}
