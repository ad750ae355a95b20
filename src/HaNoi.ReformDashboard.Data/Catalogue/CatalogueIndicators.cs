using System.Data.Common;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace HaNoi.ReformDashboard.Data.Catalogue;

/// <summary>An indicator of the plan year's catalogue, with its database id.</summary>
public sealed record PlanIndicator(int Id, IndicatorInfo Info);

/// <summary>
/// The one read of a plan year's indicators: the catalogue's own statement (<see cref="ScorecardSql.Indicators"/>) and
/// its one reader, which <see cref="CatalogueService"/> uses in its batch. A page or file that lists the plan year's
/// indicators outside a scorecard (the targets page, the import template) reads them here, as the same
/// <see cref="IndicatorInfo"/>.
/// </summary>
public static class CatalogueIndicators
{
    /// <summary>The plan year's indicators, by code. Runs on the caller's context, inside its transaction if it has one.</summary>
    public static async Task<IReadOnlyList<IndicatorInfo>> ForPlanYearAsync(ReformDbContext db, int planYear, CancellationToken ct = default)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand(ScorecardSql.Indicators, (NpgsqlConnection)db.Database.GetDbConnection());
            command.Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
            command.Parameters.Add(new NpgsqlParameter("plan_year", planYear));
            command.Parameters.Add(new NpgsqlParameter("indicator_code", NpgsqlDbType.Text) { Value = DBNull.Value });
            var indicators = new List<IndicatorInfo>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                indicators.Add(Read(reader).Info);
            return indicators.OrderBy(i => i.Code, StringComparer.Ordinal).ToList();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>One row of <see cref="ScorecardSql.Indicators"/>, in its column order.</summary>
    internal static PlanIndicator Read(DbDataReader reader)
    {
        var levels = reader.GetFieldValue<string[]>(8).Select(CatalogueUnits.Level).ToList();
        var kind = Enum.Parse<IndicatorKind>(reader.GetString(5), ignoreCase: true);
        var rollup = Enum.Parse<Rollup>(reader.GetString(6), ignoreCase: true);
        CatalogueCodes.TryParseCityFigure(reader.GetString(10), out var cityFigure);
        var rule = new IndicatorRule(reader.GetString(1), reader.GetString(2), kind, rollup, reader.GetDecimal(9), cityFigure == CityFigure.OwnReport);
        return new PlanIndicator(reader.GetInt32(0), new IndicatorInfo(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
            kind, rollup, Enum.Parse<Frequency>(reader.GetString(7), ignoreCase: true), levels, rule)
        {
            HeadlineOrder = reader.IsDBNull(11) ? null : reader.GetInt32(11),
            DefinitionVi = reader.GetString(12), DataSource = reader.GetString(13), Owner = reader.GetString(14),
        });
    }
}
