using System.CommandLine;
using HaNoi.ReformDashboard.Cli.Hosting;
using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using HaNoi.ReformDashboard.Cli.Messages;

namespace HaNoi.ReformDashboard.Cli.PlanYears;

/// <summary><c>reform plan-year copy --from 2025 --to 2026</c>: a new plan year as a copy of an earlier one.</summary>
public static class PlanYearCommand
{
    public const int ExitOk = 0, ExitRefused = 2;

    public static Command Create()
    {
        Option<int> from = new("--from") { Description = CliText.Both("PlanYearToCopy"), Required = true };
        Option<int> to = new("--to") { Description = CliText.Both("NewPlanYear"), Required = true };
        Command copy = new("copy", CliText.Both("StartAPlanYearAs")) { from, to };
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
                    CliText.Both("CreatedPlanYear", copied.To, copied.From, copied.Indicators, copied.Targets, copied.TargetsLeftOut));
                return ExitOk;
            }
            catch (PlanYearCopyException ex)
            {
                parse.InvocationConfiguration.Error.WriteLine(ex.Message);
                return ExitRefused;
            }
        });
        return new Command("plan-year", CliText.Both("PlanYears")) { copy };
    }
}
