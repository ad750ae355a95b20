namespace HaNoi.ReformDashboard.Testing;

public static class RepositoryPaths
{
    /// <summary>The checkout's root: the folder holding HaNoi.ReformDashboard.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string SeedData => Path.Combine(Root, "seed-data");

    /// <summary>Test fixture (not shipped): the demo city restructured on 1 July 2025, with a plan year 2025.</summary>
    public static string Restructured2025 => Path.Combine(Root, "tests", "Fixtures", "restructured-2025");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HaNoi.ReformDashboard.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("The repository root (HaNoi.ReformDashboard.sln) was not found above the test binaries.");
    }

    /// <summary>A copy of seed-data in a new temp folder, for tests that break a file on purpose.</summary>
    public static string CopySeedData(string parent)
    {
        var target = Path.Combine(parent, "seed-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(SeedData, "*.csv"))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        return target;
    }
}
