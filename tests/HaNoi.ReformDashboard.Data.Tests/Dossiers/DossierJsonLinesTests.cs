using System.Text;
using HaNoi.ReformDashboard.Data.Dossiers;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Testing;
using static HaNoi.ReformDashboard.Data.Tests.Dossiers.DossierDatabase;

namespace HaNoi.ReformDashboard.Data.Tests.Dossiers;

[Collection(PostgresCollection.Name)]
public sealed class DossierJsonLinesTests(PostgresServer postgres)
{
    private static byte[] JsonLines(IEnumerable<Dictionary<string, string>> rows)
    {
        var output = new MemoryStream();
        DossierJsonLines.Write(output, rows.Select(r => new DossierFileRow(DossierFile.Columns.Select(c => r[c]).ToArray())));
        return output.ToArray();
    }

    private static byte[] Lines(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");

    private static string Line(Dictionary<string, string> row) => Encoding.UTF8.GetString(JsonLines([row])).TrimEnd('\n');

    [Fact]
    public async Task A_good_file_with_strings_numbers_booleans_and_nulls_goes_in_and_a_bad_cell_is_named_by_its_line()
    {
        var cs = await CreateAsync(postgres);
        var open = Row("HS-OPEN");
        (open["finished_at"], open["returned_at"], open["status"], open["supplement_requests"], open["supplement_days"]) = ("", "", "supplement_requested", "1", "3");
        var good = JsonLines([Row("HS-1"), open]);
        var text = Encoding.UTF8.GetString(good);
        var bad = Row("HS-BAD");
        bad["unit_code"] = "ZZZ";

        var result = await ImportAsync(cs, good, "dossiers.jsonl");
        // A blank line still counts: the third object is on line 4.
        var check = await CheckAsync(cs, Lines(Line(Row("HS-2")), Line(Row("HS-3")), "", Line(bad)), name: "more.ndjson");

        text.Should().Contain("\"supplement_requests\":1,").And.Contain("\"finished_at\":null").And.Contain("\"digitised\":true");
        result.Should().BeEquivalentTo(new { New = 2, Replaced = 0, Unchanged = 0, Late = 0 });
        (await ReadAsync(cs, "SELECT dossier_code, status, supplement_requests, supplement_days, finished_at IS NULL FROM dossiers ORDER BY 1"))
            .Should().Equal("HS-1|returned|0|0|False", "HS-OPEN|supplement_requested|1|3|True");
        check.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Row = 4, Column = "unit_code", MessageVi = "đơn vị 'ZZZ' không có trong danh mục đơn vị.", MessageEn = "unit 'ZZZ' is not in the unit catalogue.",
        });
    }

    [Fact]
    public async Task A_key_outside_the_format_refuses_the_file_whole()
    {
        var cs = await CreateAsync(postgres);
        var withName = Line(Row("HS-2")).TrimEnd('}') + ",\"applicant_name\":\"Nguyễn Văn An\"}";

        var check = await CheckAsync(cs, Lines(Line(Row("HS-1")), withName), name: "dossiers.jsonl");

        check.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Row = 0, Column = "-" });
        check.Errors[0].MessageVi.Should().StartWith("dòng 2 có khóa ngoài định dạng hồ sơ: applicant_name — tệp bị từ chối; định dạng không có dữ liệu cá nhân");
        check.Errors[0].MessageEn.Should().StartWith("line 2 has a key outside the dossier format: applicant_name — the file is refused; the format holds no personal data");
        (await CountAsync(cs, "SELECT count(*) FROM dossiers")).Should().Be(0);
    }

    [Fact]
    public async Task A_missing_key_refuses_the_file_whole()
    {
        var cs = await CreateAsync(postgres);
        var row = Row("HS-2");
        var withoutDue = "{" + string.Join(',', DossierFile.Columns.Where(c => c != "due_at").Select(c => $"\"{c}\":\"{row[c]}\"")) + "}";

        var check = await CheckAsync(cs, Lines(Line(Row("HS-1")), withoutDue), name: "dossiers.jsonl");

        check.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Row = 0, MessageVi = "dòng 2 thiếu khóa: due_at.", MessageEn = "line 2 lacks the keys due_at.",
        });
    }

    [Theory]
    // Cut short after its 24th byte, the trailing comma.
    [InlineData("{\"dossier_code\": \"HS-2\",", "dòng 3 không phải một đối tượng JSON (lỗi ở byte 24 của dòng).", "line 3 is not a JSON object (an error at byte 24 of the line).")]
    [InlineData("[\"HS-2\"]", "dòng 3 không phải một đối tượng JSON.", "line 3 is not a JSON object.")]
    [InlineData("dossier_code,unit_code", "dòng 3 không phải một đối tượng JSON (lỗi ở byte 1 của dòng).", "line 3 is not a JSON object (an error at byte 1 of the line).")]
    [InlineData("{\"dossier_code\": {\"nested\": 1}}", "dòng 3: giá trị của dossier_code phải là chuỗi, số, true/false hoặc null.",
        "line 3: the value of dossier_code must be a string, a number, true/false or null.")]
    public async Task A_line_that_is_not_a_dossier_object_is_named_by_its_number(string line, string vi, string en)
    {
        var cs = await CreateAsync(postgres);

        var check = await CheckAsync(cs, Lines(Line(Row("HS-1")), "", line, Line(Row("HS-3"))), name: "dossiers.jsonl");

        check.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Row = 0, MessageVi = vi, MessageEn = en });
    }

    [Fact]
    public async Task A_line_past_the_record_cap_is_refused_by_its_number_before_it_is_parsed()
    {
        var cs = await CreateAsync(postgres);
        var huge = Row("HS-2");
        huge["procedure_code"] = new string('x', DossierFile.MaxRecordBytes);

        var check = await CheckAsync(cs, JsonLines([Row("HS-1"), huge, Row("HS-3")]), name: "dossiers.jsonl");

        check.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Row = 0,
            MessageVi = "dòng 2 dài hơn 16 KB: mỗi dòng là một hồ sơ (khoảng 400 byte).",
            MessageEn = "line 2 is longer than 16 KB: each line is one dossier (about 400 bytes).",
        });
    }

    [Fact]
    public async Task Bytes_that_are_not_UTF8_and_a_file_past_the_row_cap_are_refused()
    {
        var cs = await CreateAsync(postgres);
        var latin1 = Encoding.Latin1.GetBytes(Line(Row("HS-2")).Replace("HS-2", "HS-é", StringComparison.Ordinal) + "\n");

        var notUtf8 = await CheckAsync(cs, [.. JsonLines([Row("HS-1")]), .. latin1], name: "dossiers.jsonl");
        var tooMany = await CheckAsync(cs, JsonLines([Row("HS-1"), Row("HS-2"), Row("HS-3")]), new DossierImportOptions { MaxRows = 2 }, "dossiers.jsonl");

        notUtf8.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new { MessageVi = "dòng 2: tệp không phải UTF-8.", MessageEn = "line 2: the file is not UTF-8." });
        tooMany.Errors.Should().ContainSingle().Which.MessageEn.Should().Be("the file holds more than 2 dossier rows (up to line 3), over the limit: split the file.");
    }

    [Fact]
    public async Task The_same_records_as_CSV_and_as_JSON_Lines_import_the_same()
    {
        var procedures = ProcedureCatalogue.Read(RepositoryPaths.SeedData);
        var rows = DossierGenerator.Generate([new("00001", "commune"), new("001", "district"), new("STP", "department")], procedures, 2022, 600, seed: 11)
            .Select(r => DossierFile.Columns.Zip(r.Cells).ToDictionary(p => p.First, p => p.Second)).ToList();
        var fromCsv = await CreateAsync(postgres);
        var fromJson = await CreateAsync(postgres);
        var jsonLines = JsonLines(rows);

        var csvResult = await ImportAsync(fromCsv, Csv(rows), "dossiers.csv");
        var jsonResult = await ImportAsync(fromJson, jsonLines, "dossiers.jsonl");

        jsonLines.Length.Should().BeGreaterThan(4 * DossierFile.MaxRecordBytes, "the file is longer than the reader's buffer");
        jsonResult.Should().BeEquivalentTo(csvResult with { BatchId = jsonResult.BatchId });
        jsonResult.New.Should().Be(rows.Count);
        const string all = """
            SELECT dossier_code, procedure_code, field_code, unit_id, received_at, due_at, finished_at, returned_at, status, channel, supplement_requests,
                   supplement_days, fee_required, paid_online, digitised, e_result, reused_data, synced_national, updated_at, tableoid::regclass::text
            FROM dossiers ORDER BY dossier_code
            """;
        (await ReadAsync(fromJson, all)).Should().Equal(await ReadAsync(fromCsv, all));
    }
}
