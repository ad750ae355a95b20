using System.Security.Cryptography;
using HaNoi.ReformDashboard.Data.Dossiers;
using HaNoi.ReformDashboard.Data.Files;
using HaNoi.ReformDashboard.Data.Messages;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Data.Import;

public enum RowChange { New, Changed, Unchanged }

/// <summary>How far a preview has gone: rows read from the file, then rows checked, then compared with the figures in force.</summary>
public enum ImportStage { Reading, Checking, Comparing, Done }

/// <summary>A step of a long preview; <see cref="Total"/> is 0 while the number of rows is not known yet.</summary>
public readonly record struct ImportProgress(ImportStage Stage, int Done, int Total);

public readonly record struct FigureSet(decimal? Numerator, decimal? Denominator, decimal? Value);

/// <summary>One valid row of the file against the figure in force now.</summary>
public sealed record PreviewRow(MeasurementRow Row, int UnitId, int IndicatorId, RowChange Change, FigureSet? Old, int? CurrentRevision, int LatestRevision)
{
    public FigureSet New => new(Row.Numerator, Row.Denominator, Row.Value);
    public string UnitNameVi { get; init; } = "";
    public string UnitNameEn { get; init; } = "";
}

/// <summary>An earlier batch loaded from a file with the same content.</summary>
public sealed record PriorImport(long BatchId, string FileName, string ImportedBy, DateTimeOffset ImportedAt);

/// <summary>What a file would do: its problems, or per row new / changed (old → new) / unchanged.</summary>
public sealed record ImportPreview(string FileName, long SizeBytes, string Sha256, IReadOnlyList<CellError> Errors, IReadOnlyList<PreviewRow> Rows, PriorImport? SameFile)
{
    public bool IsValid => Errors.Count == 0;
    public int Count(RowChange change) => Rows.Count(r => r.Change == change);

    /// <summary>Reads, checks and compares the file; writes nothing.</summary>
    public static Task<ImportPreview> CreateAsync(ReformDbContext db, string fileName, byte[] content, DateOnly today, ImportOptions options,
        IProgress<ImportProgress>? progress = null, CancellationToken ct = default) =>
        CreateAsync(db, fileName, new MemoryStream(content, writable: false), today, options, progress, ct);

    /// <summary>Reads, checks and compares the file; writes nothing.</summary>
    /// <param name="content">The file as a seekable stream (read twice: once for its SHA-256, once for its rows).</param>
    /// <param name="progress">Told each stage (a page shows rows read and checked of a large file).</param>
    /// <param name="ct">Stops the reading and checking (the page left, Ctrl+C in the CLI).</param>
    public static async Task<ImportPreview> CreateAsync(ReformDbContext db, string fileName, Stream content, DateOnly today, ImportOptions options,
        IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        var errors = new List<CellError>();
        var size = content.Length;
        var sha = Convert.ToHexString(await SHA256.HashDataAsync(content, ct)).ToLowerInvariant();
        content.Position = 0;
        var catalogue = await ImportCatalogue.LoadAsync(db, today, ct);
        progress?.Report(new ImportProgress(ImportStage.Reading, 0, 0));
        // Reading is CPU work over a bounded stream: the header is checked before any row, so a wrong file stops at row 1.
        var table = ImportFileReader.SizeAllowed(fileName, size, options, errors)
            ? ImportFileReader.Read(fileName, content, options, errors, header => MeasurementReader.HeaderIsComplete(fileName, header, errors),
                n => progress?.Report(new ImportProgress(ImportStage.Reading, n, 0)), ct)
            : null;
        var total = table?.Rows.Count ?? 0;
        var rows = table is null || errors.Count > 0 ? [] : MeasurementReader.Read(table, catalogue.Checks, errors, n => progress?.Report(new ImportProgress(ImportStage.Checking, n, total)));
        if (table is not null && table.Rows.Count == 0 && errors.Count == 0)
            errors.Add(new CellError(fileName, 0, "-", DataText.Get("TheFileHoldsNoData")));
        if (rows.Count > 0) await RefuseDossierFiguresAsync(db, fileName, rows, catalogue, errors, ct);
        var same = await db.ImportBatches.AsNoTracking().Where(b => b.Sha256 == sha && b.Kind == "import")
            .OrderByDescending(b => b.ImportedAt).Select(b => new PriorImport(b.Id, b.FileName, b.ImportedBy, b.ImportedAt)).FirstOrDefaultAsync(ct);
        if (errors.Count > 0)
        {
            progress?.Report(new ImportProgress(ImportStage.Done, total, total));
            return new ImportPreview(fileName, size, sha, errors, [], same);
        }

        progress?.Report(new ImportProgress(ImportStage.Comparing, 0, rows.Count));
        var keys = rows.Select(r => new FigureKey(catalogue.UnitIds[r.UnitKey], catalogue.IndicatorIds[r.IndicatorCode], r.Period)).ToList();
        var current = await CurrentFigures.ReadAsync(db, keys, ct);
        var names = new Dictionary<(string, string, DateOnly), (string, string)>();
        var preview = rows.Select((r, i) =>
        {
            var now = current[i];
            var change = now.Revision is null ? RowChange.New : now.FigureSet == new FigureSet(r.Numerator, r.Denominator, r.Value) ? RowChange.Unchanged : RowChange.Changed;
            var (vi, en) = names.TryGetValue((r.UnitKey, r.UnitCode, r.Period), out var name) ? name : names[(r.UnitKey, r.UnitCode, r.Period)] = catalogue.NameOf(r);
            return new PreviewRow(r, keys[i].UnitId, keys[i].IndicatorId, change, now.Revision is null ? null : now.FigureSet, now.Revision, now.LatestRevision)
            {
                UnitNameVi = vi, UnitNameEn = en,
            };
        }).ToList();
        progress?.Report(new ImportProgress(ImportStage.Done, rows.Count, rows.Count));
        return new ImportPreview(fileName, size, sha, errors, preview, same);
    }

    /// <summary>
    /// One source per figure: once a unit has dossiers for a month, its dossier-derived figures of that month are counted
    /// from them (docs/scoring.md), and a typed row for one of them is refused.
    /// </summary>
    private static async Task RefuseDossierFiguresAsync(ReformDbContext db, string fileName, IReadOnlyList<MeasurementRow> rows, ImportCatalogue catalogue,
        List<CellError> errors, CancellationToken ct)
    {
        var derived = rows.Where(r => DossierIndicators.IsDerived(r.IndicatorCode)).ToList();
        if (derived.Count == 0) return;
        var counted = await DossierFigures.CountedFromDossiersAsync(db, derived.Select(r => (catalogue.UnitIds[r.UnitKey], r.Period)).Distinct().ToList(), ct);
        foreach (var r in derived.Where(r => counted.Contains((catalogue.UnitIds[r.UnitKey], r.Period))))
            errors.Add(DossierFigureRefused(fileName, r));
    }

    internal static CellError DossierFigureRefused(string fileName, MeasurementRow r) => new(fileName, r.Row, "indicator_code",
        DataText.Get("OfUnitForIsCounted", r.IndicatorCode, r.UnitCode, r.Period))
    {
        Value = r.IndicatorCode,
    };
}
