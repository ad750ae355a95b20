using System.Globalization;
using System.Security.Claims;
using Bunit;
using HaNoi.ReformDashboard.Data;
using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Data.Explanations;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Testing;
using HaNoi.ReformDashboard.Web.Accounts;
using HaNoi.ReformDashboard.Web.Delivery;
using HaNoi.ReformDashboard.Web.Explanations;
using HaNoi.ReformDashboard.Web.Layout;
using HaNoi.ReformDashboard.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HaNoi.ReformDashboard.Web.Tests.Security;

/// <summary>
/// The restructured-2025 fixture, plus one department that takes the old code of another: Sở Nông nghiệp và Phát
/// triển nông thôn (key SNNPTNT) carries SNNPTNT until 30 June 2025 and SNNMT from 1 July 2025; from 1 July 2025 a
/// new department (key SNNPTNT@2025-07) carries SNNPTNT. Accounts, explanations and the unit scope over the real
/// PostgreSQL, wired as the app wires them.
/// </summary>
public sealed class UnitKeyCity : IAsyncLifetime
{
    public const string OldCode = "SNNPTNT", NewCode = "SNNMT", HeirKey = "SNNPTNT@2025-07";
    public static readonly Period BeforeQ1 = Period.Quarter(2025, 1), AfterQ3 = Period.Quarter(2025, 3);
    public const string HeadA = "truong-snn@ha-noi.vn", HeadB = "truong-moi@ha-noi.vn";

    private readonly PostgresServer _postgres = new();
    public ServiceProvider Services { get; private set; } = null!;
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        ConnectionString = await _postgres.CreateDatabaseAsync("unit_keys");
        var services = new ServiceCollection();
        services.AddLogging();
        var factory = _postgres.Factory(ConnectionString);
        services.AddSingleton(factory);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new ScorecardService(factory, TimeProvider.System));
        services.AddSingleton<ExplanationWriter>();
        services.AddSingleton<ExplanationEditor>();
        services.AddAccountStore(ConnectionString);
        services.AddReformPolicies();
        Services = services.BuildServiceProvider();
        await Services.InitializeReformDatabaseAsync(RepositoryPaths.Restructured2025);
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var heir = new NpgsqlCommand($"""
            WITH u AS (INSERT INTO units (key) VALUES ('{HeirKey}') RETURNING id)
            INSERT INTO unit_versions (unit_id, code, name_vi, name_en, level, parent_id, valid_from)
            SELECT u.id, '{OldCode}', 'Sở Thử nghiệm', 'Trial Department', 'department', (SELECT id FROM units WHERE key = 'HN'), '2025-07-01' FROM u
            """, connection);
        await heir.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await _postgres.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class UnitKeyCollection : ICollectionFixture<UnitKeyCity>
{
    public const string Name = "unit-keys";
}

/// <summary>A department head is bound to the unit's stable key: a code typed at sign-up becomes the key, and every
/// check compares keys, so the head follows their unit through a change of code and never acts for the unit that
/// takes their old code.</summary>
[Collection(UnitKeyCollection.Name)]
public sealed class UnitKeyBindingTests(UnitKeyCity city) : ComponentTest
{
    private const string Password = "Th1s-is-a-test-only!";

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = city.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>The head's account (created once) signed in: the principal the app's cookie carries.</summary>
    private async Task<ClaimsPrincipal> SignedInAsync(string userName, string code) => await InScopeAsync(async s =>
    {
        var users = s.GetRequiredService<UserManager<AccountUser>>();
        if (await users.FindByNameAsync(userName) is null)
            (await s.GetRequiredService<AccountDirectory>().AddAsync(userName, Roles.DepartmentHead, code, Password)).Ok.Should().BeTrue();
        var user = await users.FindByNameAsync(userName);
        return await s.GetRequiredService<IUserClaimsPrincipalFactory<AccountUser>>().CreateAsync(user!);
    });

    private async Task<(Period Period, string Indicator)> ExplainableAsync(string code, Period period)
    {
        var card = await city.Services.GetRequiredService<ScorecardService>().GetAsync(new ScorecardRequest(period.Year, period, ScorecardScope.ForUnit(code)));
        var cell = card!.Unit(code)!.Indicators.First(i => i.Score.Status is Domain.Catalogue.Status.Missed or Domain.Catalogue.Status.AtRisk);
        return (period, cell.IndicatorCode);
    }

    private async Task<int> ExplanationCountAsync()
    {
        await using var db = PostgresServer.CreateContext(city.ConnectionString);
        return await db.Explanations.CountAsync();
    }

