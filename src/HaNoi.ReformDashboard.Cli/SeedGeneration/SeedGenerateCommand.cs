using System.CommandLine;
using System.Globalization;

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
            Description = "Hạt giống bộ sinh số ngẫu nhiên / PRNG seed",
            DefaultValueFactory = _ => DefaultSeed,
        };
        Option<string> outOption = new("--out")
        {
            Description = "Thư mục seed-data (chứa units.csv, indicators.csv, targets.csv) / seed-data folder",
            Required = true,
        };
        Option<int> yearOption = new("--year")
        {
            Description = "Năm kế hoạch / Plan year",
            DefaultValueFactory = _ => DefaultYear,
        };

        Command command = new("generate", "Sinh số liệu mẫu measurements-YYYY.csv (tổng hợp, không phải số liệu thật) / Generate synthetic demo measurements")
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
            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Năm {year} không hợp lệ (2000–2100). / Year {year} is out of range (2000–2100)."));
            return ExitInvalidInput;
        }
        if (string.IsNullOrWhiteSpace(outFolder) || !Directory.Exists(outFolder))
        {
            error.WriteLine($"Thư mục '{outFolder}' không tồn tại. / Folder '{outFolder}' does not exist.");
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
            error.WriteLine($"Không đọc được dữ liệu tham chiếu: {ex.Message} / Cannot read the reference data: {ex.Message}");
            return ExitInvalidInput;
        }

        if (!data.Targets.Any(t => t.PlanYear == year))
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Cảnh báo: targets.csv không có chỉ tiêu năm {year}; số liệu sinh ra không bám theo chỉ tiêu. / Warning: targets.csv has no {year} target; figures ignore targets."));
        }

        IReadOnlyList<GeneratedMeasurement> rows = DemoMeasurementGenerator.Generate(data, seed, year);
        string path = Path.Combine(outFolder, MeasurementCsv.FileName(year));
        try
        {
            File.WriteAllBytes(path, MeasurementCsv.ToBytes(rows));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"Không ghi được tệp '{path}': {ex.Message} / Cannot write '{path}': {ex.Message}");
            return ExitWriteFailed;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Đã ghi {rows.Count} dòng số liệu mẫu (tổng hợp) vào '{path}'. / Wrote {rows.Count} synthetic demo rows to '{path}'."));
        return ExitOk;
    }
}
