using System.CommandLine;
using HaNoi.ReformDashboard.Cli.Hosting;
using HaNoi.ReformDashboard.Cli.Scorecards;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace HaNoi.ReformDashboard.Cli.Exports;

/// <summary>
/// <c>reform export --year 2022 --period 2022-Q4 --format xlsx|pdf|docx --out FILE [--level L | --unit CODE] [--kind report|scorecard|brief] [--lang vi|en]</c>:
/// the quarterly workbook, the quarterly PDF report, the leaders' scorecard or the one-page brief, for scheduled jobs.
/// </summary>
public static class ExportCommand
{
    public static Command Create()
    {
        Option<int> year = new("--year") { Description = "Năm kế hoạch / plan year", Required = true };
        Option<string> period = new("--period") { Description = "Kỳ / period: 2022-12, 2022-Q4, 2022-YTD-12, 2022", Required = true };
        Option<string> format = new("--format") { Description = "xlsx | pdf | docx", Required = true };
        Option<FileInfo> output = new("--out") { Description = "Tệp kết quả / output file", Required = true };
        Option<string> level = new("--level") { Description = "city | department | district | commune" };
        Option<string> unit = new("--unit") { Description = "Mã đơn vị / unit code" };
        Option<string> kind = new("--kind") { Description = "report (báo cáo quý) | scorecard (bảng điểm lãnh đạo, PDF) | brief (tóm tắt một trang, PDF)", DefaultValueFactory = _ => "report" };
        Option<string> lang = new("--lang") { Description = "vi | en: ngôn ngữ báo cáo / report language", DefaultValueFactory = _ => "vi" };
        Command command = new("export", "Xuất báo cáo Excel/PDF / export the Excel or PDF report") { year, period, format, output, level, unit, kind, lang };
        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var (request, problem) = ScorecardRequests.Parse(parse.GetValue(year), parse.GetValue(period), parse.GetValue(level), parse.GetValue(unit));
            if (request is null) return ScorecardCommand.Fail(error, problem!);
            var report = ReportFormat.Find(parse.GetValue(format), parse.GetValue(kind));
            if (report is null)
                return ScorecardCommand.Fail(error, $"Không hỗ trợ --format {parse.GetValue(format)} --kind {parse.GetValue(kind)} (xlsx report, pdf report, docx report, pdf scorecard, pdf brief). / Unsupported --format {parse.GetValue(format)} --kind {parse.GetValue(kind)} (xlsx report, pdf report, docx report, pdf scorecard, pdf brief).");
            if (report.Kind == ReportKind.Brief && request.Scope.Level is not null)
                return ScorecardCommand.Fail(error, "Bản tóm tắt dành cho toàn thành phố hoặc một đơn vị (--unit), không theo cấp (--level). / The brief is for the city or one unit (--unit), not a level (--level).");
            if (ReportParameters.LanguageFrom(parse.GetValue(lang)) is not { } language)
                return ScorecardCommand.Fail(error, $"Ngôn ngữ '{parse.GetValue(lang)}' không hỗ trợ (vi, en). / Language '{parse.GetValue(lang)}' is not supported (vi, en).");
            var file = parse.GetValue(output)!;
            if (file.Directory is { Exists: false } folder)
                return ScorecardCommand.Fail(error, $"Thư mục '{folder.FullName}' không tồn tại. / Folder '{folder.FullName}' does not exist.");

            return await CliHost.RunAsync(async (services, token) =>
            {
                var source = await ReportSource.LoadAsync(services.GetRequiredService<ScorecardService>(), request, report.NeedsPrevious, token);
                if (source is null)
                    return ScorecardCommand.Fail(error, $"Không có đơn vị mã '{request.Scope.UnitCode}' trong kỳ {request.Period}. / No unit with code '{request.Scope.UnitCode}' in {request.Period}.", ScorecardCommand.ExitNotFound);
                var parameters = new ReportParameters(Environment.UserName, services.GetRequiredService<TimeProvider>().GetLocalNow())
                {
                    Filters = [new ReportFilter("Lệnh / Command", "reform export")],
                    Language = language,
                };
                await ReportFiles.WriteAtomicallyAsync(file.FullName, stream =>
                {
                    report.Write(source, parameters, stream);
                    return Task.CompletedTask;
                }, token);
                parse.InvocationConfiguration.Output.WriteLine($"Đã ghi / Wrote {file.FullName}");
                return ScorecardCommand.ExitOk;
            }, ct);
        });
        return command;
    }
}
