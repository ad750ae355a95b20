using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HaNoi.ReformDashboard.Data.Dossiers;
using HaNoi.ReformDashboard.Data.Import;
using HaNoi.ReformDashboard.Data.Schema;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using HaNoi.ReformDashboard.Web.Resources;

namespace HaNoi.ReformDashboard.Web.Dossiers;

/// <summary>What a push answers (201 the first time; 200 with the same body to a retry).</summary>
/// <param name="BatchId">The import batch written (null: the database already held every record).</param>
/// <param name="UnitMonths">The unit-months whose counts the batch changed.</param>
/// <param name="FiguresWritten">The measurement revisions written for them (a figure that moved).</param>
/// <param name="FiguresWithdrawn">Figures left with no revision in force (nothing left to count).</param>
public sealed record DossierPushResult(long? BatchId, int Rows, int New, int Replaced, int Unchanged, int Late, string IdempotencyKey,
    int UnitMonths = 0, int FiguresWritten = 0, int FiguresWithdrawn = 0);

/// <summary>The push API's settings with the import's limits (<c>Dossiers:</c>) beside them.</summary>
public sealed record DossierPushSettings(DossierPushOptions Push, DossierImportOptions Import);

/// <summary>
/// <c>POST /api/dossiers</c>: the one-stop system pushes a batch of dossier records (JSON Lines, or CSV), all or nothing,
/// through the same checks and the same import as a file (docs/dossiers.md, "Push API"). The body is streamed to a
/// temporary file first (bounded by the size cap), so it is never held in memory, then read once by the import. A retry with the same <c>Idempotency-Key</c> (else the same body) writes nothing and gets the first answer.
/// </summary>
public static class DossierPushEndpoint
{
    public const string Path = "/api/dossiers";
    public const string IdempotencyHeader = "Idempotency-Key";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The push API: its access rules, rate limit and settings (<c>Dossiers:Push</c>).</summary>
    public static void AddDossierPush(this WebApplicationBuilder builder)
    {
        var push = builder.Configuration.GetSection(DossierPushOptions.Section).Get<DossierPushOptions>() ?? new DossierPushOptions();
        var import = builder.Configuration.GetSection(DossierImportOptions.Section).Get<DossierImportOptions>() ?? new DossierImportOptions();
        builder.Services.AddSingleton(push);
        builder.Services.AddSingleton(new DossierPushSettings(push, import));
        builder.AddDossierPushAccess(push);
    }

    public static void MapDossierPush(this WebApplication app) =>
        app.MapPost(Path, PushAsync)
            .RequireAuthorization(DossierPushAccess.Policy)
            .RequireRateLimiting(DossierPushAccess.RateLimit)
            .WithMetadata(new SkipStatusCodePagesAttribute());

