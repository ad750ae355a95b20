using System.Diagnostics;
using System.Globalization;
using System.Text;
using HaNoi.ReformDashboard.Cli.Messages;
using HaNoi.ReformDashboard.Data.Dossiers;
using HaNoi.ReformDashboard.Data.Files;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Seed;
using HaNoi.ReformDashboard.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace HaNoi.ReformDashboard.Cli.SeedGeneration.FullSize;

public sealed record FullSizeSummary(int Units, int Communes, int Years, long Measurements, TimeSpan Elapsed)
{
    /// <summary>SYNTHETIC dossiers loaded, and the years they cover (none: 0).</summary>
    public long Dossiers { get; init; }
    public string DossierYears { get; init; } = "";
}

/// <summary>
/// Loads the full-size SYNTHETIC data set into an empty database: the catalogue goes through the same loader as the
/// demo (written as seed files into a scratch folder), the monthly figures straight in with binary COPY, year by year,
/// so ten years of Hanoi (about a million rows) never sit in memory at once. With <see cref="FullSizeDossierOptions"/>, the
/// last years also get dossiers, copied straight into their monthly partitions (made first, in a transaction of their
/// own), and the six dossier-derived figures of those years are then counted from them, each month once, by the same SQL
/// function the dossier import uses: those figures are never generated, so every one of them is source 'dossiers'.
/// </summary>
public static class FullSizeLoader
{
    public const string Source = "fullsize (synthetic)";

