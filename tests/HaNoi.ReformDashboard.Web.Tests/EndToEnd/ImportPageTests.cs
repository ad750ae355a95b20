using ClosedXML.Excel;
using HaNoi.ReformDashboard.Data.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HaNoi.ReformDashboard.Web.Tests.EndToEnd;

[Collection(DashboardCollection.Name)]
public sealed class ImportPageTests(DashboardApp app)
{
    [Fact]
    public async Task The_reform_office_fills_the_downloaded_template_reads_the_preview_commits_and_sees_the_figures_change()
    {
        // Seed figures (seed-data/measurements-2022.csv): SNV reported FEEDBACK_HANDLED 31 of 31 for May 2022 and 36 of 36
        // for November; the target is ≥ 100 %. The filled template corrects them to 20 of 25 (80 %) and 30 of 40 (75 %).
        const string unitPage = "/units/SNV/indicators/FEEDBACK_HANDLED?year=2022&period=2022-05";
        const string overview = "/?year=2022&period=2022-11&level=department";
        var before = await app.OpenAsync(unitPage, role: Roles.ReformOffice);
        await Expect(before.GetByTestId("figure-value")).ToContainTextAsync("100,00");
        await app.GotoAsync(before, overview);
        var cell = before.GetByTestId("heatmap-cell-SNV-FEEDBACK_HANDLED");
        await Expect(cell).ToHaveAttributeAsync("data-status", "met");

        var page = await app.OpenAsync("/data/import", role: Roles.ReformOffice);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("template-xlsx").ClickAsync());
        var template = Path.Combine(Path.GetTempPath(), $"mau-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(template);
        try
        {
            using (var workbook = new XLWorkbook(template))
            {
                // Staff overwrite the example row and add one below it, as the instructions in the sheet say.
                var sheet = workbook.Worksheet("Số liệu");
                Fill(sheet.Row(2), "SNV", "FEEDBACK_HANDLED", "2022-05", 20, 25);
                Fill(sheet.Row(3), "SNV", "FEEDBACK_HANDLED", "2022-11", 30, 40);
                workbook.SaveAs(template);
            }
            // As bytes: a path would let the browser read the file after it is deleted below.
            await page.GetByTestId("import-file").SetInputFilesAsync(new FilePayload
            {
                Name = download.SuggestedFilename, MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                Buffer = await File.ReadAllBytesAsync(template),
            });
        }
        finally
        {
            File.Delete(template);
        }

        await Expect(page.GetByTestId("import-counts")).ToContainTextAsync("0 mới, 2 thay đổi, 0 không đổi");
        var preview = page.GetByTestId("import-preview");
        await Expect(preview).ToContainTextAsync("31,00 / 31,00");
        await Expect(preview).ToContainTextAsync("20,00 / 25,00");
        await Expect(preview).ToContainTextAsync("36,00 / 36,00");
        await Expect(preview).ToContainTextAsync("30,00 / 40,00");
        await Expect(preview).ToContainTextAsync("SNV · Sở Nội vụ");
        await DashboardApp.ScreenshotAsync(page, "import-preview");
        await page.GetByTestId("import-commit").ClickAsync();
        await Expect(page.GetByTestId("import-message")).ToContainTextAsync("Đã nhập lô");
        await Expect(page.GetByTestId("import-history")).ToContainTextAsync(download.SuggestedFilename);

        // The Overview follows at once: the scorecard cache is keyed by the data version the import moved.
        await app.GotoAsync(page, overview);
        await Expect(cell = page.GetByTestId("heatmap-cell-SNV-FEEDBACK_HANDLED")).ToHaveAttributeAsync("data-status", "missed");
        await Expect(cell).ToContainTextAsync("75,0");

        // ...and so does the export: the workbook's Data sheet holds the imported figures (read back with ClosedXML).
        var export = await page.APIRequest.GetAsync(app.BaseUrl + "/reports/download?year=2022&period=2022-11&format=xlsx&kind=report");
        Assert.True(export.Ok, $"the export answered {export.Status}");
        using (var workbook = new XLWorkbook(new MemoryStream(await export.BodyAsync())))
        {
            var data = workbook.Worksheet("Data");
            var header = data.Row(1).CellsUsed().Select(c => c.GetString()).ToList();
            var row = data.RowsUsed().Single(r => r.Cell(header.IndexOf("unit_code") + 1).GetString() == "SNV"
                                               && r.Cell(header.IndexOf("indicator_code") + 1).GetString() == "FEEDBACK_HANDLED");
            Assert.Equal(30d, row.Cell(header.IndexOf("numerator") + 1).GetDouble());
            Assert.Equal(40d, row.Cell(header.IndexOf("denominator") + 1).GetDouble());
            Assert.Equal(75d, row.Cell(header.IndexOf("value") + 1).GetDouble());
            Assert.Equal("missed", row.Cell(header.IndexOf("status") + 1).GetString());
        }

        await app.GotoAsync(page, unitPage);
        await Expect(page.GetByTestId("figure-value")).ToContainTextAsync("80,00");
        // The old figure stays readable as revision 1; revision 2 names who loaded it and from which file.
        await Expect(page.GetByTestId("revision-5-1")).ToContainTextAsync("31");
        await Expect(page.GetByTestId("revision-5-2")).ToContainTextAsync(download.SuggestedFilename);
        await Expect(page.GetByTestId("revision-5-2")).ToContainTextAsync(DashboardApp.UserName(Roles.ReformOffice));
    }

