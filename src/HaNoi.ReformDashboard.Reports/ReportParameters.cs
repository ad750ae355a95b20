using System.Globalization;
using HaNoi.ReformDashboard.Domain.Presentation;

namespace HaNoi.ReformDashboard.Reports;

/// <summary>A filter the user chose, stated on the cover so a reader knows what the figures cover.</summary>
public sealed record ReportFilter(string Label, string Value);

/// <summary>Who asked for a report and when; what it covers comes from the <c>Scorecard</c> itself.</summary>
public sealed record ReportParameters(string GeneratedBy, DateTimeOffset GeneratedAt)
{
    /// <summary>The issuing body on the left of the heading; by default the People's Committee, in the report's language.</summary>
    public string? IssuingBody { get; init; }

    /// <summary>The document number in "Số: …/BC-UBND"; left blank for the clerk to fill when not given.</summary>
    public string? DocumentNumber { get; init; }

    /// <summary>The report's language: vi-VN (the default) or en-US.</summary>
    public CultureInfo Language { get; init; } = FigureFormat.Vietnamese;

    /// <summary>"vi" or "en" (as the CLI and links write it) to a report language; null for anything else.</summary>
    public static CultureInfo? LanguageFrom(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        null or "" or "vi" or "vi-vn" => FigureFormat.Vietnamese,
        "en" or "en-us" => CultureInfo.GetCultureInfo("en-US"),
        _ => null,
    };

    /// <summary>The place in the dated line "Hà Nội, ngày … tháng … năm …"; by default Hà Nội, in the report's language.</summary>
    public string? Place { get; init; }

    /// <summary>
    /// The dashboard's address (ending in "/"), for the links a report carries — the brief's from a figure counted from
    /// dossiers to the dossiers behind it; null: no links (a file made away from the dashboard).
    /// </summary>
    public Uri? LinkBase { get; init; }

    /// <summary>Filters beyond plan year, period and scope (which every report states anyway).</summary>
    public IReadOnlyList<ReportFilter> Filters { get; init; } = [];
}
