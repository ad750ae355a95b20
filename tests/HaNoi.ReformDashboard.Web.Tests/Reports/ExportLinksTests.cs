using Bunit;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Web.Accounts;
using HaNoi.ReformDashboard.Web.Reports;
using HaNoi.ReformDashboard.Web.Shared;
using HaNoi.ReformDashboard.Web.Tests.EndToEnd;
using HaNoi.ReformDashboard.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace HaNoi.ReformDashboard.Web.Tests.Reports;

/// <summary>
/// The export buttons in a circuit: a click queues the file and the component follows it — its place in line as the
/// jobs ahead finish, then ready with its link and the download started. The file is made for real, from the demo's
/// scorecard in the test app's database; the jobs ahead wait on a gate the test opens.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class ExportLinksTests : ComponentTest
{
    private readonly ExportQueue _queue = new(new ExportOptions { Concurrency = 1, MaxWaiting = 2 });
    private readonly BunitJSModuleInterop _module;

    public ExportLinksTests(DashboardApp app)
    {
        Services.AddScoped<CurrentUser>();
        Services.AddSingleton(new ReportExports(app.Services.GetRequiredService<ScorecardService>(), _queue, TimeProvider.System, NullLogger<ReportExports>.Instance));
        var auth = AddAuthorization();
        auth.SetAuthorized("test-leader");
        auth.SetPolicies(Policies.Export);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        _module = JSInterop.SetupModule("./Shared/ExportLinks.razor.js");
        _module.SetupVoid("download", _ => true);
    }

    private static readonly ViewState Q4 = new(2022, Period.Quarter(2022, 4), UnitLevel.District);

    private static Func<CancellationToken, Task<ExportOutcome>> Waits(TaskCompletionSource gate, SemaphoreSlim started) => async ct =>
    {
        started.Release();
        await gate.Task.WaitAsync(ct);
        return ExportOutcome.Failed("ahead", 500);
    };

    [Fact]
    public async Task A_click_shows_the_place_in_line_then_ready_and_starts_the_download()
    {
        var (first, second, started) = (new TaskCompletionSource(), new TaskCompletionSource(), new SemaphoreSlim(0));
        _queue.TryEnqueue("someone", Waits(first, started));
        await started.WaitAsync();
        _queue.TryEnqueue("someone", Waits(second, started));
        var cut = Render<ExportLinks>(p => p.Add(c => c.View, Q4).Add(c => c.UnitCode, "268"));

        cut.Find("[data-testid=export-xlsx]").Click();

        var status = cut.Find("[data-testid=export-status]");
        status.GetAttribute("data-state").Should().Be("queued");
        status.TextContent.Should().Contain("Đang chờ tạo tệp: thứ 2 trong hàng đợi");

        first.SetResult();
        cut.WaitForAssertion(() => cut.Find("[data-testid=export-status]").TextContent.Should().Contain("thứ 1 trong hàng đợi"));

        second.SetResult();
        cut.WaitForAssertion(() => cut.Find("[data-testid=export-status]").GetAttribute("data-state").Should().Be("ready"), TimeSpan.FromMinutes(1));
        var link = cut.Find("[data-testid=export-ready]").GetAttribute("href")!;
        link.Should().StartWith("/reports/download?year=2022&period=2022-Q4&format=xlsx&kind=report&unit=268&ticket=");
        cut.WaitForAssertion(() => _module.VerifyInvoke("download").Arguments.Should().Equal(link));

        var ticket = link[(link.LastIndexOf('=') + 1)..];
        var file = _queue.Finished(ticket, "test-leader");
        file.Should().NotBeNull();
        System.Text.Encoding.ASCII.GetString(file!.Bytes, 0, 2).Should().Be("PK", "the whole workbook is there");
        file.ContentDisposition.Should().Contain("Bao-cao-quy-IV-2022-Quan-Ha-Dong.xlsx", "the file is named for the unit chosen");
    }

    [Fact]
    public async Task A_full_queue_says_busy_and_queues_nothing()
    {
        var (gate, started) = (new TaskCompletionSource(), new SemaphoreSlim(0));
        _queue.TryEnqueue("someone", Waits(gate, started));
        await started.WaitAsync();
        _queue.TryEnqueue("someone", Waits(gate, started));
        _queue.TryEnqueue("someone", Waits(gate, started));
        var cut = Render<ExportLinks>(p => p.Add(c => c.View, Q4));

        cut.Find("[data-testid=export-pdf-report]").Click();

        var status = cut.Find("[data-testid=export-status]");
        status.GetAttribute("data-state").Should().Be("busy");
        status.TextContent.Should().Be("Máy chủ đang tạo nhiều báo cáo cùng lúc; vui lòng thử lại sau ít phút.");
        _queue.Waiting.Should().Be(2);
        gate.SetResult();
    }

    [Fact]
    public async Task Cancel_takes_the_file_out_of_the_line()
    {
        var (gate, started) = (new TaskCompletionSource(), new SemaphoreSlim(0));
        _queue.TryEnqueue("someone", Waits(gate, started));
        await started.WaitAsync();
        var cut = Render<ExportLinks>(p => p.Add(c => c.View, Q4));
        cut.Find("[data-testid=export-docx]").Click();
        _queue.Waiting.Should().Be(1);

        cut.Find("[data-testid=export-cancel]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=export-status]").GetAttribute("data-state").Should().Be("cancelled"));
        _queue.Waiting.Should().Be(0);
        gate.SetResult();
    }

    [Fact]
    public void Before_the_circuit_the_buttons_are_plain_download_links_with_the_filters()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var cut = Render<ExportLinks>(p => p.Add(c => c.View, Q4).Add(c => c.Level, UnitLevel.District));

        var xlsx = cut.Find("[data-testid=export-xlsx]");
        xlsx.GetAttribute("href").Should().Be("/reports/download?year=2022&period=2022-Q4&format=xlsx&kind=report&level=district");
        xlsx.HasAttribute("download").Should().BeTrue();
        cut.FindAll("[data-testid=export-pdf-brief]").Should().BeEmpty("the brief is never of a level");
    }

}
