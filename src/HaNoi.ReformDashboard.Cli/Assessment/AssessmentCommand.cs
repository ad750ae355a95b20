using System.CommandLine;
using System.Globalization;
using System.Text;
using HaNoi.ReformDashboard.Cli.Hosting;
using HaNoi.ReformDashboard.Cli.Import;
using HaNoi.ReformDashboard.Data.Assessment;
using HaNoi.ReformDashboard.Data.Import;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Seed;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HaNoi.ReformDashboard.Cli.Assessment;

/// <summary>
/// <c>reform assessment …</c>: the administrative-reform index of the city's units (issue 23, docs/assessment.md) —
/// the framework (import, template, copy), the survey scores, past published results and the ranking. Exit codes as
/// <c>reform import</c>: 0 done, 2 refused with nothing written (or bad arguments), 3 the file or the database could not be reached.
/// </summary>
public static class AssessmentCommand
{
    public static readonly string[] RankingColumns = ["unit_code", "appraised_score", "survey_score", "index_percent", "rank"];

    private static string Actor => "cli:" + Environment.UserName;

    public static Command Create() => new("assessment", "Chỉ số cải cách hành chính của các đơn vị / the administrative-reform index of the units")
    {
        new Command("framework", "Bộ tiêu chí / the framework") { FrameworkImport(), FrameworkTemplate(), FrameworkCopy() },
        new Command("survey", "Điểm điều tra xã hội học / survey scores") { FileImport("import", "Nhập điểm điều tra của một năm (unit_code, survey_score) / import a year's survey scores", ImportSurveyAsync) },
        new Command("results", "Kết quả đã công bố của các năm trước / past published results")
        {
            FileImport("import", "Nhập kết quả đã công bố (unit_code, appraised_score, survey_score, max_score) / import published results", ImportResultsAsync),
        },
        Ranking(),
    };

    private static Option<int> Year(string name = "--year") => new(name) { Description = "Năm đánh giá / assessment year", Required = true };

    private static Option<FileInfo> FileOption() => new("--file") { Description = "Tệp .xlsx hoặc .csv / the .xlsx or .csv file", Required = true };

    private delegate Task<int> FileAction(IServiceProvider services, FileInfo file, int year, bool dryRun, TextWriter output, TextWriter error, CancellationToken ct);

