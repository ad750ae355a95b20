using HaNoi.ReformDashboard.Domain.Catalogue;

namespace HaNoi.ReformDashboard.Domain.Tests.Catalogue;

public sealed class UnitsInForceTests
{
    private sealed record V(string UnitKey, string Code, UnitLevel Level, Validity Validity) : IUnitVersion;

    private static readonly DateOnly Q3First = new(2025, 7, 1), Q3Last = new(2025, 9, 30);
    private static readonly DateOnly Q4First = new(2025, 10, 1), Q4Last = new(2025, 12, 31);

    [Fact]
    public void A_unit_ending_mid_quarter_counts_in_that_quarter_and_not_after()
    {
        V[] versions = [new("09565", "09565", UnitLevel.Commune, new(new(2022, 1, 1), new(2025, 8, 15)))];

        UnitsInForce.In(versions, Q3First, Q3Last).Should().ContainSingle();
        UnitsInForce.In(versions, Q4First, Q4Last).Should().BeEmpty();
        UnitsInForce.In(versions, new(2025, 8, 15), new(2025, 8, 15)).Should().ContainSingle("the last day is still in force");
        UnitsInForce.In(versions, new(2025, 8, 16), new(2025, 8, 31)).Should().BeEmpty();
    }

    [Fact]
    public void A_renamed_unit_is_one_unit_shown_by_its_latest_version_in_the_period()
    {
        V before = new("SNNPTNT", "SNNPTNT", UnitLevel.Department, new(new(2022, 1, 1), new(2025, 6, 30)));
        V after = new("SNNPTNT", "SNNMT", UnitLevel.Department, new(new(2025, 7, 1), null));
        V[] versions = [before, after];

        UnitsInForce.In(versions, new(2025, 4, 1), new(2025, 6, 30)).Should().Equal(before);
        UnitsInForce.In(versions, Q3First, Q3Last).Should().Equal(after);
        UnitsInForce.In(versions, new(2025, 1, 1), new(2025, 12, 31)).Should().Equal([after], "a period spanning the rename counts the unit once");
    }

    [Fact]
    public void A_reused_code_names_the_unit_that_held_it_in_each_period()
    {
        V old = new("00004", "00004", UnitLevel.Commune, new(new(2022, 1, 1), new(2025, 6, 30)));
        V reused = new("00004@2025-07", "00004", UnitLevel.Commune, new(new(2025, 7, 1), null));
        V[] versions = [old, reused];

        UnitsInForce.ByCode(versions, "00004", new(2025, 4, 1), new(2025, 6, 30)).Should().Be(old);
        UnitsInForce.ByCode(versions, "00004", Q3First, Q3Last).Should().Be(reused);
        UnitsInForce.ByCode(versions, "00004", new(2025, 1, 1), new(2025, 12, 31)).Should().Be(reused, "the unit that started later");
        UnitsInForce.ByCodeOn(versions, "00004", new(2022, 12, 31)).Should().Be(old);
        UnitsInForce.In(versions, new(2025, 1, 1), new(2025, 12, 31)).Should().HaveCount(2, "both units existed in 2025");
    }

    [Fact]
    public void A_unit_not_yet_founded_is_not_in_force()
    {
        V[] versions = [new("09566", "09566", UnitLevel.Commune, new(new(2025, 7, 1), null))];

        UnitsInForce.In(versions, new(2025, 6, 1), new(2025, 6, 30)).Should().BeEmpty();
        UnitsInForce.In(versions, new(2025, 6, 1), new(2025, 7, 1)).Should().ContainSingle();
    }
}
