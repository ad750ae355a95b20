using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Web.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace HaNoi.ReformDashboard.Web.Overview;

/// <summary>
/// A heatmap unit row (and the column headings) as HTML, written once per scorecard, view, language and unit and shared by every circuit that
/// shows it. A circuit keeps the render tree of what it shows: for hundreds of cells with their links and hover texts,
/// that tree was most of an idle Overview circuit's memory (issue 11); as one shared string per row it holds a
/// reference. The rows are links only (no handlers), so nothing is lost by not rendering them as components.
/// Written here rather than with Blazor's HtmlRenderer: no renderer, no services, no scope, and every value goes through
/// one encoder.
/// </summary>
public static class HeatmapMarkup
{
    // Only the characters HTML needs escaped; Vietnamese letters stay as they are (not &#x…; entities, which would
    // double the size of every name).
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    // The rows live as long as their scorecard: when the cache lets the scorecard go, its HTML goes too.
    private static readonly ConditionalWeakTable<Scorecard, ConcurrentDictionary<string, MarkupString>> ByScorecard = new();

    /// <summary>The row of <paramref name="unit"/>, from the shared rows of <paramref name="card"/> when already written.</summary>
    /// <param name="countedFromDossiers">The unit's figures of the six dossier indicators come from dossiers in the period: their cells also link to the dossiers.</param>
    public static MarkupString UnitRow(Scorecard card, ViewState view, UnitScorecard unit, IReadOnlyList<IndicatorInfo> columns,
        IReadOnlyDictionary<(string UnitCode, string IndicatorCode), Explanation> explanations, IStringLocalizer l, bool countedFromDossiers = false)
    {
        var rows = ByScorecard.GetValue(card, _ => new ConcurrentDictionary<string, MarkupString>(StringComparer.Ordinal));
        var key = $"{CultureInfo.CurrentCulture.Name}|{CultureInfo.CurrentUICulture.Name}|{view.Query}|{unit.Unit.Code}|{(countedFromDossiers ? "d" : "")}";
        return rows.GetOrAdd(key, _ => new MarkupString(Write(view, unit, columns, explanations, l, countedFromDossiers)));
    }

    /// <summary>
    /// The column headings (a link per indicator, its full name for hover and focus), shared like the rows: they depend
    /// on the scorecard, the view and the language only.
    /// </summary>
    public static MarkupString Head(Scorecard card, ViewState view, IReadOnlyList<IndicatorInfo> columns, IStringLocalizer l)
    {
        var rows = ByScorecard.GetValue(card, _ => new ConcurrentDictionary<string, MarkupString>(StringComparer.Ordinal));
        var key = $"head|{CultureInfo.CurrentCulture.Name}|{CultureInfo.CurrentUICulture.Name}|{view.Query}"; // rows' keys start with a culture
        return rows.GetOrAdd(key, _ => new MarkupString(WriteHead(view, columns, l)));
    }

    private static string WriteHead(ViewState view, IReadOnlyList<IndicatorInfo> columns, IStringLocalizer l)
    {
        var html = new StringBuilder(128 + columns.Count * 320);
        html.Append("<thead><tr><th scope=\"col\" class=\"heatmap-unit\">").Append(Encode(l["Unit"])).Append("</th>");
        foreach (var indicator in columns)
        {
            var nameId = Encode($"heatmap-col-name-{indicator.Code}");
            html.Append("<th scope=\"col\" class=\"heatmap-col\"><a href=\"").Append(Encode(view.Href($"indicators/{indicator.Code}")))
                .Append("\" data-testid=\"").Append(Encode($"heatmap-col-{indicator.Code}"))
                .Append("\" aria-describedby=\"").Append(nameId).Append("\">").Append(Encode(ShortName(indicator, l))).Append("</a>")
                .Append("<span class=\"heatmap-col-name\" role=\"tooltip\" id=\"").Append(nameId).Append("\">")
                .Append(Encode(Names.Of(indicator))).Append("</span></th>");
        }
        return html.Append("</tr></thead>").ToString();
    }

    /// <summary>The indicator's short name for a column, its code where the resources have none.</summary>
    private static string ShortName(IndicatorInfo indicator, IStringLocalizer l)
    {
        var text = l[$"IndicatorShort_{indicator.Code}"];
        return text.ResourceNotFound ? indicator.Code : text.Value;
    }