    private static ExplanationDraft Draft(string code, (Period Period, string Indicator) cell) =>
        new(code, cell.Indicator, cell.Period, "Thiếu cán bộ sau sáp nhập.", "Điều động hai cán bộ.", cell.Period.LastDay.AddMonths(3), null);

    [Fact]
    public async Task A_code_typed_at_sign_up_is_stored_as_the_key_of_the_unit_it_names_today_and_the_claim_carries_the_key()
    {
        var a = await SignedInAsync(UnitKeyCity.HeadA, UnitKeyCity.NewCode);
        var b = await SignedInAsync(UnitKeyCity.HeadB, UnitKeyCity.OldCode);

        a.FindFirstValue(AccountSetup.UnitKeyClaim).Should().Be("SNNPTNT", "SNNMT is today's code of the unit whose key is SNNPTNT");
        b.FindFirstValue(AccountSetup.UnitKeyClaim).Should().Be(UnitKeyCity.HeirKey, "today the code SNNPTNT names the department that took it");
        var listed = await InScopeAsync(s => s.GetRequiredService<AccountDirectory>().ListAsync());
        listed.Single(x => x.UserName == UnitKeyCity.HeadA).Should().Match<AccountSummary>(x => x.UnitKey == "SNNPTNT" && x.UnitCode == "SNNMT");
        listed.Single(x => x.UserName == UnitKeyCity.HeadB).Should().Match<AccountSummary>(x => x.UnitKey == UnitKeyCity.HeirKey && x.UnitCode == "SNNPTNT");
    }

    [Theory]
    [InlineData("STNMT", "ProblemUnitNotInForce", "Đơn vị mã 'STNMT' không có hiệu lực vào hôm nay", "The unit code 'STNMT' is not in force today")]
    [InlineData("ZZZZZ", "ProblemUnknownUnit", "Không có đơn vị mã 'ZZZZZ'.", "There is no unit with code 'ZZZZZ'.")]
    public async Task A_code_not_in_force_today_or_unknown_is_refused_in_both_languages_and_nothing_is_written(string code, string problem, string vi, string en)
    {
        var name = $"khong-gan-{code}@ha-noi.vn";
        var change = await InScopeAsync(s => s.GetRequiredService<AccountDirectory>().AddAsync(name, Roles.DepartmentHead, code, Password));

        change.Ok.Should().BeFalse();
        change.Problem.Should().Be(problem);
        change.Message(CultureInfo.GetCultureInfo("vi-VN")).Should().StartWith(vi);
        change.Message(CultureInfo.GetCultureInfo("en")).Should().StartWith(en);
        (await InScopeAsync(s => s.GetRequiredService<UserManager<AccountUser>>().FindByNameAsync(name))).Should().BeNull();
    }

    [Fact]
    public async Task The_head_writes_their_units_explanations_under_its_new_code_and_its_old_one_but_never_for_the_unit_that_took_the_old_code()
    {
        var a = ActingUser.From(await SignedInAsync(UnitKeyCity.HeadA, UnitKeyCity.NewCode));
        var b = ActingUser.From(await SignedInAsync(UnitKeyCity.HeadB, UnitKeyCity.OldCode));
        var editor = city.Services.GetRequiredService<ExplanationEditor>();
        var after = await ExplainableAsync(UnitKeyCity.NewCode, UnitKeyCity.AfterQ3);
        var before = await ExplainableAsync(UnitKeyCity.OldCode, UnitKeyCity.BeforeQ1);
        var heirsCell = (UnitKeyCity.AfterQ3, after.Indicator);

        (await editor.SaveAsync(a, Draft(UnitKeyCity.NewCode, after))).Outcome.Should().Be(ExplanationOutcome.Created, "SNNMT is their unit after the change");
        (await editor.SaveAsync(a, Draft(UnitKeyCity.OldCode, before))).Outcome.Should().Be(ExplanationOutcome.Created, "SNNPTNT was their unit before it");
        var written = await ExplanationCountAsync();

        (await editor.SaveAsync(a, Draft(UnitKeyCity.OldCode, heirsCell))).Outcome.Should().Be(ExplanationOutcome.NotAllowed, "after July 2025 SNNPTNT is another unit");
        (await editor.SaveAsync(b, Draft(UnitKeyCity.OldCode, before))).Outcome.Should().Be(ExplanationOutcome.NotAllowed, "before July 2025 SNNPTNT was not the heir");
        (await editor.SaveAsync(b, Draft(UnitKeyCity.NewCode, after))).Outcome.Should().Be(ExplanationOutcome.NotAllowed);
        (await ExplanationCountAsync()).Should().Be(written, "a refusal writes nothing");
        (await editor.SaveAsync(b, Draft(UnitKeyCity.OldCode, heirsCell))).Outcome.Should().NotBe(ExplanationOutcome.NotAllowed, "the heir's own head gets past the unit check");
    }

