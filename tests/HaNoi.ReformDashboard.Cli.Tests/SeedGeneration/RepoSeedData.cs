using System.Globalization;

using HaNoi.ReformDashboard.Cli.SeedGeneration;
using HaNoi.ReformDashboard.Data.Seed;
using HaNoi.ReformDashboard.Data.Files;

namespace HaNoi.ReformDashboard.Cli.Tests.SeedGeneration;

/// <summary>The repository's committed <c>seed-data/</c> folder, found by walking up to the solution file.</summary>
internal static class RepoSeedData
{
    public const string SolutionFile = "HaNoi.ReformDashboard.sln";

    public static readonly string[] ReferenceFiles = ["units.csv", "pillars.csv", "indicators.csv", "plan_years.csv", "targets.csv"];

    private static readonly Lazy<string> Root = new(FindRoot);
    private static readonly Lazy<SeedReferenceData> Data = new(() => SeedReferenceReader.ReadFolder(Folder));
    private static readonly Lazy<IReadOnlyList<GeneratedMeasurement>> Committed = new(() => ParseMeasurements(MeasurementsPath));

    public static string Folder => Path.Combine(Root.Value, "seed-data");

    public static string MeasurementsPath => Path.Combine(Folder, "measurements-2022.csv");

    public static SeedReferenceData Reference => Data.Value;

    public static IReadOnlyList<GeneratedMeasurement> CommittedMeasurements => Committed.Value;

    public static IReadOnlyList<IReadOnlyDictionary<string, string>> ReadTable(string fileName)
    {
        CsvTable table = Read(Path.Combine(Folder, fileName));
        return table.Rows
            .Select(r => (IReadOnlyDictionary<string, string>)table.Header.ToDictionary(h => h, h => r[h], StringComparer.Ordinal))
            .ToArray();
    }

    public static IReadOnlyList<GeneratedMeasurement> ParseMeasurements(string path) =>
        Read(path).Rows.Select(r => new GeneratedMeasurement(
            r["unit_code"],
            r["indicator_code"],
            r["period"],
            r["numerator"].Length == 0 ? null : long.Parse(r["numerator"], NumberStyles.None, CultureInfo.InvariantCulture),
            r["denominator"].Length == 0 ? null : long.Parse(r["denominator"], NumberStyles.None, CultureInfo.InvariantCulture),
            r["value"].Length == 0 ? null : decimal.Parse(r["value"], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture))).ToArray();

    private static CsvTable Read(string path)
    {
        List<CellError> errors = [];
        return CsvTable.Read(path, [], errors) ?? throw new InvalidOperationException(string.Join("; ", errors));
    }

    private static string FindRoot()
    {
        DirectoryInfo? dir = new(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, SolutionFile)))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException($"{SolutionFile} not found above {AppContext.BaseDirectory}");
    }
}

/// <summary>A fresh temporary folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "reform-seed-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void CopyReferenceFiles()
    {
        foreach (string file in RepoSeedData.ReferenceFiles)
        {
            File.Copy(System.IO.Path.Combine(RepoSeedData.Folder, file), System.IO.Path.Combine(Path, file));
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
