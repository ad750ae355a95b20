using HaNoi.ReformDashboard.Data.Assessment;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Reports;
using HaNoi.ReformDashboard.Web.Accounts;
using HaNoi.ReformDashboard.Web.Resources;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Web.Assessment;

/// <summary>
/// GET /assessment/framework/workbook: the framework workbook to edit (sheet "Khung" and its guide), written by the same
/// <see cref="FrameworkTemplate"/> as <c>reform assessment framework template</c>. Without a year, the empty example that
/// adds up; with <c>?year=Y</c>, that year's current version (404 when the year has none). Leaders and the office.
/// </summary>
public static class FrameworkDownloads
{
    public const string Path = "/assessment/framework/workbook";

    public static string Url(int? year) => year is { } y ? $"{Path}?year={y}" : Path;

    public static void MapFrameworkDownloads(this WebApplication app) => app.MapGet(Path, DownloadAsync).RequireAuthorization(Policies.ReadAssessmentFramework);

    private static async Task<IResult> DownloadAsync(int? year, HttpContext http, IDbContextFactory<ReformDbContext> factory, CancellationToken ct)
    {
        string name;
        byte[] bytes;
        if (year is { } y)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            if (await FrameworkStore.CurrentAsync(db, y, ct) is not { } stored)
                return Results.Text(WebText.Both("FrameworkNone", y) + "\n", "text/plain; charset=utf-8", statusCode: 404);
            bytes = FrameworkTemplate.Workbook(stored);
            name = $"khung-tieu-chi-{y}-v{stored.Version}.xlsx";
        }
        else
        {
            bytes = FrameworkTemplate.Workbook(null);
            name = "mau-khung-tieu-chi.xlsx";
        }
        http.Response.Headers.ContentDisposition = new ReportFileName(name, ReportFileName.ToAscii(name)).ContentDisposition;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Bytes(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }
}
