using System.Globalization;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Domain.Presentation;
using HaNoi.ReformDashboard.Reports;
using HaNoi.ReformDashboard.Web.Accounts;
using HaNoi.ReformDashboard.Web.Resources;

namespace HaNoi.ReformDashboard.Web.Reports;

/// <summary>
/// GET /reports/download?year=2022&amp;period=2022-Q4&amp;format=xlsx|pdf&amp;kind=report|scorecard|brief[&amp;level=district|&amp;unit=268]:
/// the file in the UI's language, made through the export queue (busy: 503 and a message, at once), whole before a
/// byte is sent, named in Vietnamese (RFC 5987). With <c>&amp;ticket=…</c> it hands over a file a page already had made
/// for the same user.
/// </summary>
public static class ReportDownloads
{
    public const string Path = "/reports/download";

    private static string Expired => WebText.Both("ThisFileIsNoLonger");

    public static string Url(int year, Period period, string format, string kind, UnitLevel? level = null, string? unit = null)
    {
        var query = $"?year={year}&period={Uri.EscapeDataString(period.ToString())}&format={format}&kind={kind}";
        if (unit is not null) query += "&unit=" + Uri.EscapeDataString(unit);
        else if (level is not null) query += "&level=" + level.Value.ToCode();
        return Path + query;
    }

    /// <summary>The same address with the ticket of a finished job: what the page's "download" link opens.</summary>
    public static string TicketUrl(string url, string ticket) => url + "&ticket=" + Uri.EscapeDataString(ticket);

    public static void MapReportDownloads(this WebApplication app) => app.MapGet(Path, DownloadAsync).RequireAuthorization(Policies.Export);

    private static async Task<IResult> DownloadAsync(
        int year, string period, string format, string? kind, string? level, string? unit, string? ticket,
        ReportExports exports, HttpContext http, CancellationToken ct)
    {
        var (request, problem) = ExportRequest.Parse(year, period, format, kind, level, unit);
        if (request is null) return Problem(problem!);
        var user = ActingUser.From(http.User).Name;
        if (ticket is not null)
            return exports.Queue.Finished(ticket, user) is { } made ? File(http, made) : Problem(Expired, StatusCodes.Status404NotFound);

        // The request's culture is the UI's language (the culture cookie).
        var language = ReportParameters.LanguageFrom(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName) ?? FigureFormat.Vietnamese;
        // A closed connection (ct) takes the job out of the line or stops it.
        // Served from the job as soon as it is made: not kept for a later fetch.
        // The links inside the file (the brief's to the dossiers) lead back to this dashboard as the reader reached it.
        request = request with { LinkBase = new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/") };
        var job = exports.TryStart(request, user, language, ct, keep: false);
        if (job is null)
        {
            http.Response.Headers.RetryAfter = "30";
            return Problem(ReportExports.Busy, StatusCodes.Status503ServiceUnavailable);
        }
        var outcome = await job.Completion;
        return outcome.File is { } file ? File(http, file) : Problem(outcome.Problem ?? ReportExports.InternalError, outcome.Status);
    }

    private static IResult File(HttpContext http, ExportFile file)
    {
        http.Response.Headers.ContentDisposition = file.ContentDisposition;
        return Results.Bytes(file.Bytes, file.ContentType);
    }

    private static IResult Problem(string message, int status = StatusCodes.Status400BadRequest) =>
        Results.Text(message + "\n", "text/plain; charset=utf-8", statusCode: status);
}
