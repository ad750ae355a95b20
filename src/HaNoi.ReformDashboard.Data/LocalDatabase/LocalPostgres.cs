using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;
using HaNoi.ReformDashboard.Data.Messages;

namespace HaNoi.ReformDashboard.Data.LocalDatabase;

public sealed class LocalPostgresOptions
{
    /// <summary>Folder that holds the cluster (data/, postgres.log, password). Default: a per-user folder.</summary>
    public string? RootDirectory { get; set; }
    /// <summary>Folder of initdb and pg_ctl; default: found via pg_config and the usual install folders.</summary>
    public string? BinDirectory { get; set; }
    public string DatabaseName { get; set; } = "reform";
    /// <summary>Loopback port to listen on; 0 (the default) picks a free one at each start.</summary>
    public int Port { get; set; }
}

/// <summary>
/// A PostgreSQL cluster this process starts from the machine's own binaries, on a free loopback port,
/// so a fresh machine runs the dashboard with no server to configure. The app and the tests share it.
/// </summary>
public sealed class LocalPostgres : IAsyncDisposable
{
    private const string SuperUser = "reform";
    private readonly string _binDir;
    private readonly string _root;
    private readonly string? _runAs;
    private bool _stopped;

    public string DataDirectory => Path.Combine(_root, "data");
    public string RootDirectory => _root;
    public int Port { get; private set; }
    public string ConnectionString { get; private set; } = "";
    public string DatabaseName { get; }

    private readonly int _preferredPort;

    private LocalPostgres(string binDir, string root, string databaseName, int preferredPort)
    {
        _preferredPort = preferredPort;
        _binDir = binDir;
        _root = root;
        DatabaseName = databaseName;
        // initdb and postgres refuse to run as root: run them as the postgres system user instead.
        _runAs = !OperatingSystem.IsWindows() && Environment.UserName == "root" ? "postgres" : null;
    }

