using System.Globalization;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Domain.Presentation;
using HaNoi.ReformDashboard.Reports;
using HaNoi.ReformDashboard.Web.Accounts;
using HaNoi.ReformDashboard.Web.Hosting;

namespace HaNoi.ReformDashboard.Web.Reports;

/// <summary>
/// GET /reports/download?year=2022&amp;period=2022-Q4&amp;format=xlsx|pdf&amp;kind=report|scorecard|brief[&amp;level=district|&amp;unit=268]:
/// the file in the UI's language, built in memory first so a failure never sends half a file, named in Vietnamese (RFC 5987).
/// </summary>
public static class ReportDownloads
{
    public const string Path = "/reports/download";

    public static string Url(int year, Period period, string format, string kind, UnitLevel? level = null, string? unit = null)
    {
        var query = $"?year={year}&period={Uri.EscapeDataString(period.ToString())}&format={format}&kind={kind}";
        if (unit is not null) query += "&unit=" + Uri.EscapeDataString(unit);
        else if (level is not null) query += "&level=" + level.Value.ToCode();
        return Path + query;
    }

    public static void MapReportDownloads(this WebApplication app) => app.MapGet(Path, DownloadAsync).RequireAuthorization(Policies.Export);

    private static async Task<IResult> DownloadAsync(
        int year, string period, string format, string? kind, string? level, string? unit,
        ScorecardService scorecards, TimeProvider clock, HttpContext http, ILoggerFactory loggers, CancellationToken ct)
    {
        var (request, problem) = ScorecardRequests.Parse(year, period, level, unit);
        if (request is null) return Problem(problem!);
        var report = ReportFormat.Find(format, kind);
        if (report is null)
            return Problem($"Không có báo cáo dạng '{format}' / '{kind}'. / There is no '{format}' / '{kind}' report.");
        var scope = request.Scope;
        if (report.Kind == ReportKind.Brief && scope.Level is not null)
            return Problem("Bản tóm tắt dành cho toàn thành phố hoặc một đơn vị, không theo cấp. / The brief is for the city or one unit, not a level.");

        try
        {
            var source = await ReportSource.LoadAsync(scorecards, request, report.NeedsPrevious, ct);
            if (source is null)
                return Problem($"Không tìm thấy đơn vị '{unit}'. / No unit '{unit}'.", StatusCodes.Status404NotFound);
            var parameters = new ReportParameters(ActingUser.From(http.User).Name, clock.GetLocalNow())
            {
                Filters = [new ReportFilter("Phạm vi / Scope", scope.ToString())],
                // The request's culture is the UI's language (the culture cookie).
                Language = ReportParameters.LanguageFrom(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName) ?? FigureFormat.Vietnamese,
            };
            using var buffer = new MemoryStream();
            report.Write(source, parameters, buffer);
            var scopeLabel = scope.UnitCode is { } code ? source.Scorecard.Unit(code)?.Unit.NameVi : null;
            http.Response.Headers.ContentDisposition = ReportFileName.For(report.Kind, request.Period, report.Extension, scopeLabel).ContentDisposition;
            return Results.Bytes(buffer.ToArray(), report.ContentType);
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            return Problem("Không kết nối được cơ sở dữ liệu; chưa tạo được báo cáo. Vui lòng thử lại. / The database cannot be reached; the report was not made. Please try again.",
                StatusCodes.Status503ServiceUnavailable);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            loggers.CreateLogger(typeof(ReportDownloads)).LogError(ex, "Report generation failed for {Year} {Period} {Scope}", year, period, scope);
            return Problem("Không tạo được báo cáo do lỗi hệ thống. / The report could not be made because of an internal error.", StatusCodes.Status500InternalServerError);
        }
    }

    private static IResult Problem(string message, int status = StatusCodes.Status400BadRequest) =>
        Results.Text(message + "\n", "text/plain; charset=utf-8", statusCode: status);
}
