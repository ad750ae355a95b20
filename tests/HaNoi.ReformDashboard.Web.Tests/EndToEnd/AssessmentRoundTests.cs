using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Data.Assessment;
using HaNoi.ReformDashboard.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HaNoi.ReformDashboard.Web.Tests.EndToEnd;

/// <summary>
/// A whole round of the reform index (issue 23) in Chromium, as the three roles: the office loads a framework and last
/// year's published results, opens the districts' round for today and imports the survey; the head of Hà Đông (268) fills
/// both sub-criteria with a PDF each and submits; the office appraises one down with a comment and finalises, and the
/// ranking follows. Years 2040 and 2041 are this test's own; Sơn Tây (269), the other district ranked, is written
/// through the data layer.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class AssessmentRoundTests(DashboardApp app)
{
    private const int Year = 2041, PreviousYear = 2040;
    private const string Own = DashboardApp.OwnUnit, Other = "269";
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// Ten points for every block: 1.1.1 yes/no worth 2, 1.1.2 a scale worth 4 (Tốt 4, Khá 3, Đạt 2, Chưa đạt 0), 2.1.1 the
    /// survey's 4. Only the first two are self-assessed.
    /// </summary>
    private const string Framework = """
        code,name_vi,name_en,max_points,method,scale,evidence_vi,applies_to,indicator_code
        total,Khung thử năm 2041 — Chỉ số CCHC,Test framework 2041,10,,,,,
        1,"Công tác chỉ đạo, điều hành",Direction and management,6,,,,,
        1.1,Kế hoạch cải cách hành chính,Reform plan,6,,,,,
        1.1.1,Ban hành kế hoạch đúng thời hạn,Plan issued on time,2,yes_no,,Quyết định ban hành kế hoạch,,
        1.1.2,Mức độ hoàn thành kế hoạch,How much of the plan was done,4,scale,Tốt:4; Khá:3; Đạt:2; Chưa đạt:0,Báo cáo kết quả thực hiện,,
        2,Sự hài lòng của người dân,Citizens' satisfaction,4,,,,,
        2.1,Điều tra xã hội học,Sociological survey,4,,,,,
        2.1.1,Điểm điều tra xã hội học,Survey score,4,survey,,,,
        """;

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private static FilePayload Csv(string name, string text) => new() { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\n") + "\n") };

    /// <summary>For what reads or writes a file: Playwright's 5 s default is short on a machine shared with other builds.</summary>
    private static readonly LocatorAssertionsToHaveTextOptions Slow = new() { Timeout = 30_000 };

    /// <summary>
    /// Sets a file on an InputFile once Blazor listens to it: its first render's script call (which marks the element with
    /// _blazorInputFileNextFileId) attaches the change listener a round trip after the element appears, and a file set
    /// before that would go unseen.
    /// </summary>
    private static async Task SetFileAsync(IPage page, string testId, FilePayload file)
    {
        await page.WaitForFunctionAsync("id => document.querySelector(`[data-testid='${id}']`)?._blazorInputFileNextFileId !== undefined", testId);
        await page.GetByTestId(testId).SetInputFilesAsync(file);
    }

    private static ILocator Input(IPage page, string testId) => page.Locator($"input[data-testid='{testId}'], [data-testid='{testId}'] input").First;

    private static ILocator Message(IPage page) => page.GetByTestId("assessment-message");

    [Fact]
    public async Task The_office_runs_a_round_a_head_self_assesses_with_evidence_and_an_appraisal_down_moves_the_ranking()
    {
        // Today as the round's windows count days: Hanoi's (UTC+7).
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).DateTime);

        // 1. The framework: the template, a dry run, the load as version 1, and the year's workbook read back.
        var office = await app.OpenAsync($"/assessment/framework?year={Year}", role: Roles.ReformOffice);
        await Expect(office.GetByTestId("framework-none")).ToHaveTextAsync($"Năm {Year} chưa có bộ tiêu chí.");
        var template = await office.RunAndWaitForDownloadAsync(() => office.GetByTestId("framework-template").ClickAsync());
        using (var workbook = new XLWorkbook(await ReadAsync(template)))
        {
            workbook.Worksheet("Khung").Row(1).CellsUsed().Select(c => c.GetString()).Should()
                .Equal("code", "name_vi", "name_en", "max_points", "method", "scale", "evidence_vi", "applies_to", "indicator_code");
            workbook.Worksheets.Select(w => w.Name).Should().Contain("Hướng dẫn");
        }
        await SetFileAsync(office, "framework-upload-file", Csv("khung-2041.csv", Framework));
        await Expect(office.GetByTestId("framework-upload-message")).ToHaveTextAsync("Tệp hợp lệ; chưa ghi gì.", Slow);
        await Expect(office.GetByTestId("framework-upload-summary")).ToHaveTextAsync(
            "«Khung thử năm 2041 — Chỉ số CCHC»: 2 lĩnh vực, 2 tiêu chí, 3 tiêu chí thành phần; Sở, ban, ngành 10 điểm (điều tra 4); Quận, huyện, thị xã 10 điểm (điều tra 4)");
        await DashboardApp.ScreenshotAsync(office, "asm-01-framework-dry-run");
        await office.GetByTestId("framework-upload-commit").ClickAsync();
        await Expect(office.GetByTestId("framework-upload-message")).ToHaveTextAsync($"Đã nạp bộ tiêu chí năm {Year}, phiên bản 1.", Slow);
        await Expect(office.GetByTestId("framework-title")).ToHaveTextAsync("Khung thử năm 2041 — Chỉ số CCHC");
        await Expect(office.GetByTestId("framework-version")).ToContainTextAsync("Phiên bản 1 · nạp bởi " + DashboardApp.UserName(Roles.ReformOffice));
        await Expect(office.GetByTestId("framework-row-1.1.2")).ToContainTextAsync("Thang mức");
        await Expect(office.GetByTestId("framework-row-1.1.2")).ToContainTextAsync("Tốt:4; Khá:3; Đạt:2; Chưa đạt:0");
        await Expect(office.GetByTestId("framework-row-2.1.1")).ToContainTextAsync("Điều tra XHH");
        await DashboardApp.ScreenshotAsync(office, "asm-02-framework-loaded");
        var yearFile = await office.RunAndWaitForDownloadAsync(() => office.GetByTestId("framework-download").ClickAsync());
        yearFile.SuggestedFilename.Should().Be($"khung-tieu-chi-{Year}-v1.xlsx");
        using (var workbook = new XLWorkbook(await ReadAsync(yearFile)))
        {
            var rows = workbook.Worksheet("Khung").RowsUsed().Skip(1).Select(r => r.Cell(1).GetString() + "=" + r.Cell(4).GetDouble().ToString(CultureInfo.InvariantCulture)).ToList();
            rows.Should().Equal("total=10", "1=6", "1.1=6", "1.1.1=2", "1.1.2=4", "2=4", "2.1=4", "2.1.1=4");
        }

        // 2. Last year's published results: Sơn Tây (6 + 3) / 10 = 90 % first, Hà Đông (5 + 2) / 10 = 70 % second.
        await app.GotoAsync(office, $"/assessment?year={PreviousYear}&block=district");
        await SetFileAsync(office, "results-upload-file", Csv("ket-qua-2040.csv", $"unit_code,appraised_score,survey_score,max_score\n{Own},5,2,10\n{Other},6,3,10"));
        await Expect(office.GetByTestId("results-upload-message")).ToHaveTextAsync("Tệp hợp lệ; chưa ghi gì.", Slow);
        await Expect(office.GetByTestId("results-upload-summary")).ToHaveTextAsync($"Kết quả đã công bố năm {PreviousYear} của 2 đơn vị.");
        await office.GetByTestId("results-upload-commit").ClickAsync();
        await Expect(office.GetByTestId("results-upload-message")).ToHaveTextAsync($"Đã nhập kết quả năm {PreviousYear}: 2 đơn vị (thay 0 kết quả đã có).", Slow);
        await ExpectRanking(office, (Other, "1", "90,00"), (Own, "2", "70,00"));

        // 3. The districts' round for today, and this year's survey: Hà Đông 3, Sơn Tây 3.5 (of 4).
        await app.GotoAsync(office, $"/assessment?year={Year}&block=district");
        await Expect(office.GetByTestId("assessment-no-ranking")).ToBeVisibleAsync();
        await office.GetByTestId("assessment-open-round").GetByRole(AriaRole.Button, new() { Name = "Mở đợt đánh giá cho Quận, huyện, thị xã" }).ClickAsync();
        await Expect(Message(office)).ToHaveTextAsync("Đã lưu.");
        await Expect(office.GetByTestId("progress-district")).ToContainTextAsync(
            $"Thời hạn tự đánh giá: {today:dd/MM/yyyy} – {today.AddDays(30):dd/MM/yyyy}");
        await SetFileAsync(office, "survey-upload-file", Csv("dieu-tra-2041.csv", $"unit_code,survey_score\n{Own},3\n{Other},3.5"));
        await Expect(office.GetByTestId("survey-upload-message")).ToHaveTextAsync("Tệp hợp lệ; chưa ghi gì.", Slow);
        await Expect(office.GetByTestId("survey-upload-summary")).ToHaveTextAsync($"Điểm điều tra năm {Year} của 2 đơn vị.");
        await office.GetByTestId("survey-upload-commit").ClickAsync();
        await Expect(office.GetByTestId("survey-upload-message")).ToHaveTextAsync($"Đã nhập điểm điều tra năm {Year}: 2 đơn vị (thay 0 điểm đã có).", Slow);
        await DashboardApp.ScreenshotAsync(office, "asm-03-round-open");

        // Sơn Tây's whole assessment through the data layer: self-scored 2 + 3, appraised the same, final.
        await ArrangeOtherDistrictAsync();
        await app.GotoAsync(office, $"/assessment?year={Year}&block=district");
        await ExpectRanking(office, (Other, "1", "85,00"));

        // 4. The head of Hà Đông: "yes" on 1.1.1 (2 points), "Tốt" on 1.1.2 (4 points), a PDF for each, then submits.
        var head = await app.OpenAsync($"/assessment/{Year}/units/{Own}", role: Roles.DepartmentHead);
        await Expect(head.GetByTestId("assessment-state")).ToHaveTextAsync("Chưa bắt đầu");
        await AnswerAsync(head, "1.1.1", "Có", "Câu trả lời này được 2 điểm.", "ke-hoach-cchc-2041.pdf");
        await AnswerAsync(head, "1.1.2", "Tốt", "Câu trả lời này được 4 điểm.", "bao-cao-ket-qua.pdf");
        await Expect(head.GetByTestId("assessment-totals")).ToContainTextAsync("Tự chấm 6,00");
        await DashboardApp.ScreenshotAsync(head, "asm-04-head-filled");
        await head.GetByTestId("assessment-submit").ClickAsync();
        await Expect(Message(head)).ToHaveTextAsync("Đã nộp bản tự đánh giá.");
        await Expect(head.GetByTestId("assessment-state")).ToHaveTextAsync("Đã nộp");
        await Expect(head.GetByTestId("assessment-locked")).ToBeVisibleAsync();
        await DashboardApp.ScreenshotAsync(head, "asm-05-head-submitted");

        // 5. The office: 1.1.1 as declared (2), 1.1.2 down from 4 to 3 with its reason, then final.
        await app.GotoAsync(office, $"/assessment/{Year}/units/{Own}");
        await Expect(office.GetByTestId("sub-1.1.2-evidence")).ToContainTextAsync("bao-cao-ket-qua.pdf");
        await AppraiseAsync(office, "1.1.1", "2", null);
        await AppraiseAsync(office, "1.1.2", "3", "Báo cáo chưa đủ số liệu quý IV");
        await Expect(office.GetByTestId("sub-1.1.2-appraisal")).ToHaveTextAsync("Điểm thẩm định: 3,00 · Báo cáo chưa đủ số liệu quý IV");
        await office.GetByTestId("assessment-finalize").ClickAsync();
        await Expect(Message(office)).ToHaveTextAsync("Đã hoàn thành thẩm định.");
        await Expect(office.GetByTestId("assessment-state")).ToHaveTextAsync("Đã hoàn thành");
        await Expect(office.GetByTestId("assessment-totals")).ToHaveTextAsync("Tự chấm 6,00 · Thẩm định 5,00 · Tối đa 10,00 (trong đó điều tra 4,00)");
        await Expect(office.GetByTestId("loss-1.1")).ToContainTextAsync("1,00");
        await DashboardApp.ScreenshotAsync(office, "asm-06-office-final");

        // 6. The ranking: Hà Đông (2 + 3 + survey 3) / 10 = 80 % falls behind Sơn Tây's (5 + 3.5) / 10 = 85 %; at its own 6
        //    points it would have been first with 90 %. Against last year: Hà Đông +10 points and still second, Sơn Tây −5.
        var leader = await app.OpenAsync($"/assessment?year={Year}&block=district", role: Roles.Leader);
        await ExpectRanking(leader, (Other, "1", "85,00"), (Own, "2", "80,00"));
        await Expect(leader.GetByTestId($"ranking-row-{Own}")).ToContainTextAsync("+10,00 điểm %, 0 bậc");
        await Expect(leader.GetByTestId($"ranking-row-{Other}")).ToContainTextAsync("-5,00 điểm %, 0 bậc");
        await Expect(leader.GetByTestId($"ranking-row-{Own}")).ToContainTextAsync("5,00");
        await DashboardApp.ScreenshotAsync(leader, "asm-07-ranking-leader");
        // Leaders read the framework but load nothing.
        await app.GotoAsync(leader, $"/assessment/framework?year={Year}");
        await Expect(leader.GetByTestId("framework-tree")).ToBeVisibleAsync();
        await Expect(leader.GetByTestId("framework-office")).ToHaveCountAsync(0);
        await DashboardApp.ScreenshotAsync(leader, "asm-08-framework-leader");
    }

    /// <summary>A download's bytes (Playwright's own stream cannot be read synchronously, as ClosedXML does).</summary>
    private static async Task<MemoryStream> ReadAsync(IDownload download) => new(await File.ReadAllBytesAsync(await download.PathAsync()));

    /// <summary>The ranking's rows in order: unit, rank, index.</summary>
    private static async Task ExpectRanking(IPage page, params (string Unit, string Rank, string Index)[] rows)
    {
        var table = page.GetByTestId("assessment-ranking").Locator("tbody tr");
        await Expect(table).ToHaveCountAsync(rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            var row = table.Nth(i);
            await Expect(row).ToHaveAttributeAsync("data-testid", $"ranking-row-{rows[i].Unit}");
            await Expect(row.Locator("td").Nth(0)).ToHaveTextAsync(rows[i].Rank);
            await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync(rows[i].Index);
        }
    }

    private static async Task AnswerAsync(IPage page, string code, string choice, string gives, string evidence)
    {
        await page.GetByTestId($"answer-{code}-choice").GetByText(choice, new() { Exact = true }).ClickAsync();
        await Expect(page.GetByTestId($"answer-{code}-gives")).ToHaveTextAsync(gives);
        await page.GetByTestId($"answer-{code}-save").ClickAsync();
        await Expect(Message(page)).ToHaveTextAsync("Đã lưu.");
        await SetFileAsync(page, $"sub-{code}-upload", new FilePayload { Name = evidence, MimeType = "application/pdf", Buffer = Pdf });
        await Expect(Message(page)).ToHaveTextAsync($"Đã tải lên {evidence}.", Slow);
        await Expect(page.GetByTestId($"sub-{code}-evidence")).ToContainTextAsync(evidence);
    }

    private static async Task AppraiseAsync(IPage page, string code, string score, string? comment)
    {
        await Input(page, $"sub-{code}-appraise-score").FillAsync(score);
        if (comment is not null) await Input(page, $"sub-{code}-appraise-comment").FillAsync(comment);
        await page.Keyboard.PressAsync("Tab");
        await page.GetByTestId($"sub-{code}-appraise").ClickAsync();
        await Expect(Message(page)).ToHaveTextAsync("Đã lưu.");
        await Expect(page.GetByTestId($"sub-{code}-appraisal")).ToContainTextAsync($"Điểm thẩm định: {score},00");
    }

    private async Task ArrangeOtherDistrictAsync()
    {
        await using var db = PostgresServer.CreateContext(app.ConnectionString);
        var unit = (await AssessedUnits.ForYearAsync(db, Year))[Other];
        var head = new AssessmentCaller("head-son-tay@test", AssessmentRole.UnitHead, unit.UnitKey);
        var office = new AssessmentCaller("office@test", AssessmentRole.Office);
        var now = DateTimeOffset.UtcNow;
        foreach (var result in new[]
        {
            await SelfAssessmentWriter.SaveAsync(db, head, Year, Other, new AnswerDraft("1.1.1", "yes", null, 2m, "Kế hoạch đăng trên cổng thông tin"), now),
            await SelfAssessmentWriter.SaveAsync(db, head, Year, Other, new AnswerDraft("1.1.2", "Khá", null, 3m, "Báo cáo gửi qua hệ thống"), now),
            await SelfAssessmentWriter.SubmitAsync(db, head, Year, Other, now),
            await AppraisalWriter.AppraiseAsync(db, office, Year, Other, "1.1.1", 2m, null, now),
            await AppraisalWriter.AppraiseAsync(db, office, Year, Other, "1.1.2", 3m, null, now),
            await AppraisalWriter.FinalizeAsync(db, office, Year, Other, now),
        })
            result.Ok.Should().BeTrue(result.Problem?.ToString());
    }
}