    [Fact]
    public async Task A_5_kb_workbook_with_a_cell_in_XFD_and_in_row_1048576_is_refused_at_once_and_the_page_goes_on_working()
    {
        // What a clerk may pass on unknowingly: a good header and row, a stray mark far right and one at the very bottom.
        byte[] hostile;
        using (var workbook = new XLWorkbook())
        {
            var sheet = workbook.Worksheets.Add("Số liệu");
            foreach (var (h, c) in "unit_code,indicator_code,period,numerator,denominator,value".Split(',').Select((h, i) => (h, i + 1))) sheet.Cell(1, c).Value = h;
            Fill(sheet.Row(2), "SNV", "FEEDBACK_HANDLED", "2022-05", 20, 25);
            sheet.Cell(7, 16384).Value = "x";
            sheet.Cell(1048576, 1).Value = "x";
            using var stream = new MemoryStream();
            workbook.SaveAs(stream);
            hostile = stream.ToArray();
        }
        var page = await app.OpenAsync("/data/import", role: Roles.ReformOffice);

        await page.GetByTestId("import-file").SetInputFilesAsync(new FilePayload { Name = "so-lieu.xlsx", MimeType = "application/octet-stream", Buffer = hostile });

        await Expect(page.GetByTestId("import-problems")).ToContainTextAsync("ô XFD7 nằm ngoài 16 cột đầu tiên");
        await Expect(page.GetByTestId("import-message")).ToContainTextAsync("1");
        await DashboardApp.ScreenshotAsync(page, "import-refused-far-corner");
        // The circuit lives on: the next file is read and previewed as usual.
        await page.GetByTestId("import-file").SetInputFilesAsync(new FilePayload
        {
            Name = "so-lieu.csv", MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes("unit_code,indicator_code,period,numerator,denominator,value\nSNV,FEEDBACK_HANDLED,2022-05,20,25,\n"),
        });
        await Expect(page.GetByTestId("import-counts")).ToContainTextAsync("0 mới, 1 thay đổi, 0 không đổi");
        hostile.Length.Should().BeLessThan(10_000, "the file is the issue's few kilobytes");
    }

    private static void Fill(IXLRow row, string unit, string indicator, string period, int numerator, int denominator)
    {
        // Codes and the period as text, as the template's own cells are: Excel would turn "2022-05" into a date.
        row.Cell(1).SetValue(unit);
        row.Cell(2).SetValue(indicator);
        row.Cell(3).SetValue(period);
        row.Cell(4).Value = numerator;
        row.Cell(5).Value = denominator;
        row.Cell(6).Clear();
    }
}
