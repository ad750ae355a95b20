using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace HaNoi.ReformDashboard.Web.Tests.EndToEnd;

public static class Accessibility
{
    /// <summary>axe-core on the page as it is now: the serious and critical violations, described for a test message.</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Impact} {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target) + " " + n.Html))}")
            .ToList();
    }
}
