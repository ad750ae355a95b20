using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HaNoi.ReformDashboard.Data.Tests.Accounts;

/// <summary>Every account act leaves exactly one audit entry, written in the change's own transaction; a change that
/// does not happen leaves none, and an entry that cannot be written undoes the change.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AccountAuditTests(PostgresServer postgres) : IAsyncLifetime
{
    private const string Password = "Mật-khẩu-kiểm-tra-2022!";
    private string _connectionString = "";
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await postgres.CreateDatabaseAsync("account_audit_" + Guid.NewGuid().ToString("N")[..8]);
        var services = new ServiceCollection().AddLogging();
        services.AddDbContextFactory<ReformDbContext>(o => o.UseNpgsql(_connectionString));
        services.AddAccountStore(_connectionString);
        _services = services.BuildServiceProvider();
        await _services.InitializeReformDatabaseAsync(RepositoryPaths.SeedData);
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    /// <summary>Each act in its own scope, as a request or a command does.</summary>
    private async Task<T> ActAsync<T>(Func<AccountDirectory, UserManager<AccountUser>, Task<T>> act)
    {
        await using var scope = _services.CreateAsyncScope();
        return await act(scope.ServiceProvider.GetRequiredService<AccountDirectory>(), scope.ServiceProvider.GetRequiredService<UserManager<AccountUser>>());
    }

    private sealed record Entry(string Actor, string Action, int? UnitId, string Details, string Xmin);

    private async Task<List<Entry>> EntriesAsync(string userName)
    {
        await using var db = PostgresServer.CreateContext(_connectionString);
        return await db.Database.SqlQueryRaw<Entry>(
            "SELECT actor AS \"Actor\", action AS \"Action\", unit_id AS \"UnitId\", details::text AS \"Details\", xmin::text AS \"Xmin\" FROM audit_log WHERE entity = 'account' AND entity_key = {0} ORDER BY id",
            userName).ToListAsync();
    }

    /// <summary>The transaction that last wrote the account's row.</summary>
    private async Task<string> AccountXminAsync(string userName)
    {
        await using var db = PostgresServer.CreateContext(_connectionString);
        return await db.Database.SqlQueryRaw<string>("SELECT xmin::text AS \"Value\" FROM accounts.users WHERE user_name = {0}", userName).SingleAsync();
    }

    /// <summary>Runs an act and returns the one entry it added, checked to share the account row's transaction.</summary>
    private async Task<Entry> OneEntryAsync(string userName, Func<AccountDirectory, UserManager<AccountUser>, Task> act)
    {
        var before = (await EntriesAsync(userName)).Count;
        await ActAsync(async (d, u) => { await act(d, u); return 0; });
        var entries = await EntriesAsync(userName);
        entries.Should().HaveCount(before + 1);
        entries[^1].Xmin.Should().Be(await AccountXminAsync(userName), "the entry is written in the change's transaction");
        return entries[^1];
    }

    private async Task<string> IdOfAsync(string userName) => await ActAsync(async (_, u) => (await u.FindByNameAsync(userName))!.Id);

    [Fact]
    public async Task Adding_an_account_changing_its_role_and_unit_locking_and_unlocking_each_leave_one_entry_by_the_admin()
    {
        const string name = "chuyenvien@hanoi.gov.vn";
        var created = await OneEntryAsync(name, async (d, _) => (await d.AddAsync(name, Roles.Leader, null, Password, "admin@hanoi")).Ok.Should().BeTrue());
        created.Should().Match<Entry>(e => e.Actor == "admin@hanoi" && e.Action == "account.create" && e.UnitId == null);
        created.Details.Should().Be("""{"new": {"role": "leader", "unit": null}, "old": null}""");
        var id = await IdOfAsync(name);

        var bound = await OneEntryAsync(name, async (d, _) => (await d.SetRoleAsync(id, Roles.DepartmentHead, "268", "admin@hanoi")).Ok.Should().BeTrue());
        bound.Action.Should().Be("account.role");
        bound.Details.Should().Be("""{"new": {"role": "department-head", "unit": "268"}, "old": {"role": "leader", "unit": null}}""");
        await using (var db = PostgresServer.CreateContext(_connectionString))
            bound.UnitId.Should().Be(await db.UnitVersions.Where(v => v.Code == "268").Select(v => v.UnitId).SingleAsync());

        // Saved again unchanged: no act, no entry.
        (await ActAsync((d, _) => d.SetRoleAsync(id, Roles.DepartmentHead, "268", "admin@hanoi"))).Ok.Should().BeTrue();
        (await EntriesAsync(name)).Should().HaveCount(2);

        (await OneEntryAsync(name, async (d, _) => (await d.SetLockedAsync(id, true, "admin@hanoi")).Ok.Should().BeTrue())).Action.Should().Be("account.lock");
        (await OneEntryAsync(name, async (d, _) => (await d.SetLockedAsync(id, false, "admin@hanoi")).Ok.Should().BeTrue())).Action.Should().Be("account.unlock");
        (await EntriesAsync(name)).Select(e => e.Actor).Should().OnlyContain(a => a == "admin@hanoi");
    }

    [Fact]
    public async Task A_person_changing_their_password_and_turning_two_factor_on_and_off_each_leave_one_entry_in_their_name()
    {
        const string name = "giamdoc.soyte@hanoi.gov.vn";
        (await ActAsync((d, _) => d.AddAsync(name, Roles.Leader, null, Password))).Ok.Should().BeTrue();

        var password = await OneEntryAsync(name, async (d, u) =>
            (await d.ChangePasswordAsync((await u.FindByNameAsync(name))!, Password, "Mật-khẩu-mới-2023!")).Succeeded.Should().BeTrue());
        var on = await OneEntryAsync(name, async (d, u) => (await d.SetTwoFactorAsync((await u.FindByNameAsync(name))!, enabled: true)).Succeeded.Should().BeTrue());
        var off = await OneEntryAsync(name, async (d, u) => (await d.SetTwoFactorAsync((await u.FindByNameAsync(name))!, enabled: false)).Succeeded.Should().BeTrue());

        new[] { password, on, off }.Select(e => (e.Actor, e.Action)).Should().Equal(
            (name, "account.password"), (name, "account.two_factor.enable"), (name, "account.two_factor.disable"));
        (await EntriesAsync(name)).Select(e => e.Action).Should().Equal("account.create", "account.password", "account.two_factor.enable", "account.two_factor.disable");
        (await EntriesAsync(name))[0].Actor.Should().Be("system");
    }

    [Fact]
    public async Task A_first_single_sign_on_creates_the_account_with_the_providers_role_and_one_entry()
    {
        const string name = "truongphong.vneid";
        var created = await OneEntryAsync(name, async (d, _) =>
            (await d.AddExternalAsync(name, Roles.DepartmentHead, "268", new UserLoginInfo("oidc", "subject-0001", "VNeID"))).Ok.Should().BeTrue());

        created.Should().Match<Entry>(e => e.Actor == name && e.Action == "account.create" && e.UnitId != null);
        created.Details.Should().Be("""{"new": {"role": "department-head", "unit": "268"}, "old": null, "provider": "VNeID"}""");
    }

    [Fact]
    public async Task A_refused_change_leaves_no_entry()
    {
        const string name = "bi-tu-choi@hanoi.gov.vn";
        (await ActAsync((d, _) => d.AddAsync(name, Roles.Leader, null, "short", "admin@hanoi"))).Ok.Should().BeFalse();
        (await ActAsync((d, _) => d.AddAsync(name, Roles.DepartmentHead, "NOPE", Password, "admin@hanoi"))).Ok.Should().BeFalse();
        (await EntriesAsync(name)).Should().BeEmpty();

        (await ActAsync((d, _) => d.AddAsync(name, Roles.Leader, null, Password, "admin@hanoi"))).Ok.Should().BeTrue();
        var id = await IdOfAsync(name);
        (await ActAsync((d, _) => d.SetRoleAsync(id, Roles.DepartmentHead, "NOPE", "admin@hanoi"))).Ok.Should().BeFalse();
        (await ActAsync(async (d, u) => (await d.ChangePasswordAsync((await u.FindByNameAsync(name))!, "Sai-mật-khẩu-2022!", "Mật-khẩu-mới-2023!")).Succeeded)).Should().BeFalse();
        (await EntriesAsync(name)).Select(e => e.Action).Should().Equal("account.create");
    }

    [Fact]
    public async Task An_entry_that_cannot_be_written_undoes_the_change()
    {
        const string name = "khong-ghi-duoc@hanoi.gov.vn";
        (await ActAsync((d, _) => d.AddAsync(name, Roles.Leader, null, Password))).Ok.Should().BeTrue();
        var id = await IdOfAsync(name);
        await ExecuteAsync("""
            CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit refused'; END $$;
            CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit();
            """);
        try
        {
            var add = async () => await ActAsync((d, _) => d.AddAsync("moi@hanoi.gov.vn", Roles.Leader, null, Password, "admin@hanoi"));
            await add.Should().ThrowAsync<PostgresException>();
            var lockIt = async () => await ActAsync((d, _) => d.SetLockedAsync(id, true, "admin@hanoi"));
            await lockIt.Should().ThrowAsync<PostgresException>();
        }
        finally
        {
            await ExecuteAsync("DROP TRIGGER refuse_audit ON audit_log; DROP FUNCTION refuse_audit();");
        }

        (await ActAsync(async (_, u) => await u.FindByNameAsync("moi@hanoi.gov.vn"))).Should().BeNull();
        (await ActAsync(async (_, u) => await u.IsLockedOutAsync((await u.FindByNameAsync(name))!))).Should().BeFalse();
        (await EntriesAsync(name)).Select(e => e.Action).Should().Equal("account.create");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
