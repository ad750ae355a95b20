using HaNoi.ReformDashboard.Reports.Excel;
using HaNoi.ReformDashboard.Reports.Pdf;
using HaNoi.ReformDashboard.Reports.Word;

namespace HaNoi.ReformDashboard.Reports;

/// <summary>A report the product makes: what writes it, its file extension and its content type.</summary>
/// <param name="NeedsPrevious">The report states a change of score, so its source carries the previous period.</param>
public sealed record ReportFormat(string Extension, string ContentType, ReportKind Kind, Action<ReportSource, ReportParameters, Stream> Write, bool NeedsPrevious = false)
{
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Pdf = "application/pdf";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>The report for "--format xlsx|pdf|docx" and "--kind report|scorecard|brief", or null when there is none.</summary>
    public static ReportFormat? Find(string? format, string? kind) => (format, kind ?? "report") switch
    {
        ("xlsx", "report") => new("xlsx", Xlsx, ReportKind.Report, (s, p, o) => QuarterlyWorkbook.Write(s.Scorecard, p, o)),
        ("pdf", "report") => new("pdf", Pdf, ReportKind.Report, (s, p, o) => QuarterlyReportPdf.Write(s.Scorecard, p, o)),
        ("pdf", "scorecard") => new("pdf", Pdf, ReportKind.Scorecard, (s, p, o) => LeaderScorecardPdf.Write(s.Scorecard, p, o)),
        ("docx", "report") => new("docx", Docx, ReportKind.Report, (s, p, o) => QuarterlyReportDocx.Write(s.Scorecard, p, o)),
        ("pdf", "brief") => new("pdf", Pdf, ReportKind.Brief, BriefPdf.Write, NeedsPrevious: true),
        _ => null,
    };
}
