using System.Text;
using HaNoi.ReformDashboard.Data.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HaNoi.ReformDashboard.Web.Tests.EndToEnd;

[Collection(DashboardCollection.Name)]
public sealed class ImportPageTests(DashboardApp app)
{
    [Fact]
    public async Task The_reform_office_uploads_a_file_reads_the_preview_commits_and_sees_the_new_figure()
    {
        // SNV reported FEEDBACK_HANDLED 31 of 31 for May 2022 (seed-data/measurements-2022.csv); the file corrects it to 20 of 25.
        const string unitPage = "/units/SNV/indicators/FEEDBACK_HANDLED?year=2022&period=2022-05";
        var before = await app.OpenAsync(unitPage, role: Roles.ReformOffice);
        await Expect(before.GetByTestId("figure-value")).ToContainTextAsync("100,00");

        var page = await app.OpenAsync("/data/import", role: Roles.ReformOffice);
        await page.GetByTestId("import-file").SetInputFilesAsync(new FilePayload
        {
            Name = "so-lieu-thang-5.csv", MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("unit_code,indicator_code,period,numerator,denominator,value\nSNV,FEEDBACK_HANDLED,2022-05,20,25,\n"),
        });

        await Expect(page.GetByTestId("import-counts")).ToContainTextAsync("0 mới, 1 thay đổi, 0 không đổi");
        var preview = page.GetByTestId("import-preview");
        await Expect(preview).ToContainTextAsync("31,00 / 31,00");
        await Expect(preview).ToContainTextAsync("20,00 / 25,00");
        await DashboardApp.ScreenshotAsync(page, "import-preview");
        await page.GetByTestId("import-commit").ClickAsync();
        await Expect(page.GetByTestId("import-message")).ToContainTextAsync("Đã nhập lô");
        await Expect(page.GetByTestId("import-history")).ToContainTextAsync("so-lieu-thang-5.csv");

        await app.GotoAsync(page, unitPage);
        await Expect(page.GetByTestId("figure-value")).ToContainTextAsync("80,00");
        // The old figure stays readable as revision 1; revision 2 names who loaded it and from which file.
        await Expect(page.GetByTestId("revision-5-1")).ToContainTextAsync("31");
        await Expect(page.GetByTestId("revision-5-2")).ToContainTextAsync("so-lieu-thang-5.csv");
        await Expect(page.GetByTestId("revision-5-2")).ToContainTextAsync(DashboardApp.UserName(Roles.ReformOffice));
    }
}
