using System.Security.Claims;
using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Web.Tests.EndToEnd;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace HaNoi.ReformDashboard.Web.Tests.Infrastructure;

/// <summary>
/// One signed-in user with one role, as a circuit would carry them: a real account of the test app with a live session
/// (a write asks the database who acts), the principal built as the sign-in builds the cookie's.
/// </summary>
internal sealed class FixedUser(IServiceProvider app, string name, string role) : AuthenticationStateProvider
{
    private Task<ClaimsPrincipal>? _principal;

    public override async Task<AuthenticationState> GetAuthenticationStateAsync() =>
        new(await (_principal ??= SignInAsync()));

    private async Task<ClaimsPrincipal> SignInAsync()
    {
        await using var scope = app.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AccountUser>>();
        if (await users.FindByNameAsync(name) is null)
            (await scope.ServiceProvider.GetRequiredService<AccountDirectory>().AddAsync(name, role, role == Roles.DepartmentHead ? DashboardApp.OwnUnit : null, DashboardApp.Password)).Ok.Should().BeTrue();
        var user = (await users.FindByNameAsync(name))!;
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AccountUser>>().CreateAsync(user);
        var session = await scope.ServiceProvider.GetRequiredService<AccountSessions>().StartAsync(user.Id, DateTimeOffset.UtcNow.AddHours(1));
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(AccountSessions.Claim, session.ToString()));
        return principal;
    }
}
