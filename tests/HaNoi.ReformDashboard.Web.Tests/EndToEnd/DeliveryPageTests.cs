namespace HaNoi.ReformDashboard.Web.Tests.EndToEnd;

[Collection(DashboardCollection.Name)]
public sealed class DeliveryPageTests(DashboardApp app)
{
    [Fact]
    public async Task Send_now_runs_the_delivery_and_the_log_shows_what_happened()
    {
        var page = await app.OpenAsync("/delivery");
        await Microsoft.Playwright.Assertions.Expect(page.GetByTestId("delivery-schedule")).ToContainTextAsync("Chưa bật gửi tự động");

        await page.GetByTestId("delivery-send-now").ClickAsync();

        await Microsoft.Playwright.Assertions.Expect(page.GetByTestId("delivery-outcome")).ToHaveTextAsync("Đã gửi 0, lỗi 0, bỏ qua 1.");
        var row = page.GetByTestId("delivery-log").Locator("tbody tr").Filter(new() { HasText = "khong-co@example.vn" }).First;
        await Microsoft.Playwright.Assertions.Expect(row).ToContainTextAsync("Bỏ qua");
        await Microsoft.Playwright.Assertions.Expect(row).ToContainTextAsync("không có đơn vị này trong kỳ");
        await DashboardApp.ScreenshotAsync(page, "delivery-page");
        (await Accessibility.SeriousViolationsAsync(page)).Should().BeEmpty();
    }
}
