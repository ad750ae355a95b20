using Bunit;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Web.Shared;
using HaNoi.ReformDashboard.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace HaNoi.ReformDashboard.Web.Tests.Shared;

public class PeriodPickerTests : ComponentTest
{
    private static readonly ViewState December = new(2022, Period.Month(2022, 12), UnitLevel.District);

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<PeriodPicker> RenderPicker(ViewState view)
    {
        Navigation.NavigateTo("/" + view.Query);
        return Render<PeriodPicker>(p => p.Add(c => c.View, view).Add(c => c.PlanYears, [2022]));
    }

    [Fact]
    public void Choosing_quarter_navigates_to_the_quarter_that_ends_with_the_month()
    {
        var cut = RenderPicker(December);

        cut.Find("[data-testid=period-kind]").Change(nameof(PeriodKind.Quarter));

        Navigation.Uri.Should().EndWith("/?year=2022&period=2022-Q4&level=district");
    }

    [Fact]
    public void Choosing_a_quarter_number_updates_the_period_in_the_query()
    {
        var cut = RenderPicker(December with { Period = Period.Quarter(2022, 4) });

        cut.Find("[data-testid=period-number]").Change("3");

        Navigation.Uri.Should().EndWith("/?year=2022&period=2022-Q3&level=district");
    }

    [Fact]
    public void Whole_year_has_no_second_list()
    {
        var cut = RenderPicker(December with { Period = Period.WholeYear(2022) });

        cut.FindAll("[data-testid=period-number]").Should().BeEmpty();
        cut.Find("[data-testid=period-kind] option[selected]").GetAttribute("value").Should().Be("Year");
    }

    [Fact]
    public void The_selected_options_reflect_the_view_even_before_the_circuit_is_live()
    {
        var cut = RenderPicker(December with { Period = Period.YearToDate(2022, 9) });

        cut.Find("[data-testid=period-kind] option[selected]").GetAttribute("value").Should().Be("YearToDate");
        cut.Find("[data-testid=period-number] option[selected]").TextContent.Should().Be("9 tháng đầu năm");
    }

    [Theory]
    [InlineData("2022-12")]
    [InlineData("2022-Q3")]
    [InlineData("2022-YTD-09")]
    [InlineData("2022")]
    public void A_query_parses_back_to_the_same_view(string period)
    {
        var view = new ViewState(2022, Period.Parse(period), UnitLevel.Commune);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(view.Query);

        var parsed = new ViewState(
            ViewState.ParseYear(query["year"])!.Value, ViewState.ParsePeriod(query["period"])!.Value, ViewState.ParseLevel(query["level"])!.Value);

        parsed.Should().Be(view);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("city")]
    [InlineData("ward")]
    public void A_missing_or_unswitchable_level_is_not_taken_from_the_query(string? level)
    {
        ViewState.ParseLevel(level).Should().BeNull();
    }

    [Fact]
    public void A_period_of_another_year_is_kept_but_flagged_outside_the_plan_year()
    {
        new ViewState(2022, Period.Month(2021, 5), UnitLevel.District).PeriodInPlanYear.Should().BeFalse();
    }

    [Theory]
    [InlineData("2022-12", PeriodKind.Quarter, "2022-Q4")]
    [InlineData("2022-08", PeriodKind.Quarter, "2022-Q3")]
    [InlineData("2022-Q2", PeriodKind.Month, "2022-06")]
    [InlineData("2022-Q2", PeriodKind.YearToDate, "2022-YTD-06")]
    [InlineData("2022-YTD-09", PeriodKind.Year, "2022")]
    public void Switching_kind_keeps_the_end_of_the_period(string from, PeriodKind kind, string expected)
    {
        PeriodChoice.WithKind(Period.Parse(from), kind).ToString().Should().Be(expected);
    }
}
