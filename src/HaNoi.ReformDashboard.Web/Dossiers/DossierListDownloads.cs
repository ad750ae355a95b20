using HaNoi.ReformDashboard.Data.Dossiers;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Reports;
using HaNoi.ReformDashboard.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using HaNoi.ReformDashboard.Web.Resources;

namespace HaNoi.ReformDashboard.Web.Dossiers;

/// <summary>
/// GET /units/{code}/indicators/{indicator}/dossiers/download?period=2023-11&amp;format=xlsx|csv[&amp;procedure&amp;field&amp;status&amp;show=miss&amp;sort&amp;dir]:
/// every row of the list with the page's filters and order, in the reader's language. Access as the page's: a
/// department head only for their own unit (the unit the code names in the period); anyone else is refused as by every
/// page (the sign-in's forbid: the access-denied page). Audited.
/// </summary>
public static class DossierListDownloads
{
    public static void MapDossierListDownloads(this WebApplication app) =>
        app.MapGet("/units/{Code}/indicators/{IndicatorCode}/dossiers/download", DownloadAsync).RequireAuthorization(Policies.ReadDossiers);

    private static async Task<IResult> DownloadAsync(string code, string indicatorCode, string? period, string? format, string? procedure, string? field,
        string? status, string? show, string? sort, string? dir, HttpContext http, IDbContextFactory<ReformDbContext> factory,
        IAuthorizationService authorization, DossierListFiles files, TimeProvider clock, CancellationToken ct)
    {
        if (format is not ("xlsx" or "csv") || DossierListAddress.Parse(period, procedure, field, status, show, sort, dir, null, null) is not { } address)
            return Results.Text(WebText.Both("DossierListArgumentsNeeded") + "\n", "text/plain; charset=utf-8", statusCode: 400);
        // The route let a head through to a code their unit ever carried; the period says which unit it names.
        var exact = new UnitInPeriod(code, address.Period.FirstDay, address.Period.LastDay);
        if (!(await authorization.AuthorizeAsync(http.User, exact, Policies.ReadDossiers)).Succeeded) return Results.Forbid();

        await using var db = await factory.CreateDbContextAsync(ct);
        if (await DossierListSubjects.FindAsync(db, code, indicatorCode, address.Period.FirstDay, address.Period.LastDay, ct) is not { } subject)
            return Results.NotFound();
        var filter = address.Filter(indicatorCode, subject.UnitId);
        await DossierListSubjects.AuditAsync(db, DossierListSubjects.DownloadAction, ActingUser.From(http.User).Name, subject, address.Period.ToString(),
            filter, format, clock.GetUtcNow(), ct);

        // Written to a temporary file as the rows arrive (flat memory at any length), then sent from it; deleted on close.
        var file = new FileStream(Path.Combine(Path.GetTempPath(), "dossiers-" + Guid.NewGuid().ToString("N")), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            var rows = DossierList.StreamAsync(db, filter, ct);
            if (format == "csv") await files.WriteCsvAsync(file, rows, ct);
            else await files.WriteXlsxAsync(file, $"{subject.UnitCode} {indicatorCode} {address.Period}", rows, ct);
            file.Position = 0;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
        // The file is named in Vietnamese, the working language, with an ASCII fallback.
        var name = WebText.Get("DossierListFileName", subject.UnitCode, indicatorCode, address.Period, format).Vi;
        http.Response.Headers.ContentDisposition = new ReportFileName(name, ReportFileName.ToAscii(name)).ContentDisposition;
        return Results.Stream(file, format == "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }
}
