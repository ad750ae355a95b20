using HaNoi.ReformDashboard.Data.Dossiers;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Presentation;
using HaNoi.ReformDashboard.Domain.Scoring;
using HaNoi.ReformDashboard.Reports.Pdf.Layout;
using SkiaSharp;

namespace HaNoi.ReformDashboard.Reports.Pdf;

/// <summary>
/// The leaders' one-page brief of the city or of one unit: the score with its rank, percentile and change since
/// the previous like period; the pillar scores; the headline indicators; "Ba việc cần chú ý" — the three
/// shortfalls that cost the score most, with their explanation and run-rate; the provisional caveat.
/// Always one A4 page: explanations are shortened, line by line, until it fits.
/// </summary>
public static class BriefPdf
{
    private const int Watched = 3;
    private static readonly int[] ExplanationLines = [4, 3, 2, 1, 0];

    public static void Write(ReportSource source, ReportParameters parameters, Stream output)
    {
        using var language = ReportText.In(parameters.Language);
        var card = source.Scorecard;
        var subject = BriefSubject.Of(source);
        var period = Wording.Period(card.Period, ReportText.Culture);
        OfficialHeading.Finish(Layout(source, parameters), card, parameters,
            ReportText.T("BriefDocTitle", subject.Name, period),
            $"{ReportText.Scope(card)}; {Wording.DateRange(card.Period, ReportText.Culture)}", output);
    }

    internal static FlowLayout Layout(ReportSource source, ReportParameters parameters)
    {
        foreach (var lines in ExplanationLines)
        {
            var layout = Build(source, parameters, lines);
            if (layout.Pages.Count == 1) return layout;
        }
        // Last, without the links' note (a page that only just fits).
        if (parameters.LinkBase is not null && Build(source, parameters with { LinkBase = null }, 0) is { Pages.Count: 1 } plain) return plain;
        throw new InvalidOperationException($"The brief of {source.Scorecard.Scope} for {source.Scorecard.Period} does not fit on one page.");
    }

    private static FlowLayout Build(ReportSource source, ReportParameters parameters, int explanationLines)
    {
        var card = source.Scorecard;
        var subject = BriefSubject.Of(source);
        var layout = PdfTheme.NewPortraitLayout();
        OfficialHeading.Add(layout, card, parameters, [ReportText.T("BriefTitle"), $"{subject.Name} — {Wording.Period(card.Period, ReportText.Culture)}"]);
        if (card.IsEmpty)
        {
            OfficialHeading.NoData(layout);
            return layout;
        }

        Tiles(layout, subject, source.Previous);
        Section(layout, ReportText.T("BriefPillars"));
        layout.Table(Pillars(card, subject), spaceAfter: 4);
        var headlines = HeadlineTable(card, subject);
        if (headlines.Rows.Count > 0)
        {
            Section(layout, ReportText.T("BriefHeadlines"));
            layout.Table(headlines, spaceAfter: 4);
        }
        Section(layout, ReportText.T("BriefAttention"));
        Attention(layout, card, subject, explanationLines, parameters.LinkBase);
        if (source.Overdue is { } overdue)
            layout.Paragraph(ReportText.T("BriefOverdue", FigureFormat.Date(overdue.AsOf, ReportText.Culture), overdue.Count.ToString("N0", ReportText.Culture)),
                PdfTheme.Body, spaceAfter: 1);
        layout.Space(4);
        layout.Paragraph(Caveat(card, subject), card.Provisional ? PdfTheme.Strong : PdfTheme.Body, spaceAfter: 2);
        layout.Paragraph(ReportText.T("BriefScoreRule"), PdfTheme.Small, spaceAfter: 0);
        return layout;
    }

    private static void Section(FlowLayout layout, string title)
    {
        layout.Space(2);
        layout.Paragraph(title, PdfTheme.Section, spaceAfter: 3);
    }

