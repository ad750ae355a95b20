using System.Text;
using ClosedXML.Excel;
using HaNoi.ReformDashboard.Cli.Bench;
using HaNoi.ReformDashboard.Cli.Tests.Infrastructure;
using HaNoi.ReformDashboard.Data.Files;
using HaNoi.ReformDashboard.Data.Import;
using HaNoi.ReformDashboard.Data.Seed;
using HaNoi.ReformDashboard.Testing;

namespace HaNoi.ReformDashboard.Cli.Tests.Import;

/// <summary>
/// Every file that once drove the import past any bound is refused with its own message, and reading it allocates a
/// bounded amount (counted on the reading thread, so other tests running beside it do not count). Files the tests
/// cannot afford at full size are read with the limits made small.
/// </summary>
[Collection(CliPostgresCollection.Name)]
public sealed class ImportLimitTests(PostgresServer postgres)
{
    private const long MB = 1024 * 1024;

    private static (CsvTable? Table, List<CellError> Errors, long Allocated) Read(string name, byte[] content, ImportOptions? options = null, Action<int>? rowsRead = null, CancellationToken ct = default)
    {
        var errors = new List<CellError>();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var table = ImportFileReader.Read(name, new MemoryStream(content, writable: false), options ?? new ImportOptions(), errors,
            header => MeasurementReader.HeaderIsComplete(name, header, errors), rowsRead, ct);
        return (table, errors, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    public static TheoryData<string, string, string> Hostile() => new()
    {
        { "far-corner", "cell XFD10 lies beyond the first 16 columns", "ô XFD10 nằm ngoài 16 cột đầu tiên" },
        { "stray-last-row", "more than 500,000 data rows (up to cell A1048576)", "hơn 500.000 dòng số liệu (đến ô A1048576)" },
        { "zip-bomb", "unpacks to more than 256 MB", "giải nén ra hơn 256 MB" },
        { "entity-expansion", "declares a DTD", "khai báo DTD" },
        { "ten-thousand-sheets", "holds 10,004 parts (10,000 sheets), over the limit of 1,000", "có 10.004 phần (10.000 trang tính)" },
        { "wide-csv", "row 1 has 10,000 cells, over the limit of 16 columns", "dòng 1 có 10.000 ô" },
        { "unclosed-quote", "from row 2 a record is longer than 64 KB", "từ dòng 2 có một bản ghi dài hơn 64 KB" },
    };

    private static (string Name, byte[] Content) File(string kind) => kind switch
    {
        "far-corner" => ("f.xlsx", HostileFiles.FarCorner()),
        "stray-last-row" => ("f.xlsx", HostileFiles.StrayLastRow()),
        // 300 MB of blanks in a 300 KB part: the zip's own directory says so, and nothing is inflated.
        "zip-bomb" => ("f.xlsx", HostileFiles.ZipBomb(300 * MB, lie: false)),
        "entity-expansion" => ("f.xlsx", HostileFiles.EntityExpansion()),
        "ten-thousand-sheets" => ("f.xlsx", HostileFiles.ManySheets(10_000)),
        "wide-csv" => ("f.csv", HostileFiles.WideCsv(10_000)),
        "unclosed-quote" => ("f.csv", HostileFiles.UnclosedQuote(5 * 1024 * 1024)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_hostile_file_is_refused_with_one_message_in_both_languages_and_bounded_work(string kind, string en, string vi)
    {
        var (name, content) = File(kind);

        var (table, errors, allocated) = Read(name, content);

        table.Should().BeNull();
        var error = errors.Should().ContainSingle().Subject;
        error.MessageEn.Should().Contain(en);
        error.MessageVi.Should().Contain(vi);
        // The file itself is at most a few MB; what reading it costs stays within a small multiple of that.
        allocated.Should().BeLessThan(content.Length + 40 * MB, "reading {0} must not grow with what the file claims", kind);
    }

    [Fact]
    public void A_zip_bomb_whose_headers_understate_its_size_is_read_only_as_far_as_they_say_and_refused_as_damaged()
    {
        // The headers claim 1 KB for a part of 300 MB: the zip reader stops at the claimed size, so the part ends mid-element.
        var content = HostileFiles.ZipBomb(300 * MB, lie: true);

        var (table, errors, allocated) = Read("f.xlsx", content);

        table.Should().BeNull();
        errors.Should().ContainSingle().Which.MessageEn.Should().Contain("damaged");
        allocated.Should().BeLessThan(content.Length + 40 * MB);
    }

    [Fact]
    public void A_part_compressed_a_thousand_fold_is_refused_even_within_the_size_budget()
    {
        // 30 MB of blanks is under the 256 MB budget, but no real sheet compresses a thousand-fold.
        var content = HostileFiles.ZipBomb(30 * MB, lie: false);

        var (_, errors, allocated) = Read("f.xlsx", content);

        errors.Should().ContainSingle().Which.MessageEn.Should().Contain("\"xl/worksheets/sheet1.xml\" is compressed more than 100 times");
        allocated.Should().BeLessThan(content.Length + 10 * MB);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Rows_past_the_row_limit_refuse_the_file_at_the_first_row_over_it(bool sharedStrings)
    {
        var options = new ImportOptions { MaxRows = 1_000 };

        var (table, errors, _) = Read("f.xlsx", HostileFiles.Workbook(3_000, sharedStrings: sharedStrings), options);
        var (csvTable, csvErrors, _) = Read("f.csv", HostileFiles.Csv(3_000), options);

        table.Should().BeNull();
        errors.Should().ContainSingle().Which.MessageEn.Should().Contain("more than 1,000 data rows (up to cell A1002)");
        csvTable.Should().BeNull();
        csvErrors.Should().ContainSingle().Which.MessageEn.Should().Contain("more than 1,000 data rows (up to row 1002)");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_file_at_the_row_limit_is_read_whole_with_every_cell_as_written(bool sharedStrings)
    {
        var options = new ImportOptions { MaxRows = 5_000 };

        var (table, errors, _) = Read("f.xlsx", HostileFiles.Workbook(5_000, sharedStrings: sharedStrings), options);

        errors.Should().BeEmpty();
        table!.Rows.Should().HaveCount(5_000);
        // The generator's rule, row i (sheet row i + 2): unit i mod 1000, ONTIME, month i mod 12 + 1 of 2022, i mod 90 + 1 of 100.
        foreach (var i in new[] { 0, 1, 999, 1_000, 4_321, 4_999 })
        {
            var row = table.Rows[i];
            row.Number.Should().Be(i + 2);
            new[] { row["unit_code"], row["indicator_code"], row["period"], row["numerator"], row["denominator"], row["value"] }
                .Should().Equal($"{i % 1000:00000}", "ONTIME", $"2022-{i % 12 + 1:00}", $"{i % 90 + 1}", "100", "");
        }
    }

    [Fact]
    public void A_wrong_header_stops_the_reading_before_any_row()
    {
        var content = Encoding.UTF8.GetBytes("unit,indicator_code,period,numerator,denominator,value\n" + string.Concat(Enumerable.Repeat("00001,ONTIME,2022-01,1,2,\n", 50_000)));
        var rowsSeen = 0;

        var (table, errors, _) = Read("f.csv", content, rowsRead: n => rowsSeen = n);

        table.Should().BeNull();
        rowsSeen.Should().Be(0);
        errors.Select(e => (e.Row, e.Column)).Should().BeEquivalentTo(new[] { (1, "unit_code"), (1, "unit") });
    }

    [Theory]
    [InlineData("f.csv")]
    [InlineData("f.xlsx")]
    public void Reading_stops_when_it_is_cancelled(string name)
    {
        var content = name.EndsWith(".csv") ? HostileFiles.Csv(20_000) : HostileFiles.Workbook(20_000);
        using var cancel = new CancellationTokenSource();
        var lastSeen = 0;

        // Cancelled at the first progress report (row 2,000), as leaving the page or Ctrl+C would.
        var read = () => Read(name, content, rowsRead: n => { lastSeen = n; cancel.Cancel(); }, ct: cancel.Token);

        read.Should().Throw<OperationCanceledException>();
        lastSeen.Should().Be(MeasurementReader.ProgressStep);
    }

    [Theory]
    [InlineData("yyyy-mm", true)]
    [InlineData("mm/yyyy", true)]
    [InlineData("[$-42A]dd/mm/yyyy", true)]
    [InlineData("h:mm", true)]
    [InlineData("0.00", false)]
    [InlineData("#,##0", false)]
    [InlineData("[Red]0.0;[Blue]-0.0", false)]
    [InlineData("0 \"hồ sơ\"", false)]
    [InlineData("General", false)]
    [InlineData("@", false)]
    public void A_number_format_is_a_date_when_it_shows_days_months_years_or_hours(string code, bool date) =>
        HaNoi.ReformDashboard.Data.Import.ExcelNumberFormat.IsDate(code).Should().Be(date);

    [Fact]
    public void A_period_in_a_custom_month_format_reads_as_its_month_and_formulas_by_their_saved_value()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(ImportFileReader.SheetName);
        foreach (var (h, c) in HostileFiles.Header.Split(',').Select((h, i) => (h, i + 1))) sheet.Cell(1, c).Value = h;
        sheet.Cell(2, 1).SetValue("00016"); sheet.Cell(2, 2).Value = "ONTIME";
        sheet.Cell(2, 3).Value = new DateTime(2025, 8, 1); sheet.Cell(2, 3).Style.NumberFormat.Format = "mm/yyyy";
        sheet.Cell(2, 4).FormulaA1 = "=45*2"; sheet.Cell(2, 5).Value = 100.5;
        using var stream = new MemoryStream();
        workbook.SaveAs(stream, new SaveOptions { EvaluateFormulasBeforeSaving = true });

        var (table, errors, _) = Read("f.xlsx", stream.ToArray());

        errors.Should().BeEmpty();
        var row = table!.Rows.Single();
        (row["period"], row["numerator"], row["denominator"]).Should().Be(("2025-08", "90", "100.5"));
        row.Formulas.Should().Equal("numerator");
    }

    [Fact]
    public async Task The_cli_refuses_the_issue_s_5_kb_workbook_at_once_with_exit_2_and_no_stack_trace()
    {
        var cs = await DemoDatabase.CopyAsync(postgres, "cli_limits_");
        var path = Path.Combine(postgres.TempRoot, Guid.NewGuid().ToString("N")[..8] + "-far.xlsx");
        await System.IO.File.WriteAllBytesAsync(path, HostileFiles.FarCorner());

        var (exit, _, error) = await CliProcess.RunAsync(new Dictionary<string, string> { ["ConnectionStrings__Reform"] = cs }, null, "import", "--file", path, "--dry-run");

        exit.Should().Be(2);
        error.Should().Contain("ô XFD10 nằm ngoài 16 cột đầu tiên").And.Contain("cell XFD10 lies beyond the first 16 columns").And.NotContain("   at ");
    }
}
