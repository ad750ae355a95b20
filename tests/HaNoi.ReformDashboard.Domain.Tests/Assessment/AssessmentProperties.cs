using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using HaNoi.ReformDashboard.Domain.Assessment;
using HaNoi.ReformDashboard.Domain.Catalogue;

namespace HaNoi.ReformDashboard.Domain.Tests.Assessment;

/// <summary>Rules that must hold for any block of units and any framework, not only the hand-numbered ones.</summary>
public class AssessmentProperties
{
    // Scores in hundredths within the maximum of 100 (30 of them the survey's), sometimes without a survey score.
    private static readonly Gen<UnitResult[]> Blocks =
        from n in Gen.Choose(0, 30)
        from units in Gen.ArrayOf(
            from appraised in Gen.Choose(0, 7000)
            from survey in Gen.Choose(0, 3000)
            from hasSurvey in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
            select (Appraised: appraised / 100m, Survey: hasSurvey ? survey / 100m : (decimal?)null), n)
        select units.Select((u, i) => new UnitResult("U" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture), u.Appraised, u.Survey, 100m, 30m)).ToArray();

    [Property]
    public Property A_units_rank_is_one_more_than_the_units_shown_above_it() =>
        Prop.ForAll(Blocks.ToArbitrary(), block =>
        {
            var ranked = AssessmentIndex.Rank(block);
            var shown = ranked.Select(r => Math.Round(r.IndexPercent, 2, MidpointRounding.AwayFromZero)).ToList();
            return ranked.Count == block.Length
                && ranked.Select((r, i) => r.Rank == 1 + shown.Count(s => s > shown[i])).All(ok => ok);
        });

    [Property]
    public Property The_index_stays_within_0_and_100_when_scores_stay_within_their_maxima() =>
        Prop.ForAll(Blocks.ToArbitrary(), block => AssessmentIndex.Rank(block).All(r => r.IndexPercent is >= 0m and <= 100m));

    // A framework whose every maximum is declared as the sum below it: 1–4 fields of 1–3 criteria of 1–4 sub-criteria,
    // each worth a quarter point to ten points.
    private static readonly Gen<Framework> AddingUp =
        from fields in Some(Some(Some(Gen.Choose(1, 40).Select(q => q / 4m), 4), 3), 4)
        select Build(fields);

    private static Gen<T[]> Some<T>(Gen<T> item, int most) =>
        from n in Gen.Choose(1, most)
        from items in Gen.ArrayOf(item, n)
        select items;

    private static Framework Build(IEnumerable<IEnumerable<IEnumerable<decimal>>> maxima)
    {
        var both = SampleFramework.Both;
        var fields = maxima.Select((criteria, f) =>
        {
            var cs = criteria.Select((subs, c) =>
            {
                var all = subs.Select((max, k) => SampleFramework.YesNo($"{f + 1}.{c + 1}.{k + 1}", max, both)).ToList();
                return new Criterion($"{f + 1}.{c + 1}", "c", "c", all.Sum(s => s.MaxPoints), both, all);
            }).ToList();
            return new Field($"{f + 1}", "f", "f", cs.Sum(c => c.MaxPoints), both, cs);
        }).ToList();
        return new Framework(2022, fields.Sum(f => f.MaxPoints), fields);
    }

    [Property]
    public Property A_framework_declared_as_its_sums_passes_and_any_sub_criterion_raised_breaks_its_criterion() =>
        Prop.ForAll(AddingUp.ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), (framework, pick) =>
        {
            if (FrameworkCheck.Check(framework).Count != 0) return false;
            var subs = framework.SubCriteria.ToList();
            var raised = subs[pick % subs.Count];
            var broken = framework with
            {
                Fields = [.. framework.Fields.Select(f => f with { Criteria = [.. f.Criteria.Select(c => c with
                {
                    SubCriteria = [.. c.SubCriteria.Select(s => s.Code == raised.Code ? s with { MaxPoints = s.MaxPoints + 0.25m } : s)],
                })] })],
            };
            var criterion = raised.Code[..raised.Code.LastIndexOf('.')];
            return FrameworkCheck.Check(broken).Any(p => p.Kind == FrameworkProblemKind.CriterionSum && p.Code == criterion)
                && broken.MaximumFor(UnitLevel.Department) == framework.MaximumFor(UnitLevel.Department) + 0.25m;
        });
}
