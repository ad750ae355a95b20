using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace HaNoi.ReformDashboard.Web.Tests.EndToEnd;

/// <summary>The dashboard as a new user's first start seeds it: the 2022 demo and the second demo year counted from dossiers.</summary>
public sealed class DemoYearApp : DashboardApp
{
    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() => [new("Seed:DemoYear", "true")];
}

[CollectionDefinition(Name)]
public sealed class DemoYearCollection : ICollectionFixture<DemoYearApp>
{
    public const string Name = "demo-year";
}

[Collection(DemoYearCollection.Name)]
public sealed class DemoYearTests(DemoYearApp app)
{
    private async Task<(long Online, long Received)> OnlineDossiersAsync(string? unitCode, int month)
    {
        // A plain count over the dossier records, apart from the counts and the function the dashboard's figures come from.
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT count(*) FILTER (WHERE d.channel = 'online'), count(*)
            FROM dossiers d JOIN unit_versions v ON v.unit_id = d.unit_id
            WHERE (@unit::text IS NULL OR v.code = @unit)
              AND d.received_at >= make_timestamptz(2023, @month, 1, 0, 0, 0, 'Asia/Ho_Chi_Minh')
              AND d.received_at < make_timestamptz(2023, @month, 1, 0, 0, 0, 'Asia/Ho_Chi_Minh') + interval '1 month'
            """, connection);
        command.Parameters.AddWithValue("unit", (object?)unitCode ?? DBNull.Value);
        command.Parameters.AddWithValue("month", month);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static string Percent((long Online, long Received) c) =>
        (100m * c.Online / c.Received).ToString("0.00", CultureInfo.GetCultureInfo("vi-VN")) + " %";

    [Fact]
    public async Task A_new_user_lands_on_the_demo_year_whose_dossier_figures_equal_a_count_of_its_dossiers()
    {
        // No year in the address: the latest plan year, 2023, at its latest month.
        var page = await app.OpenAsync("/");
        await Expect(page.GetByTestId("period-title")).ToContainTextAsync("12/2023");
        await Expect(page.GetByTestId("headline-ONLINE_DOSSIER-value")).ToHaveTextAsync(Percent(await OnlineDossiersAsync(null, 12)));
        await Expect(page.GetByTestId("headline-ONTIME-value")).ToHaveTextAsync(new Regex(@"^\d{2},\d{2} %$"));
        await DashboardApp.ScreenshotAsync(page, "overview-demo-2023");

        // The department head's district, month by month: the same count, unit by unit.
        var unit = await app.OpenAsync($"/units/{DashboardApp.OwnUnit}/indicators/ONLINE_DOSSIER?year=2023&period=2023-06", role: Data.Accounts.Roles.DepartmentHead);
        await Expect(unit.GetByTestId("figure-value")).ToHaveTextAsync(new Regex(Regex.Escape(Percent(await OnlineDossiersAsync(DashboardApp.OwnUnit, 6))) + "$"));
        await DashboardApp.ScreenshotAsync(unit, "unit-268-online-2023-06");

        // 2022 stays the typed demo: the same address with 2022 still shows its figures.
        var before = await app.OpenAsync("/?year=2022&period=2022-12");
        await Expect(before.GetByTestId("period-title")).ToContainTextAsync("12/2022");
        await Expect(before.GetByTestId("headline-ONLINE_DOSSIER-value")).ToHaveTextAsync(new Regex(@"^\d{2},\d{2} %$"));
    }
}