    private static Command FileImport(string name, string description, FileAction action)
    {
        var (year, file) = (Year(), FileOption());
        Option<bool> dryRun = new("--dry-run") { Description = "Chỉ kiểm tra, không ghi / check only, write nothing" };
        Command command = new(name, description) { year, file, dryRun };
        command.SetAction(async (parse, ct) =>
        {
            var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                error.WriteLine($"không tìm thấy tệp {path.Name}. / the file {path.Name} does not exist.");
                return ImportCommand.ExitOperational;
            }
            return await CliHost.RunAsync((services, token) => action(services, path, parse.GetValue(year), parse.GetValue(dryRun), output, error, token), ct);
        });
        return command;
    }

    private static Command FrameworkImport() =>
        FileImport("import", "Nạp bộ tiêu chí của một năm thành phiên bản mới / load a year's framework as a new version", ImportFrameworkAsync);

    private static async Task<int> ImportFrameworkAsync(IServiceProvider services, FileInfo path, int year, bool dryRun, TextWriter output, TextWriter error, CancellationToken ct)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<ReformDbContext>>().CreateDbContextAsync(ct);
        FrameworkFile file;
        await using (var content = Open(path))
            file = await Data.Assessment.FrameworkTemplate.ReadAsync(db, path.Name, content, path.Length, year, Options(services), ct);
        if (!file.IsValid) return Refuse(file.Errors, error);
        var f = file.Framework!;
        var blocks = string.Join(", ", f.AssessedBlocks.Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.ToCode()} {f.MaximumFor(b):0.##} ({f.SurveyMaximumFor(b):0.##} survey)")));
        var shape = $"{f.Fields.Count} lĩnh vực, {f.Fields.Sum(x => x.Criteria.Count)} tiêu chí, {f.SubCriteria.Count()} tiêu chí thành phần / {f.Fields.Count} fields, {f.Fields.Sum(x => x.Criteria.Count)} criteria, {f.SubCriteria.Count()} sub-criteria; {blocks}";
        if (dryRun)
        {
            output.WriteLine($"Hợp lệ: {shape}; chưa ghi gì (--dry-run). / Valid; nothing written (--dry-run).");
            return ImportCommand.ExitOk;
        }
        var stored = await FrameworkStore.CommitAsync(db, file, await File.ReadAllBytesAsync(path.FullName, ct), Actor, DateTimeOffset.UtcNow, ct: ct);
        output.WriteLine($"Đã nạp bộ tiêu chí năm {year}, phiên bản {stored.Version}: {shape}. / Loaded the {year} framework, version {stored.Version}.");
        return ImportCommand.ExitOk;
    }

    private static Command FrameworkTemplate()
    {
        Option<FileInfo> output = new("--out") { Description = "Tệp .xlsx ghi ra / the .xlsx file to write", Required = true };
        Option<int?> year = new("--year") { Description = "Điền sẵn bộ tiêu chí hiện hành của năm này / fill in this year's current framework" };
        Command command = new("template", "Mẫu sổ Excel của bộ tiêu chí / the framework workbook template") { output, year };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(output)!;
            var y = parse.GetValue(year);
            byte[] bytes = y is null
                ? Data.Assessment.FrameworkTemplate.Workbook(null)
                : await CliHost.RunAsync(async (services, token) =>
                {
                    await using var db = await services.GetRequiredService<IDbContextFactory<ReformDbContext>>().CreateDbContextAsync(token);
                    return await Data.Assessment.FrameworkTemplate.WorkbookAsync(db, y, token);
                }, ct);
            await ReportFiles.WriteAtomicallyAsync(path.FullName, stream => stream.WriteAsync(bytes, ct).AsTask(), ct);
            parse.InvocationConfiguration.Output.WriteLine($"Đã ghi {path.Name}. / Wrote {path.Name}.");
            return ImportCommand.ExitOk;
        });
        return command;
    }

    private static Command FrameworkCopy()
    {
        var (from, to) = (Year("--from"), Year("--to"));
        Command command = new("copy", "Chép bộ tiêu chí hiện hành sang năm sau / copy the current framework to another year") { from, to };
        command.SetAction(async (parse, ct) => await CliHost.RunAsync(async (services, token) =>
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<ReformDbContext>>().CreateDbContextAsync(token);
            var (source, target) = (parse.GetValue(from), parse.GetValue(to));
            var copy = await FrameworkStore.CopyAsync(db, source, target, Actor, DateTimeOffset.UtcNow, token);
            if (copy is null)
            {
                parse.InvocationConfiguration.Error.WriteLine($"Năm {source} chưa có bộ tiêu chí nào, không chép gì. / {source} has no framework; nothing copied.");
                return ImportCommand.ExitRefused;
            }
            parse.InvocationConfiguration.Output.WriteLine($"Đã chép bộ tiêu chí năm {source} sang năm {target}, phiên bản {copy.Version}. / Copied the {source} framework to {target}, version {copy.Version}.");
            return ImportCommand.ExitOk;
        }, ct));
        return command;
    }

    private static async Task<int> ImportSurveyAsync(IServiceProvider services, FileInfo path, int year, bool dryRun, TextWriter output, TextWriter error, CancellationToken ct)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<ReformDbContext>>().CreateDbContextAsync(ct);
        SurveyFile file;
        await using (var content = Open(path))
            file = await SurveyImport.ReadAsync(db, path.Name, content, path.Length, year, Options(services), ct);
        if (!file.IsValid) return Refuse(file.Errors, error);
        if (dryRun)
        {
            output.WriteLine($"Hợp lệ: {file.Scores.Count} đơn vị; chưa ghi gì (--dry-run). / Valid: {file.Scores.Count} units; nothing written (--dry-run).");
            return ImportCommand.ExitOk;
        }
        var replaced = await SurveyImport.CommitAsync(db, file, Actor, DateTimeOffset.UtcNow, ct);
        output.WriteLine($"Đã nhập điểm điều tra năm {year}: {file.Scores.Count} đơn vị (thay {replaced} điểm đã có). / Imported the {year} survey scores: {file.Scores.Count} units ({replaced} replaced).");
        return ImportCommand.ExitOk;
    }

    private static async Task<int> ImportResultsAsync(IServiceProvider services, FileInfo path, int year, bool dryRun, TextWriter output, TextWriter error, CancellationToken ct)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<ReformDbContext>>().CreateDbContextAsync(ct);
        PastResultsFile file;
        await using (var content = Open(path))
            file = await PastResultsImport.ReadAsync(db, path.Name, content, path.Length, year, Options(services), ct);
        if (!file.IsValid) return Refuse(file.Errors, error);
        if (dryRun)
        {
            output.WriteLine($"Hợp lệ: {file.Results.Count} đơn vị; chưa ghi gì (--dry-run). / Valid: {file.Results.Count} units; nothing written (--dry-run).");
            return ImportCommand.ExitOk;
        }
        var replaced = await PastResultsImport.CommitAsync(db, file, Actor, DateTimeOffset.UtcNow, ct);
        output.WriteLine($"Đã nhập kết quả năm {year}: {file.Results.Count} đơn vị (thay {replaced} kết quả đã có). / Imported the {year} results: {file.Results.Count} units ({replaced} replaced).");
        return ImportCommand.ExitOk;
    }

    private static Command Ranking()
    {
        var year = Year();
        Option<string> block = new("--block") { Description = "department | district | commune", Required = true };
        Option<string> format = new("--format") { Description = "csv", DefaultValueFactory = _ => "csv" };
        Option<FileInfo> output = new("--out") { Description = "Tệp kết quả (UTF-8 có BOM) / output file (UTF-8 with BOM); mặc định / default: stdout" };
        Command command = new("ranking", "Xếp hạng một khối trong một năm / a block's ranking for a year") { year, block, format, output };
        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (parse.GetValue(format) != "csv")
            {
                error.WriteLine($"Định dạng '{parse.GetValue(format)}' chưa hỗ trợ (csv). / Format '{parse.GetValue(format)}' is not supported (csv).");
                return ImportCommand.ExitRefused;
            }
            if (!CatalogueCodes.TryParseLevel(parse.GetValue(block), out var level) || level == UnitLevel.City)
            {
                error.WriteLine($"Khối '{parse.GetValue(block)}' không hợp lệ (department, district, commune). / '{parse.GetValue(block)}' is not a block (department, district, commune).");
                return ImportCommand.ExitRefused;
            }
            var ranking = await CliHost.RunAsync(async (services, token) =>
            {
                await using var db = await services.GetRequiredService<IDbContextFactory<ReformDbContext>>().CreateDbContextAsync(token);
                return await RankingQuery.ForYearAsync(db, parse.GetValue(year), level, token);
            }, ct);
            if (parse.GetValue(output) is { } file)
            {
                await ReportFiles.WriteAtomicallyAsync(file.FullName, async stream =>
                {
                    await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
                    WriteCsv(ranking, writer);
                }, ct);
            }
            else
            {
                WriteCsv(ranking, parse.InvocationConfiguration.Output);
            }
            if (ranking.Rows.Count == 0)
                error.WriteLine($"Năm {ranking.Year} chưa có kết quả của khối {level.ToCode()}. / {ranking.Year} has no results for the {level.ToCode()} block.");
            return ImportCommand.ExitOk;
        });
        return command;
    }

    /// <summary>RFC 4180, dot decimals; the index at two decimals, as it is compared and published.</summary>
    public static void WriteCsv(BlockRanking ranking, TextWriter writer)
    {
        writer.Write(string.Join(',', RankingColumns) + "\r\n");
        foreach (var r in ranking.Rows)
            writer.Write(string.Join(',', CsvText.Escape(r.Unit.Code), N(r.Appraised), r.Survey is { } s ? N(s) : "",
                Math.Round(r.IndexPercent, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture),
                r.Rank.ToString(CultureInfo.InvariantCulture)) + "\r\n");
    }

    private static string N(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static FileStream Open(FileInfo path) => new(path.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);

    private static ImportOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IConfiguration>().GetSection(ImportOptions.Section).Get<ImportOptions>() ?? new ImportOptions();

    private static int Refuse(IReadOnlyList<SeedError> errors, TextWriter error)
    {
        foreach (var e in errors) error.WriteLine(e);
        error.WriteLine($"Tệp bị từ chối: {errors.Count} lỗi, không ghi gì. / The file is refused: {errors.Count} problems, nothing written.");
        return ImportCommand.ExitRefused;
    }
}
