using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Scoring;

using static HaNoi.ReformDashboard.Domain.Tests.Scoring.Plan2022;

namespace HaNoi.ReformDashboard.Domain.Tests.Scoring;

public class TargetBookTests
{
    [Theory]
    [InlineData(UnitLevel.Department, "SO_NOIVU", 100)]
    [InlineData(UnitLevel.District, "SOCSON", 80)]
    [InlineData(UnitLevel.Commune, "XA_MINHPHU", 70)]
    public void Document_processing_target_depends_on_the_level(UnitLevel level, string unit, int threshold)
    {
        Targets.Find(Year, "DOC_ONLINE_PROCESSING", level, unit).Should().Be(AtLeast(threshold));
    }

    [Fact]
    public void Same_85_percent_meets_the_district_and_commune_targets_but_misses_the_department_one()
    {
        Status StatusAt(UnitLevel level) =>
            Scores.Evaluate(DocOnlineProcessing, Targets.Find(Year, "DOC_ONLINE_PROCESSING", level, "ANY"), 85m).Status;

        StatusAt(UnitLevel.Department).Should().Be(Status.Missed);
        StatusAt(UnitLevel.District).Should().Be(Status.Met);
        StatusAt(UnitLevel.Commune).Should().Be(Status.Met);
    }

    [Fact]
    public void Per_unit_target_beats_the_level_target()
    {
        var book = new TargetBook(
        [
            new(Year, "DOC_ONLINE_PROCESSING", UnitLevel.District, null, AtLeast(80m)),
            new(Year, "DOC_ONLINE_PROCESSING", UnitLevel.District, "HOANKIEM", AtLeast(95m)),
        ]);

        book.Find(Year, "DOC_ONLINE_PROCESSING", UnitLevel.District, "HOANKIEM").Should().Be(AtLeast(95m));
        book.Find(Year, "DOC_ONLINE_PROCESSING", UnitLevel.District, "SOCSON").Should().Be(AtLeast(80m));
    }

    [Fact]
    public void Per_unit_target_applies_even_when_its_row_names_no_level()
    {
        var book = new TargetBook([new(Year, "ONTIME", null, "HOANKIEM", Above(99.5m)), new(Year, "ONTIME", null, null, Above(99m))]);

        book.Find(Year, "ONTIME", UnitLevel.District, "HOANKIEM").Should().Be(Above(99.5m));
    }

    [Fact]
    public void Level_target_beats_the_all_levels_target()
    {
        var book = new TargetBook([new(Year, "ONTIME", null, null, Above(99m)), new(Year, "ONTIME", UnitLevel.Commune, null, AtLeast(98m))]);

        book.Find(Year, "ONTIME", UnitLevel.Commune, "XA_MINHPHU").Should().Be(AtLeast(98m));
        book.Find(Year, "ONTIME", UnitLevel.Department, "SO_NOIVU").Should().Be(Above(99m));
    }

    [Fact]
    public void No_target_for_another_plan_year_another_indicator_or_a_level_without_one()
    {
        Targets.Find(2023, "ONTIME", UnitLevel.District, "SOCSON").Should().BeNull();
        Targets.Find(Year, "DIGITISED_RECORDS", UnitLevel.District, "SOCSON").Should().BeNull();
        Targets.Find(Year, "DOC_ONLINE_PROCESSING", UnitLevel.City, "HANOI").Should().BeNull();
    }

    [Fact]
    public void Two_targets_for_the_same_scope_are_refused()
    {
        FluentActions.Invoking(() => new TargetBook([new(Year, "ONTIME", null, null, Above(99m)), new(Year, "ONTIME", null, null, AtLeast(99m))]))
            .Should().Throw<ArgumentException>().WithMessage("*ONTIME*2022*");
    }
}
