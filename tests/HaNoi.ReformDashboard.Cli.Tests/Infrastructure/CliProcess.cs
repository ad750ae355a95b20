using System.Diagnostics;
using HaNoi.ReformDashboard.Testing;

namespace HaNoi.ReformDashboard.Cli.Tests.Infrastructure;

/// <summary>Runs the built CLI (reform.dll) as a separate process, the way a scheduled job would.</summary>
public static class CliProcess
{
    /// <summary>
    /// The CLI as its own project built it: its deps.json must match the files beside it, which a copy in the
    /// test's folder (resolved with the test's package graph) does not guarantee.
    /// </summary>
    public static string Dll { get; } = Path.Combine(RepositoryPaths.Root, "src", "HaNoi.ReformDashboard.Cli", "bin",
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name, "net10.0", "reform.dll");

    public static Task<(int ExitCode, string Output, string Error)> RunAsync(
        IReadOnlyDictionary<string, string> environment, string? runAs, params string[] args) =>
        RunAsync(environment, runAs, standardInput: null, args);

    /// <summary>As <see cref="RunAsync(IReadOnlyDictionary{string, string}, string?, string[])"/>, typing <paramref name="standardInput"/> into the command.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunWithInputAsync(
        IReadOnlyDictionary<string, string> environment, string standardInput, params string[] args) =>
        RunAsync(environment, runAs: null, standardInput, args);

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        IReadOnlyDictionary<string, string> environment, string? runAs, string? standardInput, string[] args)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = standardInput is not null, UseShellExecute = false,
        };
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
        if (standardInput is not null)
        {
            await process.StandardInput.WriteLineAsync(standardInput);
            process.StandardInput.Close();
        }
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return (process.ExitCode, await output, await error);
    }
}
