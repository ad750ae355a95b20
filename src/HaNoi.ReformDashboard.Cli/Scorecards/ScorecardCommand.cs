using System.CommandLine;
using HaNoi.ReformDashboard.Cli.Hosting;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Reports;
using Microsoft.Extensions.DependencyInjection;
using HaNoi.ReformDashboard.Cli.Messages;

namespace HaNoi.ReformDashboard.Cli.Scorecards;

/// <summary>
/// <c>reform scorecard --year 2022 --period 2022-YTD-12 --level district --format csv</c>: the scorecard as the
/// columns of the workbook's Data sheet, from the same engine as the screens and the exports.
/// </summary>
public static class ScorecardCommand
{
    public const int ExitOk = 0, ExitBadArguments = 2, ExitNotFound = 4;

    public static Command Create()
    {
        Option<int> year = new("--year") { Description = CliText.Both("PlanYear2"), Required = true };
        Option<string> period = new("--period") { Description = CliText.Both("PeriodQYTD"), Required = true };
        Option<string> level = new("--level") { Description = CliText.Both("DefaultCity") };
        Option<string> unit = new("--unit") { Description = CliText.Both("UnitCodeThayChoLevel") };
        Option<string> format = new("--format") { Description = "csv", DefaultValueFactory = _ => "csv" };
        Option<FileInfo> output = new("--out") { Description = CliText.Both("DefaultStdout") };

        Command command = new("scorecard", CliText.Both("ScorecardForAPeriod")) { year, period, level, unit, format, output };
        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (parse.GetValue(format) != "csv")
                return Fail(error, CliText.Both("FormatIsNotSupportedCsv", parse.GetValue(format)));
            var (request, problem) = ScorecardRequests.Parse(parse.GetValue(year), parse.GetValue(period), parse.GetValue(level), parse.GetValue(unit));
            if (request is null) return Fail(error, problem!);

            var card = await CliHost.RunAsync((services, token) => services.GetRequiredService<ScorecardService>().GetAsync(request, token), ct);
            if (card is null)
                return Fail(error, CliText.Both("NoUnitWithCodeIn", request.Scope.UnitCode, request.Period), ExitNotFound);

            var rows = ScorecardRows.From(card);
            if (parse.GetValue(output) is { } file)
            {
                await ReportFiles.WriteAtomicallyAsync(file.FullName, async stream =>
                {
                    await using var writer = new StreamWriter(stream, ScorecardRows.FileEncoding, leaveOpen: true); // the atomic writer flushes and closes it
                    ScorecardRows.WriteCsv(rows, writer);
                }, ct);
            }
            else
            {
                ScorecardRows.WriteCsv(rows, parse.InvocationConfiguration.Output);
            }
            return ExitOk;
        });
        return command;
    }

    internal static int Fail(TextWriter error, string message, int code = ExitBadArguments)
    {
        error.WriteLine(message);
        return code;
    }
}
