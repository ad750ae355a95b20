using System.Security.Claims;
using Bunit;
using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Web.Accounts;
using HaNoi.ReformDashboard.Web.Targets;
using HaNoi.ReformDashboard.Web.Tests.EndToEnd;
using HaNoi.ReformDashboard.Web.Tests.Infrastructure;
using HaNoi.ReformDashboard.Web.Tests.Targets;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;

namespace HaNoi.ReformDashboard.Web.Tests.Security;

/// <summary>
/// The route refuses the targets page to leaders and department heads (the access matrix); this checks the second
/// wall: even with the page in hand (rendered directly, as a forged circuit event would reach it), a save or a new
/// plan year by someone without the policy is refused on the server and writes nothing.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class TargetsPageCheckTests : ComponentTest
{
    // A bound for waiting on the page under a loaded machine; each wait ends as soon as its condition holds.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly DashboardApp _app;

    public TargetsPageCheckTests(DashboardApp app)
    {
        _app = app;
        Services.AddDbContextFactory<ReformDbContext>(o => o.UseNpgsql(app.ConnectionString));
        Services.AddLogging();
        Services.AddReformPolicies();
        // bUnit puts stand-ins for authorization in place; the app's own service and policies decide here.
        Services.Replace(ServiceDescriptor.Transient<IAuthorizationService, DefaultAuthorizationService>());
        Services.Replace(ServiceDescriptor.Transient<IAuthorizationPolicyProvider, DefaultAuthorizationPolicyProvider>());
        Services.AddSingleton(TimeProvider.System);
        Services.AddAccountStore(app.ConnectionString);
        Services.AddScoped<CurrentUser>();
    }

    [Theory]
    [InlineData(Roles.Leader)]
    [InlineData(Roles.DepartmentHead)]
    public async Task A_save_or_a_new_plan_year_by_a_role_without_the_policy_is_refused_and_changes_nothing(string role)
    {
        Services.AddSingleton<AuthenticationStateProvider>(new FixedUser(_app.Services, DashboardApp.UserName(role), role));
        await using var db = await DbAsync();
        var sipas = await db.Targets.Where(t => t.Indicator!.Code == "SIPAS" && t.PlanYear == 2022 && t.Level == null && t.UnitId == null).SingleAsync();
        var years = await db.PlanYears.CountAsync();
        var revisions = await db.TargetRevisions.CountAsync();
        var cut = Render<TargetsPageHost>();

        cut.WaitForElement($"[data-testid=edit-{sipas.Id}]", Patience).Click();
        cut.WaitForElement("input[data-testid=target-threshold]", Patience).Change("95");
        cut.Find("textarea[data-testid=target-reason]").Change("thử sửa");
        cut.Find("[data-testid=target-save]").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=targets-message]").TextContent.Should().Contain("Bạn không có quyền sửa chỉ tiêu"), Patience);
        cut.Find("[data-testid=targets-new-year]").Click();
        cut.WaitForElement("[data-testid=targets-new-year-yes]", Patience).Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=targets-message]").TextContent.Should().Contain("Bạn không có quyền sửa chỉ tiêu"), Patience);

        db.ChangeTracker.Clear();
        (await db.Targets.SingleAsync(t => t.Id == sipas.Id)).Threshold.Should().Be(86);
        (await db.TargetRevisions.CountAsync()).Should().Be(revisions);
        (await db.PlanYears.CountAsync()).Should().Be(years);
    }

    private async Task<ReformDbContext> DbAsync() => await Services.GetRequiredService<IDbContextFactory<ReformDbContext>>().CreateDbContextAsync();
}