    [Fact]
    public async Task Revision_detail_of_a_code_in_a_period_is_the_head_of_the_unit_it_names_then()
    {
        var a = await SignedInAsync(UnitKeyCity.HeadA, UnitKeyCity.NewCode);
        var b = await SignedInAsync(UnitKeyCity.HeadB, UnitKeyCity.OldCode);
        var authorization = city.Services.GetRequiredService<IAuthorizationService>();
        async Task<bool> MayAsync(ClaimsPrincipal user, object resource) => (await authorization.AuthorizeAsync(user, resource, Policies.ReadUnitDetail)).Succeeded;
        static UnitInPeriod In(string code, Period p) => new(code, p.FirstDay, p.LastDay);
        static HttpContext Route(string code)
        {
            var http = new DefaultHttpContext();
            http.Request.RouteValues = new RouteValueDictionary { ["Code"] = code };
            return http;
        }

        (await MayAsync(a, In(UnitKeyCity.NewCode, UnitKeyCity.AfterQ3))).Should().BeTrue();
        (await MayAsync(a, In(UnitKeyCity.OldCode, UnitKeyCity.BeforeQ1))).Should().BeTrue();
        (await MayAsync(a, In(UnitKeyCity.OldCode, UnitKeyCity.AfterQ3))).Should().BeFalse();
        (await MayAsync(b, In(UnitKeyCity.OldCode, UnitKeyCity.AfterQ3))).Should().BeTrue();
        (await MayAsync(b, In(UnitKeyCity.OldCode, UnitKeyCity.BeforeQ1))).Should().BeFalse();
        // The route alone (no period yet) lets a head through to the codes their unit ever carried; the page then asks the above.
        (await MayAsync(a, Route(UnitKeyCity.OldCode))).Should().BeTrue();
        (await MayAsync(b, Route(UnitKeyCity.NewCode))).Should().BeFalse();
        (await MayAsync(b, Route("SNV"))).Should().BeFalse();
    }

    [Fact]
    public async Task The_monthly_brief_goes_to_the_head_under_the_code_their_unit_carries_in_that_month()
    {
        await SignedInAsync(UnitKeyCity.HeadA, UnitKeyCity.NewCode);
        await SignedInAsync(UnitKeyCity.HeadB, UnitKeyCity.OldCode);
        var directory = new UserAndConfiguredRecipients(city.Services.GetRequiredService<IServiceScopeFactory>(),
            new OptionsMonitorStub(new DeliveryOptions()), city.Services.GetRequiredService<UnitBinding>(), TimeProvider.System);

        async Task<string?[]> CodesAsync(Period month) =>
            (await directory.RecipientsAsync(month, CancellationToken.None)).Where(r => r.Email is UnitKeyCity.HeadA or UnitKeyCity.HeadB)
                .OrderBy(r => r.Email).Select(r => r.UnitCode).ToArray();

        // Ordered by address: truong-moi (the heir's head), then truong-snn.
        (await CodesAsync(Period.Month(2025, 6))).Should().Equal(null, "SNNPTNT");
        (await CodesAsync(Period.Month(2025, 8))).Should().Equal("SNNPTNT", "SNNMT");
    }

    private sealed class OptionsMonitorStub(DeliveryOptions value) : Microsoft.Extensions.Options.IOptionsMonitor<DeliveryOptions>
    {
        public DeliveryOptions CurrentValue => value;
        public DeliveryOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<DeliveryOptions, string?> listener) => null;
    }

    [Fact]
    public async Task My_unit_in_the_menu_opens_the_code_the_unit_carries_today()
    {
        var key = (await SignedInAsync(UnitKeyCity.HeadA, UnitKeyCity.NewCode)).FindFirstValue(AccountSetup.UnitKeyClaim)!;
        Services.AddLogging();
        Services.AddSingleton(city.Services.GetRequiredService<UnitBinding>());

        var cut = Render<MyUnitLink>(p => p.Add(x => x.UnitKey, key));

        cut.WaitForAssertion(() => cut.Find("[data-testid=nav-my-unit]").GetAttribute("href").Should().Be("units/SNNMT"));
        cut.Find("[data-testid=nav-my-unit]").TextContent.Trim().Should().Be("Đơn vị của tôi");
    }
}
