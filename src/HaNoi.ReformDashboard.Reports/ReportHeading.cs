namespace HaNoi.ReformDashboard.Reports;

/// <summary>
/// The heading of a Vietnamese administrative document, worded once in the report's language for every writer: the
/// issuing body on the left; the national name, the motto and the dated line ("Hà Nội, ngày … tháng … năm …") on the
/// right. The workbook, the PDFs and the Word documents only place these lines.
/// </summary>
public sealed record ReportHeading(string IssuingBody, string Nation, string Motto, string DatedLine)
{
    /// <summary>The heading for <paramref name="parameters"/>, in the language <see cref="ReportText.In"/> set.</summary>
    public static ReportHeading Of(ReportParameters parameters) =>
        new(ReportText.IssuingBody(parameters), ReportText.Nation, ReportText.Motto, ReportText.DatedLine(parameters));
}
