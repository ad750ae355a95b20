using System.CommandLine;
using HaNoi.ReformDashboard.Cli.Hosting;
using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Domain.Catalogue;
using Microsoft.Extensions.DependencyInjection;
using HaNoi.ReformDashboard.Cli.Messages;

namespace HaNoi.ReformDashboard.Cli.Database;

/// <summary><c>reform db info</c>: starts (or reaches) the dashboard's database and tells what it holds.</summary>
public static class DatabaseCommand
{
    public static Command Create()
    {
        Command info = new("info", CliText.Both("TheDatabaseInUseAnd"));
        info.SetAction(async (parse, ct) =>
        {
            var summary = await CliHost.RunAsync((services, token) => services.GetRequiredService<DataSummaryQuery>().RunAsync(token), ct);
            var output = parse.InvocationConfiguration.Output;
            foreach (var level in Enum.GetValues<UnitLevel>())
                output.WriteLine($"units.{level.ToCode()}={summary.UnitsByLevel[level]}");
            output.WriteLine($"pillars={summary.Pillars}");
            output.WriteLine($"indicators={summary.Indicators}");
            output.WriteLine($"targets={summary.Targets}");
            output.WriteLine($"measurements={summary.Measurements}");
            return 0;
        });
        Command db = new("db", CliText.Both("Database")) { info };
        return db;
    }
}
