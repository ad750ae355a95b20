using Bunit;
using HaNoi.ReformDashboard.Data.Assessment;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Domain.Assessment;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Web.Assessment;
using HaNoi.ReformDashboard.Web.Tests.Infrastructure;

namespace HaNoi.ReformDashboard.Web.Tests.Assessment;

/// <summary>The head's answer to one sub-criterion: the score the rule gives is shown as it is typed and sent with the draft.</summary>
public class SubCriterionAnswerTests : ComponentTest
{
    private static readonly HashSet<UnitLevel> Departments = [UnitLevel.Department];

    private static readonly SubCriterion OnTime = new("1.1.2", "Hồ sơ đúng hạn", "Dossiers on time", 3m, ScoringMethod.Figure,
        [new(ComparisonOperator.GreaterOrEqual, 99m, 3m), new(ComparisonOperator.GreaterOrEqual, 95m, 2m), new(ComparisonOperator.GreaterOrEqual, 90m, 1m)], [], "Số liệu", Departments, "ONTIME");

    private static readonly SubCriterion Plan = new("1.1.1", "Có kế hoạch", "Plan issued", 1m, ScoringMethod.YesNo, [], [], "Quyết định", Departments);

    private static readonly SubCriterion HowWell = new("1.1.3", "Mức độ", "How well", 3m, ScoringMethod.Scale, [],
        [new("Tốt", 3m), new("Khá", 2m), new("Đạt", 1m), new("Chưa đạt", 0m)], "Báo cáo", Departments);

    [Fact]
    public void A_figure_typed_the_Vietnamese_way_shows_the_points_it_earns_and_is_sent_with_that_score()
    {
        AnswerDraft? sent = null;
        var cut = Render<SubCriterionAnswer>(p => p.Add(c => c.Sub, OnTime).Add(c => c.OnSave, (AnswerDraft d) => sent = d));

        cut.Find("[data-testid='answer-1.1.2-gives']").TextContent.Should().Contain("Các mức điểm: 0; 1; 2; 3");
        cut.Find("#figure-1\\.1\\.2").Input("96,5");
        cut.Find("[data-testid='answer-1.1.2-gives']").TextContent.Trim().Should().Be("Câu trả lời này được 2 điểm.");
        cut.Find("[data-testid='answer-1.1.2-save'] ").Click();

        sent.Should().Be(new AnswerDraft("1.1.2", null, 96.5m, 2m, null));
    }

    [Fact]
    public void A_figure_that_is_not_a_number_is_named_and_cannot_be_saved()
    {
        var cut = Render<SubCriterionAnswer>(p => p.Add(c => c.Sub, OnTime));

        cut.Find("#figure-1\\.1\\.2").Input("chín mươi");

        cut.Find("[data-testid='answer-1.1.2-gives']").TextContent.Should().Contain("'chín mươi' không phải là số.");
        cut.Find("[data-testid='answer-1.1.2-save']").HasAttribute("disabled").Should().BeTrue();
    }

    [Fact]
    public void A_stored_yes_gives_the_maximum_and_a_scale_level_its_points()
    {
        var yes = new AssessmentAnswer { Id = 7, Author = "head@snv", Answer = "yes", SelfScore = 1m, NoEvidenceReason = "Văn bản điện tử" };
        AnswerDraft? sent = null;
        var plan = Render<SubCriterionAnswer>(p => p.Add(c => c.Sub, Plan).Add(c => c.Current, yes).Add(c => c.OnSave, (AnswerDraft d) => sent = d));
        plan.Find("[data-testid='answer-1.1.1-gives']").TextContent.Trim().Should().Be("Câu trả lời này được 1 điểm.");
        plan.Find("[data-testid='answer-1.1.1-save']").Click();
        sent.Should().Be(new AnswerDraft("1.1.1", "yes", null, 1m, "Văn bản điện tử"));

        var scale = Render<SubCriterionAnswer>(p => p.Add(c => c.Sub, HowWell).Add(c => c.Current, new AssessmentAnswer { Id = 8, Author = "x", Answer = "Khá" }));
        scale.Find("[data-testid='answer-1.1.3-gives']").TextContent.Trim().Should().Be("Câu trả lời này được 2 điểm.");
    }
}
