using System.Net;
using HaNoi.ReformDashboard.Data.Accounts;

namespace HaNoi.ReformDashboard.Web.Tests.EndToEnd;

[Collection(DashboardCollection.Name)]
public sealed class DeliveryPageTests(DashboardApp app)
{
    [Fact]
    public async Task Send_now_runs_the_delivery_and_the_log_shows_what_happened()
    {
        var page = await app.OpenAsync("/delivery", role: Roles.ReformOffice);
        await Microsoft.Playwright.Assertions.Expect(page.GetByTestId("delivery-schedule")).ToContainTextAsync("Chưa bật gửi tự động");

        await page.GetByTestId("delivery-send-now").ClickAsync();

        await Microsoft.Playwright.Assertions.Expect(page.GetByTestId("delivery-outcome")).ToHaveTextAsync("Đã gửi 0, lỗi 0, bỏ qua 1.");
        var row = page.GetByTestId("delivery-log").Locator("tbody tr").Filter(new() { HasText = "khong-co@example.vn" }).First;
        await Microsoft.Playwright.Assertions.Expect(row).ToContainTextAsync("Bỏ qua");
        await Microsoft.Playwright.Assertions.Expect(row).ToContainTextAsync("không có đơn vị này trong kỳ");
        await DashboardApp.ScreenshotAsync(page, "delivery-page");
        (await Accessibility.SeriousViolationsAsync(page)).Should().BeEmpty();
    }

    [Theory]
    [InlineData(Roles.Leader)]
    [InlineData(Roles.DepartmentHead)]
    public async Task Other_roles_are_refused_the_delivery_page_on_the_server(string role)
    {
        using var http = await app.HttpClientAsync(role);
        using var response = await http.GetAsync("/delivery");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Contain("/Account/AccessDenied");
        (await response.Content.ReadAsStringAsync()).Should().NotContain("delivery-send-now");
    }

    [Fact]
    public async Task The_admin_may_open_the_delivery_page_and_the_menu_shows_it_only_to_those_who_may()
    {
        var admin = await app.OpenAsync("/delivery", role: Roles.Admin);
        await Microsoft.Playwright.Assertions.Expect(admin.GetByTestId("delivery-send-now")).ToBeVisibleAsync();
        await Microsoft.Playwright.Assertions.Expect(admin.Locator(".mud-navmenu a[href='delivery']")).ToHaveCountAsync(1);

        var leader = await app.OpenAsync("/", role: Roles.Leader);
        await Microsoft.Playwright.Assertions.Expect(leader.Locator(".mud-navmenu a[href='reports']")).ToHaveCountAsync(1);
        await Microsoft.Playwright.Assertions.Expect(leader.Locator(".mud-navmenu a[href='delivery']")).ToHaveCountAsync(0);
    }
}
