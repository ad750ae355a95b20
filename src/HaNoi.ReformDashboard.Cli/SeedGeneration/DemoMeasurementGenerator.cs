using System.Globalization;

using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Scoring;
using HaNoi.ReformDashboard.Data.Seed;

namespace HaNoi.ReformDashboard.Cli.SeedGeneration;

/// <summary>
/// Produces SYNTHETIC, deterministic demo measurements for one plan year: a pure function of the reference data, the
/// seed and the year. Every unit reports every indicator whose levels include its own level, in every reporting month
/// (monthly: 01…12, quarterly: 03/06/09/12, annual: 12), except the gaps of <see cref="DemoScenario"/>.
/// </summary>
/// <remarks>
/// Each (unit, indicator) series draws from its own <see cref="SplitMix64"/> stream keyed by "unit|indicator", so a
/// series depends only on the seed and its key. Per series an intended outcome (met / at risk / missed against the
/// plan-year target) is drawn, weighted by the unit's profile (weak, borderline, normal), and the integer numerators are
/// placed so that the outcome holds exactly where the denominator allows it.
/// </remarks>
public static class DemoMeasurementGenerator
{
    private enum Outcome { Met, AtRisk, Missed, NoTarget }

    /// <summary>The version was in force on at least one day of the month (the one rule, <see cref="Validity"/>).</summary>
    private static bool InForceIn(UnitRow unit, int year, int month)
    {
        DateOnly first = new(year, month, 1);
        return unit.Validity.Overlaps(first, first.AddMonths(1).AddDays(-1));
    }

    public static IReadOnlyList<GeneratedMeasurement> Generate(SeedReferenceData data, int seed, int year)
    {
        ArgumentNullException.ThrowIfNull(data);
        List<GeneratedMeasurement> rows = [];
        IEnumerable<UnitRow> units = data.Units.OrderBy(u => u.Code, StringComparer.Ordinal);
        IndicatorRow[] indicators = data.Indicators.Where(i => data.InCatalogue(year, i.Code)).OrderBy(i => i.Code, StringComparer.Ordinal).ToArray();

        foreach (UnitRow unit in units)
        {
            UnitProfile profile = UnitProfile.For(unit, seed);
            foreach (IndicatorRow indicator in indicators.Where(i => i.Levels.Contains(unit.Level)))
            {
                Target? target = data.TargetFor(year, indicator.Code, unit);
                SplitMix64 rng = SplitMix64.ForKey(seed, unit.Code + "|" + indicator.Code);
                foreach (Point point in Series(unit, indicator, target, profile, rng))
                {
                    if (!InForceIn(unit, year, point.Month) || DemoScenario.IsMissing(unit.Code, point.Month))
                    {
                        continue;
                    }
                    Point p = point;
                    if (indicator is { Kind: IndicatorKind.Ratio, Rollup: Rollup.Flow }
                        && DemoScenario.IsZeroDenominator(unit.Code, indicator.Code, point.Month))
                    {
                        p = point with { Numerator = 0, Denominator = 0 };
                    }
                    string period = string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{p.Month:D2}");
                    rows.Add(new GeneratedMeasurement(unit.Code, indicator.Code, period, p.Numerator, p.Denominator, p.Value));
                }
            }
        }

        rows.Sort(static (a, b) =>
        {
            int c = string.CompareOrdinal(a.UnitCode, b.UnitCode);
            if (c == 0)
            {
                c = string.CompareOrdinal(a.IndicatorCode, b.IndicatorCode);
            }
            return c != 0 ? c : string.CompareOrdinal(a.Period, b.Period);
        });
        return rows;
    }

