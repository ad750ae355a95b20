using System.Diagnostics;

namespace HaNoi.ReformDashboard.Cli.Tests.Infrastructure;

/// <summary>Runs the built CLI (reform.dll) as a separate process, the way a scheduled job would.</summary>
public static class CliProcess
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "reform.dll");

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        IReadOnlyDictionary<string, string> environment, string? runAs, params string[] args)
    {
        var info = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (runAs is null)
        {
            info.FileName = "dotnet";
        }
        else
        {
            // runuser resets the environment: pass it on explicitly.
            info.FileName = "runuser";
            foreach (var a in new[] { "-u", runAs, "--", "env" }) info.ArgumentList.Add(a);
            foreach (var (key, value) in environment) info.ArgumentList.Add($"{key}={value}");
            info.ArgumentList.Add("dotnet");
        }
        info.ArgumentList.Add(Dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        info.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return (process.ExitCode, await output, await error);
    }
}
