using System.CommandLine;
using System.Globalization;
using HaNoi.ReformDashboard.Cli.Hosting;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using HaNoi.ReformDashboard.Cli.Messages;

namespace HaNoi.ReformDashboard.Cli.Maintenance;

/// <summary><c>reform rollups rebuild</c>: recomputes the scorecard's roll-up tables from measurements.</summary>
public static class RollupsCommand
{
    public static Command Create()
    {
        Command rebuild = new("rebuild", CliText.Both("RecomputeTheRollUpTables"));
        rebuild.SetAction(async (parse, ct) =>
        {
            var summary = await CliHost.RunAsync(async (services, token) =>
            {
                await using var db = await services.GetRequiredService<IDbContextFactory<ReformDbContext>>().CreateDbContextAsync(token);
                return await RollupTables.RebuildAsync(db, token);
            }, ct);
            parse.InvocationConfiguration.Output.WriteLine(CliText.Both(CultureInfo.InvariantCulture, "RebuiltUnitMonthFiguresLevel", summary.UnitMonthRows, summary.LevelMonthRows, summary.LevelWindowRows, summary.Elapsed.TotalSeconds));
            return 0;
        });
        return new Command("rollups", CliText.Both("TheScorecardSRollUp")) { rebuild };
    }
}