    private static string Write(ViewState view, UnitScorecard unit, IReadOnlyList<IndicatorInfo> columns,
        IReadOnlyDictionary<(string UnitCode, string IndicatorCode), Explanation> explanations, IStringLocalizer l, bool countedFromDossiers)
    {
        var html = new StringBuilder(256 + columns.Count * 640);
        var name = Names.Of(unit.Unit);
        html.Append("<tr data-testid=\"").Append(Encode($"heatmap-row-{unit.Unit.Code}")).Append("\">")
            .Append("<th scope=\"row\" class=\"heatmap-unit\"><a href=\"").Append(Encode(view.Href($"units/{unit.Unit.Code}")))
            .Append("\" title=\"").Append(Encode(name)).Append("\">").Append(Encode(name)).Append("</a></th>");
        foreach (var indicator in columns)
        {
            var cell = unit.For(indicator.Code);
            var status = cell?.Score.Status ?? Status.NoData;
            var explanation = status is Status.Missed or Status.AtRisk ? explanations.GetValueOrDefault((unit.Unit.Code, indicator.Code)) : null;
            var describe = Encode(Describe(unit, indicator, cell, status, explanation, l));
            var dossiers = countedFromDossiers && cell?.Score.Value is not null && global::HaNoi.ReformDashboard.Data.Dossiers.DossierIndicators.IsDerived(indicator.Code);
            html.Append("<td class=\"heat-cell ").Append(Encode(StatusStyle.CssClass(status))).Append(dossiers ? " has-dossiers" : "")
                .Append("\" data-testid=\"").Append(Encode($"heatmap-cell-{unit.Unit.Code}-{indicator.Code}"))
                .Append("\" data-status=\"").Append(Encode(status.ToCode())).Append('"');
            if (explanation is not null) html.Append(" data-explained=\"true\"");
            html.Append("><a href=\"").Append(Encode(view.Href($"units/{unit.Unit.Code}/indicators/{indicator.Code}")))
                .Append("\" title=\"").Append(describe).Append("\">")
                .Append("<svg class=\"heat-icon\" aria-hidden=\"true\" focusable=\"false\"><use href=\"#").Append(IconId(status)).Append("\"/></svg>")
                .Append("<span>").Append(Encode(Figures.Value(indicator, cell?.Score.Value))).Append("</span>")
                // The link reads as value and status; the hover text (title) is its description.
                .Append("<span class=\"visually-hidden\">").Append(Encode(Figures.Status(status))).Append("</span>");
            if (explanation is not null) html.Append("<span class=\"heat-explained\" aria-hidden=\"true\">*</span>");
            html.Append("</a>");
            if (dossiers)
            {
                // A second, small link: the dossiers counted in the figure (a plain link, so it opens in a new tab too).
                var title = Encode($"{l["DossierLinkTitle"]}: {Names.Of(unit.Unit)} · {Names.Of(indicator)}");
                html.Append("<a class=\"heat-dossiers\" href=\"")
                    .Append(Encode(global::HaNoi.ReformDashboard.Web.Dossiers.DossierListAddress.Path(unit.Unit.Code, indicator.Code) + "?period=" + view.Period))
                    .Append("\" title=\"").Append(title).Append("\" data-testid=\"").Append(Encode($"heatmap-dossiers-{unit.Unit.Code}-{indicator.Code}")).Append("\">")
                    .Append("<svg class=\"heat-dossiers-icon\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" focusable=\"false\"><path d=\"M3 13h2v-2H3v2zm0 4h2v-2H3v2zm0-8h2V7H3v2zm4 4h14v-2H7v2zm0 4h14v-2H7v2zM7 7v2h14V7H7z\"/></svg>")
                    .Append("<span class=\"visually-hidden\">").Append(title).Append("</span></a>");
            }
            html.Append("</td>");
        }
        return html.Append("</tr>").ToString();
    }

    private static string Encode(string text) => Encoder.Encode(text);

    /// <summary>
    /// The id of a status icon in the heatmap's <see cref="IconSprite"/>: each cell refers to it rather than repeating
    /// the icon's path (a sixth of the page's HTML at 600 cells).
    /// </summary>
    public static string IconId(Status status) => "heat-icon-" + status.ToCode();

    /// <summary>The status icons once, as SVG symbols (MudBlazor's paths: constants of the library, not data).</summary>
    public static MarkupString IconSprite { get; } = new(
        "<svg class=\"heat-icon-sprite\" aria-hidden=\"true\" focusable=\"false\"><defs>" +
        string.Concat(Enum.GetValues<Status>().Select(s => $"<symbol id=\"{IconId(s)}\" viewBox=\"0 0 24 24\">{StatusStyle.Icon(s)}</symbol>")) +
        "</defs></svg>");

    /// <summary>The hover text: unit, indicator, value, target, gap and status in words, and the cause the unit gave for a miss.</summary>
    public static string Describe(UnitScorecard unit, IndicatorInfo indicator, ScoredIndicator? cell, Status status, Explanation? explanation, IStringLocalizer l) =>
        $"{Names.Of(unit.Unit)} · {Names.Of(indicator)}: {Figures.Value(indicator, cell?.Score.Value)} · " +
        $"{l["Target"]} {Figures.Target(indicator, cell?.Score.Target)} · {l["Gap"]} {Figures.Gap(indicator, cell?.Score.Gap)} · " +
        Figures.Status(status) + (explanation is null ? "" : " · " + l["ExplanationTooltip", Shortened(explanation.Cause)]);

    /// <summary>A tooltip line, not the whole text (the unit page has it); an attribute cannot isolate a direction override, so none stays.</summary>
    private static string Shortened(string text)
    {
        const int max = 160;
        var printable = global::HaNoi.ReformDashboard.Reports.ReportText.Printable(text).ReplaceLineEndings(" ");
        return printable.Length <= max ? printable : printable[..max].TrimEnd() + "…";
    }
}
