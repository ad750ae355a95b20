using System.CommandLine;
using System.Text;

using HaNoi.ReformDashboard.Cli.Assessment;
using HaNoi.ReformDashboard.Cli.Audit;
using HaNoi.ReformDashboard.Cli.Bench;
using HaNoi.ReformDashboard.Data.LocalDatabase;
using HaNoi.ReformDashboard.Cli.Database;
using HaNoi.ReformDashboard.Cli.Dossiers;
using HaNoi.ReformDashboard.Cli.Exports;
using HaNoi.ReformDashboard.Cli.Holidays;
using HaNoi.ReformDashboard.Cli.Import;
using HaNoi.ReformDashboard.Cli.PlanYears;
using HaNoi.ReformDashboard.Cli.Maintenance;
using HaNoi.ReformDashboard.Cli.Scorecards;
using HaNoi.ReformDashboard.Cli.SeedGeneration;
using HaNoi.ReformDashboard.Cli.Targets;
using HaNoi.ReformDashboard.Cli.Users;
using HaNoi.ReformDashboard.Data.Seed;
using HaNoi.ReformDashboard.Cli.Messages;
using HaNoi.ReformDashboard.Data.Files;

// reform — command-line tools of HaNoi.ReformDashboard.
// Each command lives in its own folder and exposes a static Create() returning a System.CommandLine Command;
// add new ones (scorecard, export, db…) to the root below.
Console.OutputEncoding = Encoding.UTF8;

RootCommand root = new(CliText.Both("CommandLineTools"))
{
    SeedCommand.Create(),
    ScorecardCommand.Create(),
    ExportCommand.Create(),
    DatabaseCommand.Create(),
    PlanYearCommand.Create(),
    BenchCommand.Create(),
    UsersCommand.Create(),
    ImportCommand.Create(),
    RollupsCommand.Create(),
    TargetsCommand.Create(),
    AuditCommand.Create(),
    DossiersCommand.Create(),
    HolidaysCommand.Create(),
    AssessmentCommand.Create(),
};

try
{
    // Our own handler below: the default one would print a stack trace for an expected situation.
    return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (LocalPostgresException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 3;
}
catch (Exception ex) when (ex is Npgsql.NpgsqlException || ex.InnerException is Npgsql.NpgsqlException)
{
    // The server went away or a statement timed out: an operational error in one line, not a stack trace.
    var cause = ex as Npgsql.NpgsqlException ?? (Npgsql.NpgsqlException)ex.InnerException!;
    var reason = cause.InnerException?.Message ?? cause.Message;
    Console.Error.WriteLine(CliText.Both("ADatabaseErrorStoppedThe", reason));
    return 3;
}
catch (DataFileException ex)
{
    // A bad seed folder: the same listing and exit code as a refused import, not a stack trace.
    foreach (var error in ex.Errors) Console.Error.WriteLine(error);
    Console.Error.WriteLine(CliText.Both("TheSeedDataIsRefused", ex.Errors.Count));
    return ImportCommand.ExitRefused;
}