    /// <summary>The months in which an indicator of this frequency is reported.</summary>
    public static IReadOnlyList<int> ReportingMonths(Frequency frequency) => frequency switch
    {
        Frequency.Monthly => [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
        Frequency.Quarterly => [3, 6, 9, 12],
        Frequency.Annual => [12],
        _ => throw new ArgumentOutOfRangeException(nameof(frequency)),
    };

    private readonly record struct Point(int Month, long? Numerator, long? Denominator, decimal? Value);

    private static IReadOnlyList<Point> Series(
        UnitRow unit, IndicatorRow indicator, Target? target, UnitProfile profile, SplitMix64 rng)
    {
        Outcome outcome = PickOutcome(rng, unit.Code, target);
        IReadOnlyList<int> months = ReportingMonths(indicator.Frequency);
        return indicator.Kind switch
        {
            IndicatorKind.Ratio when indicator.Rollup == Rollup.Flow => FlowRatio(unit, indicator, target, outcome, profile, months, rng),
            IndicatorKind.Ratio => StockRatio(unit, indicator, target, outcome, profile, months, rng),
            IndicatorKind.Value => ValueSeries(indicator, target, outcome, months, rng),
            IndicatorKind.Rank => RankSeries(indicator, target, outcome, months, rng),
            IndicatorKind.Milestone => MilestoneSeries(outcome, months, rng),
            _ => throw new ArgumentOutOfRangeException(nameof(indicator)),
        };
    }

    private static Outcome PickOutcome(SplitMix64 rng, string unitCode, Target? target)
    {
        double roll = rng.NextDouble(); // always drawn, so streams do not shift when a target is added or removed
        if (target is null)
        {
            return Outcome.NoTarget;
        }
        (double met, double atRisk) = DemoScenario.WeakUnits.Contains(unitCode) ? (0.20, 0.50)
            : DemoScenario.BorderlineUnits.Contains(unitCode) ? (0.45, 0.90)
            : (0.86, 0.96);
        return roll < met ? Outcome.Met : roll < atRisk ? Outcome.AtRisk : Outcome.Missed;
    }

    // ---- ratios -------------------------------------------------------------------------------------------------

    private static List<Point> FlowRatio(
        UnitRow unit, IndicatorRow indicator, Target? target, Outcome outcome, UnitProfile profile,
        IReadOnlyList<int> months, SplitMix64 rng)
    {
        double level = RatioLevel(rng, outcome, target, indicator.Tolerance, unit.Code);
        bool ramps = DemoScenario.RampingIndicators.Contains(indicator.Code);
        double rampSpan = rng.Between(4, 12);
        double threshold = target is null ? 50 : (double)target.Threshold;
        double noise = threshold >= 90 ? 0.6 : 2.5;
        double baseVolume = profile.FlowBase(indicator.Code);

        List<Point> points = [];
        foreach (int month in months)
        {
            double volume = baseVolume * DemoScenario.Seasonality[month - 1] * rng.Between(0.9, 1.1);
            long denominator = Math.Max(1, RoundToLong(volume));
            double blipRoll = rng.NextDouble();
            double jitter = rng.Between(-1, 1);

            Outcome monthOutcome = outcome;
            double monthLevel;
            if (ramps)
            {
                monthLevel = level + (rampSpan * (((month - 1) / 11.0) - 0.5)) + (jitter * 1.5);
            }
            else if (outcome == Outcome.Met && blipRoll < 0.012)
            {
                // An occasional bad month for a unit that otherwise meets its target.
                monthOutcome = Outcome.AtRisk;
                monthLevel = threshold - ((double)indicator.Tolerance * 0.4);
            }
            else
            {
                monthLevel = level + (jitter * noise);
            }

            long numerator = Math.Clamp(RoundToLong(denominator * Math.Clamp(monthLevel, 0, 100) / 100.0), 0, denominator);
            if (!ramps && target is not null)
            {
                numerator = EnforceOutcome(numerator, denominator, target, indicator.Tolerance, monthOutcome);
            }
            points.Add(new Point(month, numerator, denominator, null));
        }
        return points;
    }

    private static List<Point> StockRatio(
        UnitRow unit, IndicatorRow indicator, Target? target, Outcome outcome, UnitProfile profile,
        IReadOnlyList<int> months, SplitMix64 rng)
    {
        double endLevel = RatioLevel(rng, outcome, target, indicator.Tolerance, unit.Code);
        long denominator = Math.Max(1, profile.StockDenominator(indicator.Code));
        double startShare = rng.Between(0.2, 0.55);
        double[] weights = new double[12];
        for (int m = 1; m < 12; m++)
        {
            weights[m] = rng.Between(0.3, 1.7);
        }
        double total = weights.Sum();

        long yearEnd = Math.Clamp(RoundToLong(denominator * endLevel / 100.0), 0, denominator);
        if (target is not null)
        {
            yearEnd = EnforceOutcome(yearEnd, denominator, target, indicator.Tolerance, outcome);
        }

        long[] cumulative = new long[13];
        double done = 0;
        for (int m = 1; m <= 12; m++)
        {
            done += weights[m - 1];
            double share = startShare + ((1 - startShare) * (done / total));
            long n = m == 12 ? yearEnd : RoundToLong(denominator * endLevel * share / 100.0);
            cumulative[m] = Math.Min(Math.Max(n, cumulative[m - 1]), yearEnd);
        }
        return months.Select(m => new Point(m, cumulative[m], denominator, null)).ToList();
    }

    /// <summary>The intended ratio level in percent for an outcome against the target.</summary>
    private static double RatioLevel(SplitMix64 rng, Outcome outcome, Target? target, decimal tolerance, string unitCode)
    {
        double u = rng.Between(0.15, 1.0);
        double extra = rng.Between(2, 15);
        if (target is null)
        {
            return DemoScenario.WeakUnits.Contains(unitCode) ? 20 + (25 * u) : 40 + (45 * u);
        }
        double t = (double)target.Threshold;
        double tol = (double)tolerance;
        double sign = target.Operator is ComparisonOperator.LessOrEqual or ComparisonOperator.LessThan ? -1 : 1;
        double headroom = sign > 0 ? Math.Min(100 - t, 15) : Math.Min(t, 15);
        double level = outcome switch
        {
            Outcome.Met => target.Operator == ComparisonOperator.Equal ? t : t + (sign * headroom * u),
            Outcome.AtRisk => t - (sign * tol * (0.15 + (0.7 * (u - 0.15) / 0.85))),
            _ => t - (sign * (tol + extra)),
        };
        return Math.Clamp(level, 0, 100);
    }

    /// <summary>
    /// Moves an integer numerator into the range where value = 100·n/d has the intended status (met: the operator holds;
    /// at risk: not met but strictly within the tolerance; missed: strictly beyond it), when such an integer exists.
    /// Exact decimal arithmetic, so "&gt; 99" is never met by 99.00 %.
    /// </summary>
    private static long EnforceOutcome(long numerator, long denominator, Target target, decimal tolerance, Outcome outcome)
    {
        if (denominator <= 0 || target.Operator is not (ComparisonOperator.GreaterOrEqual or ComparisonOperator.GreaterThan))
        {
            return numerator;
        }
        decimal metBound = target.Threshold * denominator / 100m;
        long metLow = target.Operator == ComparisonOperator.GreaterOrEqual
            ? (long)Math.Ceiling(metBound)
            : (long)Math.Floor(metBound) + 1;
        decimal riskBound = (target.Threshold - tolerance) * denominator / 100m;
        (long low, long high) = outcome switch
        {
            Outcome.Met => (metLow, denominator),
            Outcome.AtRisk => ((long)Math.Floor(riskBound) + 1, metLow - 1),
            Outcome.Missed => (0L, (long)Math.Ceiling(riskBound) - 1),
            _ => (0L, denominator),
        };
        low = Math.Max(low, 0);
        high = Math.Min(high, denominator);
        return low <= high ? Math.Clamp(numerator, low, high) : numerator;
    }

    // ---- values, ranks, milestones ---------------------------------------------------------------------------------

    private static List<Point> ValueSeries(
        IndicatorRow indicator, Target? target, Outcome outcome, IReadOnlyList<int> months, SplitMix64 rng)
    {
        double u = rng.NextDouble();
        double value;
        if (target is null)
        {
            value = 70 + (25 * u);
        }
        else
        {
            double t = (double)target.Threshold;
            double tol = (double)indicator.Tolerance;
            double sign = target.Operator is ComparisonOperator.LessOrEqual or ComparisonOperator.LessThan ? -1 : 1;
            value = outcome switch
            {
                Outcome.Met => t + (sign * (0.2 + (2.8 * u))),
                Outcome.AtRisk => t - (sign * tol * (0.1 + (0.8 * u))),
                _ => t - (sign * (tol + 1 + (7 * u))),
            };
        }
        decimal tenths = RoundToLong(Math.Max(0, value) * 10);
        return months.Select(m => new Point(m, null, null, tenths / 10m)).ToList();
    }

    private static List<Point> RankSeries(
        IndicatorRow indicator, Target? target, Outcome outcome, IReadOnlyList<int> months, SplitMix64 rng)
    {
        int t = target is null ? 20 : (int)target.Threshold;
        int tol = Math.Max(1, (int)indicator.Tolerance);
        int rank = outcome switch
        {
            Outcome.Met => Math.Max(1, t - rng.NextInt(0, 3)),
            Outcome.AtRisk => t + rng.NextInt(1, tol),
            Outcome.Missed => t + tol + rng.NextInt(1, 15),
            _ => rng.NextInt(1, Ranks.Lowest),
        };
        return months.Select(m => new Point(m, null, null, (decimal)rank)).ToList();
    }

    private static List<Point> MilestoneSeries(Outcome outcome, IReadOnlyList<int> months, SplitMix64 rng)
    {
        int doneFrom = outcome is Outcome.Met or Outcome.NoTarget ? rng.NextInt(6, 12) : 13;
        return months.Select(m => new Point(m, null, null, m >= doneFrom ? 1m : 0m)).ToList();
    }

    private static long RoundToLong(double value) => (long)Math.Round(value, MidpointRounding.AwayFromZero);

    // ---- unit sizes ------------------------------------------------------------------------------------------------

    /// <summary>Rough, synthetic size of a unit: monthly volumes of flows and the fixed denominators of stocks.</summary>
    private sealed record UnitProfile(
        double Dossiers,
        double Documents,
        double Feedback,
        double InspectionRecommendations,
        long Staff,
        long Leaders,
        long Procedures,
        long FeeProcedures,
        long TaxKinds,
        long InteragencyProcedures,
        long InspectionConclusions)
    {
        public static UnitProfile For(UnitRow unit, int seed)
        {
            SplitMix64 rng = SplitMix64.ForKey(seed, "profile|" + unit.Code);
            // Draw every random number in a fixed order whatever the level, so streams stay aligned.
            double a = rng.NextDouble(), b = rng.NextDouble(), c = rng.NextDouble(), d = rng.NextDouble();
            double e = rng.NextDouble(), f = rng.NextDouble(), g = rng.NextDouble();

            switch (unit.Level)
            {
                case UnitLevel.City:
                    return new UnitProfile(
                        Dossiers: 0, Documents: 0, Feedback: 0,
                        InspectionRecommendations: 8 + (12 * a),
                        Staff: 0, Leaders: 0,
                        Procedures: 1880 + (long)(110 * b),
                        FeeProcedures: 560 + (long)(120 * c),
                        TaxKinds: 22 + (long)(9 * d),
                        InteragencyProcedures: 96 + (long)(35 * e),
                        InspectionConclusions: 180 + (long)(80 * f));
                case UnitLevel.Department:
                {
                    double dossiers = DemoScenario.DepartmentMonthlyDossiers.TryGetValue(unit.Code, out int known)
                        ? known
                        : 100 + (700 * a);
                    double root = Math.Sqrt(dossiers);
                    long procedures = 30 + (long)(root * 2) + (long)(20 * b);
                    return new UnitProfile(
                        Dossiers: dossiers,
                        Documents: 900 + (root * 20),
                        Feedback: 10 + root,
                        InspectionRecommendations: 2 + (7 * c),
                        Staff: 90 + (long)(root * 6) + (long)(40 * d),
                        Leaders: 14 + (long)(25 * e),
                        Procedures: procedures,
                        FeeProcedures: Math.Max(3, (long)(procedures * (0.2 + (0.25 * f)))),
                        TaxKinds: 0,
                        InteragencyProcedures: 0,
                        InspectionConclusions: 8 + (long)(33 * g));
                }
                case UnitLevel.District:
                {
                    double population = DemoScenario.DistrictPopulationThousands.TryGetValue(unit.Code, out int known)
                        ? known
                        : 150 + (250 * a);
                    return new UnitProfile(
                        Dossiers: population * 7,
                        Documents: 800 + (population * 6),
                        Feedback: population * 0.3,
                        InspectionRecommendations: 3 + (11 * c),
                        Staff: 150 + (long)(population * 3) + (long)(60 * d),
                        Leaders: 45 + (long)(46 * e),
                        Procedures: 0,
                        FeeProcedures: 0,
                        TaxKinds: 0,
                        InteragencyProcedures: 0,
                        InspectionConclusions: 15 + (long)(46 * g));
                }
                default:
                    return new UnitProfile(
                        Dossiers: 40 + (260 * a),
                        Documents: 120 + (280 * b),
                        Feedback: 3 + (22 * c),
                        InspectionRecommendations: 1 + (3 * c),
                        Staff: 18 + (long)(15 * d),
                        Leaders: 3 + (long)(3 * e),
                        Procedures: 0,
                        FeeProcedures: 0,
                        TaxKinds: 0,
                        InteragencyProcedures: 0,
                        InspectionConclusions: 2 + (long)(6 * g));
            }
        }

        /// <summary>Average monthly denominator of a flow indicator before seasonality and noise.</summary>
        public double FlowBase(string indicatorCode)
        {
            double dossiers = Dossiers > 0 ? Dossiers : Math.Max(Documents, 50);
            return indicatorCode switch
            {
                "ONLINE_DOSSIER" or "DATA_REUSE" => dossiers,
                "ONTIME" or "DVCQG_SYNC" or "DIGITISED_RECORDS" => dossiers * 0.96,
                "EID_AT_COUNTER" => dossiers * 0.06,
                "ONLINE_PAYMENT_TX" => dossiers * 0.35,
                "DOC_ONLINE_PROCESSING" => Documents,
                "DOC_ONLINE_EXCHANGE" => Documents * 1.4,
                "FEEDBACK_HANDLED" => Feedback,
                "INSPECTION_REFERRED" => InspectionRecommendations,
                _ => dossiers,
            };
        }

        /// <summary>The fixed denominator of a stock indicator (procedures, staff, leaders…).</summary>
        public long StockDenominator(string indicatorCode) => indicatorCode switch
        {
            "TTHC_SIMPLIFIED" => Procedures,
            "FEE_TTHC_ONLINE_PAY" => FeeProcedures,
            "TAX_ONLINE_PAY" => TaxKinds,
            "INTERAGENCY_SIMPLIFIED" => InteragencyProcedures,
            "STAFF_CULTURE_TRAINED" or "STAFF_DATA_TRAINED" => Staff,
            "LEADERS_BRIEFED" => Leaders,
            "INSPECTION_DONE" => InspectionConclusions,
            _ => Math.Max(Procedures, Staff),
        };
    }
}
