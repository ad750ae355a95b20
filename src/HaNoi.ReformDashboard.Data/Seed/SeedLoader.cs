using System.Security.Cryptography;
using System.Text.Json;
using HaNoi.ReformDashboard.Data.Schema;
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
        var sourceErrors = new List<SeedError>();
        var sources = IndicatorSources.Read(folder, seed.Indicators.Select(i => i.Code), seed.Units.Select(u => u.Code), sourceErrors);
        if (sourceErrors.Count > 0) throw new SeedValidationException(sourceErrors);
        if (await db.Units.AnyAsync(ct))
            throw new InvalidOperationException("Cơ sở dữ liệu đã có dữ liệu; không nạp lại dữ liệu mẫu. / The database already holds data; seed data is not loaded again.");

        var now = DateTimeOffset.UtcNow;
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        db.Pillars.AddRange(seed.Pillars.Select(p => new Pillar { Code = p.Code, NameVi = p.NameVi, NameEn = p.NameEn, SortOrder = p.Order }));
        var units = seed.Units.ToDictionary(u => u.Code, u => new Unit
        {
            Code = u.Code, NameVi = u.NameVi, NameEn = u.NameEn, Level = u.Level, ValidFrom = u.ValidFrom, ValidTo = u.ValidTo,
        }, StringComparer.Ordinal);
        foreach (var u in seed.Units)
        {
            if (u.ParentCode is { } parent) units[u.Code].Parent = units[parent];
            if (u.SuccessorCode is { } successor) units[u.Code].Successor = units[successor];
        }
        db.Units.AddRange(units.Values);
        var indicators = seed.Indicators.ToDictionary(i => i.Code, i => new Indicator
        {
            Code = i.Code, PillarCode = i.Pillar, NameVi = i.NameVi, NameEn = i.NameEn, Kind = i.Kind, Rollup = i.Rollup,
            Frequency = i.Frequency, Levels = [.. i.Levels], Tolerance = i.Tolerance, DefinitionVi = i.DefinitionVi,
        }, StringComparer.Ordinal);
        IndicatorSources.Apply(sources, indicators);
        db.Indicators.AddRange(indicators.Values);
        foreach (var year in seed.Targets.Select(t => t.PlanYear).Distinct())
        {
            db.PlanYears.Add(new PlanYear
            {
                Year = year,
                TitleVi = $"Kế hoạch cải cách hành chính Nhà nước năm {year} của Thành phố Hà Nội",
                TitleEn = $"Hanoi state administrative-reform plan {year}",
            });
        }
        db.Targets.AddRange(seed.Targets.Select(t => new Target
        {
            PlanYear = t.PlanYear, Indicator = indicators[t.IndicatorCode], Level = t.Level,
            Unit = t.UnitCode is null ? null : units[t.UnitCode], Operator = t.Operator, Threshold = t.Threshold,
            Aspirational = t.Aspirational, SourceVi = t.SourceVi,
        }));
        var batches = seed.MeasurementFiles.Select(f => new ImportBatch
        {
            FileName = f.FileName, RowCount = f.Rows.Count, ImportedBy = Actor, ImportedAt = now,
            Sha256 = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, f.FileName)))).ToLowerInvariant(),
        }).ToList();
        db.ImportBatches.AddRange(batches);
        await db.SaveChangesAsync(ct);

        var unitIds = units.ToDictionary(kv => kv.Key, kv => kv.Value.Id, StringComparer.Ordinal);
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
                await writer.WriteAsync(unitIds[m.UnitCode], NpgsqlDbType.Integer, ct);
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
