using System.CommandLine;
using System.Globalization;
using System.Text;
using HaNoi.ReformDashboard.Cli.Hosting;
using HaNoi.ReformDashboard.Cli.Import;
using HaNoi.ReformDashboard.Cli.Messages;
using HaNoi.ReformDashboard.Data.Assessment;
using HaNoi.ReformDashboard.Data.Files;
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

    public static Command Create() => new("assessment", CliText.Both("TheAdministrativeReformIndexOf"))
    {
        new Command("framework", CliText.Both("TheFramework")) { FrameworkImport(), FrameworkTemplate(), FrameworkCopy() },
        new Command("survey", CliText.Both("SurveyScores")) { FileImport("import", CliText.Both("ImportAYearSSurvey"), ImportSurveyAsync) },
        new Command("results", CliText.Both("PastPublishedResults"))
        {
            FileImport("import", CliText.Both("ImportPublishedResults"), ImportResultsAsync),
        },
        Ranking(),
    };

    private static Option<int> Year(string name = "--year") => new(name) { Description = CliText.Both("AssessmentYear"), Required = true };

    private static Option<FileInfo> FileOption() => new("--file") { Description = CliText.Both("TheXlsxOrCsvFile"), Required = true };

    private delegate Task<int> FileAction(IServiceProvider services, FileInfo file, int year, bool dryRun, TextWriter output, TextWriter error, CancellationToken ct);

    private static Command FileImport(string name, string description, FileAction action)
    {
        var (year, file) = (Year(), FileOption());
        Option<bool> dryRun = new("--dry-run") { Description = CliText.Both("CheckOnlyWriteNothing") };
        Command command = new(name, description) { year, file, dryRun };
        command.SetAction(async (parse, ct) =>
        {
            var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                error.WriteLine(CliText.Both("TheFileDoesNotExist", path.Name));
                return ImportCommand.ExitOperational;
            }
            return await CliHost.RunAsync((services, token) => action(services, path, parse.GetValue(year), parse.GetValue(dryRun), output, error, token), ct);
        });
        return command;
    }

    private static Command FrameworkImport() =>
        FileImport("import", CliText.Both("LoadAYearSFramework"), ImportFrameworkAsync);

    private static async Task<int> ImportFrameworkAsync(IServiceProvider services, FileInfo path, int year, bool dryRun, TextWriter output, TextWriter error, CancellationToken ct)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<ReformDbContext>>().CreateDbContextAsync(ct);
        FrameworkFile file;
        await using (var content = Open(path))
            file = await Data.Assessment.FrameworkTemplate.ReadAsync(db, path.Name, content, path.Length, year, Options(services), ct);
        if (!file.IsValid) return Refuse(file.Errors, error);
        var f = file.Framework!;
        var blocks = string.Join(", ", f.AssessedBlocks.Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.ToCode()} {f.MaximumFor(b):0.##} ({f.SurveyMaximumFor(b):0.##} survey)")));
        var shape = CliText.Both("FieldsCriteriaSubCriteria", f.Fields.Count, f.Fields.Sum(x => x.Criteria.Count), f.SubCriteria.Count(), blocks);
        if (dryRun)
        {
            output.WriteLine(CliText.Both("ValidNothingWrittenDryRun", shape));
            return ImportCommand.ExitOk;
        }
        var stored = await FrameworkStore.CommitAsync(db, file, await File.ReadAllBytesAsync(path.FullName, ct), Actor, DateTimeOffset.UtcNow, ct: ct);
        output.WriteLine(CliText.Both("LoadedTheFrameworkVersion", year, stored.Version, shape));
        return ImportCommand.ExitOk;
    }

    private static Command FrameworkTemplate()
    {
        Option<FileInfo> output = new("--out") { Description = CliText.Both("TheXlsxFileToWrite"), Required = true };
        Option<int?> year = new("--year") { Description = CliText.Both("FillInThisYearS") };
        Command command = new("template", CliText.Both("TheFrameworkWorkbookTemplate")) { output, year };
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
            parse.InvocationConfiguration.Output.WriteLine(CliText.Both("Wrote", path.Name));
            return ImportCommand.ExitOk;
        });
        return command;
    }

    private static Command FrameworkCopy()
    {
        var (from, to) = (Year("--from"), Year("--to"));
        Command command = new("copy", CliText.Both("CopyTheCurrentFrameworkTo")) { from, to };
        command.SetAction(async (parse, ct) => await CliHost.RunAsync(async (services, token) =>
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<ReformDbContext>>().CreateDbContextAsync(token);
            var (source, target) = (parse.GetValue(from), parse.GetValue(to));
            var copy = await FrameworkStore.CopyAsync(db, source, target, Actor, DateTimeOffset.UtcNow, token);
            if (copy is null)
            {
                parse.InvocationConfiguration.Error.WriteLine(CliText.Both("HasNoFrameworkNothingCopied", source));
                return ImportCommand.ExitRefused;
            }
            parse.InvocationConfiguration.Output.WriteLine(CliText.Both("CopiedTheFrameworkToVersion", source, target, copy.Version));
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
            output.WriteLine(CliText.Both("ValidUnitsNothingWrittenDry", file.Scores.Count));
            return ImportCommand.ExitOk;
        }
        var replaced = await SurveyImport.CommitAsync(db, file, Actor, DateTimeOffset.UtcNow, ct);
        output.WriteLine(CliText.Both("ImportedTheSurveyScoresUnits", year, file.Scores.Count, replaced));
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
            output.WriteLine(CliText.Both("ValidUnitsNothingWrittenDry", file.Results.Count));
            return ImportCommand.ExitOk;
        }
        var replaced = await PastResultsImport.CommitAsync(db, file, Actor, DateTimeOffset.UtcNow, ct);
        output.WriteLine(CliText.Both("ImportedTheResultsUnitsReplaced", year, file.Results.Count, replaced));
        return ImportCommand.ExitOk;
    }

    private static Command Ranking()
    {
        var year = Year();
        Option<string> block = new("--block") { Description = "department | district | commune", Required = true };
        Option<string> format = new("--format") { Description = "csv", DefaultValueFactory = _ => "csv" };
        Option<FileInfo> output = new("--out") { Description = CliText.Both("DefaultStdout") };
        Command command = new("ranking", CliText.Both("ABlockSRankingFor")) { year, block, format, output };
        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (parse.GetValue(format) != "csv")
            {
                error.WriteLine(CliText.Both("FormatIsNotSupportedCsv", parse.GetValue(format)));
                return ImportCommand.ExitRefused;
            }
            if (!CatalogueCodes.TryParseLevel(parse.GetValue(block), out var level) || level == UnitLevel.City)
            {
                error.WriteLine(CliText.Both("IsNotABlockDepartment", parse.GetValue(block)));
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
                error.WriteLine(CliText.Both("HasNoResultsForThe", ranking.Year, level.ToCode()));
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

    private static int Refuse(IReadOnlyList<CellError> errors, TextWriter error)
    {
        foreach (var e in errors) error.WriteLine(e);
        error.WriteLine(CliText.FileRefused(errors.Count));
        return ImportCommand.ExitRefused;
    }
}
