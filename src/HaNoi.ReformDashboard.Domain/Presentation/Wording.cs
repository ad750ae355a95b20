using System.Globalization;
using System.Resources;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Domain.Scoring;

namespace HaNoi.ReformDashboard.Domain.Presentation;

/// <summary>
/// The words around the figures, the same on every screen and in every report: status, level, operator and target,
/// gap, change, run-rate, rank, percentile and period, in Vietnamese (the default) or English, from Wording.resx and
/// Wording.en.resx. The numbers inside come from <see cref="FigureFormat"/>. Screens pass the request's culture,
/// reports the report's.
/// </summary>
public static class Wording
{
    private static readonly ResourceManager Strings = new("HaNoi.ReformDashboard.Domain.Presentation.Wording", typeof(Wording).Assembly);

    /// <summary>Whether text for <paramref name="culture"/> is English (anything else reads Vietnamese).</summary>
    public static bool IsEnglish(CultureInfo culture) => culture.TwoLetterISOLanguageName == "en";

    /// <summary>Whether the reader of this request (or this thread) reads English.</summary>
    public static bool IsEnglish() => IsEnglish(CultureInfo.CurrentUICulture);

    /// <summary>The Vietnamese or the English of a pair stored side by side (a catalogue name, a message).</summary>
    public static string Pick(CultureInfo culture, string vi, string en) => IsEnglish(culture) ? en : vi;

    /// <summary>A text of the wording resources.</summary>
    public static string Text(string key, CultureInfo culture) =>
        Strings.GetString(key, culture) ?? throw new InvalidOperationException($"The wording '{key}' is missing.");

    public static string Text(string key, CultureInfo culture, params object?[] args) => string.Format(culture, Text(key, culture), args);

    /// <summary>"Đạt", "Có nguy cơ", "Chưa đạt", "Không có số liệu", "Chưa có chỉ tiêu".</summary>
    public static string Status(Status status, CultureInfo culture) => Text("Status_" + status.ToCode(), culture);

    /// <summary>The mark that goes with a status where no icon can: status is never told by colour alone (docs/scoring.md).</summary>
    public static string Mark(Status status) => status switch
    {
        Catalogue.Status.Met => "✓",
        Catalogue.Status.AtRisk => "!",
        Catalogue.Status.Missed => "✗",
        Catalogue.Status.NoData => "–",
        _ => "○",
    };

    /// <summary>"✓ Đạt": the mark and the word, for print.</summary>
    public static string MarkedStatus(Status status, CultureInfo culture) => Mark(status) + " " + Status(status, culture);

    /// <summary>A level as a heading or a choice: "Phường, xã, thị trấn" / "Wards and communes".</summary>
    public static string Level(UnitLevel level, CultureInfo culture) => Text("Level_" + level.ToCode(), culture);

    /// <summary>A level inside a sentence: "đơn vị cấp phường, xã, thị trấn" / "a commune" read "cấp {0}" / "{0}".</summary>
    public static string LevelInSentence(UnitLevel level, CultureInfo culture) => Text("LevelInSentence_" + level.ToCode(), culture);

    /// <summary>
    /// "≥ 30,00 %", "&gt; 99,00 %", "≤ 10"; a milestone's target is "Hoàn thành"; an aspirational one reads
    /// "Phấn đấu ≥ 86,00 %" as the plan writes it; without a target, "Chưa có chỉ tiêu".
    /// </summary>
    public static string Target(IndicatorKind kind, Target? target, CultureInfo culture)
    {
        if (target is null) return Text("NoTarget", culture);
        var text = kind == IndicatorKind.Milestone
            ? Text("TargetDone", culture)
            : FigureFormat.Symbol(target.Operator) + " " + FigureFormat.Value(kind, target.Threshold, culture);
        return target.Aspirational ? Text("Aspirational", culture, text) : text;
    }

    /// <summary>
    /// The shortfall with its unit: "+1,25 điểm %" (short of the target), "−2,00 điểm %" (beyond it), "+3 bậc" for a
    /// rank; a dash for a milestone, which is done or not.
    /// </summary>
    public static string Gap(IndicatorKind kind, decimal? gap, CultureInfo culture) =>
        kind == IndicatorKind.Milestone || gap is null ? FigureFormat.Missing : WithUnit(kind, gap, culture);

