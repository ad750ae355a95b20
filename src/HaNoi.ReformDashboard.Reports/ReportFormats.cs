using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Reports.Excel;
using HaNoi.ReformDashboard.Reports.Pdf;

namespace HaNoi.ReformDashboard.Reports;

/// <summary>A report the product makes: what writes it, its file extension and its content type.</summary>
public sealed record ReportFormat(string Extension, string ContentType, ReportKind Kind, Action<Scorecard, ReportParameters, Stream> Write)
{
    /// <summary>The report for "--format xlsx|pdf" and "--kind report|scorecard", or null when there is none.</summary>
    public static ReportFormat? Find(string? format, string? kind) => (format, kind ?? "report") switch
    {
        ("xlsx", "report") => new("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ReportKind.Report, QuarterlyWorkbook.Write),
        ("pdf", "report") => new("pdf", "application/pdf", ReportKind.Report, QuarterlyReportPdf.Write),
        ("pdf", "scorecard") => new("pdf", "application/pdf", ReportKind.Scorecard, LeaderScorecardPdf.Write),
        _ => null,
    };
}
