using HaNoi.ReformDashboard.Web.Shared;
using HaNoi.ReformDashboard.Web.Tests.Infrastructure;

namespace HaNoi.ReformDashboard.Web.Tests.Shared;

public sealed class PrerenderHandoffTests
{
    private const string Uri = "http://localhost/units/268?year=2022";

    [Fact]
    public void Only_the_user_and_address_it_was_prerendered_for_take_the_state_and_only_once()
    {
        using var handoff = new PrerenderHandoff();
        var state = new object();

        var key = handoff.Put(Uri, "user-a", state);
        handoff.Take<object>(key, Uri, "user-b").Should().BeNull("another user's circuit gets nothing");

        var again = handoff.Put(Uri, "user-a", state);
        handoff.Take<object>(again, Uri + "&period=2022-Q3", "user-a").Should().BeNull("another address gets nothing");

        var third = handoff.Put(Uri, "user-a", state);
        handoff.Take<object>(third, Uri, "user-a").Should().BeSameAs(state);
        handoff.Take<object>(third, Uri, "user-a").Should().BeNull("a key is good once");
    }

    [Fact]
    public void A_page_loads_again_for_another_path_or_view_but_not_when_only_shown_only_parameters_move()
    {
        string[] shownOnly = ["q", "problems"];
        var loaded = ScorecardPage.LoadAddress("http://localhost/?year=2022&period=2022-12&level=commune", shownOnly);

        ScorecardPage.LoadAddress("http://localhost/?level=commune&q=truc%20bach&year=2022&problems=1&period=2022-12", shownOnly)
            .Should().Be(loaded, "the search and the filter narrow what is loaded");
        ScorecardPage.LoadAddress("http://localhost/?year=2022&period=2022-11&level=commune&q=truc", shownOnly).Should().NotBe(loaded);
        ScorecardPage.LoadAddress("http://localhost/units/001?year=2022&period=2022-12&level=commune", shownOnly).Should().NotBe(loaded);
        ScorecardPage.LoadAddress("http://localhost/?year=2022&period=2022-12&level=commune&q=x", []).Should().NotBe(loaded,
            "a page without shown-only parameters loads again for any change of its address");
    }
}
