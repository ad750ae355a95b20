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
/// default, or English), from Resources/ReportStrings.resx and ReportStrings.en.resx. Figures themselves are turned
/// into text only by <see cref="FigureFormat"/>; this class adds the words around them.
/// </summary>
public static class ReportText
{
    private static readonly ResourceManager Strings = new("HaNoi.ReformDashboard.Reports.Resources.ReportStrings", typeof(ReportText).Assembly);

    // The language of the report being written; a report sets it for the time it writes (see In).
    private static readonly AsyncLocal<CultureInfo?> Language = new();

    public static CultureInfo Culture => Language.Value ?? FigureFormat.Vietnamese;

    public static bool English => Culture.TwoLetterISOLanguageName == "en";

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

    public static string Name(IndicatorInfo indicator) => English ? indicator.NameEn : indicator.NameVi;
    public static string Name(UnitInfo unit) => English ? unit.NameEn : unit.NameVi;
    public static string Name(PillarInfo pillar) => English ? pillar.NameEn : pillar.NameVi;

    /// <summary>A few words for chart labels ("Hồ sơ trực tuyến"); the code when the catalogue's indicator has none.</summary>
    public static string ShortName(IndicatorInfo indicator) => Strings.GetString("Short_" + indicator.Code, Culture) ?? indicator.Code;

    public static string NoData => T("NoData");
    public static string Nation => T("Nation");
    public static string Motto => T("Motto");
    public static string Provisional => T("Provisional");

    public static string IssuingBody(ReportParameters parameters) => parameters.IssuingBody ?? T("IssuingBody");

    public static string Title(int planYear) => T("ReportTitle", planYear);

    /// <summary>Status is never colour alone (DESIGN §3.4): a mark and a word go with the fill.</summary>
    public static string Status(Status status) => T("Status_" + status.ToCode());

    /// <summary>Fill colours (RGB hex) with dark text on them: green, amber, red, grey, white.</summary>
    public static string StatusFill(Status status) => status switch
    {
        Domain.Catalogue.Status.Met => "C6EFCE",
        Domain.Catalogue.Status.AtRisk => "FFEB9C",
        Domain.Catalogue.Status.Missed => "FFC7CE",
        Domain.Catalogue.Status.NoData => "D9D9D9",
        _ => "F2F2F2",
    };

    public static string Level(UnitLevel level) => T("Level_" + level.ToCode());

    public static string Scope(Scorecard scorecard) => scorecard.Scope switch
    {
        { UnitCode: { } code } => T("Scope_Unit", scorecard.Unit(code) is { } unit ? Name(unit.Unit) : code, code),
        { Level: { } level } => T("Scope_Level", Level(level)),
        _ => T("Scope_City"),
    };

    /// <summary>"> 99,00 %", "≤ 10", "Hoàn thành"; aspirational targets say "phấn đấu".</summary>
    public static string Target(IndicatorKind kind, Target? target)
    {
        if (target is null) return FigureFormat.Missing;
        var text = kind == IndicatorKind.Milestone
            ? T("TargetDone")
            : $"{FigureFormat.Symbol(target.Operator)} {FigureFormat.Value(kind, target.Threshold, Culture)}";
        return target.Aspirational ? T("Aspirational", text) : text;
    }

    public static string Value(IndicatorKind kind, decimal? value) => FigureFormat.Value(kind, value, Culture);

    /// <summary>A gap in percentage points (places for a rank).</summary>
    public static string Gap(IndicatorKind kind, decimal? gap) =>
        kind == IndicatorKind.Milestone ? FigureFormat.Missing : FigureFormat.Signed(gap, Culture, kind == IndicatorKind.Rank ? 0 : 2);

    public static string Count(decimal? value) => FigureFormat.Number(value, Culture);

    public static string Score(decimal? score) => FigureFormat.Score(score, Culture);

    public static string Rank(int? rank, int peers) => rank is int r ? $"{r}/{peers}" : FigureFormat.Missing;

    /// <summary>"Hà Nội, ngày 05 tháng 01 năm 2023", the dated line under the national motto.</summary>
    public static string DatedLine(ReportParameters parameters)
    {
        var at = parameters.GeneratedAt;
        return T("DatedLine", parameters.Place ?? T("Place"), at.Day, at.Month, at.Year, at);
    }

    public static string Timestamp(DateTimeOffset at) => at.ToString(English ? "HH:mm, d MMMM yyyy" : "HH:mm 'ngày' dd/MM/yyyy", Culture);

    /// <summary>"Lập lúc 09:30 ngày 05/01/2023 bởi …".</summary>
    public static string MadeBy(ReportParameters parameters) => T("MadeBy", parameters.GeneratedAt, parameters.GeneratedBy);

    /// <summary>What the rest of the year needs (DESIGN §3.8), or null when the run-rate does not apply.</summary>
    public static string? RunRate(RunRate runRate, Period period) => runRate.Status switch
    {
        RunRateStatus.AlreadySecured => T("RunRate_Secured"),
        RunRateStatus.WithinReach => T("RunRate_Needs", FigureFormat.Percent(runRate.RequiredRate, Culture), RunRates.MonthsInYear - period.LastMonth),
        RunRateStatus.OutOfReach => T("RunRate_OutOfReach", FigureFormat.Percent(runRate.RequiredRate, Culture), RunRates.MonthsInYear - period.LastMonth),
        _ => null,
    };

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