    /// <summary>Four boxes across the page: score, rank, percentile, change.</summary>
    private static void Tiles(FlowLayout layout, BriefSubject subject, Scorecard? previous)
    {
        var culture = ReportText.Culture;
        var tally = subject.Cells.Counts();
        var counts = string.Join(" · ", new[] { Status.Met, Status.AtRisk, Status.Missed }
            .Select(s => $"{ReportText.Status(s)} {tally[s].ToString(culture)}"));
        var ranked = subject.Level is { } level;
        var before = previous is null ? null : Wording.Period(previous.Period, culture);
        var change = Changes.Between(subject.PreviousScore, subject.Score);
        (string Label, string Value, string Note)[] tiles =
        [
            (ReportText.T("BriefScore"), ReportText.Score(subject.Score) + ReportText.T("BriefOutOf"), counts),
            (ReportText.T("BriefRank"), ranked ? ReportText.Rank(subject.Rank, subject.Peers) : FigureFormat.Missing,
                ranked ? ReportText.T("BriefRankAmong", subject.Peers, ReportText.Level(subject.Level!.Value)) : ReportText.T("BriefCityNotRanked")),
            (ReportText.T("BriefPercentile"), Wording.PercentileNumber(subject.Percentile, culture), ReportText.Percentile(subject.Percentile)),
            (ReportText.T("BriefChange"), ReportText.T("BriefPoints", FigureFormat.Signed(change, culture)),
                subject.PreviousScore is null
                    ? ReportText.T("BriefNoPrevious", before ?? FigureFormat.Missing)
                    : ReportText.T("BriefChangeNote", before, ReportText.Score(subject.PreviousScore))),
        ];

        const float gutter = 6f, padding = 4f;
        var content = layout.Content;
        var width = (content.Width - gutter * (tiles.Length - 1)) / tiles.Length;
        var inner = width - 2 * padding;
        var height = tiles.Max(t => PdfTheme.Small.LineHeight + layout.Measure(t.Value, PdfTheme.Figure, inner) + layout.Measure(t.Note, PdfTheme.Small, inner)) + 2 * padding;
        var top = layout.Y;
        for (var i = 0; i < tiles.Length; i++)
        {
            var x = content.Left + i * (width + gutter);
            layout.Current.Elements.Add(new BoxElement(new SKRect(x, top, x + width, top + height), PdfTheme.TileFill, PdfTheme.TileBorder));
            var y = top + padding;
            y += layout.TextBox(tiles[i].Label, PdfTheme.Small, x + padding, y, inner, TextAlign.Left);
            y += layout.TextBox(tiles[i].Value, PdfTheme.Figure, x + padding, y, inner, TextAlign.Left);
            layout.TextBox(tiles[i].Note, PdfTheme.Small, x + padding, y, inner, TextAlign.Left);
        }
        layout.Advance(height);
        layout.Space(6);
    }

    private static Table Pillars(Scorecard card, BriefSubject subject)
    {
        var table = PdfTheme.NewTable(new(ReportText.T("Col_Pillar"), 32), new(ReportText.T("Col_Indicators"), 8, TextAlign.Right),
            new(ReportText.Status(Status.Met), 6, TextAlign.Right), new(ReportText.Status(Status.AtRisk), 7, TextAlign.Right),
            new(ReportText.Status(Status.Missed), 7, TextAlign.Right), new(ReportText.T("Col_Score"), 6, TextAlign.Right));
        var culture = ReportText.Culture;
        // The subject's pillars: those it has figures in (its level's indicators), as on the overview.
        foreach (var line in ScorecardSummary.Pillars(card, subject.Cells, subject.Pillars).Where(l => l.Counts.Total > 0))
        {
            table.Add(ReportText.Name(line.Pillar), line.Counts.Total.ToString(culture), line.Counts.Met.ToString(culture),
                line.Counts.AtRisk.ToString(culture), line.Counts.Missed.ToString(culture), ReportText.Score(line.Score));
        }
        return table;
    }

    private static Table HeadlineTable(Scorecard card, BriefSubject subject)
    {
        var table = PdfTheme.NewTable(new(ReportText.T("Col_Indicator"), 30), new(ReportText.T("Col_Value"), 7, TextAlign.Right),
            new(ReportText.T("Col_Target"), 8, TextAlign.Right), new(ReportText.T("Col_Gap"), 6.5f, TextAlign.Right),
            new(ReportText.T("Col_Change"), 6.5f, TextAlign.Right), new(ReportText.T("Col_Status"), 10));
        foreach (var indicator in card.Headline)
        {
            if (subject.For(indicator.Code) is not { } cell) continue;
            table.Add(ReportText.Name(indicator), ReportText.Value(indicator.Kind, cell.Score.Value), ReportText.Target(indicator.Kind, cell.Score.Target),
                ReportText.Gap(indicator.Kind, cell.Score.Gap), ReportText.Change(indicator.Kind, cell.Change),
                PdfTheme.StatusCell(cell.Score.Status));
        }
        return table;
    }

