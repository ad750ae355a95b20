using System.Diagnostics;
using HaNoi.ReformDashboard.Data.Messages;

namespace HaNoi.ReformDashboard.Data.LocalDatabase;

/// <summary>Finds the machine's PostgreSQL server programs (initdb, pg_ctl).</summary>
public static class PostgresBinaries
{
    public static string InstallHint => DataText.Both("InstallPostgres");

    /// <summary>The folder holding initdb and pg_ctl, or null when none is found.</summary>
    public static string? Find(string? configured)
    {
        // A folder named in the settings is used or refused, never silently replaced by another install.
        if (!string.IsNullOrWhiteSpace(configured)) return HasServerPrograms(configured) ? configured : null;
        foreach (var candidate in Candidates())
        {
            if (HasServerPrograms(candidate)) return candidate;
        }
        return null;
    }

    private static IEnumerable<string> Candidates()
    {
        var fromPgConfig = PgConfigBinDir();
        if (fromPgConfig is not null) yield return fromPgConfig;

        // Newest version first in the usual package locations (Debian, Homebrew, EDB installer on Windows).
        string[] roots = OperatingSystem.IsWindows()
            ? [Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ProgramFiles), "PostgreSQL")]
            : ["/usr/lib/postgresql", "/opt/homebrew/opt", "/usr/local/opt", "/usr/pgsql"];
        foreach (var root in roots.Where(Directory.Exists))
        {
            var versions = Directory.GetDirectories(root)
                .Where(d => OperatingSystem.IsWindows() || root.StartsWith("/usr/lib", StringComparison.Ordinal) || Path.GetFileName(d).StartsWith("postgresql", StringComparison.Ordinal))
                .OrderByDescending(d => VersionOf(Path.GetFileName(d)));
            foreach (var dir in versions) yield return Path.Combine(dir, "bin");
        }
        yield return "/usr/local/pgsql/bin";
    }

    private static bool HasServerPrograms(string dir)
    {
        var exe = OperatingSystem.IsWindows() ? ".exe" : "";
        return File.Exists(Path.Combine(dir, "initdb" + exe)) && File.Exists(Path.Combine(dir, "pg_ctl" + exe));
    }

    private static int VersionOf(string folderName)
    {
        var digits = new string(folderName.SkipWhile(c => !char.IsDigit(c)).TakeWhile(char.IsDigit).ToArray());
        return int.TryParse(digits, out var v) ? v : 0;
    }

    private static string? PgConfigBinDir()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pg_config", "--bindir")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null) return null;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // pg_config is not on PATH
        }
    }
}
