using System.Globalization;

using HaNoi.ReformDashboard.Cli.SeedGeneration;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Scoring;
using HaNoi.ReformDashboard.Data.Seed;

namespace HaNoi.ReformDashboard.Cli.Tests.SeedGeneration;

public class DemoMeasurementGeneratorTests
{
    private static SeedReferenceData Data => RepoSeedData.Reference;

    private static IReadOnlyList<GeneratedMeasurement> Rows => RepoSeedData.CommittedMeasurements;

    [Fact]
    public void Same_seed_gives_identical_output_and_a_different_seed_differs()
    {
        byte[] first = MeasurementCsv.ToBytes(DemoMeasurementGenerator.Generate(Data, 2022, 2022));
        byte[] second = MeasurementCsv.ToBytes(DemoMeasurementGenerator.Generate(Data, 2022, 2022));
        byte[] other = MeasurementCsv.ToBytes(DemoMeasurementGenerator.Generate(Data, 7, 2022));

        second.Should().Equal(first);
        other.Should().NotEqual(first);
    }

    [Fact]
    public void Committed_file_is_what_the_generator_produces()
    {
        DemoMeasurementGenerator.Generate(Data, 2022, 2022).Should().Equal(Rows);
    }

    [Fact]
    public void Rows_are_sorted_and_unique()
    {
        string[] keys = Rows.Select(r => $"{r.UnitCode}|{r.IndicatorCode}|{r.Period}").ToArray();
        keys.Should().OnlyHaveUniqueItems();
        keys.Should().BeInAscendingOrder(StringComparer.Ordinal);
    }

    [Fact]
    public void Every_unit_reports_every_indicator_of_its_level_except_the_few_intentional_gaps()
    {
        Dictionary<string, UnitRow> units = Data.Units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        HashSet<(string Unit, string Indicator, int Month)> expected = [];
        foreach (UnitRow unit in Data.Units)
        {
            foreach (IndicatorRow indicator in Data.Indicators.Where(i => i.Levels.Contains(unit.Level)))
            {
                foreach (int month in DemoMeasurementGenerator.ReportingMonths(indicator.Frequency))
                {
                    expected.Add((unit.Code, indicator.Code, month));
                }
            }
        }
        HashSet<(string Unit, string Indicator, int Month)> actual = Rows
            .Select(r => (r.UnitCode, r.IndicatorCode, int.Parse(r.Period[5..], CultureInfo.InvariantCulture)))
            .ToHashSet();

        actual.Should().BeSubsetOf(expected, "no unit reports an indicator outside its levels or months");
        List<(string Unit, string Indicator, int Month)> missing = expected.Except(actual).ToList();

        // The gaps are whole unit-months (no row at all), exactly the hand-picked ones, and few.
        var missingUnitMonths = missing.Select(m => (m.Unit, m.Month)).Distinct().OrderBy(m => m.Unit, StringComparer.Ordinal).ToList();
        missingUnitMonths.Should().BeEquivalentTo(DemoScenario.MissingUnitMonths);
        missingUnitMonths.Should().HaveCount(5);
        foreach ((string unit, int month) in missingUnitMonths)
        {
            actual.Should().NotContain(a => a.Unit == unit && a.Month == month, $"{unit} sent nothing for month {month}");
        }
        int perDepartment = Data.Indicators.Count(i => i.Levels.Contains(UnitLevel.Department) && i.Frequency == Frequency.Monthly);
        int perDistrict = Data.Indicators.Count(i => i.Levels.Contains(UnitLevel.District) && i.Frequency == Frequency.Monthly);
        int perCommune = Data.Indicators.Count(i => i.Levels.Contains(UnitLevel.Commune) && i.Frequency == Frequency.Monthly);
        missing.Should().HaveCount(perDepartment + perDistrict + (3 * perCommune));
        missing.Should().HaveCount(71);
        units.Keys.Should().Contain(missingUnitMonths.Select(m => m.Unit));
        Rows.Should().HaveCount(expected.Count - 71);
    }

    [Fact]
    public void Ratio_rows_have_whole_numerator_not_above_denominator_and_other_kinds_a_value()
    {
        Dictionary<string, IndicatorRow> indicators = Data.Indicators.ToDictionary(i => i.Code, StringComparer.Ordinal);
        foreach (GeneratedMeasurement row in Rows)
        {
            IndicatorRow indicator = indicators[row.IndicatorCode];
            if (indicator.Kind == IndicatorKind.Ratio)
            {
                row.Value.Should().BeNull();
                row.Numerator.Should().NotBeNull().And.BeGreaterThanOrEqualTo(0);
                row.Denominator.Should().NotBeNull().And.BeGreaterThanOrEqualTo(row.Numerator!.Value, $"{row} has numerator ≤ denominator");
            }
            else
            {
                row.Numerator.Should().BeNull();
                row.Denominator.Should().BeNull();
                row.Value.Should().NotBeNull();
            }
        }
    }

    [Fact]
    public void Only_the_intentional_zero_denominators_exist()
    {
        var zeros = Rows.Where(r => r.Denominator == 0)
            .Select(r => (r.UnitCode, r.IndicatorCode, Month: int.Parse(r.Period[5..], CultureInfo.InvariantCulture)))
            .ToList();
        zeros.Should().BeEquivalentTo(DemoScenario.ZeroDenominators);
        zeros.Should().HaveCount(5);
        Rows.Where(r => r.Denominator == 0).Should().OnlyContain(r => r.Numerator == 0);
    }