    private static void Attention(FlowLayout layout, Scorecard card, BriefSubject subject, int explanationLines, Uri? linkBase)
    {
        var order = card.Indicators.Select((indicator, i) => (indicator.Code, i)).ToDictionary(x => x.Code, x => x.i);
        var watched = subject.Cells.Where(c => c.PointsLost > 0m)
            .OrderByDescending(c => c.PointsLost).ThenBy(c => order[c.IndicatorCode]).Take(Watched).ToList();
        if (watched.Count == 0)
        {
            layout.Paragraph(ReportText.T("BriefNothingToWatch"), PdfTheme.Body);
            return;
        }
        // A figure counted from dossiers links to them: its name, in blue, is the link (no line more on a full page).
        Uri? LinkOf(string indicatorCode) => linkBase is not null && DossierLink(card, subject, indicatorCode) is { } path ? new Uri(linkBase, path) : null;
        var linked = watched.Any(c => LinkOf(c.IndicatorCode) is not null);
        layout.Paragraph(ReportText.T("BriefAttentionNote") + (linked ? " " + ReportText.T(subject.Level is null ? "BriefDossierLinkNoteCity" : "BriefDossierLinkNote") : ""),
            PdfTheme.Small, spaceAfter: 2);
        const float indent = 12f;
        var n = 0;
        foreach (var cell in watched)
        {
            var indicator = card.Indicator(cell.IndicatorCode);
            var value = ReportText.Value(indicator.Kind, cell.Score.Value);
            var target = ReportText.Target(indicator.Kind, cell.Score.Target);
            var gap = ReportText.Gap(indicator.Kind, cell.Score.Gap);
            var lost = FigureFormat.Number(cell.PointsLost, ReportText.Culture, 2);
            var runRate = ReportText.RunRate(cell.RunRate, card.Period);
            var title = $"{++n}. {ReportText.Name(indicator)}";
            if (LinkOf(cell.IndicatorCode) is { } link) layout.Link(title, link, PdfTheme.StrongLink, spaceAfter: 1);
            else layout.Paragraph(title, PdfTheme.Strong, spaceAfter: 1);
            layout.Paragraph(runRate is null
                ? ReportText.T("BriefAttentionNoRunRate", value, target, gap, lost)
                : ReportText.T("BriefAttentionLine", value, target, gap, lost, runRate), PdfTheme.Body, spaceAfter: 1, indent: indent);
            var explanation = subject.UnitCode is null ? null : card.ExplanationOf(subject.UnitCode, cell.IndicatorCode);
            if (explanation is null)
                layout.Paragraph(ReportText.T("BriefNoExplanation"), PdfTheme.Italic, spaceAfter: 3, indent: indent);
            else if (explanationLines > 0)
                layout.Paragraph(Shortened(ReportText.T("BriefExplanation", string.Join(" · ", ReportText.ExplanationParts(explanation)), explanation.Author), PdfTheme.Italic, layout.Content.Width - indent, explanationLines),
                    PdfTheme.Italic, spaceAfter: 3, indent: indent);
        }
    }

    /// <summary>
    /// Where a figure counted from dossiers opens on the dashboard: a unit's to the dossiers behind it (the misses first),
    /// the city's to the indicator's page (its units, each with its dossiers, and the procedures behind the misses).
    /// Null for the other figures.
    /// </summary>
    internal static string? DossierLink(Scorecard card, BriefSubject subject, string indicatorCode)
    {
        if (!DossierIndicators.IsDerived(indicatorCode)) return null;
        var period = Uri.EscapeDataString(card.Period.ToString());
        return subject.Level is null
            ? $"indicators/{Uri.EscapeDataString(indicatorCode)}?year={card.PlanYear}&period={period}"
            : $"units/{Uri.EscapeDataString(subject.UnitCode!)}/indicators/{Uri.EscapeDataString(indicatorCode)}/dossiers?period={period}";
    }

    /// <summary>The first <paramref name="lines"/> lines of the text, the last ending in "…" when some was cut.</summary>
    private static string Shortened(string text, TextStyle style, float width, int lines)
    {
        var wrapped = TextWrap.Lines(text, style, width);
        if (wrapped.Count <= lines) return text;
        var last = wrapped[lines - 1];
        while (last.Length > 0 && style.Measure(last + " …") > width) last = last[..^1];
        return string.Join(" ", wrapped.Take(lines - 1).Append(last.TrimEnd() + " …"));
    }

    private static string Caveat(Scorecard card, BriefSubject subject)
    {
        var share = subject.ReportsExpected == 0 ? null : (decimal?)(100m * subject.ReportsReceived / subject.ReportsExpected);
        var received = FigureFormat.Number(subject.ReportsReceived, ReportText.Culture);
        var expected = FigureFormat.Number(subject.ReportsExpected, ReportText.Culture);
        return card.Provisional
            ? ReportText.T("BriefCaveatProvisional", received, expected, FigureFormat.Percent(share, ReportText.Culture))
            : ReportText.T("BriefCaveatFinal", received, expected);
    }
}

/// <summary>Whom a brief is about — one unit, or the city — with the engine's figures for it.</summary>
internal sealed record BriefSubject(
    string Name, UnitLevel? Level, string? UnitCode, decimal? Score, int? Rank, int Peers, decimal? Percentile, decimal? PreviousScore,
    IReadOnlyList<PillarScore> Pillars, IReadOnlyList<ScoredIndicator> Cells, int ReportsExpected, int ReportsReceived)
{
    public ScoredIndicator? For(string indicatorCode) => Cells.FirstOrDefault(c => c.IndicatorCode == indicatorCode);

    public static BriefSubject Of(ReportSource source)
    {
        var card = source.Scorecard;
        if (card.Scope.UnitCode is { } code && card.Unit(code) is { } unit)
        {
            return new(ReportText.Name(unit.Unit), unit.Unit.Level, code, unit.Score, unit.Rank, unit.RankedPeers, unit.Percentile,
                source.Previous?.Unit(code)?.Score, unit.Pillars, unit.Indicators, unit.ReportsExpected, unit.ReportsReceived);
        }
        var name = card.CityCode is { } city && card.Unit(city) is { } hanoi ? ReportText.Name(hanoi.Unit) : ReportText.T("Scope_City");
        return new(name, null, card.CityCode, card.CityScore, null, 0, null, source.Previous?.CityScore,
            card.CityPillars, card.City.Indicators, card.ReportsExpected, card.ReportsReceived);
    }
}
