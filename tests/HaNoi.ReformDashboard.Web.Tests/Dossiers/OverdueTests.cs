using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Web.Tests.EndToEnd;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace HaNoi.ReformDashboard.Web.Tests.Dossiers;

/// <summary>Overdue now over HTTP on the demo year 2023 (issue 21, item 3): who may open which unit's list, the audit, and the counts shown.</summary>
[Collection(DemoYearCollection.Name)]
public sealed partial class OverdueTests(DemoYearApp app)
{
    private const string AsOf = "2023-12-31";
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    private static string List(string unit) => $"/units/{unit}/dossiers/overdue?asof={AsOf}";

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

    /// <summary>Counted here apart from the app's query: open at the end of 31 December 2023 (Hanoi) and due before it.</summary>
    private async Task<long> OverdueAsync(string? unit) => long.Parse((await ReadAsync($"""
        SELECT count(*) FROM dossiers d
        WHERE d.due_at < '2024-01-01 00:00+07' AND d.received_at < '2024-01-01 00:00+07' AND d.status <> 'withdrawn'
          AND (d.finished_at IS NULL OR d.finished_at >= '2024-01-01 00:00+07')
          {(unit is null ? "" : $"AND d.unit_id = (SELECT unit_id FROM unit_versions WHERE code = '{unit}' ORDER BY valid_from DESC LIMIT 1)")}
        """)).Single(), CultureInfo.InvariantCulture);

    [GeneratedRegex("data-testid=\"(?<id>[a-z-]+-value|overdue-card-count)\"[^>]*>(?<value>[^<]*)<")]
    private static partial Regex Values();

    private static Dictionary<string, string> ValuesIn(string html) =>
        Values().Matches(html).GroupBy(m => m.Groups["id"].Value).ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(g.First().Groups["value"].Value).Trim());

    [Fact]
    public async Task A_department_head_opens_only_their_own_units_overdue_list_and_each_list_opened_is_audited()
    {
        var since = (await ReadAsync("SELECT coalesce(max(id), 0) FROM audit_log")).Single();
        using var head = await app.HttpClientAsync(Roles.DepartmentHead);
        using var refused = await head.GetAsync(List(DashboardApp.OtherUnit));
        refused.StatusCode.Should().Be(HttpStatusCode.Redirect);
        refused.Headers.Location!.OriginalString.Should().Contain("/Account/AccessDenied");

        var own = await head.GetAsync(List(DashboardApp.OwnUnit));
        own.StatusCode.Should().Be(HttpStatusCode.OK);
        ValuesIn(await own.Content.ReadAsStringAsync())["overdue-count-value"].Should().Be((await OverdueAsync(DashboardApp.OwnUnit)).ToString("N0", Vietnamese));

        foreach (var role in new[] { Roles.Leader, Roles.ReformOffice, Roles.Admin })
        {
            using var client = await app.HttpClientAsync(role);
            (await client.GetAsync(List(DashboardApp.OtherUnit))).StatusCode.Should().Be(HttpStatusCode.OK, role);
        }
        using var anonymous = await app.HttpClientAsync(null);
        (await anonymous.GetAsync(List(DashboardApp.OwnUnit))).Headers.Location!.OriginalString.Should().Contain("/Account/Login");

        (await ReadAsync($"""
            SELECT action, entity_key FROM audit_log
            WHERE id > {since} AND actor = '{DashboardApp.UserName(Roles.DepartmentHead)}' AND action LIKE 'dossiers.%' ORDER BY id
            """)).Should().Equal($"dossiers.overdue|{DashboardApp.OwnUnit}/overdue/{AsOf}");
    }

    [Fact]
    public async Task The_overview_card_and_the_unit_page_count_the_overdue_dossiers_at_the_end_of_the_past_year()
    {
        using var leader = await app.HttpClientAsync(Roles.Leader);
        var overview = await leader.GetStringAsync("/?year=2023&period=2023&level=district");
        overview.Should().Contain("data-testid=\"overdue-card\"");
        ValuesIn(overview)["overdue-card-count"].Should().Be((await OverdueAsync(null)).ToString("N0", Vietnamese));
        overview.Should().Contain("31/12/2023");

        var unit = await leader.GetStringAsync($"/units/{DashboardApp.OwnUnit}?year=2023&period=2023");
        ValuesIn(unit)["unit-overdue-value"].Should().Be((await OverdueAsync(DashboardApp.OwnUnit)).ToString("N0", Vietnamese));
        unit.Should().Contain(WebUtility.HtmlEncode($"/units/{DashboardApp.OwnUnit}/dossiers/overdue?asof={AsOf}&period=2023"));
        unit.Should().Contain("data-testid=\"causes-ONTIME\"");
        // The indicator table's figures counted from dossiers link to their dossiers; the others do not.
        var linked = Regex.Matches(unit, "data-testid=\"dossiers-([A-Z_]+)\"").Select(m => m.Groups[1].Value).ToList();
        linked.Should().Contain("ONTIME").And.OnlyContain(code => HaNoi.ReformDashboard.Data.Dossiers.DossierIndicators.IsDerived(code));
        unit.Should().Contain(WebUtility.HtmlEncode($"/units/{DashboardApp.OwnUnit}/indicators/ONTIME/dossiers?period=2023"));

        // A department head sees no city-wide card.
        using var head = await app.HttpClientAsync(Roles.DepartmentHead);
        (await head.GetStringAsync("/?year=2023&period=2023&level=district")).Should().NotContain("data-testid=\"overdue-card\"");
    }

    [Fact]
    public async Task In_the_browser_the_overdue_counts_read_the_same_on_the_overview_the_list_and_the_unit_page()
    {
        var overview = await app.OpenAsync("/?year=2023&period=2023&level=district", role: Roles.Leader);
        await Expect(overview.GetByTestId("overdue-card-count")).ToHaveTextAsync((await OverdueAsync(null)).ToString("N0", Vietnamese));
        await overview.GetByTestId("overdue-card").ScrollIntoViewIfNeededAsync();
        await DashboardApp.ScreenshotAsync(overview, "overview-2023-overdue-card");

        var list = await app.OpenAsync(List(DashboardApp.OwnUnit), role: Roles.DepartmentHead);
        var own = await OverdueAsync(DashboardApp.OwnUnit);
        await Expect(list.GetByTestId("overdue-count-value")).ToHaveTextAsync(own.ToString("N0", Vietnamese));
        await Expect(list.GetByTestId("overdue-row")).ToHaveCountAsync((int)Math.Min(own, 50));
        await DashboardApp.ScreenshotAsync(list, "overdue-own-unit-2023-12-31");

        var unit = await app.OpenAsync($"/units/{DashboardApp.OwnUnit}?year=2023&period=2023", role: Roles.DepartmentHead);
        await Expect(unit.GetByTestId("unit-overdue-value")).ToHaveTextAsync(own.ToString("N0", Vietnamese));
        await unit.GetByTestId("causes-ONTIME").ScrollIntoViewIfNeededAsync();
        await DashboardApp.ScreenshotAsync(unit, "unit-2023-overdue-and-causes");
    }
}