    [Fact]
    public void All_codes_exist_and_periods_are_2022_months()
    {
        Dictionary<string, UnitRow> units = Data.Units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        Dictionary<string, IndicatorRow> indicators = Data.Indicators.ToDictionary(i => i.Code, StringComparer.Ordinal);
        foreach (GeneratedMeasurement row in Rows)
        {
            units.Should().ContainKey(row.UnitCode);
            indicators.Should().ContainKey(row.IndicatorCode);
            indicators[row.IndicatorCode].Levels.Contains(units[row.UnitCode].Level).Should().BeTrue();
            row.Period.Should().MatchRegex("^2022-(0[1-9]|1[0-2])$");
            if (indicators[row.IndicatorCode].Frequency == Frequency.Annual)
            {
                row.Period.Should().Be("2022-12");
            }
        }
    }

    [Fact]
    public void City_reports_its_own_indicators_including_the_annual_ones_once()
    {
        GeneratedMeasurement[] city = Rows.Where(r => r.UnitCode == "HN").ToArray();
        city.Select(r => r.IndicatorCode).Distinct().Should().BeEquivalentTo(
            "PARINDEX_RANK", "SIPAS", "TTHC_SIMPLIFIED", "FEE_TTHC_ONLINE_PAY", "TAX_ONLINE_PAY", "LAND_PAY_INTEGRATION",
            "INTERAGENCY_SIMPLIFIED", "INSPECTION_REFERRED", "INSPECTION_DONE");
        city.Should().ContainSingle(r => r.IndicatorCode == "PARINDEX_RANK").Which.Value.Should().BeInRange(1, 63);
        city.Should().ContainSingle(r => r.IndicatorCode == "SIPAS").Which.Value.Should().BeInRange(70, 100);
        city.Should().ContainSingle(r => r.IndicatorCode == "LAND_PAY_INTEGRATION").Which.Value.Should().BeOneOf(0m, 1m);
    }

    [Fact]
    public void Stock_numerators_never_decrease_over_a_fixed_denominator()
    {
        HashSet<string> stocks = Data.Indicators.Where(i => i is { Kind: IndicatorKind.Ratio, Rollup: Rollup.Stock }).Select(i => i.Code).ToHashSet();
        foreach (IGrouping<(string, string), GeneratedMeasurement> series in Rows.Where(r => stocks.Contains(r.IndicatorCode)).GroupBy(r => (r.UnitCode, r.IndicatorCode)))
        {
            series.Select(r => r.Denominator).Distinct().Should().ContainSingle();
            series.Select(r => r.Numerator!.Value).Should().BeInAscendingOrder();
        }
    }

    [Fact]
    public void Volumes_are_realistic_for_each_level()
    {
        Dictionary<string, UnitLevel> level = Data.Units.ToDictionary(u => u.Code, u => u.Level, StringComparer.Ordinal);
        double Average(UnitLevel l) => Rows.Where(r => r.IndicatorCode == "ONLINE_DOSSIER" && level[r.UnitCode] == l).Average(r => (double)r.Denominator!.Value);
        Average(UnitLevel.Department).Should().BeInRange(300, 5000);
        Average(UnitLevel.District).Should().BeInRange(800, 4000);
        Average(UnitLevel.Commune).Should().BeInRange(20, 400);
    }

    [Fact]
    public void Most_units_meet_most_targets_and_the_weak_units_lag()
    {
        Dictionary<string, UnitRow> units = Data.Units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        Dictionary<string, IndicatorRow> indicators = Data.Indicators.ToDictionary(i => i.Code, StringComparer.Ordinal);
        List<(string Unit, bool Met)> statuses = [];
        foreach (IGrouping<(string Unit, string Indicator), GeneratedMeasurement> series in Rows.GroupBy(r => (r.UnitCode, r.IndicatorCode)))
        {
            IndicatorRow indicator = indicators[series.Key.Indicator];
            Target? target = Data.TargetFor(2022, indicator.Code, units[series.Key.Unit]);
            if (target is null)
            {
                continue;
            }
            decimal value;
            if (indicator.Kind == IndicatorKind.Ratio)
            {
                (long n, long d) = indicator.Rollup == Rollup.Flow
                    ? (series.Sum(r => r.Numerator!.Value), series.Sum(r => r.Denominator!.Value))
                    : (series.Last().Numerator!.Value, series.Last().Denominator!.Value);
                value = 100m * n / d;
            }
            else
            {
                value = series.Last().Value!.Value;
            }
            bool met = target.Operator switch
            {
                ComparisonOperator.GreaterThan => value > target.Threshold,
                ComparisonOperator.GreaterOrEqual => value >= target.Threshold,
                ComparisonOperator.LessOrEqual => value <= target.Threshold,
                ComparisonOperator.LessThan => value < target.Threshold,
                _ => value == target.Threshold,
            };
            statuses.Add((series.Key.Unit, met));
        }

        double MetShare(IEnumerable<(string Unit, bool Met)> s) => s.Average(x => x.Met ? 1.0 : 0.0);
        MetShare(statuses.Where(s => !DemoScenario.WeakUnits.Contains(s.Unit))).Should().BeGreaterThan(0.7);
        MetShare(statuses.Where(s => DemoScenario.WeakUnits.Contains(s.Unit))).Should().BeLessThan(0.45);
        MetShare(statuses).Should().BeLessThan(0.95, "some units are at risk or missed");
    }

    [Fact]
    public void Committed_file_stays_small()
    {
        new FileInfo(RepoSeedData.MeasurementsPath).Length.Should().BeLessThan(3_000_000);
    }
}
