using System.CommandLine;
using HaNoi.ReformDashboard.Cli.Messages;

namespace HaNoi.ReformDashboard.Cli.SeedGeneration;

/// <summary><c>reform seed …</c>: demo-data commands. <c>seed generate</c> (the demo files) and <c>seed fullsize</c> (Hanoi at full size, into the database).</summary>
public static class SeedCommand
{
    public static Command Create()
    {
        Command seed = new("seed", CliText.Both("DemoData"));
        seed.Subcommands.Add(SeedGenerateCommand.Create());
        seed.Subcommands.Add(FullSize.SeedFullSizeCommand.Create());
        return seed;
    }
}
