using HaNoi.ReformDashboard.Data.Assessment;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Reports;
using HaNoi.ReformDashboard.Web.Accounts;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Web.Assessment;

/// <summary>
/// GET /assessment/evidence/{id}: an evidence file, always as an attachment with the type found from its content when it
/// was stored, <c>nosniff</c> and a sandboxing content policy, so a browser never renders it as a page. Leaders and the
/// office read every unit's, a department head their own unit's.
/// </summary>
public static class EvidenceDownloads
{
    public const string Path = "/assessment/evidence/{Id:long}";

    public static string Href(long id) => $"/assessment/evidence/{id}";

    public static void MapEvidenceDownloads(this WebApplication app) => app.MapGet(Path, DownloadAsync).RequireAuthorization(Policies.ReadPublished);

    private static async Task<IResult> DownloadAsync(long id, HttpContext http, IDbContextFactory<ReformDbContext> factory, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await EvidenceStore.OpenAsync(db, id, ct) is not { } file) return Results.NotFound();
        if (!AssessmentAccess.MayRead(ActingUser.From(http.User), file.UnitKey)) return Results.Forbid();
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        http.Response.Headers.ContentDisposition = new ReportFileName(file.FileName, ReportFileName.ToAscii(file.FileName)).ContentDisposition;
        http.Response.Headers.ETag = $"\"{file.Sha256}\"";
        return Results.Bytes(file.Content, file.ContentType);
    }
}