    public static async Task<FullSizeSummary> LoadAsync(
        ReformDbContext db, string referenceFolder, int firstYear, int lastYear, int seed, bool national, TextWriter progress, CancellationToken ct,
        FullSizeDossierOptions? dossierOptions = null)
    {
        var started = Stopwatch.GetTimestamp();
        var reference = SeedReferenceReader.ReadFolder(referenceFolder);
        var units = FullSizeUnits.Build(reference.Units, firstYear, national);
        var years = Enumerable.Range(firstYear, lastYear - firstYear + 1).ToList();
        // Each plan year gets the reference plan's targets (the seed has one plan year): the synthetic years have a plan to miss.
        var planYear = reference.Targets.Max(t => t.PlanYear);
        var targets = years.SelectMany(y => reference.Targets.Where(t => t.PlanYear == planYear).Select(t => t with { PlanYear = y })).ToList();
        var data = reference with { Units = units, Targets = targets };

        var scratch = Directory.CreateTempSubdirectory("reform-fullsize-");
        try
        {
            // The procedure catalogue outlives --replace (dossiers name it, units do not): loaded only into a database without one.
            var withProcedures = !await db.Procedures.AnyAsync(ct);
            foreach (var file in new[] { "pillars.csv", "indicators.csv", IndicatorSources.FileName, ProcedureCatalogue.FileName })
            {
                if (file == ProcedureCatalogue.FileName && !withProcedures) continue;
                var path = Path.Combine(referenceFolder, file);
                if (File.Exists(path)) File.Copy(path, Path.Combine(scratch.FullName, file));
            }
            WriteUnits(Path.Combine(scratch.FullName, "units.csv"), units);
            WritePlanYears(Path.Combine(scratch.FullName, "plan_years.csv"), years, reference.PlanYears.FirstOrDefault(p => p.Year == planYear));
            WriteTargets(Path.Combine(scratch.FullName, "targets.csv"), targets);
            await SeedLoader.LoadAsync(db, scratch.FullName, ct);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }

        // Every generated unit has one version, so a code names one unit over the whole range.
        var unitIds = await db.UnitVersions.ToDictionaryAsync(u => u.Code, u => u.UnitId, StringComparer.Ordinal, ct);
        var indicatorIds = await db.Indicators.ToDictionaryAsync(i => i.Code, i => i.Id, StringComparer.Ordinal, ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        var dossiers = await PlanDossiersAsync(db, firstYear, lastYear, seed, dossierOptions, ct);
        var counted = dossiers?.UnitMonthsWithDossiers() ?? [];
        var derived = indicatorIds.Where(i => DossierIndicators.IsDerived(i.Key)).Select(i => i.Value).ToHashSet();
        long total = 0;
        foreach (var year in years)
        {
            // A stream per year: the same seed gives the same figures, and no two years are copies of each other.
            var rows = DemoMeasurementGenerator.Generate(data, YearSeed(seed, year), year);
            if (counted.Count > 0)
                rows = rows.Where(m => !(derived.Contains(indicatorIds[m.IndicatorCode])
                    && counted.Contains((unitIds[m.UnitCode], DateOnly.ParseExact(m.Period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture))))).ToList();
            var batch = new ImportBatch { FileName = $"fullsize-{year}", RowCount = rows.Count, ImportedBy = SeedLoader.Actor, ImportedAt = DateTimeOffset.UtcNow };
            db.ImportBatches.Add(batch);
            await db.SaveChangesAsync(ct);
            await CopyAsync(connection, rows, unitIds, indicatorIds, batch, ct);
            // Fresh statistics before the next year: the roll-up triggers' per-key lookups would otherwise be planned
            // for the empty table a reset left behind, and a year's COPY would crawl past the command timeout.
            await db.Database.ExecuteSqlRawAsync("ANALYZE measurements, unit_month_figures, level_month_figures, level_window_figures", ct);
            total += rows.Count;
            progress.WriteLine(CliText.Both(CultureInfo.InvariantCulture, "Rows", year, rows.Count));
        }
        long dossierCount = 0;
        if (dossiers is not null)
        {
            dossierCount = await LoadDossiersAsync(db, connection, dossiers, progress, ct);
            total = await db.Measurements.LongCountAsync(ct);
        }
        await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
        return new FullSizeSummary(units.Count, units.Count(u => u.Level == UnitLevel.Commune), years.Count, total,
            Stopwatch.GetElapsedTime(started))
        {
            Dossiers = dossierCount,
            DossierYears = dossiers is null ? "" : $"{dossiers.FirstMonth.Year}–{dossiers.FirstMonth.AddMonths(dossiers.Months - 1).Year}",
        };
    }

    /// <summary>The dossier plan of the last years asked for (none when no dossiers are asked for).</summary>
    private static async Task<FullSizeDossiers?> PlanDossiersAsync(ReformDbContext db, int firstYear, int lastYear, int seed, FullSizeDossierOptions? options,
        CancellationToken ct)
    {
        if (options is not { PerYear: > 0, Years: > 0 }) return null;
        var procedures = await db.Procedures.AsNoTracking().ToListAsync(ct);
        var byLevel = procedures.GroupBy(p => p.Level).ToDictionary(g => g.Key, g => (IReadOnlyList<Procedure>)g.OrderBy(p => p.Code, StringComparer.Ordinal).ToList());
        var units = (await db.UnitVersions.AsNoTracking().Select(u => new { u.UnitId, u.Code, u.Level }).ToListAsync(ct))
            .Select(u => new DossierUnit(u.UnitId, u.Code, u.Level, byLevel.GetValueOrDefault(DossierGenerator.ProcedureLevel(u.Level.ToCode())) ?? []));
        var first = Math.Max(firstYear, lastYear - options.Years + 1);
        return new FullSizeDossiers(units, first, lastYear, options.PerYear, seed);
    }

    /// <summary>
    /// The dossiers, month by month, by binary COPY into each month's partition (all made first, never inside the load),
    /// one import batch a year; then the six figures of each month counted once, a year at a time, with the dossier import's own function.
    /// </summary>
    private static async Task<long> LoadDossiersAsync(ReformDbContext db, NpgsqlConnection connection, FullSizeDossiers dossiers, TextWriter progress,
        CancellationToken ct)
    {
        // A bulk load: ANALYZE of millions of dossiers and a month's recount run past the 30 s meant for pages.
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        var months = dossiers.EachMonth().ToList();
        var last = months[^1];
        // Finished dossiers of the last month may end in the next one: its partition too (a received time decides the partition, but the figures' keys follow).
        await DossierPartitions.EnsureAsync(connection, months[0], last.AddMonths(1), ct);
        // The COPY stores the dossiers without their on-time answers: no month keeps the digest of rules it was
        // evaluated under, so the recount below evaluates every ended dossier.
        await db.Database.ExecuteSqlRawAsync("DELETE FROM dossier_rule_answers", ct);
        var now = DateTimeOffset.UtcNow;
        long total = 0;
        foreach (var year in months.GroupBy(m => m.Year))
        {
            var watch = Stopwatch.StartNew();
            var batch = new ImportBatch
            {
                FileName = $"fullsize-dossiers-{year.Key}", Kind = DossierImport.Kind, RowCount = (int)year.Sum(dossiers.CountIn),
                ImportedBy = SeedLoader.Actor, ImportedAt = now,
            };
            db.ImportBatches.Add(batch);
            await db.SaveChangesAsync(ct);
            long rows = 0;
            foreach (var month in year)
                rows += await FullSizeDossiers.CopyAsync(connection, DossierPartitions.NameOf(month), dossiers.Month(month, now), batch.Id, ct);
            total += rows;
            progress.WriteLine(CliText.Both(CultureInfo.InvariantCulture, "DossiersS", year.Key, rows, rows / Math.Max(watch.Elapsed.TotalSeconds, 0.001)));
        }
        // Each code's current record, as the import keeps it (one statement; the codes are unique by construction).
        await db.Database.ExecuteSqlRawAsync("INSERT INTO dossier_codes (dossier_code, received_at, updated_at) SELECT dossier_code, received_at, updated_at FROM dossiers", ct);
        await db.Database.ExecuteSqlRawAsync("ANALYZE dossiers", ct);
        await db.Database.ExecuteSqlRawAsync("ANALYZE dossier_codes", ct);
        var counting = Stopwatch.StartNew();
        var written = 0;
        // Each month counted once; a year per call, so the roll-up triggers add up a year's revisions in one statement
        // rather than twelve.
        foreach (var year in months.GroupBy(m => m.Year))
            written += (await DossierFigures.RefreshMonthsAsync(db, year.First(), year.Last(), SeedLoader.Actor, now, ct)).Written;
        progress.WriteLine(CliText.Both(CultureInfo.InvariantCulture, "MonthsFiguresCountedFromDossiers", months.Count, written, counting.Elapsed.TotalSeconds));
        return total;
    }

    public static int YearSeed(int seed, int year) => unchecked((seed * 7919) + year);

    /// <summary>
    /// The catalogue's units in the seed's units.csv columns. The one place the generator writes units: when units gain
    /// versions, this is what changes.
    /// </summary>
    public static void WriteUnits(string path, IEnumerable<UnitRow> units)
    {
        var text = new StringBuilder(string.Join(',', SeedSet.UnitColumns)).Append('\n');
        foreach (var u in units)
        {
            string[] cells =
            [
                u.Code, u.NameVi, u.NameEn, u.Level.ToCode(), u.ParentCode ?? "", Date(u.ValidFrom), u.ValidTo is { } to ? Date(to) : "", u.SuccessorCode ?? "",
            ];
            text.Append(string.Join(',', cells.Select(CsvText.Escape))).Append('\n');
        }
        File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
    }

    /// <summary>Each synthetic year takes the reference plan year's catalogue and headline cards.</summary>
    private static void WritePlanYears(string path, IEnumerable<int> years, PlanYearRow? reference)
    {
        var text = new StringBuilder(string.Join(',', SeedSet.PlanYearColumns)).Append('\n');
        foreach (var year in years)
        {
            var title = CliText.Get("AdministrativeReformPlanSyntheticData", year);
            string[] cells =
            [
                year.ToString(CultureInfo.InvariantCulture),
                title.Vi, title.En,
                string.Join(';', reference?.Indicators ?? []), string.Join(';', reference?.Headline ?? []),
            ];
            text.Append(string.Join(',', cells.Select(CsvText.Escape))).Append('\n');
        }
        File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
    }

    private static void WriteTargets(string path, IEnumerable<TargetRow> targets)
    {
        var text = new StringBuilder(string.Join(',', SeedSet.TargetColumns)).Append('\n');
        foreach (var t in targets)
        {
            string[] cells =
            [
                t.PlanYear.ToString(CultureInfo.InvariantCulture), t.IndicatorCode, t.Level?.ToCode() ?? "", t.UnitCode ?? "", t.Operator.ToCode(),
                t.Threshold.ToString(CultureInfo.InvariantCulture), t.Aspirational ? "true" : "false", t.SourceVi,
            ];
            text.Append(string.Join(',', cells.Select(CsvText.Escape))).Append('\n');
        }
        File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<GeneratedMeasurement> rows,
        IReadOnlyDictionary<string, int> unitIds, IReadOnlyDictionary<string, int> indicatorIds, ImportBatch batch, CancellationToken ct)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY measurements (unit_id, indicator_id, period, numerator, denominator, value, revision, is_current, import_batch_id, source, recorded_by, recorded_at) FROM STDIN (FORMAT BINARY)", ct);
        // The roll-up triggers add up the whole year when the COPY completes: for the national option (1.7 M rows a
        // year) well past the default 30 s, which is meant for pages, not for a bulk load.
        writer.Timeout = TimeSpan.FromMinutes(30);
        foreach (var m in rows)
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(unitIds[m.UnitCode], NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(indicatorIds[m.IndicatorCode], NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(DateOnly.ParseExact(m.Period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture), NpgsqlDbType.Date, ct);
            await WriteNullable(writer, m.Numerator, ct);
            await WriteNullable(writer, m.Denominator, ct);
            await WriteNullable(writer, m.Value, ct);
            await writer.WriteAsync(1, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(true, NpgsqlDbType.Boolean, ct);
            await writer.WriteAsync(batch.Id, NpgsqlDbType.Bigint, ct);
            await writer.WriteAsync(Source, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(SeedLoader.Actor, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(batch.ImportedAt, NpgsqlDbType.TimestampTz, ct);
        }
        await writer.CompleteAsync(ct);
    }

    private static Task WriteNullable(NpgsqlBinaryImporter writer, decimal? value, CancellationToken ct) =>
        value is { } v ? writer.WriteAsync(v, NpgsqlDbType.Numeric, ct) : writer.WriteNullAsync(ct);
}
