using System.Globalization;
using Bunit;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Web.Shared;
using HaNoi.ReformDashboard.Web.Tests.Infrastructure;

namespace HaNoi.ReformDashboard.Web.Tests.Shared;

public class StatusChipTests : ComponentTest
{
    [Theory]
    [InlineData(Status.Met, "Đạt", "status-met")]
    [InlineData(Status.AtRisk, "Có nguy cơ", "status-at_risk")]
    [InlineData(Status.Missed, "Chưa đạt", "status-missed")]
    [InlineData(Status.NoData, "Không có số liệu", "status-no_data")]
    [InlineData(Status.NoTarget, "Chưa có chỉ tiêu", "status-no_target")]
    public void Each_status_shows_its_icon_text_and_colour_class(Status status, string text, string cssClass)
    {
        var cut = Render<StatusChip>(p => p.Add(c => c.Status, status));

        var chip = cut.Find("[data-testid=status]");
        chip.ClassList.Should().Contain(cssClass);
        chip.TextContent.Trim().Should().Be(text);
        chip.GetAttribute("data-status").Should().Be(status.ToCode());
        // The icon's paths are MudBlazor's for that status.
        cut.FindAll("svg path").Select(p => p.GetAttribute("d")).Should()
            .Equal(System.Text.RegularExpressions.Regex.Matches(StatusStyle.Icon(status), "d=\"([^\"]+)\"").Select(m => m.Groups[1].Value));
    }

    [Fact]
    public void Statuses_never_share_an_icon_so_colour_is_not_the_only_cue()
    {
        Enum.GetValues<Status>().Select(StatusStyle.Icon).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Compact_chip_keeps_the_text_for_screen_readers_and_as_tooltip()
    {
        var cut = Render<StatusChip>(p => p.Add(c => c.Status, Status.Missed).Add(c => c.Compact, true));

        cut.Find(".visually-hidden").TextContent.Should().Be("Chưa đạt");
        cut.Find("[data-testid=status]").GetAttribute("title").Should().Be("Chưa đạt");
    }

    [Fact]
    public void English_culture_uses_the_English_texts()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");

        var cut = Render<StatusChip>(p => p.Add(c => c.Status, Status.AtRisk));

        cut.Find("[data-testid=status]").TextContent.Trim().Should().Be("At risk");
    }
}
