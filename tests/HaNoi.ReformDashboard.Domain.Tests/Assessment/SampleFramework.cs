using HaNoi.ReformDashboard.Domain.Assessment;
using HaNoi.ReformDashboard.Domain.Catalogue;

namespace HaNoi.ReformDashboard.Domain.Tests.Assessment;

/// <summary>
/// A ten-point framework small enough to add up by hand:
/// field 1 (6 points) = criterion 1.1 (4: 1.1.1 yes/no 1 for both blocks, 1.1.2 a figure worth 3 for departments,
/// 1.1.3 a scale worth 3 for districts) + criterion 1.2 (2: 1.2.1 yes/no 2); field 2 (4) = criterion 2.1 (4: the survey's 2.1.1).
/// Departments and districts both have 10 points, 4 of them from the survey.
/// </summary>
internal static class SampleFramework
{
    public static readonly IReadOnlySet<UnitLevel> Both = new HashSet<UnitLevel> { UnitLevel.Department, UnitLevel.District };
    public static readonly IReadOnlySet<UnitLevel> Departments = new HashSet<UnitLevel> { UnitLevel.Department };
    public static readonly IReadOnlySet<UnitLevel> Districts = new HashSet<UnitLevel> { UnitLevel.District };

    public static SubCriterion YesNo(string code, decimal max, IReadOnlySet<UnitLevel> blocks) =>
        new(code, code, code, max, ScoringMethod.YesNo, [], [], "Văn bản", blocks);

    public static SubCriterion Figure(string code, decimal max, string steps, IReadOnlySet<UnitLevel> blocks)
    {
        ScaleNotation.TryParseSteps(steps, out var parsed).Should().BeTrue();
        return new(code, code, code, max, ScoringMethod.Figure, parsed, [], "Số liệu", blocks, "ONTIME");
    }

    public static SubCriterion Scale(string code, decimal max, string levels, IReadOnlySet<UnitLevel> blocks)
    {
        ScaleNotation.TryParseLevels(levels, out var parsed).Should().BeTrue();
        return new(code, code, code, max, ScoringMethod.Scale, [], parsed, "Báo cáo", blocks);
    }

    public static SubCriterion Survey(string code, decimal max, IReadOnlySet<UnitLevel> blocks) =>
        new(code, code, code, max, ScoringMethod.Survey, [], [], "", blocks);

    public static Framework Build(decimal criterion12Max = 2m, decimal total = 10m) => new(2022, total,
    [
        new Field("1", "Lĩnh vực 1", "Field 1", 6m, Both,
        [
            new Criterion("1.1", "Tiêu chí 1.1", "Criterion 1.1", 4m, Both,
            [
                YesNo("1.1.1", 1m, Both),
                Figure("1.1.2", 3m, ">=99:3; >=95:2; >=90:1", Departments),
                Scale("1.1.3", 3m, "Tốt:3; Khá:2; Đạt:1; Chưa đạt:0", Districts),
            ]),
            new Criterion("1.2", "Tiêu chí 1.2", "Criterion 1.2", criterion12Max, Both, [YesNo("1.2.1", 2m, Both)]),
        ]),
        new Field("2", "Lĩnh vực 2", "Field 2", 4m, Both,
        [
            new Criterion("2.1", "Tiêu chí 2.1", "Criterion 2.1", 4m, Both, [Survey("2.1.1", 4m, Both)]),
        ]),
    ]);

    public static SubCriterion Sub(this Framework framework, string code) => framework.SubCriteria.Single(s => s.Code == code);
}
