using HaNoi.ReformDashboard.Cli.Tests.Infrastructure;
using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HaNoi.ReformDashboard.Cli.Tests.Users;

[Collection(CliPostgresCollection.Name)]
public sealed class UsersCommandTests(PostgresServer postgres)
{
    private const string Password = "Mật-khẩu-CLI-2022!";
    private string? _connectionString;

    private async Task<Dictionary<string, string>> EnvironmentAsync() =>
        new() { ["ConnectionStrings__Reform"] = _connectionString ??= await postgres.DemoAsync() };

    [Fact]
    public async Task Users_add_reads_the_password_from_standard_input_and_users_list_shows_the_binding()
    {
        var environment = await EnvironmentAsync();

        var (exit, _, error) = await CliProcess.RunWithInputAsync(environment, Password, "users", "add", "--email", "giamdoc@hadong.hanoi.gov.vn", "--role", "department-head", "--unit", "268");
        var (listExit, list, _) = await CliProcess.RunAsync(environment, null, "users", "list");

        exit.Should().Be(0, error);
        listExit.Should().Be(0);
        list.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Should().Contain("giamdoc@hadong.hanoi.gov.vn\tdepartment-head\t268\tactive");
        (await PasswordWorksAsync("giamdoc@hadong.hanoi.gov.vn", Password)).Should().BeTrue();
        (await AuditAsync("giamdoc@hadong.hanoi.gov.vn")).Should().Equal(("cli:" + System.Environment.UserName, "account.create"));
        (await PasswordWorksAsync("giamdoc@hadong.hanoi.gov.vn", "Mật-khẩu-khác-2022!")).Should().BeFalse();
    }

    [Theory]
    [InlineData("mayor", null, Password, "Không có vai trò 'mayor'", "There is no role 'mayor'")]
    [InlineData("department-head", null, Password, "phải gắn với một đơn vị", "must be bound to a unit")]
    [InlineData("department-head", "NOPE", Password, "Không có đơn vị mã 'NOPE'", "no unit with code 'NOPE'")]
    [InlineData("leader", "268", Password, "Chỉ thủ trưởng đơn vị", "Only a department head")]
    [InlineData("leader", null, "short", "Mật khẩu chưa đạt yêu cầu", "does not meet the rules")]
    public async Task Bad_input_is_refused_in_both_languages_and_adds_nothing(string role, string? unit, string password, string vietnamese, string english)
    {
        var environment = await EnvironmentAsync();
        string[] args = unit is null ? ["users", "add", "--email", "x@hanoi.gov.vn", "--role", role] : ["users", "add", "--email", "x@hanoi.gov.vn", "--role", role, "--unit", unit];

        var (exit, _, error) = await CliProcess.RunWithInputAsync(environment, password, args);
        var (_, list, _) = await CliProcess.RunAsync(environment, null, "users", "list");

        exit.Should().Be(2);
        error.Should().Contain(vietnamese).And.Contain(english).And.NotContain("   at ");
        list.Should().NotContain("x@hanoi.gov.vn");
        (await AuditAsync("x@hanoi.gov.vn")).Should().BeEmpty();
    }

    private async Task<List<(string Actor, string Action)>> AuditAsync(string userName)
    {
        await using var db = PostgresServer.CreateContext(_connectionString!);
        return (await db.AuditLog.Where(a => a.Entity == "account" && a.EntityKey == userName).OrderBy(a => a.Id).ToListAsync())
            .Select(a => (a.Actor, a.Action)).ToList();
    }

    /// <summary>Asks Identity itself (not the CLI) whether the stored hash matches.</summary>
    private async Task<bool> PasswordWorksAsync(string userName, string password)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddDbContextFactory<ReformDbContext>(o => o.UseNpgsql(_connectionString));
        services.AddAccountStore(_connectionString!);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AccountUser>>();
        return await users.CheckPasswordAsync((await users.FindByNameAsync(userName))!, password);
    }
}
