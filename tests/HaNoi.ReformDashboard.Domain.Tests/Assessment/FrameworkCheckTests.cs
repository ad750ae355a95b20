using HaNoi.ReformDashboard.Domain.Assessment;
using HaNoi.ReformDashboard.Domain.Catalogue;
using static HaNoi.ReformDashboard.Domain.Tests.Assessment.SampleFramework;

namespace HaNoi.ReformDashboard.Domain.Tests.Assessment;

public class FrameworkCheckTests
{
    [Fact]
    public void The_sample_adds_up_for_both_blocks()
    {
        var framework = Build();
        FrameworkCheck.Check(framework).Should().BeEmpty();
        // Departments: 1 + 3 + 2 + 4 = 10; districts: 1 + 3 + 2 + 4 = 10; the survey's part is 4 for both.
        framework.MaximumFor(UnitLevel.Department).Should().Be(10m);
        framework.MaximumFor(UnitLevel.District).Should().Be(10m);
        framework.MaximumFor(UnitLevel.Commune).Should().Be(0m);
        framework.SurveyMaximumFor(UnitLevel.Department).Should().Be(4m);
        framework.AssessedBlocks.Should().Equal(UnitLevel.Department, UnitLevel.District);
        framework.SubCriteriaFor(UnitLevel.Department).Select(s => s.Code).Should().Equal("1.1.1", "1.1.2", "1.2.1", "2.1.1");
    }

    [Fact]
    public void A_criterion_declared_above_its_sub_criteria_is_refused_for_each_block_and_its_field_too()
    {
        // Criterion 1.2 declared 3 but its only sub-criterion is worth 2; field 1 declared 6 but now 4 + 3 = 7.
        var problems = FrameworkCheck.Check(Build(criterion12Max: 3m));
        problems.Should().BeEquivalentTo(new[]
        {
            new FrameworkProblem(FrameworkProblemKind.CriterionSum, "1.2", UnitLevel.Department, 3m, 2m),
            new FrameworkProblem(FrameworkProblemKind.CriterionSum, "1.2", UnitLevel.District, 3m, 2m),
            new FrameworkProblem(FrameworkProblemKind.FieldSum, "1", UnitLevel.Department, 6m, 7m),
            new FrameworkProblem(FrameworkProblemKind.FieldSum, "1", UnitLevel.District, 6m, 7m),
        });
    }

    [Fact]
    public void A_declared_total_other_than_the_fields_sum_is_refused()
    {
        FrameworkCheck.Check(Build(total: 100m)).Should().BeEquivalentTo(new[]
        {
            new FrameworkProblem(FrameworkProblemKind.TotalSum, "", UnitLevel.Department, 100m, 10m),
            new FrameworkProblem(FrameworkProblemKind.TotalSum, "", UnitLevel.District, 100m, 10m),
        });
    }

    [Fact]
    public void A_criterion_whose_blocks_add_up_differently_is_refused_for_the_block_that_does_not()
    {
        // 1.1 without its district scale: departments 1 + 3 = 4, districts only 1.
        var framework = Build();
        var field = framework.Fields[0];
        var criterion = field.Criteria[0] with { SubCriteria = [.. field.Criteria[0].SubCriteria.Where(s => s.Code != "1.1.3")] };
        var broken = framework with { Fields = [field with { Criteria = [criterion, field.Criteria[1]] }, framework.Fields[1]] };
        FrameworkCheck.Check(broken).Should().BeEquivalentTo(new[]
        {
            new FrameworkProblem(FrameworkProblemKind.CriterionSum, "1.1", UnitLevel.District, 4m, 1m),
        });
    }

    [Fact]
    public void Steps_that_cannot_give_the_maximum_or_give_more_than_it_and_blocks_outside_the_parent_are_refused()
    {
        var framework = Build();
        var field = framework.Fields[0];
        var subs = new List<SubCriterion>
        {
            YesNo("1.1.1", 1m, new HashSet<UnitLevel> { UnitLevel.Department, UnitLevel.District, UnitLevel.Commune }),
            Figure("1.1.2", 3m, ">=99:2; >=95:1", Departments),
            Scale("1.1.3", 3m, "Tốt:4; Khá:3; Đạt:1", Districts),
        };
        var broken = framework with { Fields = [field with { Criteria = [field.Criteria[0] with { SubCriteria = subs }, field.Criteria[1]] }, framework.Fields[1]] };
        FrameworkCheck.Check(broken).Should().BeEquivalentTo(new[]
        {
            new FrameworkProblem(FrameworkProblemKind.AppliesOutsideParent, "1.1.1", UnitLevel.Commune),
            new FrameworkProblem(FrameworkProblemKind.MaxNeverGiven, "1.1.2", Declared: 3m),
            new FrameworkProblem(FrameworkProblemKind.StepOutOfRange, "1.1.3", Declared: 3m, Sum: 4m),
        });
    }
}
