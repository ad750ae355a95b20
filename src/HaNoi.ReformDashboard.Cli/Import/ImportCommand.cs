using System.CommandLine;
using System.Text;
using HaNoi.ReformDashboard.Cli.Hosting;
using HaNoi.ReformDashboard.Cli.Messages;
using HaNoi.ReformDashboard.Data.Files;
using HaNoi.ReformDashboard.Data.Import;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HaNoi.ReformDashboard.Cli.Import;

/// <summary>
/// <c>reform import --file F [--dry-run] [--errors-out errors.csv]</c>: the monthly import with the page's checks.
/// Exit 0: imported (or valid, with --dry-run); 2: refused, nothing written; 3: the file or the database could not be reached.
/// </summary>
public static class ImportCommand
{
    public const int ExitOk = 0, ExitRefused = 2, ExitOperational = 3;
    public static readonly string[] ErrorColumns = ["row", "column", "value", "message_vi", "message_en"];

    public static Command Create()
    {
        Option<FileInfo> file = new("--file") { Description = CliText.Both("TheCsvOrXlsxFile"), Required = true };
        Option<bool> dryRun = new("--dry-run") { Description = CliText.Both("CheckOnlyWriteNothing") };
        Option<FileInfo?> errorsOut = new("--errors-out") { Description = CliText.Both("WriteTheProblemsToA") };
        Command command = new("import", CliText.Both("ImportMonthlyFigures")) { file, dryRun, errorsOut };
        command.SetAction(async (parse, ct) =>
        {
            var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                error.WriteLine(CliText.Both("TheFileDoesNotExist", path.Name));
                return ExitOperational;
            }
            return await CliHost.RunAsync(async (services, token) =>
            {
                var options = services.GetRequiredService<IConfiguration>().GetSection(ImportOptions.Section).Get<ImportOptions>() ?? new ImportOptions();
                var sizeErrors = new List<CellError>();
                // The size first: a file over the limit is not read at all.
                if (!ImportFileReader.SizeAllowed(path.Name, path.Length, options, sizeErrors))
                    return Refuse(sizeErrors, parse.GetValue(errorsOut), error);
                await using var db = await services.GetRequiredService<IDbContextFactory<ReformDbContext>>().CreateDbContextAsync(token);
                ImportPreview preview;
                // Read as a stream within the limits; Ctrl+C cancels the token and stops the reading.
                await using (var content = new FileStream(path.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024))
                    preview = await ImportPreview.CreateAsync(db, path.Name, content, DateOnly.FromDateTime(DateTime.UtcNow), options, ct: token);
                if (!preview.IsValid) return Refuse(preview.Errors, parse.GetValue(errorsOut), error);
                if (preview.SameFile is { } same)
                    output.WriteLine(CliText.Both("ThisFileWasImportedAt", same.ImportedAt.ToOffset(TimeSpan.FromHours(7)), same.BatchId, same.ImportedBy, same.ImportedAt));
                var (n, c, u) = (preview.Count(RowChange.New), preview.Count(RowChange.Changed), preview.Count(RowChange.Unchanged));
                var formulas = preview.Rows.Count(r => r.Row.FromFormula);
                if (formulas > 0)
                    output.WriteLine(CliText.Both("RowsHoldFormulaCellsRead", formulas));
                if (parse.GetValue(dryRun))
                {
                    output.WriteLine(CliText.Both("ValidNewChangedUnchangedNothing", n, c, u));
                    return ExitOk;
                }
                try
                {
                    var result = await ImportCommit.CommitAsync(db, preview, "cli:" + Environment.UserName, DateTimeOffset.UtcNow, token);
                    output.WriteLine(result.BatchId is { } id
                        ? CliText.Both("ImportedBatchNewChangedUnchanged", id, n, c, u)
                        : CliText.Both("NothingChangedRowsAlreadyHold", u));
                    return ExitOk;
                }
                catch (ImportRefusedException ex)
                {
                    error.WriteLine(ex.Message);
                    return ExitRefused;
                }
                catch (Exception ex) when (CausedByDatabase(ex))
                {
                    // The server went away mid-commit: the transaction was never committed. Running the import
                    // again is safe (rows already holding these figures are left as they are).
                    error.WriteLine(CliText.Both("DatabaseWentAwayDuringImport"));
                    return ExitOperational;
                }
            }, ct);
        });
        return command;
    }

    /// <summary>EF wraps a broken connection two levels deep (InvalidOperationException, DbUpdateException, NpgsqlException).</summary>
    private static bool CausedByDatabase(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
            if (ex is Npgsql.NpgsqlException) return true;
        return false;
    }

    private static int Refuse(IReadOnlyList<CellError> errors, FileInfo? errorsOut, TextWriter error)
    {
        foreach (var e in errors) error.WriteLine(e);
        error.WriteLine(CliText.FileRefused(errors.Count));
        if (errorsOut is not null) WriteErrors(errors, errorsOut.FullName);
        return ExitRefused;
    }

    /// <summary>row, column, value, message_vi, message_en — UTF-8 with a byte order mark so Excel shows Vietnamese.</summary>
    public static void WriteErrors(IReadOnlyList<CellError> errors, string path)
    {
        var text = new StringBuilder(string.Join(',', ErrorColumns) + "\r\n");
        foreach (var e in errors)
            text.Append(string.Join(',', new[] { e.Row.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Column, e.Value, e.MessageVi, e.MessageEn }.Select(CsvText.Escape))).Append("\r\n");
        File.WriteAllText(path, text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
    }
}
