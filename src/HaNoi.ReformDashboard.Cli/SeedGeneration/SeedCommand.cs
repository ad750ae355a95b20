using System.CommandLine;

namespace HaNoi.ReformDashboard.Cli.SeedGeneration;

/// <summary><c>reform seed …</c>: demo-data commands. <c>seed generate</c> (the demo files) and <c>seed fullsize</c> (Hanoi at full size, into the database).</summary>
public static class SeedCommand
{
    public static Command Create()
    {
        Command seed = new("seed", "Dữ liệu mẫu (demo) / Demo data");
        seed.Subcommands.Add(SeedGenerateCommand.Create());
        seed.Subcommands.Add(FullSize.SeedFullSizeCommand.Create());
        return seed;
    }
}
