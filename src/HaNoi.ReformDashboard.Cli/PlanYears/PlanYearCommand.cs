using System.CommandLine;
using HaNoi.ReformDashboard.Cli.Hosting;
using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HaNoi.ReformDashboard.Cli.PlanYears;

/// <summary><c>reform plan-year copy --from 2025 --to 2026</c>: a new plan year as a copy of an earlier one.</summary>
public static class PlanYearCommand
{
    public const int ExitOk = 0, ExitRefused = 2;

    public static Command Create()
    {
        Option<int> from = new("--from") { Description = "Năm kế hoạch nguồn / plan year to copy", Required = true };
        Option<int> to = new("--to") { Description = "Năm kế hoạch mới / new plan year", Required = true };
        Command copy = new("copy", "Tạo năm kế hoạch mới bằng cách sao chép danh mục và chỉ tiêu / start a plan year as a copy of another") { from, to };
        copy.SetAction(async (parse, ct) =>
        {
            try
            {
                var copied = await CliHost.RunAsync(async (services, token) =>
                {
                    await using var db = await services.GetRequiredService<IDbContextFactory<ReformDbContext>>().CreateDbContextAsync(token);
                    return await PlanYearCopy.CopyAsync(db, parse.GetValue(from), parse.GetValue(to), "cli:" + Environment.UserName, DateTimeOffset.UtcNow, token);
                }, ct);
                parse.InvocationConfiguration.Output.WriteLine(
                    $"Đã tạo năm kế hoạch {copied.To} từ {copied.From}: {copied.Indicators} chỉ tiêu trong danh mục, {copied.Targets} mục tiêu ({copied.TargetsLeftOut} mục tiêu của đơn vị không còn hiệu lực được bỏ qua). / " +
                    $"Created plan year {copied.To} from {copied.From}: {copied.Indicators} catalogue indicators, {copied.Targets} targets ({copied.TargetsLeftOut} targets of units no longer in force left out).");
                return ExitOk;
            }
            catch (PlanYearCopyException ex)
            {
                parse.InvocationConfiguration.Error.WriteLine(ex.Message);
                return ExitRefused;
            }
        });
        return new Command("plan-year", "Năm kế hoạch / plan years") { copy };
    }
}
