using HaNoi.ReformDashboard.Data.Files;
using HaNoi.ReformDashboard.Data.LocalDatabase;
using HaNoi.ReformDashboard.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
try
{
    await builder.AddReformDashboardAsync();
}
catch (LocalPostgresException ex)
{
    // No server configured and none can be started: one clear message, not a stack trace.
    Console.Error.WriteLine(ex.Message);
    return 1;
}

var app = builder.Build();
try
{
    await app.PrepareDatabaseAsync();
}
catch (DataFileException ex)
{
    // A bad seed folder: every problem with its row, not a stack trace.
    Console.Error.WriteLine(ex.Message);
    return 2;
}

app.UseReformDashboard();

app.Run();
return 0;

public partial class Program;
