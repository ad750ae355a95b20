using System.CommandLine;
using System.Globalization;
using HaNoi.ReformDashboard.Cli.Messages;

namespace HaNoi.ReformDashboard.Cli.SeedGeneration;

/// <summary>
/// <c>reform seed generate --seed 2022 --out seed-data [--year 2022]</c>: reads <c>units.csv</c>, <c>indicators.csv</c>
/// and <c>targets.csv</c> from the output folder and writes the SYNTHETIC <c>measurements-YYYY.csv</c> beside them.
/// The reference files are only read, never rewritten.
/// </summary>
public static class SeedGenerateCommand
{
    public const int ExitOk = 0;

    /// <summary>The folder or a reference file is missing or invalid. (System.CommandLine uses 1 for bad arguments.)</summary>
    public const int ExitInvalidInput = 2;

    /// <summary>The output file could not be written.</summary>
    public const int ExitWriteFailed = 3;

    public const int DefaultSeed = 2022;
    public const int DefaultYear = 2022;

    public static Command Create()
    {
        Option<int> seedOption = new("--seed")
        {
            Description = CliText.Both("PRNGSeed"),
            DefaultValueFactory = _ => DefaultSeed,
        };
        Option<string> outOption = new("--out")
        {
            Description = CliText.Both("SeedDataFolder"),
            Required = true,
        };
        Option<int> yearOption = new("--year")
        {
            Description = CliText.Both("PlanYear"),
            DefaultValueFactory = _ => DefaultYear,
        };

        Command command = new("generate", CliText.Both("GenerateSyntheticDemoMeasurements"))
        {
            seedOption,
            outOption,
            yearOption,
        };
        command.SetAction(parseResult => Run(
            parseResult.GetValue(seedOption),
            parseResult.GetValue(outOption) ?? string.Empty,
            parseResult.GetValue(yearOption),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>The command's work, callable without the command line.</summary>
    public static int Run(int seed, string outFolder, int year, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        if (year is < 2000 or > 2100)
        {
            error.WriteLine(CliText.Both(CultureInfo.InvariantCulture, "YearIsOutOfRange", year));
            return ExitInvalidInput;
        }
        if (string.IsNullOrWhiteSpace(outFolder) || !Directory.Exists(outFolder))
        {
            error.WriteLine(CliText.Both("FolderDoesNotExist", outFolder));
            return ExitInvalidInput;
        }

        SeedReferenceData data;
        try
        {
            data = SeedReferenceReader.ReadFolder(outFolder);
        }
        catch (SeedDataException ex)
        {
            error.WriteLine(ex.Message);
            return ExitInvalidInput;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
        {
            error.WriteLine(CliText.Both("CannotReadTheReferenceData", ex.Message));
            return ExitInvalidInput;
        }

        if (!data.Targets.Any(t => t.PlanYear == year))
        {
            error.WriteLine(CliText.Both(CultureInfo.InvariantCulture, "WarningTargetsCsvHasNo", year));
        }

        IReadOnlyList<GeneratedMeasurement> rows = DemoMeasurementGenerator.Generate(data, seed, year);
        string path = Path.Combine(outFolder, MeasurementCsv.FileName(year));
        try
        {
            File.WriteAllBytes(path, MeasurementCsv.ToBytes(rows));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine(CliText.Both("CannotWrite", path, ex.Message));
            return ExitWriteFailed;
        }

        output.WriteLine(CliText.Both(CultureInfo.InvariantCulture, "WroteSyntheticDemoRowsTo", rows.Count, path));
        return ExitOk;
    }
}
