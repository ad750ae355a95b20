using System.CommandLine;
using HaNoi.ReformDashboard.Cli.Hosting;
using HaNoi.ReformDashboard.Cli.Scorecards;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Reports;
using Microsoft.Extensions.DependencyInjection;
using HaNoi.ReformDashboard.Cli.Messages;

namespace HaNoi.ReformDashboard.Cli.Exports;

/// <summary>
/// <c>reform export --year 2022 --period 2022-Q4 --format xlsx|pdf|docx --out FILE [--level L | --unit CODE] [--kind report|scorecard|brief] [--lang vi|en]</c>:
/// the quarterly workbook, the quarterly PDF report, the leaders' scorecard or the one-page brief, for scheduled jobs.
/// </summary>
public static class ExportCommand
{
    public static Command Create()
    {
        Option<int> year = new("--year") { Description = CliText.Both("PlanYear2"), Required = true };
        Option<string> period = new("--period") { Description = CliText.Both("PeriodQYTD"), Required = true };
        Option<string> format = new("--format") { Description = "xlsx | pdf | docx", Required = true };
        Option<FileInfo> output = new("--out") { Description = CliText.Both("OutputFile"), Required = true };
        Option<string> level = new("--level") { Description = "city | department | district | commune" };
        Option<string> unit = new("--unit") { Description = CliText.Both("UnitCode") };
        Option<string> kind = new("--kind") { Description = CliText.Both("ReportKinds"), DefaultValueFactory = _ => "report" };
        Option<string> lang = new("--lang") { Description = CliText.Both("ReportLanguage"), DefaultValueFactory = _ => "vi" };
        Command command = new("export", CliText.Both("ExportTheExcelOrPDF")) { year, period, format, output, level, unit, kind, lang };
        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var (request, problem) = ScorecardRequests.Parse(parse.GetValue(year), parse.GetValue(period), parse.GetValue(level), parse.GetValue(unit));
            if (request is null) return ScorecardCommand.Fail(error, problem!);
            var report = ReportFormat.Find(parse.GetValue(format), parse.GetValue(kind));
            if (report is null)
                return ScorecardCommand.Fail(error, CliText.Both("UnsupportedFormatKindXlsxReport", parse.GetValue(format), parse.GetValue(kind)));
            if (report.Kind == ReportKind.Brief && request.Scope.Level is not null)
                return ScorecardCommand.Fail(error, CliText.Both("TheBriefIsForThe"));
            if (ReportParameters.LanguageFrom(parse.GetValue(lang)) is not { } language)
                return ScorecardCommand.Fail(error, CliText.Both("LanguageIsNotSupportedVi", parse.GetValue(lang)));
            var file = parse.GetValue(output)!;
            if (file.Directory is { Exists: false } folder)
                return ScorecardCommand.Fail(error, CliText.Both("FolderDoesNotExist", folder.FullName));

            return await CliHost.RunAsync(async (services, token) =>
            {
                var source = await ReportSource.LoadAsync(services.GetRequiredService<ScorecardService>(), request, report.NeedsPrevious, token);
                if (source is null)
                    return ScorecardCommand.Fail(error, CliText.Both("NoUnitWithCodeIn", request.Scope.UnitCode, request.Period), ScorecardCommand.ExitNotFound);
                var parameters = new ReportParameters(Environment.UserName, services.GetRequiredService<TimeProvider>().GetLocalNow())
                {
                    Filters = [new ReportFilter(CliText.Both("CommandLabel"), "reform export")],
                    Language = language,
                };
                await ReportFiles.WriteAtomicallyAsync(file.FullName, stream =>
                {
                    report.Write(source, parameters, stream);
                    return Task.CompletedTask;
                }, token);
                parse.InvocationConfiguration.Output.WriteLine(CliText.Both("Wrote2", file.FullName));
                return ScorecardCommand.ExitOk;
            }, ct);
        });
        return command;
    }
}
