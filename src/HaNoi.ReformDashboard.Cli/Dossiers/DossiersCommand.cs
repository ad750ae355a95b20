using System.CommandLine;
using System.Globalization;
using System.Text;
using HaNoi.ReformDashboard.Cli.Hosting;
using HaNoi.ReformDashboard.Cli.Import;
using HaNoi.ReformDashboard.Cli.Messages;
using HaNoi.ReformDashboard.Data;
using HaNoi.ReformDashboard.Data.Dossiers;
using HaNoi.ReformDashboard.Data.Files;
using HaNoi.ReformDashboard.Data.Import;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Seed;
using HaNoi.ReformDashboard.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HaNoi.ReformDashboard.Cli.Dossiers;

/// <summary>
/// <c>reform dossiers import | partitions | generate | api-key</c>: dossier records in (issue 20). Exit codes as <c>reform import</c>:
/// 0 done, 2 refused (nothing written), 3 the file or the database could not be reached.
/// </summary>
public static class DossiersCommand
{
    public static Command Create() => new("dossiers", CliText.Both("AdministrativeProcedureDossiers"))
    {
        Import(), Partitions(), Generate(), Recount(), ApiKeyCommand.Create(),
    };

    private static Command Import()
    {
        Option<FileInfo> file = new("--file") { Description = CliText.Both("TheDossierFileCsvJsonl"), Required = true };
        Option<bool> dryRun = new("--dry-run") { Description = CliText.Both("CheckOnlyWriteNothing") };
        Option<FileInfo?> errorsOut = new("--errors-out") { Description = CliText.Both("WriteTheProblemsToA") };
        Command command = new("import", CliText.Both("ImportADossierFile")) { file, dryRun, errorsOut };
        command.SetAction(async (parse, ct) =>
        {
            var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                error.WriteLine(CliText.Both("TheFileDoesNotExist", path.Name));
                return ImportCommand.ExitOperational;
            }
            return await CliHost.RunAsync(async (services, token) =>
            {
                var options = services.GetRequiredService<IConfiguration>().GetSection(DossierImportOptions.Section).Get<DossierImportOptions>() ?? new DossierImportOptions();
                var sizeErrors = new List<CellError>();
                if (!DossierImport.SizeAllowed(path.Name, path.Length, options, sizeErrors))
                    return Refuse(sizeErrors, sizeErrors.Count, parse.GetValue(errorsOut), error);
                await using var db = await services.GetRequiredService<IDbContextFactory<ReformDbContext>>().CreateDbContextAsync(token);
                await using var content = new FileStream(path.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
                var now = DateTimeOffset.UtcNow;
                if (parse.GetValue(dryRun))
                {
                    var check = await DossierImport.CheckAsync(db, path.Name, content, options, now, token);
                    if (!check.IsValid) return Refuse(check.Errors, check.ErrorCount, parse.GetValue(errorsOut), error);
                    output.WriteLine(CliText.Both("ValidDossiersNothingWrittenDry", check.Rows));
                    return ImportCommand.ExitOk;
                }
                try
                {
                    var (checkedFile, imported) = await DossierImport.ImportAsync(db, path.Name, content, options, "cli:" + Environment.UserName, now, token);
                    if (imported is not { } r) return Refuse(checkedFile.Errors, checkedFile.ErrorCount, parse.GetValue(errorsOut), error);
                    output.WriteLine(r.BatchId is { } id
                        ? CliText.Both("ImportedBatchNewDossiersUpdated", id, r.New, r.Replaced, r.Unchanged, r.Late)
                        : CliText.Both("NothingChangedDossiersAlreadyHold", r.Unchanged));
                    if (r.BatchId is not null) output.WriteLine(FiguresLine(r.Figures));
                    return ImportCommand.ExitOk;
                }
                catch (ImportRefusedException ex)
                {
                    error.WriteLine(ex.Message);
                    return ImportCommand.ExitRefused;
                }
            }, ct);
        });
        return command;
    }

    private static int Refuse(IReadOnlyList<CellError> errors, int count, FileInfo? errorsOut, TextWriter error)
    {
        foreach (var e in errors) error.WriteLine(e);
        if (count > errors.Count)
            error.WriteLine(CliText.Both("AndMoreProblems", count - errors.Count));
        error.WriteLine(CliText.FileRefused(count));
        if (errorsOut is not null) ImportCommand.WriteErrors(errors, errorsOut.FullName);
        return ImportCommand.ExitRefused;
    }

