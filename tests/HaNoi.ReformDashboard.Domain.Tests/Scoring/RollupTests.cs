using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Domain.Scoring;

using static HaNoi.ReformDashboard.Domain.Tests.Scoring.Plan2022;

namespace HaNoi.ReformDashboard.Domain.Tests.Scoring;

public class RollupTests
{
    private static readonly Period Q1 = Period.Quarter(Year, 1);
    private static readonly Period Q2 = Period.Quarter(Year, 2);

    // Over time (docs/scoring.md, rules 1 and 7).

    [Fact]
    public void Ratio_over_quarter_sums_numerators_and_denominators()
    {
        var figure = Rollups.Combine(OnTime, Q1,
        [
            MonthlyFigure.Ratio(Year, 1, 90m, 100m),
            MonthlyFigure.Ratio(Year, 2, 190m, 200m),
            MonthlyFigure.Ratio(Year, 3, 700m, 700m),
        ]);

        figure.Should().Be(Figure.Ratio(980m, 1_000m));
        figure.ValueFor(IndicatorKind.Ratio).Should().Be(98m);
    }

    [Fact]
    public void Average_of_monthly_percentages_would_meet_but_the_ratio_of_sums_does_not()
    {
        // January 100 / 100 = 100 %, February 985 / 1 000 = 98,5 %: the average 99,25 % would meet "> 99 %",
        // but the quarter handled 1 085 of 1 100 dossiers on time = 98,64 %.
        MonthlyFigure[] months = [MonthlyFigure.Ratio(Year, 1, 100m, 100m), MonthlyFigure.Ratio(Year, 2, 985m, 1_000m)];
        var averageOfPercentages = months.Average(m => 100m * m.Numerator!.Value / m.Denominator!.Value);

        var value = Rollups.Combine(OnTime, Q1, months).ValueFor(IndicatorKind.Ratio);

        averageOfPercentages.Should().Be(99.25m);
        Scores.Evaluate(OnTime, Above(99m), averageOfPercentages).Status.Should().Be(Status.Met);
        value.Should().BeApproximately(98.6364m, 0.0001m);
        Scores.Evaluate(OnTime, Above(99m), value).Status.Should().Be(Status.AtRisk);
    }

    [Fact]
    public void Year_to_date_flow_sums_every_month_through_the_last_and_ignores_later_ones()
    {
        var months = Enumerable.Range(1, 12).Select(m => MonthlyFigure.Ratio(Year, m, 10m, 40m));

        Rollups.Combine(OnlineDossier, Period.YearToDate(Year, 9), months).Should().Be(Figure.Ratio(90m, 360m));
    }

    [Fact]
    public void Months_of_another_year_do_not_count()
    {
        var figure = Rollups.Combine(OnTime, Q1, [MonthlyFigure.Ratio(Year - 1, 1, 50m, 100m), MonthlyFigure.Ratio(Year, 1, 99m, 100m)]);

        figure.Should().Be(Figure.Ratio(99m, 100m));
    }

    [Fact]
    public void Stock_indicator_in_a_quarter_takes_the_latest_month()
    {
        var figure = Rollups.Combine(StaffDataTrained, Q2,
        [
            MonthlyFigure.Ratio(Year, 6, 35m, 100m),
            MonthlyFigure.Ratio(Year, 4, 10m, 100m),
            MonthlyFigure.Ratio(Year, 5, 20m, 100m),
            MonthlyFigure.Ratio(Year, 7, 50m, 100m),
        ]);

        figure.Should().Be(Figure.Ratio(35m, 100m), "June is the quarter's latest month; July is outside it");
    }

    [Fact]
    public void Stock_indicator_takes_the_latest_month_reported_when_the_last_month_is_missing()
    {
        var figure = Rollups.Combine(StaffDataTrained, Q2, [MonthlyFigure.Ratio(Year, 4, 10m, 100m), MonthlyFigure.Ratio(Year, 5, 20m, 100m)]);

        figure.Should().Be(Figure.Ratio(20m, 100m));
    }

    [Fact]
    public void No_report_in_the_period_gives_no_data()
    {
        var flow = Rollups.Combine(OnTime, Q2, [MonthlyFigure.Ratio(Year, 1, 99m, 100m)]);
        var stock = Rollups.Combine(StaffDataTrained, Q2, []);

        flow.Should().Be(Figure.None);
        flow.ValueFor(IndicatorKind.Ratio).Should().BeNull();
        stock.Should().Be(Figure.None);
    }

    [Fact]
    public void Flow_with_no_dossiers_in_any_month_gives_no_data_not_zero_percent()
    {
        var nothing = Rollups.Combine(OnTime, Q1, [MonthlyFigure.Ratio(Year, 1, 0m, 0m), MonthlyFigure.Ratio(Year, 2, 0m, 0m)]);
        var some = Rollups.Combine(OnTime, Q1, [MonthlyFigure.Ratio(Year, 1, 0m, 0m), MonthlyFigure.Ratio(Year, 2, 5m, 10m)]);

        nothing.ValueFor(IndicatorKind.Ratio).Should().BeNull();
        some.ValueFor(IndicatorKind.Ratio).Should().Be(50m, "an empty month adds nothing to either sum");
    }

    [Fact]
    public void Flow_value_sums_the_months_and_stock_value_takes_the_latest()
    {
        var flowCount = new IndicatorRule("DOSSIERS_RECEIVED", "TTHC", IndicatorKind.Value, Rollup.Flow);
        MonthlyFigure[] months = [MonthlyFigure.Of(Year, 1, 120m), MonthlyFigure.Of(Year, 2, 80m), MonthlyFigure.Of(Year, 3, 100m)];

        Rollups.Combine(flowCount, Q1, months).Value.Should().Be(300m);
        Rollups.Combine(Sipas, Q1, months).Value.Should().Be(100m);
    }