    public static string DefaultRootDirectory()
    {
        // As root the cluster must live where the postgres user can reach it (root's home is private).
        if (!OperatingSystem.IsWindows() && Environment.UserName == "root")
            return "/var/lib/hanoi-reform-dashboard/postgres";
        var baseDir = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);
        return Path.Combine(baseDir, "HaNoi.ReformDashboard", "postgres");
    }

    /// <summary>Starts (creating it the first time) the cluster, or adopts one a crashed run left behind.</summary>
    public static async Task<LocalPostgres> StartAsync(LocalPostgresOptions options, CancellationToken ct = default)
    {
        var binDir = PostgresBinaries.Find(options.BinDirectory)
            ?? throw new LocalPostgresException(DataText.Both("PostgresNotFound") + " " + PostgresBinaries.InstallHint);
        var server = new LocalPostgres(binDir, Path.GetFullPath(options.RootDirectory ?? DefaultRootDirectory()), options.DatabaseName, options.Port);
        await server.StartCoreAsync(ct);
        return server;
    }

    private async Task StartCoreAsync(CancellationToken ct)
    {
        PrepareRoot();
        var password = await EnsureClusterAsync(ct);

        var running = await RunningPortAsync(ct);
        if (running is int port)
        {
            Port = port;
            // Another live process (the dashboard, while the CLI runs) owns it: share it, leave it running.
            // Otherwise a crashed run left it behind: adopt it, and stop it when we stop.
            OwnsServer = !OwnerIsAlive();
        }
        else
        {
            RemoveStaleLock();
            Port = _preferredPort > 0 ? _preferredPort : FreeLoopbackPort();
            var options = $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''";
            await RunAsync("pg_ctl", ["-D", DataDirectory, "-l", Path.Combine(_root, "postgres.log"), "-o", options, "-w", "-t", "60", "start"], ct);
            OwnsServer = true;
        }
        if (OwnsServer) await File.WriteAllTextAsync(OwnerFile, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = SuperUser,
            Password = password,
            Database = "postgres",
        };
        await using (var connection = new NpgsqlConnection(builder.ConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", DatabaseName);
            if (await exists.ExecuteScalarAsync(ct) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{DatabaseName}\" ENCODING 'UTF8' TEMPLATE template0", connection);
                await create.ExecuteNonQueryAsync(ct);
            }
        }
        builder.Database = DatabaseName;
        ConnectionString = builder.ConnectionString;
    }

    /// <summary>False when another live process started the server and this one only shares it.</summary>
    public bool OwnsServer { get; private set; }

    private string OwnerFile => Path.Combine(_root, "owner.pid");

    /// <summary>Stops the server if this process owns it (fast shutdown: open sessions are ended, data is safe).</summary>
    public async Task StopAsync()
    {
        if (_stopped || !OwnsServer) return;
        _stopped = true;
        NpgsqlConnection.ClearAllPools();
        if (await RunningPortAsync(CancellationToken.None) is not null)
            await RunAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "stop"], CancellationToken.None);
    }

    /// <summary>Synchronous stop for process-exit handlers, where awaiting is not possible.</summary>
    public void Stop() => StopAsync().GetAwaiter().GetResult();

    public ValueTask DisposeAsync() => new(StopAsync());

    private void PrepareRoot()
    {
        Directory.CreateDirectory(_root);
        if (_runAs is not null) ChangeOwner(_root);
    }

    private async Task<string> EnsureClusterAsync(CancellationToken ct)
    {
        var passwordFile = Path.Combine(_root, "password");
        if (File.Exists(Path.Combine(DataDirectory, "PG_VERSION")) && File.Exists(passwordFile))
            return (await File.ReadAllTextAsync(passwordFile, ct)).Trim();

        // A half-made cluster (initdb interrupted) is useless: start again from nothing.
        if (Directory.Exists(DataDirectory)) Directory.Delete(DataDirectory, recursive: true);

        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        await File.WriteAllTextAsync(passwordFile, password, ct);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        if (_runAs is not null) ChangeOwner(passwordFile);

        await RunAsync("initdb", ["-D", DataDirectory, "-U", SuperUser, "--pwfile", passwordFile,
            "--auth-local=scram-sha-256", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], ct);
        return password;
    }

    /// <summary>The port of a server already running on this data folder, if any.</summary>
    private async Task<int?> RunningPortAsync(CancellationToken ct)
    {
        if (!File.Exists(Path.Combine(DataDirectory, "postmaster.pid"))) return null;
        var status = await RunAsync("pg_ctl", ["-D", DataDirectory, "status"], ct, throwOnError: false);
        if (status.ExitCode != 0) return null;
        var lines = await File.ReadAllLinesAsync(Path.Combine(DataDirectory, "postmaster.pid"), ct);
        return lines.Length > 3 && int.TryParse(lines[3], out var port) ? port : null;
    }

    private bool OwnerIsAlive()
    {
        if (!File.Exists(OwnerFile) || !int.TryParse(File.ReadAllText(OwnerFile).Trim(), out var pid) || pid == Environment.ProcessId) return false;
        try
        {
            using var owner = Process.GetProcessById(pid);
            return !owner.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
    }

    private void RemoveStaleLock()
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (File.Exists(pidFile)) File.Delete(pidFile);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void ChangeOwner(string path)
    {
        using var chown = Process.Start("chown", ["-R", "postgres:postgres", path]);
        chown.WaitForExit();
        if (chown.ExitCode != 0) throw new LocalPostgresException($"chown postgres {path} failed.");
    }

    private async Task<(int ExitCode, string Output)> RunAsync(string program, string[] args, CancellationToken ct, bool throwOnError = true)
    {
        var exe = Path.Combine(_binDir, OperatingSystem.IsWindows() ? program + ".exe" : program);
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _root,
        };
        if (_runAs is null)
        {
            info.FileName = exe;
        }
        else
        {
            info.FileName = "runuser";
            foreach (var a in new[] { "-u", _runAs, "--", exe }) info.ArgumentList.Add(a);
        }
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["LC_ALL"] = "C.UTF-8"; // initdb checks the locale; C.UTF-8 exists everywhere

        using var process = Process.Start(info) ?? throw new LocalPostgresException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var output = (await stdout) + (await stderr);
        if (throwOnError && process.ExitCode != 0)
            throw new LocalPostgresException($"{program} failed (exit {process.ExitCode}): {output.Trim()}");
        return (process.ExitCode, output);
    }
}

public sealed class LocalPostgresException(string message) : Exception(message);
