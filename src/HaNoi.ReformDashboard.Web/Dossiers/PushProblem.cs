using HaNoi.ReformDashboard.Web.Resources;
using HaNoi.ReformDashboard.Data.Messages;

namespace HaNoi.ReformDashboard.Web.Dossiers;

/// <summary>The push API's refusals: application/problem+json, the title and detail in Vietnamese and English.</summary>
internal static class PushProblem
{
    public static IResult Of(int status, string titleVi, string titleEn, string detailVi, string detailEn, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = status,
            Title = $"{titleVi} / {titleEn}",
            Detail = $"{detailVi} / {detailEn}",
            Extensions = extensions ?? new Dictionary<string, object?>(),
        });

    public static IResult Of(int status, DataText.Message title, DataText.Message detail, IDictionary<string, object?>? extensions = null) =>
        Of(status, title.Vi, title.En, detail.Vi, detail.En, extensions);

    public static IResult Of(int status, DataText.Message title, string detailVi, string detailEn) => Of(status, title.Vi, title.En, detailVi, detailEn);

    public static Task WriteAsync(HttpContext http, int status, DataText.Message title, DataText.Message detail) =>
        Of(status, title, detail).ExecuteAsync(http);

    /// <summary>For the authentication handlers and the rate limiter, which answer outside an endpoint.</summary>
    public static Task WriteAsync(HttpContext http, int status, string titleVi, string titleEn, string detailVi, string detailEn) =>
        Of(status, titleVi, titleEn, detailVi, detailEn).ExecuteAsync(http);
}
