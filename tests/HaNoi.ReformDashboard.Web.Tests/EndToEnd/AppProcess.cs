using System.Diagnostics;
using System.Text.RegularExpressions;
using HaNoi.ReformDashboard.Testing;

namespace HaNoi.ReformDashboard.Web.Tests.EndToEnd;

/// <summary>
/// The dashboard as its project built it, in a process of its own on a random loopback port; stopped with SIGTERM
/// (as systemd or Ctrl+C would), so it stops a local cluster it started.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private static string WebDll { get; } = Path.Combine(RepositoryPaths.Root, "src", "HaNoi.ReformDashboard.Web", "bin",
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name, "net10.0", "HaNoi.ReformDashboard.Web.dll");

    private readonly Process _process;
    /// <summary>Standard output up to "Now listening on".</summary>
    public List<string> Lines { get; } = [];
    private readonly List<string> _later = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiters = [];
    public Uri BaseUrl { get; private set; } = null!;

    private AppProcess(Process process) => _process = process;

    public static async Task<AppProcess> StartAsync(Dictionary<string, string> environment)
    {
        var app = new AppProcess(Process.Start(StartInfo(environment))!);
        app._process.ErrorDataReceived += (_, _) => { };
        app._process.BeginErrorReadLine();
        // Read until Kestrel says where it listens: start-up output (demo accounts) comes before that.
        while (await app._process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(3)) is { } line)
        {
            app.Lines.Add(line);
            var listening = Regex.Match(line, @"Now listening on: (http://[0-9.:]+)");
            if (!listening.Success) continue;
            app.BaseUrl = new Uri(listening.Groups[1].Value);
            // Keep reading, so a full pipe never blocks the app, and hand lines to whoever waits for them.
            _ = app.ReadOnAsync();
            return app;
        }
        throw new InvalidOperationException("The app ended before it listened:\n" + string.Join("\n", app.Lines));
    }

    /// <summary>Runs the app as <see cref="StartAsync"/> does, for a start that is meant to fail: its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunToExitAsync(Dictionary<string, string> environment)
    {
        var info = StartInfo(environment);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output, await error);
    }

    private static ProcessStartInfo StartInfo(Dictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { WebDll, "--urls", "http://127.0.0.1:0" }) info.ArgumentList.Add(a);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["SeedData"] = RepositoryPaths.SeedData;
        info.Environment.Remove("ConnectionStrings__Reform");
        foreach (var (key, value) in environment) info.Environment[key] = value;
        return info;
    }

    /// <summary>The first output line after start-up that matches, once the app writes it.</summary>
    public Task<string> WaitForLineAsync(Func<string, bool> match)
    {
        lock (_later)
        {
            if (_later.FirstOrDefault(match) is { } seen) return Task.FromResult(seen);
            var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, found));
            return found.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    private async Task ReadOnAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            lock (_later)
            {
                _later.Add(line);
                foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
                {
                    waiter.Found.TrySetResult(line);
                    _waiters.Remove(waiter);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString()])) await term.WaitForExitAsync();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        _process.Dispose();
    }
}
