using System.CommandLine;
using System.Globalization;
using HaNoi.ReformDashboard.Cli.Hosting;
using HaNoi.ReformDashboard.Data.Audit;
using HaNoi.ReformDashboard.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

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
        Command verify = new("verify", "Kiểm tra chuỗi băm của nhật ký kiểm tra / check the audit log's hash chain");
        verify.SetAction(async (parse, ct) => await CliHost.RunAsync(async (services, token) =>
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<ReformDbContext>>().CreateDbContextAsync(token);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await connection.OpenAsync(token);
            var report = await AuditChain.VerifyAsync(connection, token);
            if (report.Broken is not { } broken)
            {
                parse.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Nhật ký kiểm tra nguyên vẹn: {report.Entries} mục, mã băm cuối {Show(report.LastHash)}. / The audit log is intact: {report.Entries} entries, last hash {Show(report.LastHash)}."));
                return ExitIntact;
            }
            var at = broken.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
            parse.InvocationConfiguration.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Chuỗi băm bị đứt ở mục {broken.Id} ({at}, {broken.Actor}, {broken.Action}), sau {report.Entries} mục nguyên vẹn: mã băm lưu {Show(broken.Stored)}, tính lại {broken.Computed}. Mục này, hoặc mục trước nó, đã bị sửa hay xóa. / " +
                $"The hash chain breaks at entry {broken.Id} ({at}, {broken.Actor}, {broken.Action}), after {report.Entries} intact entries: stored hash {Show(broken.Stored)}, recomputed {broken.Computed}. This entry, or the one before it, was altered or removed."));
            return ExitBroken;
        }, ct, seedDemo: false));
        return new Command("audit", "Nhật ký kiểm tra / the audit log") { verify };
    }

    private static string Show(string? hash) => string.IsNullOrEmpty(hash) ? "—" : hash;
}
