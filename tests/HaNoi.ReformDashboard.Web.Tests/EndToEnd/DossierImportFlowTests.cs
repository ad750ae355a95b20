using System.Globalization;
using System.Text;
using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Testing;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace HaNoi.ReformDashboard.Web.Tests.EndToEnd;

[Collection(DossierCollection.Name)]
public sealed class DossierImportFlowTests(DossierApp app)
{
    [Fact]
    public async Task The_reform_office_uploads_a_bad_dossier_file_reads_its_problems_then_a_good_one_and_imports_it()
    {
        // The first 40 synthetic dossiers of the demo file (seed-data/dossiers-2022.csv): the page's expected counts come from them.
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.SeedData, "dossiers-2022.csv")).Take(41).ToArray();
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        int Column(string name) => Array.IndexOf(header, name);
        var months = rows.Select(r => DateTimeOffset.Parse(r[Column("received_at")], CultureInfo.InvariantCulture).ToOffset(TimeSpan.FromHours(7)))
            .Select(t => new DateOnly(t.Year, t.Month, 1)).Distinct().Order().ToList();
        var good = Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");
        // The same file with the second dossier's unit mistyped: row 3 counting the header as row 1.
        var bad = rows.Select(r => (string[])r.Clone()).ToList();
        bad[1][Column("unit_code")] = "ZZZ";
        var badFile = Encoding.UTF8.GetBytes(string.Join("\n", [lines[0], .. bad.Select(r => string.Join(',', r))]) + "\n");

        var page = await app.OpenAsync("/data/dossiers/import", role: Roles.ReformOffice);
        await Expect(page.GetByTestId("dossier-indicators")).ToContainTextAsync("ONTIME");
        await Expect(page.GetByTestId("dossier-indicators")).ToContainTextAsync("DVCQG_SYNC");
        await Expect(page.GetByTestId("dossier-no-personal-data")).ToContainTextAsync("Không nhận dữ liệu cá nhân");

        await DossierApp.UploadAsync(page, "ho-so-loi.csv", badFile);
        await Expect(page.GetByTestId("dossier-message")).ToHaveTextAsync("Tệp bị từ chối: 1 lỗi, không ghi gì.");
        await Expect(page.GetByTestId("dossier-problems").Locator("tbody tr")).ToHaveTextAsync(["3unit_codeZZZđơn vị 'ZZZ' không có trong danh mục đơn vị."]);
        await DashboardApp.ScreenshotAsync(page, "dossier-import-refused");

        await DossierApp.UploadAsync(page, "ho-so-2022.csv", good);
        await Expect(page.GetByTestId("dossier-rows")).ToHaveTextAsync(rows.Count.ToString(CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("dossier-months")).ToHaveTextAsync(
            $"{months[0]:MM/yyyy} – {months[^1]:MM/yyyy} ({months.Count} tháng)");
        await page.GetByTestId("dossier-commit").ClickAsync();

        await Expect(page.GetByTestId("dossier-message")).ToContainTextAsync("Đã nhập lô #");
        await Expect(page.GetByTestId("dossier-new")).ToHaveTextAsync(rows.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var none in new[] { "dossier-replaced", "dossier-unchanged", "dossier-late" })
            await Expect(page.GetByTestId(none)).ToHaveTextAsync("0");
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var batch = new NpgsqlCommand("SELECT id FROM import_batches WHERE kind = 'dossiers' AND file_name = 'ho-so-2022.csv'", connection);
            var id = (long)(await batch.ExecuteScalarAsync())!;
            await Expect(page.GetByTestId("dossier-batch")).ToHaveTextAsync("#" + id.ToString(CultureInfo.InvariantCulture));
            await using var count = new NpgsqlCommand("SELECT count(*) FROM dossiers WHERE import_batch_id = @id", connection);
            count.Parameters.AddWithValue("id", id);
            ((long)(await count.ExecuteScalarAsync())!).Should().Be(rows.Count);
        }
        await Expect(page.GetByTestId("dossier-history")).ToContainTextAsync("ho-so-2022.csv");
        DossierApp.UploadsLeft().Should().BeEmpty("the uploaded file is deleted once imported");
        // The format's columns, opened, so the screenshot shows them too.
        await page.GetByText("Định dạng tệp: các cột").ClickAsync();
        await Expect(page.GetByTestId("dossier-format")).ToContainTextAsync("synced_national");
        // The panel slides open: its end state, not a frame of the animation, is what the screenshot should hold.
        await Expect(page.GetByTestId("dossier-format").Locator(".mud-collapse-entered")).ToHaveCountAsync(1);
        await DashboardApp.ScreenshotAsync(page, "dossier-import-done");
    }
}
