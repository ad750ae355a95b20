using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Reports;
using HaNoi.ReformDashboard.Reports.Excel;
using HaNoi.ReformDashboard.Reports.Pdf;
using HaNoi.ReformDashboard.Web.Hosting;

namespace HaNoi.ReformDashboard.Web.Reports;

/// <summary>
/// GET /reports/download?year=2022&amp;period=2022-Q4&amp;format=xlsx|pdf&amp;kind=report|scorecard[&amp;level=district|&amp;unit=268]:
/// the file, built in memory first so a failure never sends half a file, named in Vietnamese (RFC 5987).
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

    public static void MapReportDownloads(this WebApplication app) => app.MapGet(Path, DownloadAsync);

    private static async Task<IResult> DownloadAsync(
        int year, string period, string format, string? kind, string? level, string? unit,
        ScorecardService scorecards, TimeProvider clock, HttpContext http, ILoggerFactory loggers, CancellationToken ct)
    {
        if (!Period.TryParse(period, out var p) || p.Year != year)
            return Problem($"Kỳ '{period}' không hợp lệ cho năm {year}.", $"'{period}' is not a period of {year}.");
        Action<Scorecard, ReportParameters, Stream>? write = (format, kind ?? "report") switch
        {
            ("xlsx", "report") => QuarterlyWorkbook.Write,
            ("pdf", "report") => QuarterlyReportPdf.Write,
            ("pdf", "scorecard") => LeaderScorecardPdf.Write,
            _ => null,
        };
        if (write is null)
            return Problem($"Không có báo cáo dạng '{format}' / '{kind}'.", $"There is no '{format}' / '{kind}' report.");
        ScorecardScope scope;
        if (unit is { Length: > 0 }) scope = ScorecardScope.ForUnit(unit);
        else if (level is null or "" or "city") scope = ScorecardScope.City;
        else if (CatalogueCodes.TryParseLevel(level, out var l)) scope = ScorecardScope.ForLevel(l);
        else return Problem($"Cấp '{level}' không hợp lệ.", $"'{level}' is not a level.");

        try
        {
            var card = await scorecards.GetAsync(new ScorecardRequest(year, p, scope), ct);
            if (card is null)
                return Problem($"Không tìm thấy đơn vị '{unit}'.", $"No unit '{unit}'.", StatusCodes.Status404NotFound);
            var parameters = new ReportParameters(http.User.Identity?.Name ?? "Bảng theo dõi CCHC", clock.GetLocalNow())
            {
                Filters = [new ReportFilter("Phạm vi / Scope", scope.ToString())],
            };
            using var buffer = new MemoryStream();
            write(card, parameters, buffer);
            var scopeLabel = unit is not null ? card.Unit(unit)?.Unit.NameVi : null;
            var name = ReportFileName.For(kind == "scorecard" ? ReportKind.Scorecard : ReportKind.Report, p, format, scopeLabel);
            http.Response.Headers.ContentDisposition = name.ContentDisposition;
            return Results.Bytes(buffer.ToArray(), format == "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "application/pdf");
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            return Problem("Không kết nối được cơ sở dữ liệu; chưa tạo được báo cáo. Vui lòng thử lại.",
                "The database cannot be reached; the report was not made. Please try again.", StatusCodes.Status503ServiceUnavailable);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            loggers.CreateLogger(typeof(ReportDownloads)).LogError(ex, "Report generation failed for {Year} {Period} {Scope}", year, period, scope);
            return Problem("Không tạo được báo cáo do lỗi hệ thống.", "The report could not be made because of an internal error.", StatusCodes.Status500InternalServerError);
        }
    }

    private static IResult Problem(string vi, string en, int status = StatusCodes.Status400BadRequest) =>
        Results.Text($"{vi}\n{en}\n", "text/plain; charset=utf-8", statusCode: status);
}
