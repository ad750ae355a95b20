using System.Globalization;
using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Web.Tests.EndToEnd;
using Microsoft.Playwright;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace HaNoi.ReformDashboard.Web.Tests.Dossiers;

/// <summary>
/// The dossier lists behind the figures of the demo year 2023 (counted from dossiers): who may open and download which
/// unit's list, and the files read back against the dossier records read apart from the list's query.
/// </summary>
[Collection(DemoYearCollection.Name)]
public sealed class DossierListTests(DemoYearApp app)
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    private int _month;
    private string Period => $"2023-{_month:D2}";

    private string List(string unit, string indicator = "ONTIME") => $"/units/{unit}/indicators/{indicator}/dossiers?period={Period}";
    private string Download(string unit, string format, string indicator = "ONTIME") =>
        $"/units/{unit}/indicators/{indicator}/dossiers/download?period={Period}&format={format}";

    /// <summary>The month of 2023 in which the department head's district has the most late dossiers (the demo's own data).</summary>
    private async Task<(int Late, int Total)> LateMonthAsync()
    {
        var row = (await ReadAsync($"""
            SELECT extract(month FROM m.period)::int, m.denominator::int - m.numerator::int, m.denominator::int
            FROM measurements m JOIN indicators i ON i.id = m.indicator_id
            WHERE m.is_current AND i.code = 'ONTIME' AND m.period >= '2023-01-01' AND m.period < '2024-01-01'
              AND m.unit_id = (SELECT unit_id FROM unit_versions WHERE code = '{DashboardApp.OwnUnit}' ORDER BY valid_from DESC LIMIT 1)
            ORDER BY 2 DESC, 1 DESC LIMIT 1
            """)).Single().Split('|').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        _month = row[0];
        row[1].Should().BeGreaterThan(0, "the demo district has late dossiers in some month of 2023");
        return (row[1], row[2]);
    }

    private async Task<List<string>> ReadAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        return rows;
    }

    /// <summary>The dossiers that ended in the month at the district, read straight from the table: code|procedure|received|due|ended|unit key.</summary>
    private Task<List<string>> EndedDossiersAsync() => ReadAsync($"""
        SELECT d.dossier_code, d.procedure_code, to_char(d.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD HH24:MI'),
               coalesce(to_char(d.due_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD HH24:MI'), ''),
               to_char(d.finished_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD HH24:MI'), k.key
        FROM dossiers d JOIN units k ON k.id = d.unit_id
        WHERE d.unit_id = (SELECT unit_id FROM unit_versions WHERE code = '{DashboardApp.OwnUnit}' ORDER BY valid_from DESC LIMIT 1)
          AND d.status IN ('finished', 'returned', 'refused')
          AND d.finished_at >= ('2023-{_month:D2}-01'::date)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
          AND d.finished_at < ('2023-{_month:D2}-01'::date + interval '1 month')::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'

        """);

    [Fact]
    public async Task A_department_head_opens_and_downloads_only_their_own_units_dossiers_and_each_is_audited()
    {
        await LateMonthAsync();
        var since = (await ReadAsync("SELECT coalesce(max(id), 0) FROM audit_log")).Single();
        using var head = await app.HttpClientAsync(Roles.DepartmentHead);
        foreach (var path in new[] { List(DashboardApp.OtherUnit), Download(DashboardApp.OtherUnit, "csv"), Download(DashboardApp.OtherUnit, "xlsx", "DVCQG_SYNC") })
        {
            using var refused = await head.GetAsync(path);
            refused.StatusCode.Should().Be(HttpStatusCode.Redirect, path);
            refused.Headers.Location!.OriginalString.Should().Contain("/Account/AccessDenied", path);
        }
        (await head.GetAsync(List(DashboardApp.OwnUnit))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await head.GetAsync(Download(DashboardApp.OwnUnit, "csv"))).StatusCode.Should().Be(HttpStatusCode.OK);

        foreach (var role in new[] { Roles.Leader, Roles.ReformOffice, Roles.Admin })
        {
            using var client = await app.HttpClientAsync(role);
            (await client.GetAsync(Download(DashboardApp.OtherUnit, "csv"))).StatusCode.Should().Be(HttpStatusCode.OK, role);
        }
        using var anonymous = await app.HttpClientAsync(null);
        foreach (var path in new[] { List(DashboardApp.OwnUnit), Download(DashboardApp.OwnUnit, "csv") })
            (await anonymous.GetAsync(path)).Headers.Location!.OriginalString.Should().Contain("/Account/Login", path);

        (await ReadAsync($"""
            SELECT action, entity_key, details::jsonb ->> 'format' FROM audit_log
            WHERE id > {since} AND actor = '{DashboardApp.UserName(Roles.DepartmentHead)}' AND action LIKE 'dossiers.%' ORDER BY id
            """)).Should().Equal($"dossiers.list|{DashboardApp.OwnUnit}/ONTIME/{Period}|", $"dossiers.download|{DashboardApp.OwnUnit}/ONTIME/{Period}|csv");
    }

    [Fact]
    public async Task A_download_speaks_the_readers_language()
    {
        await LateMonthAsync();
        using var leader = await app.HttpClientAsync(Roles.Leader);
        (await leader.GetAsync("/culture?name=en-US&redirect=/")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var csv = await leader.GetByteArrayAsync(Download(DashboardApp.OwnUnit, "csv"));
        var lines = Encoding.UTF8.GetString(csv, 3, csv.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(CsvFields).ToList();
        lines[0].Should().Equal("Dossier code", "Procedure code", "Procedure", "Field", "Received", "Due", "Ended", "Days late (working days)",
            "Channel", "Status", "Misses", "unit_key");
        lines[1][10].Should().Be("Yes", "the late ones first, in English");
        var sheet = ReadSheet(await leader.GetByteArrayAsync(Download(DashboardApp.OwnUnit, "xlsx")));
        sheet[0].Should().Equal(lines[0]);
        sheet[1][9].Should().BeOneOf("Finished", "Returned", "Refused");
    }

    /// <summary>A CSV record split by commas outside quotes, quotes undone.</summary>
    private static List<string> CsvFields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }

    [Fact]
    public async Task The_csv_and_xlsx_downloads_hold_the_dossiers_of_the_figure_as_the_table_has_them()
    {
        using var office = await app.HttpClientAsync(Roles.ReformOffice);
        var (late, total) = await LateMonthAsync();
        var expected = await EndedDossiersAsync();
        expected.Should().HaveCount(total);
        total.Should().BeGreaterThan(0);

        var csv = await office.GetByteArrayAsync(Download(DashboardApp.OwnUnit, "csv"));
        csv.Take(3).Should().Equal(new byte[] { 0xEF, 0xBB, 0xBF }, "Excel reads UTF-8 by its BOM");
        var lines = Encoding.UTF8.GetString(csv, 3, csv.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(CsvFields).ToList();
        lines[0].Should().Equal("Mã hồ sơ", "Mã thủ tục", "Thủ tục", "Lĩnh vực", "Tiếp nhận", "Hẹn trả", "Kết thúc xử lý", "Số ngày trễ (ngày làm việc)",
            "Hình thức nộp", "Trạng thái", "Không đạt", "unit_key");
        var rows = lines.Skip(1).ToList();
        rows.Select(r => string.Join('|', r[0], r[1], r[4], r[5], r[6], r[11])).Should().BeEquivalentTo(expected);
        rows.Count(r => r[10] == "Có").Should().Be(late, "the late ones are the figure's denominator less its numerator");
        rows.TakeWhile(r => r[10] == "Có").Should().HaveCount(late, "the late ones come first");
        rows.Where(r => r[10] == "Có").Should().OnlyContain(r => r[7].Length > 0);

        var xlsx = await office.GetByteArrayAsync(Download(DashboardApp.OwnUnit, "xlsx"));
        var sheet = ReadSheet(xlsx);
        sheet[0].Should().Equal(lines[0]);
        sheet.Skip(1).Select(r => string.Join('|', r[0], r[1], r[4], r[5], r[6], r[11])).Should().BeEquivalentTo(expected);
        sheet.Skip(1).Select(r => r[0]).Should().Equal(rows.Select(r => r[0]), "the same order as the CSV");
        sheet.Skip(1).Count(r => r[10] == "Có").Should().Be(late);
    }

    /// <summary>The first sheet's rows as text: inline strings as written, numbers with the date style as yyyy-MM-dd HH:mm.</summary>
    internal static List<List<string>> ReadSheet(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var part = document.WorkbookPart!.WorksheetParts.Single();
        var rows = new List<List<string>>();
        foreach (var row in part.Worksheet.Descendants<Row>())
            rows.Add(row.Elements<Cell>().Select(c => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText
                : c.CellValue is null ? ""
                : c.StyleIndex?.Value == 1 ? DateTime.FromOADate(double.Parse(c.CellValue.Text, CultureInfo.InvariantCulture)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
                : c.CellValue.Text).ToList());
        return rows;
    }

    [Fact]
    public async Task A_department_head_goes_from_a_month_of_the_on_time_table_to_the_late_dossiers_and_downloads_them()
    {
        var (late, total) = await LateMonthAsync();
        // The heatmap cell and the indicator page's row of the district link to the same list.
        var overview = await app.OpenAsync($"/?year=2023&period={Period}&level=district", role: Roles.DepartmentHead);
        await Expect(overview.GetByTestId($"heatmap-dossiers-{DashboardApp.OwnUnit}-ONTIME")).ToHaveAttributeAsync("href", List(DashboardApp.OwnUnit));
        await overview.GetByTestId($"heatmap-row-{DashboardApp.OwnUnit}").ScrollIntoViewIfNeededAsync();
        await overview.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardApp.ScreenshotFolder, "overview-2023-dossier-links.png") });
        var indicator = await app.OpenAsync($"/indicators/ONTIME?year=2023&period={Period}&level=district", role: Roles.DepartmentHead);
        await indicator.GetByTestId("unit-search").FillAsync("Hà Đông"); // the table pages 25 units at a time
        await Expect(indicator.GetByTestId($"result-dossiers-{DashboardApp.OwnUnit}")).ToHaveAttributeAsync("href", List(DashboardApp.OwnUnit));

        var page = await app.OpenAsync($"/units/{DashboardApp.OwnUnit}/indicators/ONTIME?year=2023&period={Period}", role: Roles.DepartmentHead);

        await page.GetByTestId($"month-dossiers-{_month}").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains($"/units/{DashboardApp.OwnUnit}/indicators/ONTIME/dossiers?period={Period}", StringComparison.Ordinal));
        await Expect(page.GetByTestId("dossiers-miss-value")).ToHaveTextAsync(late.ToString("N0", Vietnamese));
        await Expect(page.GetByTestId("dossiers-total-value")).ToHaveTextAsync(total.ToString("N0", Vietnamese));
        if (late > 0) await Expect(page.GetByTestId("dossier-row").First).ToHaveAttributeAsync("data-miss", "true");
        await Expect(page.GetByTestId("dossier-row")).ToHaveCountAsync(Math.Min(total, 50));
        await DashboardApp.ScreenshotAsync(page, "dossiers-268-ontime-late-month");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardApp.ScreenshotFolder, "dossiers-268-ontime-late-month-top.png") });

        // Late ones only: the address says so, and the table holds only them.
        await page.GotoAsync(app.BaseUrl + List(DashboardApp.OwnUnit) + "&show=miss");
        await Expect(page.GetByTestId("dossier-row")).ToHaveCountAsync(Math.Min(late, 50));

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-xlsx").ClickAsync());
        download.SuggestedFilename.Should().EndWith(".xlsx");
        var sheet = ReadSheet(await File.ReadAllBytesAsync(await download.PathAsync()));
        sheet.Should().HaveCount(late + 1, "the header and the late ones, as filtered on the page");
        sheet.Skip(1).Should().OnlyContain(r => r[10] == "Có");
    }
}
