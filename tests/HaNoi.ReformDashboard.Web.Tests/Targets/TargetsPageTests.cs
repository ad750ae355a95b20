using Bunit;
using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Seed;
using HaNoi.ReformDashboard.Testing;
using HaNoi.ReformDashboard.Web.Accounts;
using HaNoi.ReformDashboard.Web.Tests.EndToEnd;
using HaNoi.ReformDashboard.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace HaNoi.ReformDashboard.Web.Tests.Targets;

/// <summary>The targets page over a small city of its own (a database beside the shared app's, which other tests read).</summary>
[Collection(DashboardCollection.Name)]
public sealed class TargetsPageTests : ComponentTest
{
    // A bound for waiting on the page under a loaded machine; each wait ends as soon as its condition holds.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly DashboardApp _app;
    private string _connectionString = "";

    public TargetsPageTests(DashboardApp app)
    {
        _app = app;
        Services.AddDbContextFactory<ReformDbContext>(o => o.UseNpgsql(_connectionString));
        Services.AddLogging();
        Services.AddReformPolicies();
        Services.Replace(ServiceDescriptor.Transient<IAuthorizationService, DefaultAuthorizationService>());
        Services.Replace(ServiceDescriptor.Transient<IAuthorizationPolicyProvider, DefaultAuthorizationPolicyProvider>());
        Services.AddSingleton(TimeProvider.System);
        // Writes ask the test app's accounts who acts (CurrentUser.ForWriteAsync).
        Services.AddAccountStore(app.ConnectionString);
        Services.AddScoped<CurrentUser>();
        Services.AddSingleton<AuthenticationStateProvider>(new FixedUser(app.Services, "staff@so-noi-vu", Roles.ReformOffice));
    }

    [Fact]
    public async Task A_new_plan_year_is_a_copy_of_the_last_one_and_the_page_says_what_was_copied_and_left_out()
    {
        // Two targets for all levels (ONTIME, SIPAS) and one for a ward that ends with 2022: 2023 takes two, leaves one.
        await SmallCityAsync(
            b => b.Append("units.csv", "00099,Phường Cũ,Old Ward,commune,002,2008-08-01,2022-12-31,")
                  .Append("targets.csv", "2022,ONTIME,,00099,>=,95,false,Riêng phường cũ"));
        var cut = Render<TargetsPageHost>();

        cut.WaitForElement("[data-testid=targets-new-year]", Patience).TextContent.Should().Contain("2023").And.Contain("2022");
        cut.Find("[data-testid=targets-new-year]").Click();
        cut.WaitForElement("[data-testid=targets-new-year-yes]", Patience).Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=targets-message]").TextContent.Should()
            .Be("Đã bắt đầu năm kế hoạch 2023 từ năm 2022: 2 chỉ số, 2 chỉ tiêu sao chép, 1 chỉ tiêu bỏ lại (đơn vị không còn hoạt động)."), Patience);
        cut.FindAll("[data-testid=targets-table] tbody tr[data-indicator]").Select(r => r.GetAttribute("data-indicator") + "/" + r.GetAttribute("data-scope"))
            .Should().Equal("ONTIME/all", "SIPAS/all");
        cut.Find("[data-testid=targets-new-year]").TextContent.Should().Contain("2024");
        await using var db = PostgresServer.CreateContext(_connectionString);
        (await db.AuditLog.SingleAsync(a => a.Action == "plan_year.copy")).Actor.Should().Be("staff@so-noi-vu");
    }

    [Fact]
    public async Task A_removal_without_a_reason_is_refused_under_its_row_then_with_one_it_moves_to_the_removed_list_with_its_history()
    {
        await SmallCityAsync(_ => { });
        await using var db = PostgresServer.CreateContext(_connectionString);
        var sipas = await db.Targets.Where(t => t.Indicator!.Code == "SIPAS").Select(t => t.Id).SingleAsync();
        var cut = Render<TargetsPageHost>();

        cut.WaitForElement($"[data-testid=remove-{sipas}]", Patience).Click();
        cut.WaitForElement("[data-testid=target-save]", Patience).Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=target-problems] li[data-field=reason]").TextContent.Should().Be("Lý do: hãy ghi lý do của thay đổi (bắt buộc)."), Patience);
        (await db.Targets.CountAsync(t => t.Id == sipas)).Should().Be(1);

        cut.Find("textarea[data-testid=target-reason]").Change("SIPAS do Bộ Nội vụ đo, bỏ khỏi kế hoạch");
        cut.Find("[data-testid=target-save]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=targets-message]").TextContent.Should().Contain($"Đã xóa chỉ tiêu {sipas}"), Patience);
        cut.FindAll($"[data-testid=target-{sipas}]").Should().BeEmpty();
        cut.Find($"[data-testid=removed-{sipas}]").TextContent.Should().Contain("SIPAS do Bộ Nội vụ đo").And.Contain("staff@so-noi-vu").And.Contain("≥ 86,00 %");
        cut.WaitForElement($"[data-testid=removed-{sipas}] [data-testid=history-{sipas}]", Patience).Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=target-history] [data-testid=target-revision-2]").TextContent.Should().Contain("Đã xóa: ≥ 86,00 %"), Patience);
        cut.Find("[data-testid=target-history] [data-testid=target-revision-1]").TextContent.Should().Contain("Trạng thái trước khi có lịch sử sửa đổi");
    }

    /// <summary>A database of this test's own on the app's cluster, with the small seed (and changes to it).</summary>
    private async Task SmallCityAsync(Action<SeedFolderBuilder> change)
    {
        var name = "targets_" + Guid.NewGuid().ToString("N")[..10];
        await using (var connection = new NpgsqlConnection(_app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'", connection);
            await create.ExecuteNonQueryAsync();
        }
        _connectionString = new NpgsqlConnectionStringBuilder(_app.ConnectionString) { Database = name }.ConnectionString;
        var builder = new SeedFolderBuilder();
        change(builder);
        await using var db = PostgresServer.CreateContext(_connectionString);
        await db.Database.MigrateAsync();
        var folder = builder.WriteTo(Path.GetTempPath());
        try
        {
            await SeedLoader.LoadAsync(db, folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
