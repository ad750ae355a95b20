using System.Globalization;
using HaNoi.ReformDashboard.Data.Assessment;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Presentation;
using HaNoi.ReformDashboard.Reports;
using HaNoi.ReformDashboard.Reports.Assessment;
using HaNoi.ReformDashboard.Web.Accounts;
using Microsoft.EntityFrameworkCore;
using HaNoi.ReformDashboard.Web.Resources;

namespace HaNoi.ReformDashboard.Web.Assessment;

/// <summary>
/// GET /assessment/annex?year=2022&amp;block=department|district&amp;format=xlsx|pdf|docx: the published annex of the year's
/// index for the block (STT, unit, appraised, survey, total, index %, rank) in the UI's language, with the administrative
/// heading. Who may export reports may download it; a block or format it does not know is a 400 in both languages.
/// </summary>
public static class AnnexDownloads
{
    public const string Path = "/assessment/annex";

    public static string Url(int year, UnitLevel block, string format) => $"{Path}?year={year}&block={block.ToCode()}&format={format}";

    public static void MapAnnexDownloads(this WebApplication app) => app.MapGet(Path, DownloadAsync).RequireAuthorization(Policies.Export);

    private static async Task<IResult> DownloadAsync(int year, string? block, string? format, HttpContext http, IDbContextFactory<ReformDbContext> factory,
        TimeProvider clock, CancellationToken ct)
    {
        if (AnnexFormat.Find(format) is not { } file || !CatalogueCodes.TryParseLevel(block, out var level)
            || level is not (UnitLevel.Department or UnitLevel.District or UnitLevel.Commune))
            return Results.Text(AnnexContent.Bilingual("BadRequest") + "\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        await using var db = await factory.CreateDbContextAsync(ct);
        var ranking = await RankingQuery.ForYearAsync(db, year, level, ct);
        var language = ReportParameters.LanguageFrom(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName) ?? FigureFormat.Vietnamese;
        var parameters = new ReportParameters(ActingUser.From(http.User).Name, clock.GetUtcNow()) { Language = language };
        using var buffer = new MemoryStream();
        file.Write(ranking, parameters, buffer);
        // The file is named in Vietnamese, the working language, with an ASCII fallback.
        var name = WebText.Get("AnnexFileName", year, level.ToCode(), file.Extension).Vi;
        http.Response.Headers.ContentDisposition = new ReportFileName(name, ReportFileName.ToAscii(name)).ContentDisposition;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Bytes(buffer.ToArray(), file.ContentType);
    }
}
