using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Domain.Scoring;

using static HaNoi.ReformDashboard.Domain.Tests.Scoring.Plan2022;

namespace HaNoi.ReformDashboard.Domain.Tests.Scoring;

/// <summary>Rules that must hold for any figures, not only the hand-computed ones.</summary>
public class ScoringProperties
{
    public sealed record ScoringCase(IndicatorRule Rule, Target Target, decimal Value);

    // Percent-like values with up to three decimals, so boundaries (99,00 vs 99) and near-misses come up often.
    private static readonly Gen<decimal> Percent = Gen.OneOf(
        Gen.Choose(0, 150_000).Select(i => i / 1_000m),
        Gen.Elements(0m, 30m, 85.996m, 86m, 99m, 99.001m, 100m));

    private static readonly Gen<ScoringCase> Cases =
        from kind in Gen.Elements(Enum.GetValues<IndicatorKind>())
        from op in Gen.Elements(Enum.GetValues<ComparisonOperator>())
        from tolerance in Gen.Choose(0, 10)
        from threshold in kind switch
        {
            IndicatorKind.Rank => Gen.Choose(1, 63).Select(i => (decimal)i),
            IndicatorKind.Milestone => Gen.Constant(1m),
            _ => Percent,
        }
        from value in kind switch
        {
            IndicatorKind.Rank => Gen.Choose(1, 63).Select(i => (decimal)i),
            IndicatorKind.Milestone => Gen.Elements(0m, 1m),
            _ => Percent,
        }
        from aspirational in Gen.Elements(false, true)
        select new ScoringCase(
            new IndicatorRule("ANY", "TTHC", kind, Rollup.Flow, tolerance),
            new Target(op, threshold, aspirational),
            value);

    // Dossier counts as a unit reports them: numerator ≤ denominator, sometimes none at all, sometimes 0 / 0.
    private static readonly Gen<Figure> UnitFigures = Gen.Frequency(
        (1, Gen.Constant(Figure.None)),
        (1, Gen.Constant(Figure.Ratio(0m, 0m))),
        (8, from denominator in Gen.Choose(1, 100_000)
            from numerator in Gen.Choose(0, denominator)
            select Figure.Ratio(numerator, denominator)));

    private static readonly Gen<MonthlyFigure[]> OneUnitsYear =
        from months in Gen.SubListOf(Enumerable.Range(1, 12))
        from figures in Gen.ArrayOf(UnitFigures, months.Count)
        select months.Zip(figures, (month, f) => new MonthlyFigure(Year, month, f.Numerator, f.Denominator, f.Value)).ToArray();

    [Property]
    public Property Score_stays_within_0_and_100() =>
        Prop.ForAll(Cases.ToArbitrary(), c =>
            Scores.Evaluate(c.Rule, c.Target, c.Value).Score is >= 0m and <= 100m);

    [Property]
    public Property Met_if_and_only_if_the_score_is_100() =>
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var score = Scores.Evaluate(c.Rule, c.Target, c.Value);
            return (score.Status == Status.Met) == (score.Score == 100m);
        });

    [Property]
    public Property Gap_is_zero_or_less_when_met_and_zero_or_more_when_not() =>
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var score = Scores.Evaluate(c.Rule, c.Target, c.Value);
            return score.Status == Status.Met
                ? score.Gap <= 0m || c.Target.Operator == ComparisonOperator.Equal
                : score.Gap >= 0m;
        });

    [Property]
    public Property At_risk_lies_within_the_tolerance_and_missed_beyond_it() =>
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var score = Scores.Evaluate(c.Rule, c.Target, c.Value);
            return score.Status switch
            {
                Status.AtRisk => score.Gap <= c.Rule.Tolerance,
                Status.Missed => score.Gap > c.Rule.Tolerance || c.Rule.Kind == IndicatorKind.Milestone,
                _ => score.Status == Status.Met,
            };
        });

    [Property]
    public Property Level_roll_up_does_not_depend_on_the_order_or_grouping_of_units() =>
        Prop.ForAll(
            (from units in Gen.ListOf(UnitFigures)
             from shuffled in Gen.Shuffle(units.ToArray())
             from groups in Gen.ArrayOf(Gen.Choose(0, 3), units.Count)
             select (units, shuffled, groups)).ToArbitrary(),
            x =>
            {
                var whole = Rollups.Sum(x.units);
                var byGroup = Rollups.Sum(x.units
                    .Select((figure, i) => (figure, group: x.groups[i]))
                    .GroupBy(u => u.group, u => u.figure)
                    .Select(Rollups.Sum));
                return whole == Rollups.Sum(x.shuffled) && whole == byGroup;
            });

    [Property]
    public Property Flow_over_the_year_is_the_sum_of_its_quarters() =>
        Prop.ForAll(OneUnitsYear.ToArbitrary(), months =>
        {
            var year = Rollups.Combine(OnTime, Period.WholeYear(Year), months);
            var quarters = Enumerable.Range(1, 4).Select(q => Rollups.Combine(OnTime, Period.Quarter(Year, q), months));
            return year == Rollups.Sum(quarters);
        });

    [Property]
    public Property Stock_over_the_year_is_the_latest_quarter_reported() =>
        Prop.ForAll(OneUnitsYear.ToArbitrary(), months =>
        {
            var year = Rollups.Combine(StaffDataTrained, Period.WholeYear(Year), months);
            var latestQuarter = Enumerable.Range(1, 4).Reverse()
                .Select(q => Rollups.Combine(StaffDataTrained, Period.Quarter(Year, q), months))
                .FirstOrDefault(f => !f.IsNone);
            return year == latestQuarter;
        });

    [Property]
    public Property Months_split_over_two_revisions_give_the_same_figure_as_one_file() =>
        Prop.ForAll(
            (from months in OneUnitsYear
             from inSecond in Gen.ArrayOf(Gen.Elements(false, true), months.Length)
             from stale in Gen.ArrayOf(UnitFigures, months.Length)
             from lastMonth in Gen.Choose(1, 12)
             select (months, inSecond, stale, lastMonth)).ToArbitrary(),
            x =>
            {
                // Revision 1 holds every month, some of them with figures revision 2 later corrected.
                var first = x.months.Select((m, i) => new RevisedFigure(1, x.inSecond[i]
                    ? new MonthlyFigure(m.Year, m.Month, x.stale[i].Numerator, x.stale[i].Denominator, x.stale[i].Value)
                    : m));
                var second = x.months.Where((_, i) => x.inSecond[i]).Select(m => new RevisedFigure(2, m));
                var current = Revisions.LatestPerMonth(second.Concat(first));

                var period = Period.YearToDate(Year, x.lastMonth);
                return Rollups.Combine(OnTime, period, current) == Rollups.Combine(OnTime, period, x.months)
                    && Rollups.Combine(StaffDataTrained, period, current) == Rollups.Combine(StaffDataTrained, period, x.months);
            });

    [Property]
    public Property Rank_is_one_more_than_the_number_of_peers_better_at_two_decimals() =>
        Prop.ForAll(
            Gen.ListOf(Gen.OneOf(Percent.Select(p => (decimal?)p), Gen.Constant((decimal?)null))).ToArbitrary(),
            scores =>
            {
                var ranked = Ranking.Rank(scores.Select((s, i) => (Key: i, Value: s)), Better.Higher);
                return ranked.Count == scores.Count(s => s is not null)
                    && ranked.All(r => r.Rank == 1 + ranked.Count(o => Ranking.AtTwoDecimals(o.Value) > Ranking.AtTwoDecimals(r.Value)));
            });
}
