using Bunit;
using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Web.Overview;
using HaNoi.ReformDashboard.Web.Shared;
using HaNoi.ReformDashboard.Web.Tests.Infrastructure;
using static HaNoi.ReformDashboard.Web.Tests.Infrastructure.TestScorecards;

namespace HaNoi.ReformDashboard.Web.Tests.Shared;

public class IndicatorAboutTests : ComponentTest
{
    // Three targets as DOC_ONLINE_PROCESSING has them, plus one unit's own.
    private static readonly IndicatorDescription DocOnline = new(
        "DOC_ONLINE_PROCESSING", "Văn bản xử lý trên môi trường mạng trên tổng số văn bản.", "document_system", "STTTT",
        "Sở Thông tin và Truyền thông", "Department of Information and Communications",
        [
            new TargetSentence(UnitLevel.Department, null, "Cấp sở đạt 100%."),
            new TargetSentence(UnitLevel.Commune, null, "Cấp xã đạt 70%."),
            new TargetSentence(null, null, "Mọi cấp: theo Kế hoạch."),
            new TargetSentence(null, "00067", "Phường Chương Dương: 75%."),
        ]);

    [Theory]
    [InlineData(UnitLevel.Commune, null, "Cấp xã đạt 70%.")]
    [InlineData(UnitLevel.Commune, "00067", "Phường Chương Dương: 75%.")] // the unit's own target first
    [InlineData(UnitLevel.District, null, "Mọi cấp: theo Kế hoạch.")]    // no district row: the every-level one
    public void Shows_the_plan_sentence_of_the_target_that_applies(UnitLevel level, string? unit, string expected)
    {
        var cut = Render<IndicatorAbout>(p => p.Add(c => c.Description, DocOnline).Add(c => c.Level, level).Add(c => c.UnitCode, unit));

        cut.Find("[data-testid=indicator-about-plan]").TextContent.Should().Be(expected);
    }

    [Fact]
    public void Names_definition_source_and_owner_in_the_working_language()
    {
        var cut = Render<IndicatorAbout>(p => p.Add(c => c.Description, DocOnline).Add(c => c.Level, UnitLevel.Department));

        cut.Find("[data-testid=indicator-about-definition]").TextContent.Should().Be("Văn bản xử lý trên môi trường mạng trên tổng số văn bản.");
        cut.Find("[data-testid=indicator-about-source]").TextContent.Should().Be("Hệ thống quản lý văn bản và điều hành");
        cut.Find("[data-testid=indicator-about-owner]").TextContent.Should().Be("Sở Thông tin và Truyền thông");
    }

    [Fact]
    public void Without_a_description_every_fact_says_not_recorded_and_no_target_sentence()
    {
        var cut = Render<IndicatorAbout>(p => p.Add(c => c.Description, (IndicatorDescription?)null));

        cut.Find("[data-testid=indicator-about-source]").TextContent.Should().Be("Chưa ghi");
        cut.Find("[data-testid=indicator-about-owner]").TextContent.Should().Be("Chưa ghi");
        cut.Find("[data-testid=indicator-about-plan]").TextContent.Should().Be("Kế hoạch không nêu chỉ tiêu cụ thể.");
    }

    [Fact]
    public void A_headline_card_describes_its_indicator_to_screen_readers()
    {
        var description = DocOnline with { Code = "ONTIME", Targets = [new TargetSentence(null, null, "Trên 99% hồ sơ đúng hạn.")] };

        var cut = Render<HeadlineCard>(p => p.Add(c => c.Indicator, OnTime).Add(c => c.Description, description));

        var describedBy = cut.Find("[data-testid=headline-ONTIME-link]").GetAttribute("aria-describedby");
        cut.Find($"#{describedBy}").TextContent.Should().Be("Văn bản xử lý trên môi trường mạng trên tổng số văn bản. · Trên 99% hồ sơ đúng hạn.");
        cut.Find("[data-testid=headline-ONTIME-info]").GetAttribute("aria-label").Should().Be("Về chỉ tiêu Hồ sơ đúng hạn");
    }
}
