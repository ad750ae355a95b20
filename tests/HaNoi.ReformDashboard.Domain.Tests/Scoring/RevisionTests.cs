using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Domain.Scoring;

using static HaNoi.ReformDashboard.Domain.Tests.Scoring.Plan2022;

namespace HaNoi.ReformDashboard.Domain.Tests.Scoring;

public class RevisionTests
{
    [Fact]
    public void Latest_revision_of_each_month_wins_and_earlier_ones_add_nothing()
    {
        var months = Revisions.LatestPerMonth(
        [
            new(1, MonthlyFigure.Ratio(Year, 1, 90m, 100m)),
            new(1, MonthlyFigure.Ratio(Year, 2, 80m, 100m)),
            new(2, MonthlyFigure.Ratio(Year, 2, 95m, 100m)),
            new(3, MonthlyFigure.Ratio(Year, 3, 97m, 100m)),
        ]);

        months.Should().Equal(
            MonthlyFigure.Ratio(Year, 1, 90m, 100m),
            MonthlyFigure.Ratio(Year, 2, 95m, 100m),
            MonthlyFigure.Ratio(Year, 3, 97m, 100m));
        Rollups.Combine(OnTime, Period.Quarter(Year, 1), months)
            .Should().Be(Figure.Ratio(282m, 300m));
    }

    [Fact]
    public void Latest_revision_wins_whatever_the_order_of_arrival()
    {
        var months = Revisions.LatestPerMonth([new(2, MonthlyFigure.Of(Year, 4, 9m)), new(1, MonthlyFigure.Of(Year, 4, 12m))]);

        months.Should().Equal(MonthlyFigure.Of(Year, 4, 9m));
    }

    [Fact]
    public void Two_reports_for_one_month_in_the_same_revision_are_refused()
    {
        FluentActions.Invoking(() => Revisions.LatestPerMonth([new(1, MonthlyFigure.Of(Year, 4, 9m)), new(1, MonthlyFigure.Of(Year, 4, 12m))]))
            .Should().Throw<InvalidOperationException>().WithMessage("*2022-04*");
    }
}
