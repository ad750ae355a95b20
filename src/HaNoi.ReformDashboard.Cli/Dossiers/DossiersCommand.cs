using System.CommandLine;
using System.Globalization;
using System.Text;
using HaNoi.ReformDashboard.Cli.Hosting;
using HaNoi.ReformDashboard.Cli.Import;
using HaNoi.ReformDashboard.Data;
using HaNoi.ReformDashboard.Data.Dossiers;
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
    public static Command Create() => new("dossiers", "Hồ sơ thủ tục hành chính / administrative-procedure dossiers")
    {
        Import(), Partitions(), Generate(), Recount(), ApiKeyCommand.Create(),
    };

    private static Command Import()
    {
        Option<FileInfo> file = new("--file") { Description = "Tệp hồ sơ .csv, .jsonl hoặc .ndjson / the dossier file: .csv, .jsonl or .ndjson", Required = true };
        Option<bool> dryRun = new("--dry-run") { Description = "Chỉ kiểm tra, không ghi / check only, write nothing" };
        Option<FileInfo?> errorsOut = new("--errors-out") { Description = "Ghi danh sách lỗi ra tệp CSV / write the problems to a CSV file" };
        Command command = new("import", "Nhập tệp hồ sơ / import a dossier file") { file, dryRun, errorsOut };
        command.SetAction(async (parse, ct) =>
        {
            var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                error.WriteLine($"không tìm thấy tệp {path.Name}. / the file {path.Name} does not exist.");
                return ImportCommand.ExitOperational;
            }
            return await CliHost.RunAsync(async (services, token) =>
            {
                var options = services.GetRequiredService<IConfiguration>().GetSection(DossierImportOptions.Section).Get<DossierImportOptions>() ?? new DossierImportOptions();
                var sizeErrors = new List<SeedError>();
                if (!DossierImport.SizeAllowed(path.Name, path.Length, options, sizeErrors))
                    return Refuse(sizeErrors, sizeErrors.Count, parse.GetValue(errorsOut), error);
                await using var db = await services.GetRequiredService<IDbContextFactory<ReformDbContext>>().CreateDbContextAsync(token);
                await using var content = new FileStream(path.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
                var now = DateTimeOffset.UtcNow;
                if (parse.GetValue(dryRun))
                {
                    var check = await DossierImport.CheckAsync(db, path.Name, content, options, now, token);
                    if (!check.IsValid) return Refuse(check.Errors, check.ErrorCount, parse.GetValue(errorsOut), error);
                    output.WriteLine($"Hợp lệ: {check.Rows} hồ sơ; chưa ghi gì (--dry-run). / Valid: {check.Rows} dossiers; nothing written (--dry-run).");
                    return ImportCommand.ExitOk;
                }
                try
                {
                    var (checkedFile, imported) = await DossierImport.ImportAsync(db, path.Name, content, options, "cli:" + Environment.UserName, now, token);
                    if (imported is not { } r) return Refuse(checkedFile.Errors, checkedFile.ErrorCount, parse.GetValue(errorsOut), error);
                    output.WriteLine(r.BatchId is { } id
                        ? $"Đã nhập lô #{id}: {r.New} hồ sơ mới, {r.Replaced} cập nhật, {r.Unchanged} không đổi, {r.Late} bản ghi cũ đến muộn (lưu vào lịch sử). / Imported batch #{id}: {r.New} new dossiers, {r.Replaced} updated, {r.Unchanged} unchanged, {r.Late} older records arriving late (kept in the history)."
                        : $"Không có gì thay đổi: {r.Unchanged} hồ sơ đã có cùng bản ghi. / Nothing changed: {r.Unchanged} dossiers already hold these records.");
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

    private static int Refuse(IReadOnlyList<SeedError> errors, int count, FileInfo? errorsOut, TextWriter error)
    {
        foreach (var e in errors) error.WriteLine(e);
        if (count > errors.Count)
            error.WriteLine($"… và {count - errors.Count} lỗi nữa. / … and {count - errors.Count} more problems.");
        error.WriteLine($"Tệp bị từ chối: {count} lỗi, không ghi gì. / The file is refused: {count} problem{(count == 1 ? "" : "s")}, nothing written.");
        if (errorsOut is not null) ImportCommand.WriteErrors(errors, errorsOut.FullName);
        return ImportCommand.ExitRefused;
    }

    private static Command Partitions()
    {
        Option<string> through = new("--through") { Description = "Tháng cuối (YYYY-MM) / the last month (YYYY-MM)", Required = true };
        Option<string?> from = new("--from") { Description = "Tháng đầu (YYYY-MM; mặc định tháng 1 của năm kế hoạch đầu tiên) / the first month (default: January of the first plan year)" };
        Command command = new("partitions", "Tạo trước phân vùng tháng của hồ sơ / make the dossiers' monthly partitions ahead") { through, from };
        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (ParseMonth(parse.GetValue(through)) is not { } last || (parse.GetValue(from) is { } f && ParseMonth(f) is null))
            {
                error.WriteLine("tháng phải có dạng YYYY-MM. / a month is written YYYY-MM.");
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
                parse.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Đã tạo {made.Count} phân vùng ({first:yyyy-MM} đến {last:yyyy-MM}). / Made {made.Count} partitions ({first:yyyy-MM} through {last:yyyy-MM}).{(made.Count > 0 ? " " + string.Join(", ", made) : "")}"));
                return ImportCommand.ExitOk;
            }, ct);
        });
        return command;
    }

    private static string FiguresLine(DossierFiguresResult f) =>
        $"Số liệu tính từ hồ sơ: {f.UnitMonths} đơn vị-tháng đếm lại, {f.Written} số liệu ghi mới, {f.Withdrawn} số liệu rút. / Figures counted from dossiers: {f.UnitMonths} unit-months recounted, {f.Written} figures written, {f.Withdrawn} withdrawn.";

    /// <summary>Recounts the six figures of a span of months from the dossiers held (after the rules' data changed, or to check).</summary>
    private static Command Recount()
    {
        Option<string> from = new("--from") { Description = "Tháng đầu (YYYY-MM) / the first month (YYYY-MM)", Required = true };
        Option<string?> through = new("--through") { Description = "Tháng cuối (YYYY-MM; mặc định bằng --from) / the last month (default: --from)" };
        Command command = new("recount", "Đếm lại các số liệu tính từ hồ sơ / recount the figures counted from dossiers") { from, through };
        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (ParseMonth(parse.GetValue(from)) is not { } first || (parse.GetValue(through) is { } t ? ParseMonth(t) : first) is not { } last || last < first)
            {
                error.WriteLine("tháng phải có dạng YYYY-MM, --through không trước --from. / a month is written YYYY-MM, and --through is not before --from.");
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
        Option<FileInfo> output = new("--out") { Description = "Tệp .csv hoặc .jsonl sẽ ghi / the .csv or .jsonl file to write", Required = true };
        Option<int> year = new("--year") { Description = "Năm / year", DefaultValueFactory = _ => 2022 };
        Option<int> count = new("--count") { Description = "Số hồ sơ / number of dossiers", DefaultValueFactory = _ => 3000 };
        Option<int> seed = new("--seed") { Description = "Hạt giống ngẫu nhiên / random seed", DefaultValueFactory = _ => 20 };
        Option<string> units = new("--units") { Description = "Mã đơn vị, cách nhau bởi dấu phẩy / unit codes, comma-separated", DefaultValueFactory = _ => DemoUnits };
        Command command = new("generate", "Sinh hồ sơ GIẢ LẬP từ dữ liệu mẫu / generate SYNTHETIC dossiers from the seed data") { output, year, count, seed, units };
        command.SetAction(parse =>
        {
            var folder = DatabaseSetup.FindSeedFolder(new ConfigurationBuilder().AddEnvironmentVariables().Build());
            if (folder is null)
            {
                parse.InvocationConfiguration.Error.WriteLine("không tìm thấy thư mục seed-data. / the seed-data folder was not found.");
                return ImportCommand.ExitOperational;
            }
            var catalogue = SeedSet.ReadCatalogue(folder);
            var wanted = parse.GetValue(units)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var chosen = wanted.Select(code => catalogue.Units.LastOrDefault(u => u.Code == code)
                ?? throw new SeedValidationException([new SeedError("--units", 0, "-", $"không có đơn vị '{code}'.", $"there is no unit '{code}'.")]))
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
            parse.InvocationConfiguration.Output.WriteLine($"Đã ghi {parse.GetValue(output)!.Name}. / Wrote {parse.GetValue(output)!.Name}.");
            return ImportCommand.ExitOk;
        });
        return command;
    }

    /// <summary>A handful of demo units: two departments, three districts and three wards.</summary>
    public const string DemoUnits = "STP,SXD,001,002,268,00001,00004,00037";
}
