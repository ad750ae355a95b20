using System.Globalization;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Domain.Presentation;
using HaNoi.ReformDashboard.Domain.Scoring;

namespace HaNoi.ReformDashboard.Web.Shared;

/// <summary>
/// Figures on a screen, in the request's culture: the numbers from <see cref="FigureFormat"/> and the words around
/// them from <see cref="Wording"/>, both shared with the reports.
/// </summary>
public static class Figures
{
    private static CultureInfo Culture => CultureInfo.CurrentCulture;

    // The request sets both to the reader's language; words follow the UI culture, as the resource strings do.
    private static CultureInfo Language => CultureInfo.CurrentUICulture;

    public static string Count(long value) => value.ToString("N0", Culture);

    public static string MonthRange(DateOnly? first, DateOnly? last) =>
        first is { } f && last is { } l ? $"{Month(f)} – {Month(l)}" : FigureFormat.Missing;

    public static string Month(DateOnly month) => month.ToString("MM/yyyy", Culture);

    /// <summary>A day in the reader's language (<see cref="FigureFormat.Date"/>).</summary>
    public static string Date(DateOnly day) => FigureFormat.Date(day, Culture);

    /// <summary>The day of a moment, in the server's local time.</summary>
    public static string Date(DateTimeOffset at) => FigureFormat.Date(DateOnly.FromDateTime(at.ToLocalTime().DateTime), Culture);

    /// <summary>A moment in the server's local time, in the reader's language (<see cref="FigureFormat.DateTime"/>).</summary>
    public static string Time(DateTimeOffset at, bool seconds = false) => FigureFormat.DateTime(at.ToLocalTime(), Culture, seconds);

    public static string Value(IndicatorInfo indicator, decimal? value) => FigureFormat.Value(indicator.Kind, value, Culture);

    public static string Number(decimal? value, int decimals = 0) => FigureFormat.Number(value, Culture, decimals);

    public static string Score(decimal? score) => FigureFormat.Score(score, Culture);

    /// <summary>The one wording of a target (<see cref="Wording.Target"/>): "≥ 30,00 %", "Hoàn thành", "Phấn đấu ≥ 86,00 %".</summary>
    public static string Target(IndicatorInfo indicator, Target? target) => Wording.Target(indicator.Kind, target, Language);

    /// <summary>The shortfall with its unit: "+1,25 điểm %" (short of target) or "−2,00 điểm %" (exceeded).</summary>
    public static string Gap(IndicatorInfo indicator, decimal? gap) => Wording.Gap(indicator.Kind, gap, Language);

    /// <summary>Change against the previous like-for-like period: "+0,42 điểm %".</summary>
    public static string Change(IndicatorInfo indicator, decimal? change) => Wording.Change(indicator.Kind, change, Language);

    /// <summary>"3/30"; a dash when the unit is not ranked (no data).</summary>
    public static string Rank(int? rank, int peers) => Wording.Rank(rank, peers, Language);

    /// <summary>"▲ 2" (two places up), "▼ 1", "= 0"; nothing when the unit was not ranked in both periods.</summary>
    public static string RankChange(int? change) => Wording.RankChange(change, Language);

    /// <summary>"cao hơn 97 % số đơn vị cùng cấp" (<see cref="Wording.Percentile"/>); empty without a percentile.</summary>
    public static string Percentile(decimal? percentile) => Wording.Percentile(percentile, Language);

    /// <summary>"cần đạt 99,60 % trong 3 tháng còn lại" / "không thể đạt trong năm"; a dash where it does not apply.</summary>
    public static string RunRate(RunRate runRate, Period period) => Wording.RunRate(runRate, period, Language) ?? FigureFormat.Missing;

    public static string Status(Status status) => Wording.Status(status, Language);

    public static string Level(UnitLevel level) => Wording.Level(level, Language);

    public static string Period(Period period) => Wording.Period(period, Language);
}
