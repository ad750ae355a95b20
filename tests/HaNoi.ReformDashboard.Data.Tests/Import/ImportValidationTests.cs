using System.Text;
using ClosedXML.Excel;
using HaNoi.ReformDashboard.Data.Import;
using HaNoi.ReformDashboard.Data.Seed;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Testing;
using static HaNoi.ReformDashboard.Data.Tests.Import.ImportFiles;

namespace HaNoi.ReformDashboard.Data.Tests.Import;

/// <summary>
/// Each rule of the import on its own, over CSV and over .xlsx, against the restructured-2025 fixture
/// (plan years 2022 and 2025; 00001 ends on 2025-06-30; LAND_PAY_INTEGRATION is not in the 2025 catalogue).
/// "Today" is 15 November 2025, so December 2025 is in the future.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ImportValidationTests(PostgresServer postgres)
{
    private static readonly DateOnly Today = new(2025, 11, 15);
    private const string Good = "00016,ONTIME,2025-08,90,100,";

    private async Task<ImportPreview> PreviewAsync(string name, byte[] content, ImportOptions? options = null)
    {
        await using var db = PostgresServer.CreateContext(await SharedAsync());
        return await ImportPreview.CreateAsync(db, name, content, Today, options ?? new ImportOptions());
    }

    private static string? _shared;
    private async Task<string> SharedAsync() => _shared ??= await ImportDatabases.FreshAsync(postgres);

    public static TheoryData<FileFormat, string, string, string, string> Rules()
    {
        var data = new TheoryData<FileFormat, string, string, string, string>();
        (string Line, string Column, string Value, string En)[] cases =
        [
            ("ZZZ,ONTIME,2025-03,1,2,", "unit_code", "ZZZ", "unknown unit code 'ZZZ'"),
            ("00016,NO_SUCH,2025-03,1,2,", "indicator_code", "NO_SUCH", "unknown indicator code 'NO_SUCH'"),
            ("00001,ONTIME,2025-08,1,2,", "period", "2025-08", "unit '00001' is not in force in 2025-08"),
            ("00016,PARINDEX_RANK,2025-03,,,5", "indicator_code", "PARINDEX_RANK", "a commune unit does not report 'PARINDEX_RANK'"),
            ("HN,LAND_PAY_INTEGRATION,2025-03,,,1", "indicator_code", "LAND_PAY_INTEGRATION", "not in the 2025 catalogue"),
            ("00016,ONTIME,2025-3,1,2,", "period", "2025-3", "is not YYYY-MM"),
            ("00016,ONTIME,2024-05,1,2,", "period", "2024-05", "is in no plan year (2022, 2025)"),
            ("00016,ONTIME,2025-12,1,2,", "period", "2025-12", "is in the future"),
            ("00016,ONTIME,2025-08,101,100,", "numerator", "101", "numerator 101 exceeds denominator 100"),
            ("00016,ONTIME,2025-08,-1,100,", "numerator", "-1", "negative number '-1'"),
            ("00016,ONTIME,2025-08,NaN,100,", "numerator", "NaN", "'NaN' is not a number"),
            ("00016,ONTIME,2025-08,1,Infinity,", "denominator", "Infinity", "'Infinity' is not a number"),
            ("HN,SIPAS,2025-08,,,\"99,5\"", "value", "99,5", "'99,5' is not a number"),
            ("00016,ONTIME,2025-08,10,\"1,000\",", "denominator", "1,000", "'1,000' is not a number"),
            ("00016,ONTIME,2025-08,10,5000000000000,", "denominator", "5000000000000", "implausibly large"),
            ("00016,ONTIME,2025-08,10,100,10", "value", "10", "a ratio leaves value empty"),
            ("HN,SIPAS,2025-08,80,100,80", "numerator", "80", "fills value only"),
            ("HN,SIPAS,2025-08,,,120", "value", "120", "a percentage must be within 0–100"),
            ("HN,PARINDEX_RANK,2025-08,,,0", "value", "0", "a rank is a whole number from 1 to 63"),
            ("HN,LAND_PAY_INTEGRATION,2022-06,,,2", "value", "2", "a milestone takes 1 (done) or 0 (not done)"),
            ("00016,ONTIME,2025-08,,100,", "numerator", "", "a ratio needs both numerator and denominator"),
        ];
        foreach (var format in new[] { FileFormat.Csv, FileFormat.Xlsx })
            foreach (var c in cases) data.Add(format, c.Line, c.Column, c.Value, c.En);
        return data;
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task A_bad_cell_is_named_by_row_column_and_value_in_both_languages(FileFormat format, string line, string column, string value, string en)
    {
        var (name, content) = Make(format, Header, Good, line);

        var preview = await PreviewAsync(name, content);

        preview.Rows.Should().BeEmpty("nothing is offered for import while the file has a problem");
        var error = preview.Errors.Should().ContainSingle(e => e.Column == column).Subject;
        error.Row.Should().Be(3);
        error.Value.Should().Be(value);
        error.MessageEn.Should().Contain(en);
        error.MessageVi.Should().NotBeNullOrWhiteSpace().And.NotBe(error.MessageEn);
        error.ToString().Should().Contain("dòng 3").And.Contain("row 3");
    }

    [Fact]
    public async Task A_level_is_named_in_each_languages_words()
    {
        var (name, content) = Make(FileFormat.Csv, Header, Good, "00016,PARINDEX_RANK,2025-03,,,5");

        var error = (await PreviewAsync(name, content)).Errors.Should().ContainSingle().Subject;

        error.MessageVi.Should().Be("đơn vị cấp xã, phường không báo cáo chỉ tiêu 'PARINDEX_RANK'.");
        error.MessageEn.Should().Be("a commune unit does not report 'PARINDEX_RANK'.");
    }

    [Theory]
    [InlineData(FileFormat.Csv)]
    [InlineData(FileFormat.Xlsx)]
    public async Task A_duplicate_names_the_first_row(FileFormat format)
    {
        var (name, content) = Make(format, Header, Good, "00016,ONTIME,2025-07,1,2,", Good);

        var error = (await PreviewAsync(name, content)).Errors.Should().ContainSingle().Subject;

        (error.Row, error.Column).Should().Be((4, "period"));
        error.MessageEn.Should().Contain("duplicates row 2");
        error.MessageVi.Should().Contain("dòng 2");
    }

    [Theory]
    [InlineData(FileFormat.Csv)]
    [InlineData(FileFormat.Xlsx)]
    public async Task Columns_in_any_order_are_read_by_their_header(FileFormat format)
    {
        var (name, content) = Make(format, "value,period,denominator,unit_code,numerator,indicator_code", ",2025-08,100,00016,90,ONTIME");

        var preview = await PreviewAsync(name, content);

        preview.Errors.Should().BeEmpty();
        preview.Rows.Should().ContainSingle().Which.New.Should().Be(new FigureSet(90, 100, null));
    }

    [Theory]
    [InlineData(FileFormat.Csv, "unit_code,indicator_code,period,numerator,denominator", "value", "the column 'value' is missing")]
    [InlineData(FileFormat.Xlsx, "unit_code,indicator_code,period,numerator,denominator", "value", "the column 'value' is missing")]
    [InlineData(FileFormat.Csv, "unit_code,indicator_code,period,numerator,denominator,valeu", "valeu", "the column 'valeu' is not in the template")]
    [InlineData(FileFormat.Xlsx, "unit_code,indicator_code,period,numerator,denominator,valeu", "valeu", "the column 'valeu' is not in the template")]
    [InlineData(FileFormat.Csv, "unit_code,indicator_code,period,numerator,denominator,value,note", "note", "the column 'note' is not in the template")]
    [InlineData(FileFormat.Xlsx, "unit_code,indicator_code,period,numerator,denominator,value,note", "note", "the column 'note' is not in the template")]
    public async Task A_missing_renamed_or_extra_column_is_named_on_row_1(FileFormat format, string header, string column, string en)
    {
        var (name, content) = Make(format, header, "00016,ONTIME,2025-08,90,100,");

        var errors = (await PreviewAsync(name, content)).Errors;

        errors.Should().Contain(e => e.Row == 1 && e.Column == column && e.MessageEn.Contains(en));
        errors.Should().OnlyContain(e => e.Row == 1);
    }

    [Theory]
    [InlineData("00016,ONTIME,2025-08,90,100", "the row has 5 cells but the header has 6 columns")]
    [InlineData("00016,ONTIME,2025-08,90,100,,", "the row has 7 cells but the header has 6 columns")]
    public async Task A_short_or_long_csv_row_is_refused(string line, string en)
    {
        var (name, content) = Make(FileFormat.Csv, Header, Good, line);

        var error = (await PreviewAsync(name, content)).Errors.Should().ContainSingle().Subject;

        error.Row.Should().Be(3);
        error.MessageEn.Should().Contain(en);
    }

    [Fact]
    public async Task An_unterminated_quote_is_refused_with_its_row()
    {
        var (name, content) = Make(FileFormat.Csv, Header, Good, "00016,\"ONTIME,2025-07,90,100,", Good);

        var errors = (await PreviewAsync(name, content)).Errors;

        errors.Should().Contain(e => e.Row == 3 && e.MessageEn.Contains("unterminated quote"));
    }

    public static TheoryData<string, string, byte[]> UnreadableFiles() => new()
    {
        { "figures.csv", "is not UTF-8", Encoding.Latin1.GetBytes(Header + "\n00016,ONTIME,2025-08,90,100,\nHN,SIPAS,2025-08,,,\"Hà Nội đạt\"\n").Select(b => b).Concat(new byte[] { 0xE0, 0x0A }).ToArray() },
        { "figures.csv", "contains NUL bytes", Encoding.UTF8.GetBytes(Header + "\n00016,ONTIME\0,2025-08,90,100,\n") },
        { "figures.csv", "is named .csv but is a zip archive", Workbook(s => s.Cell(1, 1).Value = "unit_code") },
        { "figures.xlsx", "not an Excel workbook", Encoding.UTF8.GetBytes(Header + "\n") },
        { "figures.pdf", "only .csv (UTF-8) or .xlsx", Encoding.UTF8.GetBytes("%PDF-1.7") },
        { "figures.csv", "the file is empty", [] },
    };

    [Theory]
    [MemberData(nameof(UnreadableFiles))]
    public async Task A_file_that_cannot_be_read_is_refused_with_one_message(string name, string en, byte[] content)
    {
        var error = (await PreviewAsync(name, content)).Errors.Should().ContainSingle().Subject;

        error.MessageEn.Should().Contain(en);
        error.MessageVi.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task A_byte_order_mark_is_fine()
    {
        var content = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Header + "\n" + Good + "\n")).ToArray();

        var preview = await PreviewAsync("figures.csv", content);

        preview.Errors.Should().BeEmpty();
        preview.Rows.Should().ContainSingle();
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_before_it_is_read()
    {
        var (name, content) = Make(FileFormat.Csv, Header, Good, "ZZZ,ONTIME,2025-03,1,2,");

        var error = (await PreviewAsync(name, content, new ImportOptions { MaxFileBytes = 64 })).Errors.Should().ContainSingle().Subject;

        error.MessageEn.Should().Contain("exceeds the limit");
    }

    [Fact]
    public async Task Merged_cells_are_refused()
    {
        var content = Workbook(sheet =>
        {
            foreach (var (h, c) in Header.Split(',').Select((h, i) => (h, i + 1))) sheet.Cell(1, c).Value = h;
            sheet.Cell(2, 1).Value = "00016"; sheet.Cell(2, 2).Value = "ONTIME"; sheet.Cell(2, 3).Value = "2025-08";
            sheet.Range("A2:A3").Merge();
        });

        var error = (await PreviewAsync("figures.xlsx", content)).Errors.Should().ContainSingle().Subject;

        error.MessageEn.Should().Contain("merged cells").And.Contain("A2:A3");
    }

    [Fact]
    public async Task The_sheet_So_lieu_is_read_among_others_and_a_workbook_without_it_is_refused()
    {
        void Fill(IXLWorksheet sheet)
        {
            foreach (var (h, c) in Header.Split(',').Select((h, i) => (h, i + 1))) sheet.Cell(1, c).Value = h;
            sheet.Cell(2, 1).SetValue("00016"); sheet.Cell(2, 2).Value = "ONTIME"; sheet.Cell(2, 3).SetValue("2025-08");
            sheet.Cell(2, 4).Value = 90; sheet.Cell(2, 5).Value = 100;
        }
        var chosen = await PreviewAsync("f.xlsx", Workbook(Fill, more: w => w.Worksheets.Add("Danh mục").Cell(1, 1).Value = "x"));
        var missing = await PreviewAsync("f.xlsx", Workbook(Fill, "Sheet1", w => w.Worksheets.Add("Ghi chú")));

        chosen.Errors.Should().BeEmpty();
        chosen.Rows.Should().ContainSingle();
        missing.Errors.Should().ContainSingle().Which.MessageEn.Should().Contain("no sheet \"Số liệu\"").And.Contain("Sheet1, Ghi chú");
    }

    [Fact]
    public async Task A_period_typed_into_excel_as_a_date_means_its_month()
    {
        var content = Workbook(sheet =>
        {
            foreach (var (h, c) in Header.Split(',').Select((h, i) => (h, i + 1))) sheet.Cell(1, c).Value = h;
            sheet.Cell(2, 1).SetValue("00016"); sheet.Cell(2, 2).Value = "ONTIME"; sheet.Cell(2, 3).Value = new DateTime(2025, 8, 1);
            sheet.Cell(2, 4).Value = 90; sheet.Cell(2, 5).Value = 100;
        });

        var preview = await PreviewAsync("f.xlsx", content);

        preview.Errors.Should().BeEmpty();
        preview.Rows.Single().Row.Period.Should().Be(new DateOnly(2025, 8, 1));
    }
}
