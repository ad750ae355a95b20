using System.CommandLine;
using System.Globalization;
using HaNoi.ReformDashboard.Cli.Hosting;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HaNoi.ReformDashboard.Cli.Maintenance;

/// <summary><c>reform rollups rebuild</c>: recomputes the scorecard's roll-up tables from measurements.</summary>
public static class RollupsCommand
{
    public static Command Create()
    {
        Command rebuild = new("rebuild", "Tính lại các bảng tổng hợp từ số liệu gốc, trong một giao dịch / recompute the roll-up tables from the measurements, in one transaction");
        rebuild.SetAction(async (parse, ct) =>
        {
            var summary = await CliHost.RunAsync(async (services, token) =>
            {
                await using var db = await services.GetRequiredService<IDbContextFactory<ReformDbContext>>().CreateDbContextAsync(token);
                return await RollupTables.RebuildAsync(db, token);
            }, ct);
            parse.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Đã tính lại / Rebuilt: unit_month_figures={summary.UnitMonthRows} level_month_figures={summary.LevelMonthRows} level_window_figures={summary.LevelWindowRows} ({summary.Elapsed.TotalSeconds:F1} s)"));
            return 0;
        });
        return new Command("rollups", "Bảng tổng hợp của bảng điểm / the scorecard's roll-up tables") { rebuild };
    }
}
