using System.Globalization;
using System.Text;
using Bunit;
using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Data.Import;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Testing;
using HaNoi.ReformDashboard.Web.Accounts;
using HaNoi.ReformDashboard.Web.Assessment;
using HaNoi.ReformDashboard.Web.Tests.EndToEnd;
using HaNoi.ReformDashboard.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;

namespace HaNoi.ReformDashboard.Web.Tests.Assessment;

/// <summary>
/// The office's assessment files on the web (issue 23): a bad framework or survey file is refused with every problem by
/// row, column and value in the reader's language and nothing stored; a user without the office's role is refused before
/// the file is read; a copy makes another year's version. Over the shared test app's database, in years no other test uses
/// (2043, 2044) or, for the refused survey, 2022 without writing to it.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class AssessmentUploadTests : ComponentTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly DashboardApp _app;
    private string _role = Roles.ReformOffice;
    private const string Office = "assessment-office@test";

    public AssessmentUploadTests(DashboardApp app)
    {
        _app = app;
        Services.AddDbContextFactory<ReformDbContext>(o => o.UseNpgsql(app.ConnectionString));
        Services.AddLogging();
        Services.AddReformPolicies();
        Services.Replace(ServiceDescriptor.Transient<IAuthorizationService, DefaultAuthorizationService>());
        Services.Replace(ServiceDescriptor.Transient<IAuthorizationPolicyProvider, DefaultAuthorizationPolicyProvider>());
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(new ImportOptions());
        Services.AddScoped<AssessmentUploads>();
        // Writes ask the test app's accounts who acts (CurrentUser.ForWriteAsync); AuthorizeView reads the same user.
        Services.AddAccountStore(app.ConnectionString);
        Services.AddScoped<CurrentUser>();
        Services.AddSingleton<AuthenticationStateProvider>(_ => new FixedUser(app.Services, _role == Roles.ReformOffice ? Office : "assessment-" + _role, _role));
        Services.AddCascadingAuthenticationState();
    }

    private const string Header = "code,name_vi,name_en,max_points,method,scale,evidence_vi,applies_to,indicator_code";

    /// <summary>A 10-point framework: rows 2 (total) to 9, the header on row 1.</summary>
    private static string[] Framework(string title) =>
    [
        Header,
        $"total,{title},Test framework,10,,,,,",
        "1,Công tác chỉ đạo điều hành,Direction,6,,,,,",
        "1.1,Kế hoạch CCHC,Reform plan,6,,,,,",
        "1.1.1,Ban hành kế hoạch đúng hạn,Plan issued on time,2,yes_no,,Quyết định ban hành kế hoạch,,",
        "1.1.2,Mức độ hoàn thành kế hoạch,Plan done,4,scale,Tốt:4; Khá:3; Đạt:2; Chưa đạt:0,Báo cáo kết quả,,",
        "2,Sự hài lòng của người dân,Satisfaction,4,,,,,",
        "2.1,Điều tra xã hội học,Survey,4,,,,,",
        "2.1.1,Điểm điều tra,Survey score,4,survey,,,,",
    ];

    private static byte[] Csv(IEnumerable<string> lines) => Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");

    private static void Upload<T>(IRenderedComponent<T> cut, string testId, string name, byte[] content) where T : class, IComponent =>
        cut.FindComponents<InputFile>().Single(f => (string?)f.Instance.AdditionalAttributes?["data-testid"] == testId)
            .UploadFiles(InputFileContent.CreateFromBinary(content, name));

    private static List<string> Problems<T>(IRenderedComponent<T> cut, string testId) where T : class, IComponent =>
        cut.FindAll($"[data-testid={testId}-problems] tbody tr").Select(r => string.Join(" | ", r.QuerySelectorAll("td").Select(td => td.TextContent))).ToList();

    [Theory]
    [InlineData("vi-VN", "'hai' không phải là số (dùng dấu chấm thập phân, ví dụ 12.5).", "cách chấm 'trac_nghiem' không hợp lệ (yes_no, figure, scale, survey).",
        "Tệp bị từ chối: 2 lỗi, không ghi gì.")]
    [InlineData("en-US", "'hai' is not a number (use a dot for decimals, e.g. 12.5).", "'trac_nghiem' is not a scoring method (yes_no, figure, scale, survey).",
        "The file is refused: 2 problems, nothing written.")]
    public async Task A_bad_framework_file_lists_its_problems_by_row_and_column_and_stores_no_version(string culture, string number, string method, string refused)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/assessment/framework?year=2043");
        var cut = Render<WithPopovers<FrameworkPage>>();
        cut.WaitForElement("[data-testid=framework-none]", Patience);
        // The loads show once the user's roles are known.
        cut.WaitForElement("[data-testid=framework-upload-file]", Patience);

        // Row 5 (1.1.1) has a word for its points, row 6 (1.1.2) an unknown scoring method.
        var lines = Framework("Khung thử 2043");
        lines[4] = lines[4].Replace(",2,yes_no,", ",hai,yes_no,");
        lines[5] = lines[5].Replace(",scale,Tốt", ",trac_nghiem,Tốt");
        Upload(cut, "framework-upload-file", "khung-loi.csv", Csv(lines));

        cut.WaitForAssertion(() => cut.Find("[data-testid=framework-upload-message]").TextContent.Should().Be(refused), Patience);
        Problems(cut, "framework-upload").Should().Equal($"5 | max_points | hai | {number}", $"6 | method | trac_nghiem | {method}");
        cut.FindAll("[data-testid=framework-upload-commit]").Should().BeEmpty();
        await using var db = PostgresServer.CreateContext(_app.ConnectionString);
        (await db.AssessmentFrameworks.CountAsync(f => f.Year == 2043)).Should().Be(0);
        (await db.AuditLog.CountAsync(a => a.Action == "assessment.framework.import" && a.EntityKey.StartsWith("2043"))).Should().Be(0);
    }

    [Fact]
    public async Task A_bad_survey_file_names_the_row_and_column_of_each_problem_and_keeps_the_years_scores()
    {
        await using var db = PostgresServer.CreateContext(_app.ConnectionString);
        var before = await db.SurveyScores.CountAsync(s => s.Year == 2022);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/assessment?year=2022&block=district");
        var cut = Render<WithPopovers<AssessmentPage>>();
        cut.WaitForElement("[data-testid=survey-upload-file]", Patience);

        // Row 2: 268's score is a word; row 3: a unit that does not exist.
        Upload(cut, "survey-upload-file", "dieu-tra.csv", Csv(["unit_code,survey_score", "268,ba", "ZZZ,3"]));

        cut.WaitForAssertion(() => cut.Find("[data-testid=survey-upload-message]").TextContent.Should().Be("Tệp bị từ chối: 2 lỗi, không ghi gì."), Patience);
        Problems(cut, "survey-upload").Should().Equal(
            "2 | survey_score | ba | 'ba' không phải là số (dùng dấu chấm thập phân, ví dụ 12.5).",
            "3 | unit_code | ZZZ | không có đơn vị mã 'ZZZ' hoạt động trong năm 2022.");
        cut.FindAll("[data-testid=survey-upload-commit]").Should().BeEmpty();
        (await db.SurveyScores.CountAsync(s => s.Year == 2022)).Should().Be(before);
        (await db.AuditLog.CountAsync(a => a.Action == "assessment.survey.import" && a.EntityKey == "2022")).Should().Be(0);
    }

    [Fact]
    public void A_leader_is_refused_inside_the_circuit_before_the_file_is_read()
    {
        _role = Roles.Leader;
        var read = false;
        var cut = Render<AssessmentUpload>(p => p
            .Add(u => u.TestId, "upload").Add(u => u.Label, "tệp").Add(u => u.CommitLabel, "nạp").Add(u => u.Policy, Policies.ManageAssessment)
            .Add(u => u.Check, (_, _, _) => { read = true; return Task.FromResult(AssessmentUploadCheck.Refused([])); }));

        Upload(cut, "upload-file", "khung.csv", Csv(Framework("Khung")));

        cut.WaitForAssertion(() => cut.Find("[data-testid=upload-message]").TextContent.Should()
            .Be("Chưa ghi: phiên đăng nhập đã kết thúc hoặc tài khoản không còn quyền này; vui lòng đăng nhập lại."), Patience);
        read.Should().BeFalse();
    }

    [Fact]
    public async Task The_office_copies_the_sample_framework_to_another_year_as_its_first_version()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/assessment/framework?year=2044");
        var cut = Render<WithPopovers<FrameworkPage>>();
        cut.WaitForElement("[data-testid=framework-none]", Patience);
        cut.WaitForElement("[data-testid=framework-copy-button]", Patience);
        var from = cut.FindComponent<MudSelect<int?>>();
        await cut.InvokeAsync(() => from.Instance.ValueChanged.InvokeAsync(2023));

        cut.Find("[data-testid=framework-copy-button]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=framework-message]").TextContent.Should().Be("Đã chép bộ tiêu chí năm 2023 sang năm 2044, phiên bản 1."), Patience);
        // The seed's sample (seed-data/assessment-framework-2023.csv): 8 fields, 100 points a block of which 32 by the survey, still marked a sample.
        cut.Find("[data-testid=framework-sample]").TextContent.Should().Be("Bộ tiêu chí mẫu — không phải bộ tiêu chí chính thức.");
        cut.Find("[data-testid=framework-title]").TextContent.Should().Contain("2044").And.NotContain("2023");
        cut.Find("[data-testid=framework-version]").TextContent.Should().Contain("Phiên bản 1 · nạp bởi " + Office).And.Contain("chép từ năm 2023, phiên bản 1");
        cut.Find("[data-testid=framework-shape]").TextContent.Should().StartWith("8 lĩnh vực").And.Contain("Sở, ban, ngành 100 điểm (điều tra 32)")
            .And.Contain("Quận, huyện, thị xã 100 điểm (điều tra 32)");
        cut.FindAll("[data-testid^=framework-row-]").Select(r => r.GetAttribute("data-testid")).Should().Contain(["framework-row-1", "framework-row-3.1.2", "framework-row-3.1.3"]);
        await using var db = PostgresServer.CreateContext(_app.ConnectionString);
        (await db.AuditLog.SingleAsync(a => a.Action == "assessment.framework.copy" && a.EntityKey == "2044 v1")).Actor.Should().Be(Office);
    }
}

/// <summary>A page with MudBlazor's popover host beside it, as the layout has (selects and date pickers need it).</summary>
internal sealed class WithPopovers<T> : ComponentBase where T : IComponent
{
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<T>(1);
        builder.CloseComponent();
    }
}
