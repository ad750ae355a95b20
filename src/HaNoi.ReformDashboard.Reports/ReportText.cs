using HaNoi.ReformDashboard.Data.Catalogue;
using System.Globalization;
using System.Resources;
using System.Text;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Domain.Presentation;
using HaNoi.ReformDashboard.Domain.Scoring;

namespace HaNoi.ReformDashboard.Reports;

/// <summary>
/// The wording shared by the workbook, the PDFs and the Word report, in the report's language (Vietnamese by
/// default, or English), from Resources/ReportStrings.resx and ReportStrings.en.resx. Figures are turned into text by
/// <see cref="FigureFormat"/> and the words around them by <see cref="Wording"/>, as on the screens.
/// </summary>
public static class ReportText
{
    private static readonly ResourceManager Strings = new("HaNoi.ReformDashboard.Reports.Resources.ReportStrings", typeof(ReportText).Assembly);

    // The language of the report being written; a report sets it for the time it writes (see In).
    private static readonly AsyncLocal<CultureInfo?> Language = new();

    public static CultureInfo Culture => Language.Value ?? FigureFormat.Vietnamese;

    /// <summary>Writes what follows in <paramref name="culture"/> until disposed.</summary>
    public static IDisposable In(CultureInfo culture)
    {
        var previous = Language.Value;
        Language.Value = culture;
        return new Restore(() => Language.Value = previous);
    }

    /// <summary>A text of the resource files in the report's language.</summary>
    public static string T(string key) =>
        Strings.GetString(key, Culture) ?? throw new InvalidOperationException($"The report text '{key}' is missing.");

    public static string T(string key, params object?[] args) => string.Format(Culture, T(key), args);

    /// <summary>A text in Vietnamese whatever the report's language: a download's name is Vietnamese (with an ASCII fallback).</summary>
    public static string Vietnamese(string key, params object?[] args) =>
        string.Format(FigureFormat.Vietnamese, Strings.GetString(key, FigureFormat.Vietnamese) ?? throw new InvalidOperationException($"The report text '{key}' is missing."), args);

    public static string Name(IndicatorInfo indicator) => Wording.Pick(Culture, indicator.NameVi, indicator.NameEn);
    public static string Name(UnitInfo unit) => Wording.Pick(Culture, unit.NameVi, unit.NameEn);
    public static string Name(PillarInfo pillar) => Wording.Pick(Culture, pillar.NameVi, pillar.NameEn);

    /// <summary>A few words for chart labels ("Hồ sơ trực tuyến"); the code when the catalogue's indicator has none.</summary>
    public static string ShortName(IndicatorInfo indicator) => Strings.GetString("Short_" + indicator.Code, Culture) ?? indicator.Code;

    public static string NoData => T("NoData");
    public static string Nation => T("Nation");
    public static string Motto => T("Motto");
    public static string Provisional => T("Provisional");

    public static string IssuingBody(ReportParameters parameters) => parameters.IssuingBody ?? T("IssuingBody");

    public static string Title(int planYear) => T("ReportTitle", planYear);

    /// <summary>Status is never colour alone (docs/scoring.md): a mark and a word go with the fill ("✓ Đạt").</summary>
    public static string Status(Status status) => Wording.MarkedStatus(status, Culture);

    /// <summary>Fill colours (RGB hex) with dark text on them: green, amber, red, grey, white.</summary>
    public static string StatusFill(Status status) => status switch
    {
        Domain.Catalogue.Status.Met => "C6EFCE",
        Domain.Catalogue.Status.AtRisk => "FFEB9C",
        Domain.Catalogue.Status.Missed => "FFC7CE",
        Domain.Catalogue.Status.NoData => "D9D9D9",
        _ => "F2F2F2",
    };

    public static string Level(UnitLevel level) => Wording.Level(level, Culture);

    public static string Scope(Scorecard scorecard) => scorecard.Scope switch
    {
        { UnitCode: { } code } => T("Scope_Unit", scorecard.Unit(code) is { } unit ? Name(unit.Unit) : code, code),
        { Level: { } level } => T("Scope_Level", Level(level)),
        _ => T("Scope_City"),
    };

    /// <summary>The one wording of a target (<see cref="Wording.Target"/>): "&gt; 99,00 %", "≤ 10", "Hoàn thành", "Phấn đấu ≥ 86,00 %".</summary>
    public static string Target(IndicatorKind kind, Target? target) => Wording.Target(kind, target, Culture);

    public static string Value(IndicatorKind kind, decimal? value) => FigureFormat.Value(kind, value, Culture);

    /// <summary>The shortfall with its unit, as on the screens: "+1,25 điểm %", "+3 bậc"; a dash for a milestone.</summary>
    public static string Gap(IndicatorKind kind, decimal? gap) => Wording.Gap(kind, gap, Culture);

    /// <summary>The change against the previous like period, with its unit: "+0,42 điểm %".</summary>
    public static string Change(IndicatorKind kind, decimal? change) => Wording.Change(kind, change, Culture);

    public static string Count(decimal? value) => FigureFormat.Number(value, Culture);

    public static string Score(decimal? score) => FigureFormat.Score(score, Culture);

    public static string Rank(int? rank, int peers) => Wording.Rank(rank, peers, Culture);

    public static string Percentile(decimal? percentile) => Wording.Percentile(percentile, Culture);

    public static string Period(Period period) => Wording.Period(period, Culture);

    /// <summary>"Hà Nội, ngày 05 tháng 01 năm 2023", the dated line under the national motto.</summary>
    public static string DatedLine(ReportParameters parameters)
    {
        var at = parameters.GeneratedAt;
        return T("DatedLine", parameters.Place ?? T("Place"), at.Day, at.Month, at.Year, at);
    }

    public static string Timestamp(DateTimeOffset at) => at.ToString(T("TimestampFormat"), Culture);

    /// <summary>"Lập lúc 09:30 ngày 05/01/2023 bởi …".</summary>
    public static string MadeBy(ReportParameters parameters) => T("MadeBy", parameters.GeneratedAt, parameters.GeneratedBy);

    /// <summary>What the rest of the year needs (<see cref="Wording.RunRate"/>), or null when the run-rate does not apply.</summary>
    public static string? RunRate(RunRate runRate, Period period) => Wording.RunRate(runRate, period, Culture);

    /// <summary>An explanation's cause, remedy and expected date, labelled, in the report's language (one sentence each);
    /// one written before remedies and dates were asked for shows what it has.</summary>
    public static IEnumerable<string> ExplanationParts(Explanation explanation)
    {
        yield return T("Expl_Cause", explanation.Cause);
        if (explanation.Remedy.Length > 0) yield return T("Expl_Remedy", explanation.Remedy);
        if (explanation.ExpectedBy is { } date) yield return T("Expl_ExpectedBy", FigureFormat.Date(date, Culture));
    }

    /// <summary>
    /// Text as every report prints it (workbook cells, PDF and Word): composed form (NFC), one glyph per letter, as DejaVu
    /// Sans draws Vietnamese best and readers search it; and without bidirectional controls (embeddings, overrides,
    /// isolates, the LRM/RLM/ALM marks), so a unit name or an explanation typed with a right-to-left override cannot
    /// reorder what a reader sees. Everything else stays as typed ("&lt;script&gt;" is just text).
    /// </summary>
    public static string Printable(string text)
    {
        var composed = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        return composed.AsSpan().IndexOfAny(BidiControls) < 0 ? composed : string.Concat(composed.Where(c => !BidiControls.Contains(c)));
    }

    private static readonly System.Buffers.SearchValues<char> BidiControls =
        System.Buffers.SearchValues.Create("\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