    /// <summary>The change against the previous like period, with its unit: "+0,42 điểm %".</summary>
    public static string Change(IndicatorKind kind, decimal? change, CultureInfo culture) =>
        kind == IndicatorKind.Milestone || change is null ? FigureFormat.Missing : WithUnit(kind, change, culture);

    private static string WithUnit(IndicatorKind kind, decimal? value, CultureInfo culture) =>
        FigureFormat.Signed(value, culture, kind == IndicatorKind.Rank ? 0 : 2) + " " +
        Text(kind == IndicatorKind.Rank ? "Unit_places" : "Unit_points", culture);

    /// <summary>
    /// What the rest of the plan year needs (docs/scoring.md, run-rate): "cần đạt 99,60 % trong 3 tháng còn lại",
    /// "đã chắc chắn đạt trong năm", "không thể đạt trong năm" (a rate above 100 % is not one to aim for, so it is
    /// not printed); null where the run-rate does not apply.
    /// </summary>
    public static string? RunRate(RunRate runRate, Period period, CultureInfo culture) => runRate.Status switch
    {
        RunRateStatus.AlreadySecured => Text("RunRate_Secured", culture),
        RunRateStatus.WithinReach => Text("RunRate_Needs", culture, FigureFormat.Percent(runRate.RequiredRate, culture), RunRates.MonthsLeft(period)),
        RunRateStatus.OutOfReach => Text("RunRate_OutOfReach", culture),
        _ => null,
    };

    /// <summary>"3/30" in the reader's digits ("1.204/9.552" in Vietnamese); a dash when the unit is not ranked.</summary>
    public static string Rank(int? rank, int peers, CultureInfo culture) =>
        rank is int r ? r.ToString("N0", culture) + "/" + peers.ToString("N0", culture) : FigureFormat.Missing;

    /// <summary>"▲ 2" (two places up), "▼ 1", "= 0"; empty when the unit was not ranked in both periods.</summary>
    public static string RankChange(int? change, CultureInfo culture) => change switch
    {
        null => "",
        > 0 => "▲ " + change.Value.ToString("N0", culture),
        < 0 => "▼ " + (-change.Value).ToString("N0", culture),
        _ => "= 0",
    };

    /// <summary>
    /// The percentile (<see cref="Percentiles.Of"/>) as a whole number, rounded down, so that "100" is only ever the
    /// unit ahead of all the others; a dash without one.
    /// </summary>
    public static string PercentileNumber(decimal? percentile, CultureInfo culture) =>
        percentile is decimal p ? Math.Floor(p).ToString("N0", culture) : FigureFormat.Missing;

    /// <summary>"cao hơn 97 % số đơn vị cùng cấp" / "ahead of 97 % of its peers"; empty without a percentile.</summary>
    public static string Percentile(decimal? percentile, CultureInfo culture) =>
        percentile is null ? "" : Text("Percentile", culture, PercentileNumber(percentile, culture));

    /// <summary>"Tháng 12/2022", "Quý IV/2022", "12 tháng năm 2022", "Năm 2022"; "December 2022", "Q4 2022", "2022 to December", "Year 2022".</summary>
    public static string Period(Period period, CultureInfo culture) => period.Kind switch
    {
        PeriodKind.Month => Text("Period_Month", culture, period.Number, period.Year, new DateTime(period.Year, period.Number, 1)),
        PeriodKind.Quarter => Text("Period_Quarter", culture, period.Number, period.Year, Roman(period.Number)),
        PeriodKind.YearToDate => Text("Period_YearToDate", culture, period.Number, period.Year, new DateTime(period.Year, period.Number, 1)),
        _ => Text("Period_Year", culture, period.Year),
    };

    /// <summary>"Từ ngày 01/10/2022 đến ngày 31/12/2022" as a Vietnamese report heading states it; "From 1 Oct 2022 to 31 Dec 2022".</summary>
    public static string DateRange(Period period, CultureInfo culture) =>
        Text("DateRange", culture, FigureFormat.Date(period.FirstDay, culture), FigureFormat.Date(period.LastDay, culture));

    private static string Roman(int quarter) => quarter switch { 1 => "I", 2 => "II", 3 => "III", _ => "IV" };
}
