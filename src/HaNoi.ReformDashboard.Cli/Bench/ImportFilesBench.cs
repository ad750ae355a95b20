using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using HaNoi.ReformDashboard.Cli.Messages;
using HaNoi.ReformDashboard.Data.Files;
using HaNoi.ReformDashboard.Data.Import;
using HaNoi.ReformDashboard.Data.Seed;

namespace HaNoi.ReformDashboard.Cli.Bench;

/// <summary>
/// <c>reform bench import-files</c>: each hostile file at full
/// size, and legitimate files at the limits, read by the import's reader in a process of its own, so that the peak
/// working set measured is that file's alone. The baseline is the same process reading a header-only file: what the
/// runtime costs before any file does. Goals (issue 19): a hostile file refused within 5 s and 200 MB; a legitimate
/// file of the size limit read within 300 MB.
/// </summary>
public static class ImportFilesBench
{
    public const string BaselineName = "import file: runtime alone";
    private const double HostileSeconds = 5, HostileMiB = 200, LegitimateMiB = 300;

    private sealed record Case(string Name, string FileName, Func<byte[]> Make, bool Hostile);

    private static readonly Case[] Cases =
    [
        new("header only", "baseline.csv", () => HostileFiles.Csv(0), false),
        new("5 KB workbook, cells in XFD and row 1,048,576", "far-corner.xlsx", HostileFiles.FarCorner, true),
        new("one stray value in A1048576", "stray-last-row.xlsx", HostileFiles.StrayLastRow, true),
        new("workbook of 1,000,000 rows (shared strings)", "million-rows.xlsx", () => HostileFiles.Workbook(1_000_000, sharedStrings: true), true),
        new("zip bomb, 2 GiB of blanks, honest sizes", "zip-bomb.xlsx", () => HostileFiles.ZipBomb(2L << 30, lie: false), true),
        new("zip bomb, 2 GiB of blanks, sizes claiming 1 KB", "zip-bomb-lying.xlsx", () => HostileFiles.ZipBomb(2L << 30, lie: true), true),
        new("XML entity expansion (billion laughs)", "entities.xlsx", HostileFiles.EntityExpansion, true),
        new("workbook of 10,000 sheets", "sheets.xlsx", () => HostileFiles.ManySheets(10_000), true),
        new("CSV of 10,000 columns", "wide.csv", () => HostileFiles.WideCsv(10_000), true),
        new("CSV of 800,000 short rows (under the size limit)", "many-rows.csv", () => HostileFiles.Csv(800_000, i => $"SNV,ONTIME,2022-{i % 12 + 1:00},{i % 9 + 1},9,"), true),
        new("CSV, an unclosed quote over 19 MB", "unclosed-quote.csv", () => HostileFiles.UnclosedQuote(19_000_000), true),
        new("CSV of 500,000 rows at the row limit", "legitimate.csv", () => HostileFiles.Csv(500_000, i => $"{i % 1000:00000},ONTIME,2022-{i % 12 + 1:00},{i % 9000 + 1}.5,{i % 9000 + 9001}.5,"), false),
        new("workbook of 500,000 rows at the row limit", "legitimate.xlsx", () => HostileFiles.Workbook(500_000, sharedStrings: true), false),
    ];

    /// <summary>What one child process reports of its file.</summary>
    private sealed record Reading(double Milliseconds, long PeakWorkingSet, int Rows, string? Refusal);

