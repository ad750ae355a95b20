using System.CommandLine;
using System.Globalization;
using HaNoi.ReformDashboard.Cli.Hosting;
using HaNoi.ReformDashboard.Data.Audit;
using HaNoi.ReformDashboard.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using HaNoi.ReformDashboard.Cli.Messages;

namespace HaNoi.ReformDashboard.Cli.Audit;

/// <summary>
/// <c>reform audit verify</c>: recomputes the audit log's hash chain in C# (<see cref="AuditChain"/>), independently of
/// the database trigger that wrote it. Exit 0 intact (with the number of entries and the last hash, worth keeping
/// elsewhere: the chain alone cannot tell that its newest entries were removed), 2 broken (the first entry that does not
/// hold), 3 the database cannot be reached.
/// </summary>
public static class AuditCommand
{
    public const int ExitIntact = 0, ExitBroken = 2;

    public static Command Create()
    {
        Command verify = new("verify", CliText.Both("CheckTheAuditLogS"));
        verify.SetAction(async (parse, ct) => await CliHost.RunAsync(async (services, token) =>
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<ReformDbContext>>().CreateDbContextAsync(token);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await connection.OpenAsync(token);
            var report = await AuditChain.VerifyAsync(connection, token);
            if (report.Broken is not { } broken)
            {
                parse.InvocationConfiguration.Output.WriteLine(CliText.Both(CultureInfo.InvariantCulture, "TheAuditLogIsIntact", report.Entries, Show(report.LastHash)));
                return ExitIntact;
            }
            var at = broken.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
            parse.InvocationConfiguration.Error.WriteLine(CliText.Both(CultureInfo.InvariantCulture, "TheHashChainBreaks",
                broken.Id, at, broken.Actor, broken.Action, report.Entries, Show(broken.Stored), broken.Computed));
            return ExitBroken;
        }, ct, seedDemo: false));
        return new Command("audit", CliText.Both("TheAuditLog")) { verify };
    }

    private static string Show(string? hash) => string.IsNullOrEmpty(hash) ? "—" : hash;
}