    [Fact]
    public void Rank_and_milestone_are_positions_taken_from_the_latest_month_even_if_marked_flow()
    {
        var rankMarkedFlow = ParIndexRank with { Rollup = Rollup.Flow };
        var milestoneMarkedFlow = LandPayIntegration with { Rollup = Rollup.Flow };

        Rollups.Combine(rankMarkedFlow, Period.WholeYear(Year), [MonthlyFigure.Of(Year, 3, 12m), MonthlyFigure.Of(Year, 12, 8m)])
            .Value.Should().Be(8m);
        Rollups.Combine(milestoneMarkedFlow, Period.WholeYear(Year), [MonthlyFigure.Of(Year, 5, 0m), MonthlyFigure.Of(Year, 9, 1m)])
            .Value.Should().Be(1m);
    }

    [Fact]
    public void Stock_with_an_empty_latest_row_takes_the_latest_real_report()
    {
        var figure = Rollups.Combine(StaffDataTrained, Q2, [MonthlyFigure.Ratio(Year, 5, 20m, 100m), new MonthlyFigure(Year, 6, null, null, null)]);

        figure.Should().Be(Figure.Ratio(20m, 100m));
    }

    // A merged unit: its months before the merger count towards the successor when the caller passes them.

    [Fact]
    public void Merged_unit_months_before_the_merger_count_in_the_successors_year_to_date_flow()
    {
        // Unit A merged into B on 1 April: A reported January–March, B the whole half-year.
        MonthlyFigure[] lineage =
        [
            MonthlyFigure.Ratio(Year, 1, 30m, 100m), MonthlyFigure.Ratio(Year, 2, 30m, 100m), MonthlyFigure.Ratio(Year, 3, 30m, 100m),
            .. Enumerable.Range(1, 6).Select(m => MonthlyFigure.Ratio(Year, m, 50m, 100m)),
        ];

        var figure = Rollups.Combine(OnlineDossier, Period.YearToDate(Year, 6), lineage);

        figure.Should().Be(Figure.Ratio(390m, 900m), "A's 90 / 300 plus B's 300 / 600");
    }

    [Fact]
    public void Merged_unit_stock_adds_both_reports_of_a_month_before_the_merger_and_only_the_successor_after()
    {
        MonthlyFigure[] lineage =
        [
            MonthlyFigure.Ratio(Year, 3, 20m, 40m), // A, its last month
            MonthlyFigure.Ratio(Year, 3, 30m, 60m), // B, before the merger
            MonthlyFigure.Ratio(Year, 6, 80m, 100m), // B, after absorbing A's staff
        ];

        Rollups.Combine(StaffDataTrained, Q1, lineage).Should().Be(Figure.Ratio(50m, 100m));
        Rollups.Combine(StaffDataTrained, Period.YearToDate(Year, 6), lineage).Should().Be(Figure.Ratio(80m, 100m));
    }

    // Over units (docs/scoring.md, rule 1).

    [Fact]
    public void Level_roll_up_is_the_ratio_of_sums_across_units_and_the_status_flips()
    {
        // A small district 100 / 100 = 100 %, a large one 985 / 1 000 = 98,5 %: their mean 99,25 % would meet
        // "> 99 %", the level's 1 085 / 1 100 = 98,64 % does not.
        var level = Rollups.Sum([Figure.Ratio(100m, 100m), Figure.Ratio(985m, 1_000m)]);

        level.Should().Be(Figure.Ratio(1_085m, 1_100m));
        Scores.Evaluate(OnTime, Above(99m), level.ValueFor(IndicatorKind.Ratio)).Status.Should().Be(Status.AtRisk);
    }

    [Fact]
    public void Unit_without_a_report_adds_nothing_to_the_level_rather_than_zero_percent()
    {
        var level = Rollups.Sum([Figure.Ratio(40m, 50m), Figure.None, Figure.Ratio(60m, 50m)]);

        level.Should().Be(Figure.Ratio(100m, 100m));
    }

    [Fact]
    public void Sum_of_nothing_is_no_data()
    {
        Rollups.Sum([]).Should().Be(Figure.None);
        Rollups.Sum([Figure.None, Figure.None]).ValueFor(IndicatorKind.Ratio).Should().BeNull();
    }

    [Fact]
    public void City_figure_sums_every_unit_of_every_level()
    {
        Figure[] units = [Figure.Ratio(99m, 100m), Figure.Ratio(490m, 500m), Figure.Ratio(1_000m, 1_000m)];

        Rollups.City(OnTime, Figure.Ratio(1m, 1m), units).Should().Be(Figure.Ratio(1_589m, 1_600m));
    }

    [Fact]
    public void City_figure_of_an_indicator_the_city_reports_itself_is_its_own_report()
    {
        Figure[] departments = [Figure.Ratio(10m, 10m), Figure.Ratio(0m, 10m)];

        Rollups.City(TthcSimplified, Figure.Ratio(62m, 100m), departments).Should().Be(Figure.Ratio(62m, 100m));
        Rollups.City(Sipas, Figure.Of(87.5m), []).Value.Should().Be(87.5m);
    }

    [Fact]
    public void District_with_its_communes_is_a_separate_sum_beside_the_district_alone()
    {
        var district = Figure.Ratio(45m, 50m);
        Figure[] communes = [Figure.Ratio(20m, 40m), Figure.Ratio(5m, 10m)];

        district.ValueFor(IndicatorKind.Ratio).Should().Be(90m);
        Rollups.Sum([district, .. communes]).ValueFor(IndicatorKind.Ratio).Should().Be(70m);
    }
}
