using HaNoi.ReformDashboard.Data.LocalDatabase;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Testing;
using Npgsql;

namespace HaNoi.ReformDashboard.Data.Tests.LocalDatabase;

[Collection(PostgresCollection.Name)]
public sealed class LocalPostgresTests(PostgresServer shared) : IDisposable
{
    private readonly string _root = Path.Combine(shared.TempRoot, "launcher-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task First_start_creates_a_cluster_on_a_loopback_port_and_a_second_start_reuses_its_data()
    {
        var options = new LocalPostgresOptions { RootDirectory = _root, DatabaseName = "app" };
        await using (var first = await LocalPostgres.StartAsync(options))
        {
            first.Port.Should().BeGreaterThan(0);
            first.ConnectionString.Should().Contain("127.0.0.1");
            await ExecuteAsync(first.ConnectionString, "CREATE TABLE kept (name text); INSERT INTO kept VALUES ('Hoàn Kiếm')");
        }

        await using var second = await LocalPostgres.StartAsync(options);
        (await ScalarAsync(second.ConnectionString, "SELECT name FROM kept")).Should().Be("Hoàn Kiếm");
    }

    [Fact]
    public async Task Stopping_leaves_no_server_and_no_lock_file_behind()
    {
        var server = await LocalPostgres.StartAsync(new LocalPostgresOptions { RootDirectory = _root });
        var connectionString = server.ConnectionString;

        await server.StopAsync();

        File.Exists(Path.Combine(server.DataDirectory, "postmaster.pid")).Should().BeFalse();
        var connect = async () => await ScalarAsync(connectionString, "SELECT 1");
        await connect.Should().ThrowAsync<NpgsqlException>();
    }

    [Fact]
    public async Task A_stale_lock_file_from_a_crash_does_not_block_the_next_start()
    {
        var options = new LocalPostgresOptions { RootDirectory = _root };
        var server = await LocalPostgres.StartAsync(options);
        await server.StopAsync();
        // What a killed postmaster leaves: a pid file naming a process that no longer exists.
        var pidFile = Path.Combine(server.DataDirectory, "postmaster.pid");
        await File.WriteAllTextAsync(pidFile, "999999\n" + server.DataDirectory + "\n1700000000\n5432\n\n127.0.0.1\n  5432001         0\nready   \n");

        await using var again = await LocalPostgres.StartAsync(options);

        (await ScalarAsync(again.ConnectionString, "SELECT 1")).Should().Be(1);
    }

    [Fact]
    public async Task A_server_left_running_by_a_crashed_run_is_adopted_not_started_twice()
    {
        var options = new LocalPostgresOptions { RootDirectory = _root };
        var orphan = await LocalPostgres.StartAsync(options); // its owner "crashes": never stopped by it

        await using var next = await LocalPostgres.StartAsync(options);

        next.Port.Should().Be(orphan.Port);
        (await ScalarAsync(next.ConnectionString, "SELECT 1")).Should().Be(1);
        await next.StopAsync();
        File.Exists(Path.Combine(next.DataDirectory, "postmaster.pid")).Should().BeFalse();
    }

    [Fact]
    public async Task A_server_owned_by_another_live_process_is_shared_and_left_running()
    {
        var options = new LocalPostgresOptions { RootDirectory = _root };
        await using var owner = await LocalPostgres.StartAsync(options);
        // As if the dashboard (alive: PID 1 always is) had started it and the CLI came along.
        await File.WriteAllTextAsync(Path.Combine(_root, "owner.pid"), "1");

        var guest = await LocalPostgres.StartAsync(options);
        await guest.StopAsync();

        guest.OwnsServer.Should().BeFalse();
        (await ScalarAsync(owner.ConnectionString, "SELECT 1")).Should().Be(1);
    }

    [Fact]
    public async Task Missing_server_programs_give_one_clear_message_with_the_install_command_and_the_alternative()
    {
        var options = new LocalPostgresOptions { RootDirectory = _root, BinDirectory = Path.Combine(_root, "no-such-bin") };

        var start = async () => await LocalPostgres.StartAsync(options);

        var error = (await start.Should().ThrowAsync<LocalPostgresException>()).Which;
        error.Message.Should().Contain("apt-get install -y postgresql").And.Contain("ConnectionStrings__Reform").And.Contain("Không tìm thấy PostgreSQL");
    }

    [Fact]
    public async Task The_cluster_belongs_to_the_postgres_user_when_run_as_root_and_to_the_caller_otherwise()
    {
        await using var server = await LocalPostgres.StartAsync(new LocalPostgresOptions { RootDirectory = _root });

        var expectedOwner = Environment.UserName == "root" ? "postgres" : Environment.UserName;
        (await OwnerOfAsync(server.DataDirectory)).Should().Be(expectedOwner);
        (await ScalarAsync(server.ConnectionString, "SELECT current_setting('data_directory')")).Should().Be(server.DataDirectory);
    }

    private static async Task<string> OwnerOfAsync(string path)
    {
        using var stat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%U", path]) { RedirectStandardOutput = true })!;
        var owner = (await stat.StandardOutput.ReadToEndAsync()).Trim();
        await stat.WaitForExitAsync();
        return owner;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
