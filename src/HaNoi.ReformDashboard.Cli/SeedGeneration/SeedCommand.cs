using System.CommandLine;

namespace HaNoi.ReformDashboard.Cli.SeedGeneration;

/// <summary><c>reform seed …</c>: demo-data commands. Today only <c>seed generate</c>.</summary>
public static class SeedCommand
{
    public static Command Create()
    {
        Command seed = new("seed", "Dữ liệu mẫu (demo) / Demo data");
        seed.Subcommands.Add(SeedGenerateCommand.Create());
        return seed;
    }
}
