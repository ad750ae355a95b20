using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Web.Tests.EndToEnd;
using Microsoft.Playwright;

namespace HaNoi.ReformDashboard.Web.Tests.Security;

/// <summary>
/// The same matrix inside a live circuit: every page row, for every role, reached by Blazor navigation (the
/// interactive router, no new HTTP request). A refused cell shows "access denied" and none of the page.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class CircuitMatrixTests(DashboardApp app)
{
    private const string NotFoundTitle = "Không tìm thấy trang";

    // Rows served outside the circuit: endpoints, static account pages, error pages.
    private static readonly string[] NotInCircuit = ["/reports/download", "/data/import/template", "/assessment/annex", "/assessment/evidence", "/culture", "/health", "/Account", "/Error", "/not-found"];
    // Endpoints under a page's path (the dossier list's download, the framework's workbook), found by their ending.
    private static readonly string[] EndpointsUnderPages = ["/dossiers/download", "/framework/workbook"];

    [Theory]
    [InlineData(Roles.Leader)]
    [InlineData(Roles.DepartmentHead)]
    [InlineData(Roles.ReformOffice)]
    [InlineData(Roles.Admin)]
    public async Task Every_page_of_the_matrix_holds_for_navigation_inside_the_circuit(string role)
    {
        var cells = AccessMatrixTests.Matrix.SelectMany(m => m.Samples.Select(s => (Sample: s, m.Access)))
            .Concat(AccessMatrixTests.Scoped)
            .Where(c => !NotInCircuit.Any(c.Sample.StartsWith) && !EndpointsUnderPages.Any(e => c.Sample.Split('?')[0].EndsWith(e, StringComparison.Ordinal)))
            .ToList();
        var page = await app.OpenAsync("/not-found", role: role);
        await page.EvaluateAsync("() => window.probe = 'same document'");
        var wrong = new List<string>();

        foreach (var (sample, access) in cells)
        {
            // A page of another kind in between, so the next page's heading is a new element.
            await NavigateAsync(page, "/not-found");
            await page.Locator("h1", new() { HasText = NotFoundTitle }).WaitForAsync();
            await NavigateAsync(page, sample);
            await page.Locator("h1").Filter(new() { HasNotText = NotFoundTitle }).First.WaitForAsync();

            var denied = await page.GetByTestId("access-denied").CountAsync() > 0;
            if (denied == access.Allows(role)) wrong.Add($"{sample}: {(denied ? "refused" : "shown")}");
        }

        cells.Should().HaveCountGreaterThan(8);
        // No navigation reloaded the page: every answer came from the circuit.
        (await page.EvaluateAsync<string?>("() => window.probe")).Should().Be("same document");
        wrong.Should().BeEmpty();
    }

    private static Task NavigateAsync(IPage page, string path) =>
        page.EvaluateAsync("path => Blazor.navigateTo(path)", path);
}
