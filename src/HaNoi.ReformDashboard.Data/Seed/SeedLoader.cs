using System.Security.Cryptography;
using System.Text.Json;
using HaNoi.ReformDashboard.Data.Files;
using HaNoi.ReformDashboard.Data.Messages;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace HaNoi.ReformDashboard.Data.Seed;

public sealed record SeedSummary(int Units, int Pillars, int Indicators, int Targets, int Measurements);

/// <summary>Loads a checked <see cref="SeedSet"/> into an empty database, all in one transaction.</summary>
public static class SeedLoader
{
    public const string Actor = "seed";

    /// <summary>Reads and checks the folder, then writes it; a malformed folder throws and writes nothing.</summary>
    public static async Task<SeedSummary> LoadAsync(ReformDbContext db, string folder, CancellationToken ct = default)
    {
        var seed = SeedSet.Read(folder);
        var sourceErrors = new List<CellError>();
        var sources = IndicatorSources.Read(folder, seed.Indicators.Select(i => i.Code), seed.Units.Select(u => u.Code), sourceErrors);
        if (sourceErrors.Count > 0) throw new DataFileException(sourceErrors);
        var procedures = Dossiers.ProcedureCatalogue.Read(folder);
        var holidays = Holidays.HolidayFile.ReadFolder(folder);
        if (await db.Units.AnyAsync(ct))
            throw new InvalidOperationException(DataText.Both("TheDatabaseAlreadyHoldsData"));

        var now = DateTimeOffset.UtcNow;
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        db.Pillars.AddRange(seed.Pillars.Select(p => new Pillar { Code = p.Code, NameVi = p.NameVi, NameEn = p.NameEn, SortOrder = p.Order }));
        var units = seed.Units.Select(u => u.UnitKey).Distinct(StringComparer.Ordinal)
            .ToDictionary(key => key, key => new Unit { Key = key }, StringComparer.Ordinal);
        db.Units.AddRange(units.Values);
        await db.SaveChangesAsync(ct);
        // Parents are named by code; the version in force when the child's version starts is the one meant.
        db.UnitVersions.AddRange(seed.Units.Select(u => new UnitVersion
        {
            UnitId = units[u.UnitKey].Id, Code = u.Code, NameVi = u.NameVi, NameEn = u.NameEn, Level = u.Level,
            ValidFrom = u.ValidFrom, ValidTo = u.ValidTo,
            ParentId = u.ParentCode is { } parent ? units[UnitsInForce.ByCodeOn(seed.Units, parent, u.ValidFrom)!.UnitKey].Id : null,
        }));
        db.UnitLineage.AddRange(seed.Lineage.Select(l => new UnitLineage
        {
            PredecessorId = units[l.PredecessorKey].Id, SuccessorId = units[l.SuccessorKey].Id, Kind = l.Kind, EffectiveOn = l.EffectiveOn,
        }));
        var indicators = seed.Indicators.ToDictionary(i => i.Code, i => new Indicator
        {
            Code = i.Code, PillarCode = i.Pillar, NameVi = i.NameVi, NameEn = i.NameEn, Kind = i.Kind, Rollup = i.Rollup,
            Frequency = i.Frequency, DefinitionVi = i.DefinitionVi, CityFigure = i.CityFigure,
        }, StringComparer.Ordinal);
        IndicatorSources.Apply(sources, indicators);
        Dossiers.ProcedureCatalogue.Add(db, procedures);
        db.CalendarExceptions.AddRange(holidays.Select(h => new Holidays.CalendarException
        {
            Day = h.Day, Kind = Domain.Periods.WorkingCalendar.Code(h.Kind), NameVi = h.NameVi, NameEn = h.NameEn,
        }));
        db.Indicators.AddRange(indicators.Values);
        foreach (var plan in seed.PlanYears)
        {
            db.PlanYears.Add(new PlanYear { Year = plan.Year, TitleVi = plan.TitleVi, TitleEn = plan.TitleEn });
            // A seeded plan year's catalogue takes each indicator's levels and tolerance from indicators.csv.
            db.PlanYearIndicators.AddRange(seed.Indicators.Where(i => plan.Includes(i.Code)).Select(i => new PlanYearIndicator
            {
                PlanYear = plan.Year, Indicator = indicators[i.Code], Levels = [.. i.Levels], Tolerance = i.Tolerance,
                HeadlineOrder = plan.Headline.Contains(i.Code) ? plan.Headline.ToList().IndexOf(i.Code) + 1 : null,
            }));
        }
        db.Targets.AddRange(seed.Targets.Select(t => new Target
        {
            PlanYear = t.PlanYear, Indicator = indicators[t.IndicatorCode], Level = t.Level,
            Unit = t.UnitCode is null ? null : units[seed.Units.Last(u => u.Code == t.UnitCode).UnitKey], Operator = t.Operator, Threshold = t.Threshold,
            Aspirational = t.Aspirational, SourceVi = t.SourceVi,
        }));
        var batches = seed.MeasurementFiles.Select(f => new ImportBatch
        {
            FileName = f.FileName, RowCount = f.Rows.Count, ImportedBy = Actor, ImportedAt = now,
            Sha256 = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, f.FileName)))).ToLowerInvariant(),
        }).ToList();
        db.ImportBatches.AddRange(batches);
        await db.SaveChangesAsync(ct);

        var unitIds = units.ToDictionary(kv => kv.Key, kv => kv.Value.Id, StringComparer.Ordinal); // by unit key
        var indicatorIds = indicators.ToDictionary(kv => kv.Key, kv => kv.Value.Id, StringComparer.Ordinal);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var measurementCount = 0;
        for (var i = 0; i < seed.MeasurementFiles.Count; i++)
        {
            // Binary COPY: a year of every unit is tens of thousands of rows.
            await using var writer = await connection.BeginBinaryImportAsync(
                "COPY measurements (unit_id, indicator_id, period, numerator, denominator, value, revision, is_current, import_batch_id, source, recorded_by, recorded_at) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var m in seed.MeasurementFiles[i].Rows)
            {
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(unitIds[m.UnitKey], NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(indicatorIds[m.IndicatorCode], NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(m.Period, NpgsqlDbType.Date, ct);
                await WriteNullable(writer, m.Numerator, ct);
                await WriteNullable(writer, m.Denominator, ct);
                await WriteNullable(writer, m.Value, ct);
                await writer.WriteAsync(1, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(true, NpgsqlDbType.Boolean, ct);
                await writer.WriteAsync(batches[i].Id, NpgsqlDbType.Bigint, ct);
                await writer.WriteAsync(seed.MeasurementFiles[i].FileName, NpgsqlDbType.Text, ct);
                await writer.WriteAsync(Actor, NpgsqlDbType.Text, ct);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
                measurementCount++;
            }
            await writer.CompleteAsync(ct);
        }

        // The index of the units (issue 23): the sample framework and a past year's published results, when the folder has them.
        await Assessment.AssessmentSeed.LoadAsync(db, folder, indicators.Keys.ToHashSet(StringComparer.Ordinal), Actor, now, ct);

        var summary = new SeedSummary(units.Count, seed.Pillars.Count, indicators.Count, seed.Targets.Count, measurementCount);
        db.AuditLog.Add(new AuditEntry
        {
            At = now, Actor = Actor, Action = "seed", Entity = "database",
            EntityKey = Path.GetFileName(Path.GetFullPath(folder)), Details = JsonSerializer.Serialize(summary),
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        // Fresh statistics, or the planner guesses row counts badly on the first screens.
        await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
        return summary;
    }

    private static Task WriteNullable(NpgsqlBinaryImporter writer, decimal? value, CancellationToken ct) =>
        value is { } v ? writer.WriteAsync(v, NpgsqlDbType.Numeric, ct) : writer.WriteNullAsync(ct);
}