    private static async Task<IResult> PushAsync(HttpContext http, IDbContextFactory<ReformDbContext> databases, DossierPushSettings settings, TimeProvider clock)
    {
        var (push, import) = (settings.Push, settings.Import);
        var ct = http.RequestAborted;
        var client = http.User.FindFirstValue(DossierPushAccess.ClientClaim)!;
        if (ExtensionOf(http.Request.ContentType) is not { } extension)
            return PushProblem.Of(StatusCodes.Status415UnsupportedMediaType, WebText.Get("UnsupportedMediaType"),
                WebText.Get("SendJSONLinesContentType"));
        var key = http.Request.Headers[IdempotencyHeader].ToString();
        if (key.Length > 0 && (key.Length > DossierPush.MaxKeyLength || key.Any(c => c is < '!' or > '~')))
            return PushProblem.Of(StatusCodes.Status400BadRequest, WebText.Get("InvalidIdempotencyKey"),
                WebText.Get("AnIdempotencyKeyHasVisible", DossierPush.MaxKeyLength));
        if (http.Request.ContentLength > push.MaxBodyBytes) return TooLarge(push);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = push.MaxBodyBytes;

        await using var body = new FileStream(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"reform-push-{Guid.NewGuid():N}.tmp"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        string sha;
        try
        {
            if (await BufferAsync(http.Request.Body, body, push.MaxBodyBytes, ct) is not { } hash) return TooLarge(push);
            sha = hash;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(push);
        }
        if (key.Length == 0) key = "sha256:" + sha;

        await using var db = await databases.CreateDbContextAsync(ct);
        if (await EarlierAsync(db, client, key, ct) is { } earlier) return Replay(earlier, sha);
        var now = clock.GetUtcNow();
        body.Position = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The same key pushed twice at once: the second waits here for the first, then finds its record.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(21, {LockKey(client, key)})", ct);
        if (await EarlierAsync(db, client, key, ct) is { } raced) return Replay(raced, sha);
        DossierCheck check;
        DossierImportResult imported;
        try
        {
            // One reading: checked and staged; nothing written unless every row is valid.
            (check, var result) = await DossierImport.ImportAsync(db, "push" + extension, body, import, client, now, ct);
            if (result is null) return Refused(check, push.MaxErrorsListed);
            imported = result;
        }
        catch (ImportRefusedException e)
        {
            return PushProblem.Of(StatusCodes.Status409Conflict, WebText.Get("NotImported"), e.MessageVi, e.MessageEn);
        }
        var answer = new DossierPushResult(imported.BatchId, check.Rows, imported.New, imported.Replaced, imported.Unchanged, imported.Late, key,
            imported.Figures.UnitMonths, imported.Figures.Written, imported.Figures.Withdrawn);
        db.DossierPushes.Add(new DossierPush
        {
            Client = client, IdempotencyKey = key, BodySha256 = sha, ImportBatchId = imported.BatchId, Result = JsonSerializer.Serialize(answer, Json), At = now,
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Results.Json(answer, Json, statusCode: answer.BatchId is null ? StatusCodes.Status200OK : StatusCodes.Status201Created);
    }

    private static string? ExtensionOf(string? contentType)
    {
        var media = (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        return media switch
        {
            "application/x-ndjson" or "application/jsonl" or "application/json-lines" or "application/jsonlines" => ".jsonl",
            "text/csv" => ".csv",
            _ => null,
        };
    }

    /// <summary>Copies the body to <paramref name="file"/>, hashing it; null when it is longer than <paramref name="max"/>.</summary>
    private static async Task<string?> BufferAsync(Stream body, FileStream file, long max, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = await body.ReadAsync(buffer, ct)) > 0)
        {
            total += n;
            if (total > max) return null;
            hash.AppendData(buffer, 0, n);
            await file.WriteAsync(buffer.AsMemory(0, n), ct);
        }
        await file.FlushAsync(ct);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static Task<DossierPush?> EarlierAsync(ReformDbContext db, string client, string key, CancellationToken ct) =>
        db.DossierPushes.AsNoTracking().SingleOrDefaultAsync(p => p.Client == client && p.IdempotencyKey == key, ct);

    private static int LockKey(string client, string key) =>
        BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(client + "\n" + key)), 0);

    private static IResult Replay(DossierPush earlier, string sha)
    {
        var at = earlier.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return earlier.BodySha256 == sha
            // Read back through the same type, so a retry gets the first answer's bytes, not jsonb's reordering.
            ? Results.Json(JsonSerializer.Deserialize<DossierPushResult>(earlier.Result, Json), Json, statusCode: StatusCodes.Status200OK)
            : PushProblem.Of(StatusCodes.Status409Conflict, WebText.Get("IdempotencyKeyUsedForAnother"),
                WebText.Get("TheKeyWasUsedAt", earlier.IdempotencyKey, at),
                new Dictionary<string, object?> { ["batchId"] = earlier.ImportBatchId });
    }

    private static IResult TooLarge(DossierPushOptions push)
    {
        var bytes = push.MaxBodyBytes.ToString(CultureInfo.InvariantCulture);
        return PushProblem.Of(StatusCodes.Status413PayloadTooLarge, WebText.Get("BatchTooLarge"),
            WebText.Get("TheBodyIsLargerThan", bytes));
    }

    private static IResult Refused(DossierCheck check, int listed) =>
        PushProblem.Of(StatusCodes.Status400BadRequest, WebText.Get("TheDossierBatchIsRefused"),
            WebText.Get("ProblemsNothingWrittenARow", check.ErrorCount),
            new Dictionary<string, object?>
            {
                ["errorCount"] = check.ErrorCount,
                ["errors"] = check.Errors.Take(listed).Select(e => new { row = e.Row, column = e.Column, value = e.Value, vi = e.MessageVi, en = e.MessageEn }).ToList(),
            });
}
