using ClosedXML.Excel;
using HaNoi.ReformDashboard.Data.Import;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Testing;

namespace HaNoi.ReformDashboard.Data.Tests.Import;

[Collection(PostgresCollection.Name)]
public sealed class ImportTemplateTests(PostgresServer postgres)
{
    private static readonly DateOnly Today = new(2025, 9, 10);

    [Fact]
    public async Task The_template_lists_the_units_in_force_points_its_dropdowns_at_ranges_and_its_example_row_imports_cleanly()
    {
        var cs = await ImportDatabases.FreshAsync(postgres);
        await using var db = PostgresServer.CreateContext(cs);

        var bytes = await ImportTemplate.WorkbookAsync(db, Today);
        var preview = await ImportPreview.CreateAsync(db, "mau.xlsx", bytes, Today, new ImportOptions());

        using var workbook = new XLWorkbook(new MemoryStream(bytes));
        var data = workbook.Worksheet(ImportFileReader.SheetName);
        var catalogue = workbook.Worksheet(ImportTemplate.CatalogueSheet);
        Enumerable.Range(1, 6).Select(c => data.Cell(1, c).GetString()).Should().Equal("unit_code", "indicator_code", "period", "numerator", "denominator", "value");
        data.SheetView.SplitRow.Should().Be(1);
        var codes = catalogue.Column(1).CellsUsed().Skip(1).Select(c => c.GetString()).ToList();
        // In September 2025 the districts have ended and 00001 has merged away; the new Ba Đình ward holds 00004.
        codes.Should().Contain(["HN", "SNV", "00004", "00016"]).And.NotContain(["001", "00001"]);
        var lists = data.DataValidations.Select(v => v.Value).ToList();
        lists.Should().HaveCount(2).And.OnlyContain(v => v.Contains("Danh mục") && v.Contains(':'));
        preview.Errors.Should().BeEmpty();
        preview.Rows.Should().ContainSingle().Which.Row.Period.Should().Be(new DateOnly(2025, 8, 1));
        // Issue 20 (docs/dossiers.md): the six figures counted from dossiers are named in the sheet, and the example is none of them.
        string[] fromDossiers = ["ONTIME", "ONLINE_DOSSIER", "ONLINE_PAYMENT_TX", "DIGITISED_RECORDS", "DATA_REUSE", "DVCQG_SYNC"];
        var note = data.Column(8).CellsUsed().Select(c => c.GetString()).Should().ContainSingle(t => t.Contains("hồ sơ TTHC")).Subject;
        note.Should().ContainAll(fromDossiers).And.Contain("Tỷ lệ hồ sơ TTHC được trả kết quả giải quyết đúng hạn");
        fromDossiers.Should().NotContain(preview.Rows[0].Row.IndicatorCode);
    }

    [Fact]
    public async Task A_formula_cell_is_read_by_its_saved_value_and_flagged()
    {
        var cs = await ImportDatabases.FreshAsync(postgres);
        await using var db = PostgresServer.CreateContext(cs);
        var bytes = ImportFiles.Workbook(sheet =>
        {
            foreach (var (h, c) in ImportFiles.Header.Split(',').Select((h, i) => (h, i + 1))) sheet.Cell(1, c).Value = h;
            sheet.Cell(2, 1).SetValue("00016"); sheet.Cell(2, 2).Value = "ONTIME"; sheet.Cell(2, 3).SetValue("2025-08");
            sheet.Cell(2, 4).FormulaA1 = "=E2-12";
            sheet.Cell(2, 5).Value = 192;
        });

        var preview = await ImportPreview.CreateAsync(db, "f.xlsx", bytes, Today, new ImportOptions());

        preview.Errors.Should().BeEmpty();
        var row = preview.Rows.Should().ContainSingle().Subject;
        row.Row.FromFormula.Should().BeTrue();
        row.New.Should().Be(new FigureSet(180, 192, null));
    }
}
