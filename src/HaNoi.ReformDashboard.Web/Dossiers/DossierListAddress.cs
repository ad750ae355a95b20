using System.Globalization;
using HaNoi.ReformDashboard.Data.Dossiers;
using HaNoi.ReformDashboard.Domain.Periods;

namespace HaNoi.ReformDashboard.Web.Dossiers;

/// <summary>
/// A dossier list's state as it lives in its address (<c>/units/268/indicators/ONTIME/dossiers?period=2023-11&amp;show=miss&amp;sort=late&amp;dir=desc&amp;after=…</c>):
/// the page, its links and the download read and write it here, so a copied link reproduces the list.
/// </summary>
public sealed record DossierListAddress(Period Period, string? Procedure = null, string? Field = null, string? Status = null, bool MissOnly = false,
    DossierSort? Sort = null, bool? Descending = null, string? After = null, int Page = 1)
{
    private static readonly (string Name, DossierSort Sort)[] Sorts =
        [("received", DossierSort.Received), ("due", DossierSort.Due), ("ended", DossierSort.Ended), ("late", DossierSort.DaysLate), ("code", DossierSort.Code)];

    public static string SortName(DossierSort sort) => Sorts.First(s => s.Sort == sort).Name;

    /// <summary>The order when the address names none: the late ones most late first for ONTIME, else by received time.</summary>
    public static (DossierSort Sort, bool Descending) DefaultOrder(string indicatorCode) =>
        indicatorCode == DossierIndicators.OnTime ? (DossierSort.DaysLate, true) : (DossierSort.Received, false);

    public static string Path(string unitCode, string indicatorCode) =>
        $"/units/{Uri.EscapeDataString(unitCode)}/indicators/{Uri.EscapeDataString(indicatorCode)}/dossiers";

    public static string DownloadPath(string unitCode, string indicatorCode) => Path(unitCode, indicatorCode) + "/download";

    /// <summary>Null when the period is missing or not one.</summary>
    public static DossierListAddress? Parse(string? period, string? procedure, string? field, string? status, string? show, string? sort, string? dir,
        string? after, string? page)
    {
        if (!Period.TryParse(period, out var p)) return null;
        return new DossierListAddress(p, Blank(procedure), Blank(field), DossierRecord.Statuses.Contains(status) ? status : null, show == "miss",
            Sorts.Where(s => s.Name == sort).Select(s => (DossierSort?)s.Sort).FirstOrDefault(), dir switch { "desc" => true, "asc" => false, _ => null },
            Blank(after), int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and < 1_000_000 ? n : 1);
    }

    public DossierListFilter Filter(string indicatorCode, int unitId)
    {
        var (sort, descending) = DefaultOrder(indicatorCode);
        return new DossierListFilter(indicatorCode, unitId, Period.FirstDay, new DateOnly(Period.Year, Period.LastMonth, 1),
            Procedure, Field, Status, MissOnly, Sort ?? sort, Descending ?? (Sort is null ? descending : false));
    }

    /// <summary>The query's parameters, for NavigationManager.GetUriWithQueryParameters (null removes one).</summary>
    public IReadOnlyDictionary<string, object?> Parameters => new Dictionary<string, object?>
    {
        ["period"] = Period.ToString(), ["procedure"] = Procedure, ["field"] = Field, ["status"] = Status, ["show"] = MissOnly ? "miss" : null,
        ["sort"] = Sort is { } s ? SortName(s) : null, ["dir"] = Descending switch { true => "desc", false => "asc", null => null },
        ["after"] = After, ["page"] = Page > 1 ? Page.ToString(CultureInfo.InvariantCulture) : null,
    };

    /// <summary>The query string (without paging for a download, which takes every row).</summary>
    public string Query(bool paging = true) => "?" + string.Join('&', Parameters
        .Where(p => p.Value is not null && (paging || p.Key is not ("after" or "page")))
        .Select(p => $"{p.Key}={Uri.EscapeDataString((string)p.Value!)}"));

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
