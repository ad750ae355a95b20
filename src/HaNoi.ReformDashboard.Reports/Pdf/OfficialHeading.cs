using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Presentation;
using HaNoi.ReformDashboard.Reports.Pdf.Layout;
using SkiaSharp;

namespace HaNoi.ReformDashboard.Reports.Pdf;

/// <summary>
/// The heading of a Vietnamese administrative document: the issuing body on the left, the national name and
/// motto on the right with the dated line (<see cref="ReportHeading"/>), then, for a scorecard's report, the title and
/// "(Từ ngày … đến ngày …)".
/// </summary>
internal static class OfficialHeading
{
    /// <summary>The two columns of the heading: the issuing body over a short rule; the nation, the motto and the dated line.</summary>
    public static void Columns(FlowLayout layout, ReportHeading heading)
    {
        var content = layout.Content;
        var leftWidth = content.Width * 0.40f;
        var rightWidth = content.Width - leftWidth;
        var top = layout.Y;

        var left = layout.TextBox(heading.IssuingBody, PdfTheme.HeadingBody, content.Left, top, leftWidth, TextAlign.Center);
        var rightX = content.Left + leftWidth;
        var right = layout.TextBox(heading.Nation, PdfTheme.HeadingBody, rightX, top, rightWidth, TextAlign.Center);
        right += layout.TextBox(heading.Motto, PdfTheme.Motto, rightX, top + right, rightWidth, TextAlign.Center);
        var ruleY = top + Math.Max(left, right) + 2;
        layout.Current.Elements.Add(new LineElement(new SKPoint(content.Left + leftWidth * 0.35f, top + left + 2), new SKPoint(content.Left + leftWidth * 0.65f, top + left + 2), SKColors.Black));
        var dated = layout.TextBox(heading.DatedLine, PdfTheme.Italic, rightX, ruleY + 4, rightWidth, TextAlign.Center);
        layout.Advance(ruleY + 4 + dated - top);
        layout.Space(8);
    }

    public static void Add(FlowLayout layout, Scorecard scorecard, ReportParameters parameters, IEnumerable<string> titleLines)
    {
        Columns(layout, ReportHeading.Of(parameters));
        foreach (var line in titleLines)
            layout.Paragraph(line, PdfTheme.Title, TextAlign.Center, spaceAfter: 1);
        layout.Paragraph($"({Wording.DateRange(scorecard.Period, ReportText.Culture)})", PdfTheme.Italic, TextAlign.Center, spaceAfter: 2);
        var status = scorecard.IsEmpty ? ReportText.NoData : scorecard.Provisional ? ReportText.Provisional : ReportText.T("Final");
        layout.Paragraph($"{ReportText.Scope(scorecard)} · {status}", PdfTheme.Body, TextAlign.Center, spaceAfter: 1);
        var filters = string.Join(" · ", parameters.Filters.Select(f => $"{f.Label}: {f.Value}"));
        if (filters.Length > 0) layout.Paragraph(filters, PdfTheme.Small, TextAlign.Center, spaceAfter: 1);
        layout.Paragraph(ReportText.MadeBy(parameters), PdfTheme.Small, TextAlign.Center, spaceAfter: 8);
    }

    public static void NoData(FlowLayout layout) =>
        layout.Paragraph(ReportText.T("NoDataForScope"), PdfTheme.Notice, TextAlign.Center, spaceAfter: 6);

    public static void Finish(FlowLayout layout, Scorecard scorecard, ReportParameters parameters, string title, string subject, Stream output) =>
        Finish(layout, parameters, title, subject, $"CCHC; {scorecard.PlanYear}; {scorecard.Period}; {scorecard.Scope}", output);

    /// <summary>"Trang X / Y" under every page, the document's metadata and language, then the file.</summary>
    public static void Finish(FlowLayout layout, ReportParameters parameters, string title, string subject, string keywords, Stream output)
    {
        layout.Footers((page, pages) => ReportText.T("Footer", page, pages), PdfTheme.Footer);
        var metadata = new SKDocumentPdfMetadata
        {
            Title = ReportText.Printable(title),
            Author = ReportText.Printable(parameters.GeneratedBy),
            Subject = ReportText.Printable(subject),
            Keywords = keywords,
            Creator = "HaNoi.ReformDashboard",
            Producer = "HaNoi.ReformDashboard (SkiaSharp PDF)",
            Creation = parameters.GeneratedAt.UtcDateTime,
            Modified = parameters.GeneratedAt.UtcDateTime,
        };
        using var buffer = new MemoryStream();
        PdfRenderer.Render(layout.Pages, metadata, buffer);
        // Skia's metadata has no language: the catalog gets /Lang (vi-VN, en-US) in an incremental update.
        PdfLanguage.Append(buffer, ReportText.Culture.Name);
        buffer.Position = 0;
        buffer.CopyTo(output);
    }
}
