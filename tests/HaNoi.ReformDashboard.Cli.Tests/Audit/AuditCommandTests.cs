using HaNoi.ReformDashboard.Cli.Tests.Infrastructure;
using HaNoi.ReformDashboard.Testing;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Cli.Tests.Audit;

/// <summary><c>reform audit verify</c>: the chain recomputed apart from the database that wrote it.</summary>
[Collection(CliPostgresCollection.Name)]
public sealed class AuditCommandTests(PostgresServer postgres)
{
    private const string Password = "Mật-khẩu-CLI-2022!";

    private static Dictionary<string, string> Environment(string connectionString) =>
        new() { ["ConnectionStrings__Reform"] = connectionString, ["SeedData"] = RepositoryPaths.SeedData };

    [Fact]
    public async Task Verify_reports_an_intact_log_with_its_entries_and_names_the_entry_a_superuser_altered()
    {
        var connection = await DemoDatabase.CopyAsync(postgres, "audit_verify_");
        var environment = Environment(connection);
        // The first run loaded the demo data (the sample reform-index framework, the published results and the seed
        // entry); users add writes one more.
        (await CliProcess.RunWithInputAsync(environment, Password, "users", "add", "--email", "kiemtra@hanoi.gov.vn", "--role", "leader")).ExitCode.Should().Be(0);
        await using var db = PostgresServer.CreateContext(connection);
        var entries = await db.AuditLog.OrderBy(a => a.Id).Select(a => new { a.Id, a.Action, a.Actor, a.Hash }).ToListAsync();
        entries.Select(e => e.Action).Should().Equal("assessment.framework.import", "assessment.results.import", "seed", "account.create");
        var added = entries[^1];
        added.Actor.Should().Be("cli:" + System.Environment.UserName);

        var (exit, output, error) = await CliProcess.RunAsync(environment, null, "audit", "verify");

        exit.Should().Be(0, error);
        output.Should().Contain("Nhật ký kiểm tra nguyên vẹn: 4 mục").And.Contain($"The audit log is intact: 4 entries, last hash {added.Hash}.");

        await PostgresServer.AsSuperuserBypassingTriggersAsync(connection, $"UPDATE audit_log SET details = '{{\"role\": \"admin\"}}' WHERE id = {added.Id}");
        var (brokenExit, _, brokenError) = await CliProcess.RunAsync(environment, null, "audit", "verify");

        brokenExit.Should().Be(2);
        brokenError.Should().Contain($"Chuỗi băm bị đứt ở mục {added.Id} (").And.Contain($"The hash chain breaks at entry {added.Id} (")
            .And.Contain($"account.create), after 3 intact entries: stored hash {added.Hash}, recomputed ");
    }

    [Fact]
    public async Task Verify_on_a_database_that_does_not_answer_exits_3()
    {
        // A loopback port just given back by the system: nothing listens there.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var (exit, _, error) = await CliProcess.RunAsync(Environment($"Host=127.0.0.1;Port={port};Username=reform;Password=x;Database=reform"), null, "audit", "verify");

        exit.Should().Be(3);
        error.Should().Contain("A database error stopped the command").And.NotContain("   at ");
    }
}
