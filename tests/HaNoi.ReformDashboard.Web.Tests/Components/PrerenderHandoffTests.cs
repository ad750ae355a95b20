using HaNoi.ReformDashboard.Web.Components.Shared;

namespace HaNoi.ReformDashboard.Web.Tests.Components;

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
}
