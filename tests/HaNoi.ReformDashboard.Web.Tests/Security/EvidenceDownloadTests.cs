using System.Net;
using System.Text;
using HaNoi.ReformDashboard.Data.Assessment;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Web.Tests.EndToEnd;
using Microsoft.EntityFrameworkCore;
using static HaNoi.ReformDashboard.Data.Accounts.Roles;

namespace HaNoi.ReformDashboard.Web.Tests.Security;

/// <summary>
/// An evidence file is downloaded only as an attachment with its stored type and nosniff, by leaders and the office for
/// every unit and by the head of its own unit; the admin and anyone else are refused. The file belongs to a 2030 round
/// of the districts (a year no other test reads), uploaded by the head of the test head's unit.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class EvidenceDownloadTests(DashboardApp app)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n<html><script>alert(1)</script></html>\n%%EOF\n");

    private async Task<long> UploadAsync()
    {
        await using var db = new ReformDbContext(new DbContextOptionsBuilder<ReformDbContext>().UseNpgsql(app.ConnectionString).Options);
        var at = new DateTimeOffset(2030, 3, 2, 2, 0, 0, TimeSpan.Zero);
        if (await FrameworkStore.CurrentAsync(db, 2030) is null) await FrameworkStore.CopyAsync(db, 2023, 2030, "office@test", at);
        var office = new AssessmentCaller("office@test", AssessmentRole.Office);
        if (!await db.AssessmentRounds.AnyAsync(r => r.Year == 2030 && r.Block == UnitLevel.District))
            (await RoundDesk.OpenAsync(db, office, 2030, UnitLevel.District, new(2030, 3, 1), new(2030, 3, 31), at)).Ok.Should().BeTrue();
        var unit = (await AssessedUnits.ForYearAsync(db, 2030))[DashboardApp.OwnUnit];
        var head = new AssessmentCaller("head@test", AssessmentRole.UnitHead, unit.UnitKey);
        var sub = (await FrameworkStore.CurrentAsync(db, 2030))!.Framework.SubCriteriaFor(UnitLevel.District).First(s => s.Method != Domain.Assessment.ScoringMethod.Survey);
        var uploaded = await EvidenceStore.UploadAsync(db, head, 2030, DashboardApp.OwnUnit, sub.Code, "trang.html", new MemoryStream(Pdf), at);
        uploaded.Ok.Should().BeTrue(uploaded.Problem?.ToString());
        return uploaded.Id;
    }

    [Fact]
    public async Task Evidence_is_an_attachment_with_its_stored_type_and_nosniff_for_leaders_the_office_and_its_units_head_only()
    {
        var id = await UploadAsync();
        foreach (var role in new[] { Leader, ReformOffice, DepartmentHead })
        {
            using var http = await app.HttpClientAsync(role);
            using var response = await http.GetAsync($"/assessment/evidence/{id}");
            response.StatusCode.Should().Be(HttpStatusCode.OK, role);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
            response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
            response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
            response.Content.Headers.ContentDisposition.FileName.Should().Contain("trang.html.pdf");
            (await response.Content.ReadAsByteArrayAsync()).Should().Equal(Pdf);
        }

        using var admin = await app.HttpClientAsync(Admin);
        using var refused = await admin.GetAsync($"/assessment/evidence/{id}");
        refused.StatusCode.Should().Be(HttpStatusCode.Redirect);
        refused.Headers.Location!.OriginalString.Should().Contain("/Account/AccessDenied");
        using var anonymous = await app.HttpClientAsync(null);
        (await anonymous.GetAsync($"/assessment/evidence/{id}")).Headers.Location!.OriginalString.Should().Contain("/Account/Login");
        using var leader = await app.HttpClientAsync(Leader);
        (await leader.GetAsync($"/assessment/evidence/{id + 1000}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_units_assessment_page_lists_its_sub_criteria_and_evidence_for_its_head_and_the_office_and_is_closed_to_other_heads()
    {
        await UploadAsync();
        using var head = await app.HttpClientAsync(DepartmentHead);
        var own = await head.GetStringAsync($"/assessment/2030/units/{DashboardApp.OwnUnit}");
        own.Should().Contain("trang.html.pdf").And.Contain("data-testid=\"assessment-locked\"", "the 2030 window is not today");
        using var office = await app.HttpClientAsync(ReformOffice);
        var page = await office.GetStringAsync($"/assessment/2030/units/{DashboardApp.OwnUnit}");
        page.Should().Contain("trang.html.pdf").And.Contain("Đang soạn").And.NotContain("assessment-submit");
        var progress = await office.GetStringAsync("/assessment?year=2030&block=district");
        progress.Should().Contain($"progress-row-{DashboardApp.OwnUnit}").And.Contain("Tiến độ đợt đánh giá").And.Contain("assessment-close-round");
        (await office.GetStringAsync("/assessment?year=2030&block=department")).Should().Contain("assessment-open-round", "no 2030 round of the departments yet");
        (await head.GetStringAsync("/assessment?year=2030&block=district")).Should().NotContain("assessment-open-round").And.Contain("assessment-own-unit");
        using var response = await head.GetAsync($"/assessment/2030/units/{DashboardApp.OtherUnit}");
        response.Headers.Location!.OriginalString.Should().Contain("/Account/AccessDenied");
    }

    [Fact]
    public async Task A_year_without_a_round_names_the_unit_in_the_title()
    {
        using var office = await app.HttpClientAsync(ReformOffice);
        var page = await office.GetStringAsync("/assessment/2031/units/268");
        // The seed names unit 268 "Quận Hà Đông"; the title is the unit's name, not its code.
        page.Should().Contain("Chỉ số CCHC năm 2031: Quận Hà Đông");
    }
}
