using System.Globalization;
using System.Text;

using HaNoi.ReformDashboard.Cli.SeedGeneration;

namespace HaNoi.ReformDashboard.Cli.Tests.SeedGeneration;

/// <summary>The repository's committed <c>seed-data/</c> folder, found by walking up to the solution file.</summary>
internal static class RepoSeedData
{
    public const string SolutionFile = "HaNoi.ReformDashboard.sln";

    public static readonly string[] ReferenceFiles = ["units.csv", "pillars.csv", "indicators.csv", "targets.csv"];

    private static readonly Lazy<string> Root = new(FindRoot);
    private static readonly Lazy<SeedReferenceData> Data = new(() => SeedReferenceReader.ReadFolder(Folder));
    private static readonly Lazy<IReadOnlyList<MeasurementRow>> Committed = new(() => ParseMeasurements(File.ReadAllText(MeasurementsPath)));

    public static string Folder => Path.Combine(Root.Value, "seed-data");

    public static string MeasurementsPath => Path.Combine(Folder, "measurements-2022.csv");

    public static SeedReferenceData Reference => Data.Value;

    public static IReadOnlyList<MeasurementRow> CommittedMeasurements => Committed.Value;

    public static IReadOnlyList<IReadOnlyDictionary<string, string>> ReadTable(string fileName)
    {
        IReadOnlyList<CsvRecord> records = Rfc4180.Parse(File.ReadAllText(Path.Combine(Folder, fileName), Encoding.UTF8), fileName);
        IReadOnlyList<string> header = records[0].Fields;
        return records.Skip(1)
            .Select(r => (IReadOnlyDictionary<string, string>)header.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => r.Fields[x.i], StringComparer.Ordinal))
            .ToArray();
    }

    public static IReadOnlyList<MeasurementRow> ParseMeasurements(string text)
    {
        IReadOnlyList<CsvRecord> records = Rfc4180.Parse(text, "measurements");
        return records.Skip(1).Select(r => new MeasurementRow(
            r.Fields[0],
            r.Fields[1],
            r.Fields[2],
            r.Fields[3].Length == 0 ? null : long.Parse(r.Fields[3], NumberStyles.None, CultureInfo.InvariantCulture),
            r.Fields[4].Length == 0 ? null : long.Parse(r.Fields[4], NumberStyles.None, CultureInfo.InvariantCulture),
            r.Fields[5].Length == 0 ? null : decimal.Parse(r.Fields[5], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture))).ToArray();
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
