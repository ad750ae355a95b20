using System.Globalization;
using System.Resources;
using HaNoi.ReformDashboard.Data.Assessment;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Presentation;

namespace HaNoi.ReformDashboard.Reports.Assessment;

/// <summary>
/// What the office's published annex of a year's index for one block says (issue 23), worded once in the report's
/// language: the administrative heading, the title, the column headers, one line per unit in rank order (STT, unit,
/// appraised score, survey score, total, index %, rank), the note and who made it. The workbook, the PDF and the Word
/// document only lay it out (<see cref="AnnexWorkbook"/>, <see cref="AnnexPdf"/>, <see cref="AnnexDocx"/>).
/// </summary>
public sealed record AnnexContent(
    ReportHeading Heading, string Title, string SheetName, IReadOnlyList<string> Header, IReadOnlyList<AnnexLine> Lines, string Empty, string Note, string MadeBy)
{
    private static readonly ResourceManager Text = new("HaNoi.ReformDashboard.Reports.Assessment.AnnexText", typeof(AnnexContent).Assembly);

    /// <summary>A text of AnnexText.resx in the report's language.</summary>
    public static string T(string key) => T(key, ReportText.Culture);

    private static string T(string key, CultureInfo culture) =>
        Text.GetString(key, culture) ?? throw new InvalidOperationException($"The annex text '{key}' is missing.");

    /// <summary>"… / …": a message in Vietnamese then English, for answers that reach a user before a language is known.</summary>
    public static string Bilingual(string key) => $"{T(key, FigureFormat.Vietnamese)} / {T(key, CultureInfo.GetCultureInfo("en-US"))}";

    private static string TitleOf(int year, UnitLevel block) => string.Format(ReportText.Culture, T("Title"), year, T("Block_" + block.ToCode()));

    /// <summary>The annex of <paramref name="ranking"/>, in the language <see cref="ReportText.In"/> set.</summary>
    public static AnnexContent Of(BlockRanking ranking, ReportParameters parameters)
    {
        // The dated line and "made at" in Hanoi's time, whatever the clock's zone (the web passes UTC).
        parameters = parameters with { GeneratedAt = parameters.GeneratedAt.ToOffset(HanoiOffset) };
        var lines = ranking.Rows
            .Select((r, i) => new AnnexLine(i + 1, Wording.Pick(ReportText.Culture, r.Unit.NameVi, r.Unit.NameEn), r.Appraised, r.Survey, r.Total, r.IndexPercent, r.Rank))
            .ToList();
        return new(ReportHeading.Of(parameters), TitleOf(ranking.Year, ranking.Block), T("Sheet"),
            [T("Stt"), T("Unit"), T("Appraised"), T("Survey"), T("Total"), T("Index"), T("Rank")],
            lines, T("Empty"), T("Note"), ReportText.MadeBy(parameters));
    }

    private static readonly TimeSpan HanoiOffset = TimeSpan.FromHours(7);
}

/// <summary>One unit's line of the annex; <see cref="Cells"/> words it for the PDF and the Word document.</summary>
public sealed record AnnexLine(int Stt, string Unit, decimal Appraised, decimal? Survey, decimal Total, decimal IndexPercent, int Rank)
{
    /// <summary>The seven cells as text: scores at two decimals in the culture's notation, a missing survey score "—" (never 0).</summary>
    public string[] Cells(CultureInfo culture) =>
    [
        Stt.ToString(culture), Unit, FigureFormat.Score(Appraised, culture), FigureFormat.Score(Survey, culture),
        FigureFormat.Score(Total, culture), FigureFormat.Score(IndexPercent, culture), Rank.ToString(culture),
    ];
}
