using HaNoi.ReformDashboard.Data.Assessment;

namespace HaNoi.ReformDashboard.Reports.Assessment;

/// <summary>A file the annex is published as: its extension, its content type and what writes it.</summary>
public sealed record AnnexFormat(string Extension, string ContentType, Action<BlockRanking, ReportParameters, Stream> Write)
{
    public static IReadOnlyList<AnnexFormat> All { get; } =
    [
        new("xlsx", ReportFormat.Xlsx, AnnexWorkbook.Write),
        new("pdf", ReportFormat.Pdf, AnnexPdf.Write),
        new("docx", ReportFormat.Docx, AnnexDocx.Write),
    ];

    /// <summary>The format named "xlsx", "pdf" or "docx"; null for anything else.</summary>
    public static AnnexFormat? Find(string? extension) => All.FirstOrDefault(f => f.Extension == extension);
}
