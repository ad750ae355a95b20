using HaNoi.ReformDashboard.Cli.Tests.Infrastructure;
using HaNoi.ReformDashboard.Testing;

namespace HaNoi.ReformDashboard.Cli.Tests.Scorecards;

/// <summary>
/// With no connection string, the CLI starts the same local cluster the app does, in the user's own data
/// folder, loads the demo data once, and stops the cluster when it ends. Run as a normal (non-root) user:
/// when the tests run as root, the command runs as "nobody".
/// </summary>
[Collection(CliPostgresCollection.Name)]
public sealed class LocalDatabaseAsUserTests(PostgresServer postgres)
{
    [Fact]
    public async Task A_normal_user_gets_a_local_cluster_in_their_data_folder_that_a_second_run_reuses_and_stops()
    {
        var home = Path.Combine(postgres.TempRoot, "home-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(home);
        var runAs = Environment.UserName == "root" ? "nobody" : null;
        if (runAs is not null) await ChownAsync(home, runAs);
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["DOTNET_CLI_HOME"] = home,
            ["XDG_DATA_HOME"] = Path.Combine(home, ".local", "share"),
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
            // reform.dll runs as Production: the local cluster is asked for (dotnet run's launch profile is Development).
            ["Database__UseLocal"] = "true",
        };

        var first = await CliProcess.RunAsync(environment, runAs, "db", "info");
        var second = await CliProcess.RunAsync(environment, runAs, "db", "info");

        first.ExitCode.Should().Be(0, first.Error);
        first.Output.Should().Contain("units.district=30").And.Contain("units.department=21").And.Contain("indicators=22");
        second.ExitCode.Should().Be(0, second.Error);
        second.Output.Should().Be(first.Output, "the second run reuses the data and loads nothing twice");
        var cluster = Path.Combine(home, ".local", "share", "HaNoi.ReformDashboard", "postgres", "data");
        File.Exists(Path.Combine(cluster, "PG_VERSION")).Should().BeTrue();
        File.Exists(Path.Combine(cluster, "postmaster.pid")).Should().BeFalse("the command stops the cluster it started");
    }

    [Fact]
    public async Task Without_server_programs_or_a_connection_string_the_command_says_how_to_fix_it_in_one_message()
    {
        var environment = new Dictionary<string, string>
        {
            ["LocalDatabase__BinDirectory"] = Path.Combine(postgres.TempRoot, "no-postgres-here"),
            ["LocalDatabase__RootDirectory"] = Path.Combine(postgres.TempRoot, "never-created"),
            ["Database__UseLocal"] = "true",
        };

        var (exit, output, error) = await CliProcess.RunAsync(environment, runAs: null, "db", "info");

        exit.Should().Be(3);
        output.Should().BeEmpty();
        error.Should().Contain("apt-get install -y postgresql").And.Contain("ConnectionStrings__Reform").And.NotContain("   at ");
        Directory.Exists(Path.Combine(postgres.TempRoot, "never-created")).Should().BeFalse();
    }

    [Fact]
    public async Task Outside_development_without_a_connection_string_the_command_refuses_in_one_line_and_starts_no_cluster()
    {
        var root = Path.Combine(postgres.TempRoot, "not-asked-for-" + Guid.NewGuid().ToString("N")[..8]);

        var (exit, output, error) = await CliProcess.RunAsync(new Dictionary<string, string> { ["LocalDatabase__RootDirectory"] = root }, runAs: null, "db", "info");

        exit.Should().Be(3);
        output.Should().BeEmpty();
        error.Trim().Split('\n').Should().ContainSingle().Which.Should()
            .Contain("Chưa cấu hình cơ sở dữ liệu").And.Contain("No database is configured").And.Contain("Database__UseLocal=true");
        Directory.Exists(root).Should().BeFalse();
    }

    private static async Task ChownAsync(string path, string user)
    {
        using var chown = System.Diagnostics.Process.Start("chown", ["-R", user, path]);
        await chown.WaitForExitAsync();
        chown.ExitCode.Should().Be(0);
    }
}
