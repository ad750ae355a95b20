using System.CommandLine;
using System.Text;

using HaNoi.ReformDashboard.Cli.Bench;
using HaNoi.ReformDashboard.Cli.Database;
using HaNoi.ReformDashboard.Cli.Scorecards;
using HaNoi.ReformDashboard.Cli.SeedGeneration;

// reform — command-line tools of HaNoi.ReformDashboard.
// Each command lives in its own folder and exposes a static Create() returning a System.CommandLine Command;
// add new ones (scorecard, export, db…) to the root below.
Console.OutputEncoding = Encoding.UTF8;

RootCommand root = new("HaNoi.ReformDashboard — công cụ dòng lệnh / command-line tools")
{
    SeedCommand.Create(),
    ScorecardCommand.Create(),
    DatabaseCommand.Create(),
    BenchCommand.Create(),
};

return root.Parse(args).Invoke();
