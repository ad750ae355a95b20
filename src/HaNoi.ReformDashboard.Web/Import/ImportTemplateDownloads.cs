using HaNoi.ReformDashboard.Data.Import;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Web.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace HaNoi.ReformDashboard.Web.Import;

/// <summary>GET /data/import/template?format=xlsx|csv: the file the reform office fills in.</summary>
public static class ImportTemplateDownloads
{
    public const string Path = "/data/import/template";

    public static void MapImportTemplate(this WebApplication app) => app.MapGet(Path, DownloadAsync).RequireAuthorization(Policies.ImportData);

    private static async Task<IResult> DownloadAsync(string? format, IDbContextFactory<ReformDbContext> factory, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var name = format == "csv" ? "mau-nhap-so-lieu.csv" : "mau-nhap-so-lieu.xlsx";
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = name }.ToString();
        if (format == "csv")
            return Results.Bytes([.. ImportTemplate.CsvEncoding.GetPreamble(), .. ImportTemplate.CsvEncoding.GetBytes(ImportTemplate.Csv(today))], "text/csv; charset=utf-8");
        await using var db = await factory.CreateDbContextAsync(ct);
        return Results.Bytes(await ImportTemplate.WorkbookAsync(db, today, ct), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }
}