    private static Command Partitions()
    {
        Option<string> through = new("--through") { Description = CliText.Both("TheLastMonthYYYYMM"), Required = true };
        Option<string?> from = new("--from") { Description = CliText.Both("TheFirstMonthDefaultJanuary") };
        Command command = new("partitions", CliText.Both("MakeTheDossiersMonthlyPartitions")) { through, from };
        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (ParseMonth(parse.GetValue(through)) is not { } last || (parse.GetValue(from) is { } f && ParseMonth(f) is null))
            {
                error.WriteLine(CliText.Both("AMonthIsWrittenYYYY"));
                return ImportCommand.ExitRefused;
            }
            return await CliHost.RunAsync(async (services, token) =>
            {
                await using var db = await services.GetRequiredService<IDbContextFactory<ReformDbContext>>().CreateDbContextAsync(token);
                var first = ParseMonth(parse.GetValue(from))
                    ?? new DateOnly(await db.PlanYears.Select(p => (int?)p.Year).MinAsync(token) ?? last.Year, 1, 1);
                var connection = (NpgsqlConnection)db.Database.GetDbConnection();
                await connection.OpenAsync(token);
                var made = await DossierPartitions.EnsureAsync(connection, first, last, token);
                parse.InvocationConfiguration.Output.WriteLine(CliText.Both(CultureInfo.InvariantCulture, "MadePartitionsThrough", made.Count, first, last, (made.Count > 0 ? " " + string.Join(", ", made) : "")));
                return ImportCommand.ExitOk;
            }, ct);
        });
        return command;
    }

    private static string FiguresLine(DossierFiguresResult f) =>
        CliText.Both("FiguresCountedFromDossiersUnit", f.UnitMonths, f.Written, f.Withdrawn);

    /// <summary>Recounts the six figures of a span of months from the dossiers held (after the rules' data changed, or to check).</summary>
    private static Command Recount()
    {
        Option<string> from = new("--from") { Description = CliText.Both("TheFirstMonthYYYYMM"), Required = true };
        Option<string?> through = new("--through") { Description = CliText.Both("TheLastMonthDefaultFrom") };
        Command command = new("recount", CliText.Both("RecountTheFiguresCountedFrom")) { from, through };
        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (ParseMonth(parse.GetValue(from)) is not { } first || (parse.GetValue(through) is { } t ? ParseMonth(t) : first) is not { } last || last < first)
            {
                error.WriteLine(CliText.Both("AMonthIsWrittenYYYY2"));
                return ImportCommand.ExitRefused;
            }
            return await CliHost.RunAsync(async (services, token) =>
            {
                await using var db = await services.GetRequiredService<IDbContextFactory<ReformDbContext>>().CreateDbContextAsync(token);
                var result = await DossierFigures.RefreshMonthsAsync(db, first, last, "cli:" + Environment.UserName, DateTimeOffset.UtcNow, token);
                parse.InvocationConfiguration.Output.WriteLine(FiguresLine(result));
                return ImportCommand.ExitOk;
            }, ct);
        });
        return command;
    }

    private static DateOnly? ParseMonth(string? text) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static Command Generate()
    {
        Option<FileInfo> output = new("--out") { Description = CliText.Both("TheCsvOrJsonlFile"), Required = true };
        Option<int> year = new("--year") { Description = CliText.Both("Year"), DefaultValueFactory = _ => 2022 };
        Option<int> count = new("--count") { Description = CliText.Both("NumberOfDossiers"), DefaultValueFactory = _ => 3000 };
        Option<int> seed = new("--seed") { Description = CliText.Both("RandomSeed"), DefaultValueFactory = _ => 20 };
        Option<string> units = new("--units") { Description = CliText.Both("UnitCodesCommaSeparated"), DefaultValueFactory = _ => DemoUnits };
        Command command = new("generate", CliText.Both("GenerateSYNTHETICDossiersFromThe")) { output, year, count, seed, units };
        command.SetAction(parse =>
        {
            var folder = DatabaseSetup.FindSeedFolder(new ConfigurationBuilder().AddEnvironmentVariables().Build());
            if (folder is null)
            {
                parse.InvocationConfiguration.Error.WriteLine(CliText.Both("TheSeedDataFolderWas"));
                return ImportCommand.ExitOperational;
            }
            var catalogue = SeedSet.ReadCatalogue(folder);
            var wanted = parse.GetValue(units)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var chosen = wanted.Select(code => catalogue.Units.LastOrDefault(u => u.Code == code)
                ?? throw new DataFileException([new CellError("--units", 0, "-", CliText.Get("ThereIsNoUnit", code))]))
                .Select(u => new DossierGenerator.GeneratorUnit(u.Code, u.Level.ToCode())).ToList();
            var rows = DossierGenerator.Generate(chosen, ProcedureCatalogue.Read(folder), parse.GetValue(year), parse.GetValue(count), parse.GetValue(seed));
            var path = parse.GetValue(output)!.FullName;
            if (DossierJsonLines.IsJsonLines(path))
            {
                using var stream = File.Create(path);
                DossierJsonLines.Write(stream, rows);
            }
            else
            {
                using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
                DossierFile.Write(writer, rows);
            }
            parse.InvocationConfiguration.Output.WriteLine(CliText.Both("Wrote", parse.GetValue(output)!.Name));
            return ImportCommand.ExitOk;
        });
        return command;
    }

    /// <summary>A handful of demo units: two departments, three districts and three wards.</summary>
    public const string DemoUnits = "STP,SXD,001,002,268,00001,00004,00037";
}
