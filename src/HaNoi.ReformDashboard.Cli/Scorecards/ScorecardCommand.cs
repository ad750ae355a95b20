using System.CommandLine;
using HaNoi.ReformDashboard.Cli.Hosting;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Reports;
using Microsoft.Extensions.DependencyInjection;

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
        Option<int> year = new("--year") { Description = "Năm kế hoạch / plan year", Required = true };
        Option<string> period = new("--period") { Description = "Kỳ / period: 2022-12, 2022-Q4, 2022-YTD-12, 2022", Required = true };
        Option<string> level = new("--level") { Description = "city | department | district | commune (mặc định / default: city)" };
        Option<string> unit = new("--unit") { Description = "Mã đơn vị / unit code (thay cho --level / instead of --level)" };
        Option<string> format = new("--format") { Description = "csv", DefaultValueFactory = _ => "csv" };
        Option<FileInfo> output = new("--out") { Description = "Tệp kết quả (UTF-8 có BOM) / output file (UTF-8 with BOM); mặc định / default: stdout" };

        Command command = new("scorecard", "Bảng điểm theo kỳ / scorecard for a period") { year, period, level, unit, format, output };
        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (parse.GetValue(format) != "csv")
                return Fail(error, $"Định dạng '{parse.GetValue(format)}' chưa hỗ trợ (csv). / Format '{parse.GetValue(format)}' is not supported (csv).");
            var (request, problem) = ScorecardRequests.Parse(parse.GetValue(year), parse.GetValue(period), parse.GetValue(level), parse.GetValue(unit));
            if (request is null) return Fail(error, problem!);

            var card = await CliHost.RunAsync((services, token) => services.GetRequiredService<ScorecardService>().GetAsync(request, token), ct);
            if (card is null)
                return Fail(error, $"Không có đơn vị mã '{request.Scope.UnitCode}' trong kỳ {request.Period}. / No unit with code '{request.Scope.UnitCode}' in {request.Period}.", ExitNotFound);

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