    public static Command Create()
    {
        Option<int> runs = new("--runs") { DefaultValueFactory = _ => 3, Description = CliText.Both("SamplesPerFile") };
        Option<FileInfo?> one = new("--one") { Description = CliText.Both("InternalReadOneFileAnd"), Hidden = true };
        Command command = new("import-files", CliText.Both("MeasureReadingHostileAndLegitimate")) { runs, one };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(one) is { } file)
            {
                output.WriteLine(JsonSerializer.Serialize(ReadOne(file, ct)));
                return 0;
            }
            var figures = await RunAsync(parse.GetValue(runs), parse.InvocationConfiguration.Error, ct);
            foreach (var figure in figures) output.WriteLine($"{figure}  [{figure.Note}]");
            return figures.Any(f => f.Note?.Contains("NOT MET", StringComparison.Ordinal) == true) ? 1 : 0;
        });
        return command;
    }

    /// <summary>Every file in its own process, <paramref name="runs"/> times; the figures are the median times, with the peak working set in the note.</summary>
    public static async Task<IReadOnlyList<BenchFigure>> RunAsync(int runs, TextWriter log, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("reform-import-files-");
        try
        {
            var figures = new List<BenchFigure>();
            BenchFigure? baseline = null;
            foreach (var @case in Cases)
            {
                var path = Path.Combine(folder.FullName, @case.FileName);
                var content = @case.Make();
                await File.WriteAllBytesAsync(path, content, ct);
                var readings = new List<Reading>();
                for (var i = 0; i < runs; i++) readings.Add(await ChildAsync(path, ct));
                var peak = readings.Max(r => r.PeakWorkingSet) / (1024.0 * 1024);
                var seconds = BenchStatistics.Median(readings.Select(r => r.Milliseconds).ToList()) / 1000;
                var outcome = readings[^1].Refusal is { } refusal ? "refused: " + refusal : $"read {readings[^1].Rows:N0} rows";
                var goal = @case.Name == "header only" ? "" : @case.Hostile
                    ? (readings.All(r => r.Refusal is not null) && seconds <= HostileSeconds && peak <= HostileMiB ? "; goal ≤ 5 s, ≤ 200 MiB, refused: met" : "; goal ≤ 5 s, ≤ 200 MiB, refused: NOT MET")
                    : (readings.All(r => r.Refusal is null) && peak <= LegitimateMiB ? "; goal ≤ 300 MiB, read: met" : "; goal ≤ 300 MiB, read: NOT MET");
                var figure = BenchFigure.FromSamples(@case.Name == "header only" ? BaselineName : "import file: " + @case.Name, "ms", readings.Select(r => r.Milliseconds).ToList(), baseline,
                    string.Create(CultureInfo.InvariantCulture, $"{content.Length / 1024.0:N0} KiB; peak working set {peak:F0} MiB; {Shorten(outcome)}{goal}"));
                baseline ??= figure;
                log.WriteLine($"import-files: {figure}  [{figure.Note}]");
                figures.Add(figure);
                File.Delete(path);
            }
            return figures;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string Shorten(string text) => text.Length <= 110 ? text : text[..110] + "…";

    private static async Task<Reading> ChildAsync(string path, CancellationToken ct)
    {
        var info = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // This same program, under `dotnet reform.dll` or as its own executable.
        var self = Assembly.GetEntryAssembly()!.Location;
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            info.FileName = Environment.ProcessPath!;
            info.ArgumentList.Add(self);
        }
        else
        {
            info.FileName = Environment.ProcessPath!;
        }
        foreach (var argument in new[] { "bench", "import-files", "--one", path }) info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0) throw new InvalidOperationException($"reading {Path.GetFileName(path)} ended with exit {process.ExitCode}: {await error}");
        return JsonSerializer.Deserialize<Reading>((await output).Trim().Split('\n')[^1])!;
    }

    /// <summary>In the child: the import's reader over the file (the page's and the CLI's path up to the row checks).</summary>
    private static Reading ReadOne(FileInfo file, CancellationToken ct)
    {
        var options = new ImportOptions();
        var errors = new List<CellError>();
        var watch = Stopwatch.StartNew();
        CsvTable? table = null;
        if (ImportFileReader.SizeAllowed(file.Name, file.Length, options, errors))
        {
            using var content = file.OpenRead();
            table = ImportFileReader.Read(file.Name, content, options, errors, header => MeasurementReader.HeaderIsComplete(file.Name, header, errors), ct: ct);
        }
        var elapsed = watch.Elapsed.TotalMilliseconds;
        GC.KeepAlive(table);
        return new Reading(elapsed, Process.GetCurrentProcess().PeakWorkingSet64, table?.Rows.Count ?? 0, errors.Count > 0 ? errors[0].MessageEn : null);
    }
}
