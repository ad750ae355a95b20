using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Scoring;

using static HaNoi.ReformDashboard.Domain.Tests.Scoring.Plan2022;

namespace HaNoi.ReformDashboard.Domain.Tests.Scoring;

/// <summary>The positional ranking a scorecard uses (<see cref="Ranking.Places"/>, <see cref="Ranking.ChangesAt"/>) against the keyed one.</summary>
public class PlacesTests
{
    [Fact]
    public void Places_are_given_at_each_peers_position_ties_shared_and_no_value_left_out()
    {
        // Shown at two decimals: 95,004 and 95,001 tie at 95,00; 90 comes fourth (1, 2, 2, 4).
        Ranking.Places([95.004m, 97m, null, 90m, 95.001m], Better.Higher).Should().Equal(2, 1, null, 4, 2);
        Ranking.Places([12m, 3m, 12m], Better.Lower).Should().Equal(2, 1, 2);
    }

    [Fact]
    public void Changes_are_ranked_among_peers_with_a_value_in_both_periods_only()
    {
        // A, B, D have both: now A 90 > B 80 > D 70 (1, 2, 3); then D 95 > A 85 > B 60 (2, 3, 1); C has no previous value.
        Ranking.ChangesAt([90m, 80m, 99m, 70m, null], [85m, 60m, null, 95m, 50m], Better.Higher)
            .Should().Equal(1, 1, null, -2, null);
    }

    // Few distinct values at three decimals, so ties at two decimals and missing values come up often.
    private static readonly Gen<decimal?> Value = Gen.OneOf(
        Gen.Choose(0, 40).Select(i => (decimal?)(i / 8m)),
        Gen.Constant((decimal?)null));

    private static readonly Gen<(decimal?[] Current, decimal?[] Previous, Better Better)> Peers =
        from n in Gen.Choose(0, 30)
        from current in Gen.ArrayOf(Value, n)
        from previous in Gen.ArrayOf(Value, n)
        from better in Gen.Elements(Better.Higher, Better.Lower)
        select (current, previous, better);

    [Property]
    public Property Places_agree_with_Rank() =>
        Prop.ForAll(Peers.ToArbitrary(), x =>
        {
            var keyed = Ranking.Rank(x.Current.Select((v, i) => (i, v)), x.Better).ToDictionary(r => r.Key, r => r.Rank);
            return Ranking.Places(x.Current, x.Better)
                .SequenceEqual(x.Current.Select((_, i) => keyed.TryGetValue(i, out var r) ? r : (int?)null));
        });

    [Property]
    public Property ChangesAt_agrees_with_Changes() =>
        Prop.ForAll(Peers.ToArbitrary(), x =>
        {
            var keyed = Ranking.Changes(x.Current.Select((v, i) => (i, v, x.Previous[i])), x.Better);
            return Ranking.ChangesAt(x.Current, x.Previous, x.Better)
                .SequenceEqual(x.Current.Select((_, i) => keyed.TryGetValue(i, out var c) ? c : (int?)null));
        });
}

public class LevelTargetsTests
{
    [Fact]
    public void A_levels_targets_are_those_Find_picks_for_each_of_its_units()
    {
        var book = new TargetBook(
        [
            new(Year, "DOC_ONLINE_PROCESSING", null, null, AtLeast(90m)),
            new(Year, "DOC_ONLINE_PROCESSING", UnitLevel.District, null, AtLeast(80m)),
            new(Year, "DOC_ONLINE_PROCESSING", UnitLevel.District, "HOANKIEM", AtLeast(95m)),
            new(Year + 1, "DOC_ONLINE_PROCESSING", UnitLevel.District, "SOCSON", AtLeast(99m)),
        ]);

        var districts = book.ForLevel(Year, "DOC_ONLINE_PROCESSING", UnitLevel.District);
        districts.Find("HOANKIEM").Should().Be(AtLeast(95m));
        districts.Find("SOCSON").Should().Be(AtLeast(80m), "SOCSON's own target is for another year");
        book.ForLevel(Year, "DOC_ONLINE_PROCESSING", UnitLevel.Commune).Find("XA_MINHPHU").Should().Be(AtLeast(90m));
        book.ForLevel(Year, "DOC_ONLINE_PROCESSING", UnitLevel.Commune).Find("HOANKIEM").Should().Be(AtLeast(95m),
            "a unit's own target applies whatever level it is asked for, as with Find");
        book.ForLevel(Year, "SIPAS", UnitLevel.District).Find("HOANKIEM").Should().BeNull();
    }
}
