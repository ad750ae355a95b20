using System.Globalization;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Presentation;
using HaNoi.ReformDashboard.Domain.Scoring;
using Microsoft.Extensions.Localization;

namespace HaNoi.ReformDashboard.Web.Components.Shared;

/// <summary>
/// Screen wording around the numbers. The numbers themselves always come from <see cref="FigureFormat"/>
/// (the one formatter shared with the reports) in the current culture.
/// </summary>
public static class Figures
{
    private static CultureInfo Culture => CultureInfo.CurrentCulture;

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

    /// <summary>"≥ 30,00 %", "&gt; 99,00 %", "≤ 10"; a milestone's target reads as done (✓).</summary>
    public static string Target(IndicatorInfo indicator, Target? target, IStringLocalizer l)
    {
        if (target is null) return l["NoTargetShort"];
        var text = FigureFormat.Symbol(target.Operator) + " " + FigureFormat.Value(indicator.Kind, target.Threshold, Culture);
        return target.Aspirational ? text + " " + l["Aspirational"] : text;
    }

    /// <summary>The shortfall with its unit: "+1,25 điểm %" (short of target) or "−2,00 điểm %" (exceeded).</summary>
    public static string Gap(IndicatorInfo indicator, decimal? gap, IStringLocalizer l) =>
        gap is null ? FigureFormat.Missing : FigureFormat.Signed(gap, Culture, Decimals(indicator)) + " " + UnitOf(indicator, l);

    /// <summary>Change against the previous like-for-like period: "+0,42 điểm %".</summary>
    public static string Change(IndicatorInfo indicator, decimal? change, IStringLocalizer l) =>
        change is null ? FigureFormat.Missing : FigureFormat.Signed(change, Culture, Decimals(indicator)) + " " + UnitOf(indicator, l);

    /// <summary>"3/30"; a dash when the unit is not ranked (no data).</summary>
    public static string Rank(int? rank, int peers) =>
        rank is int r ? $"{r.ToString(Culture)}/{peers.ToString(Culture)}" : FigureFormat.Missing;

    /// <summary>"▲ 2" (two places up), "▼ 1", "= 0"; nothing when the unit was not ranked in both periods.</summary>
    public static string RankChange(int? change) => change switch
    {
        null => "",
        > 0 => "▲ " + change.Value.ToString(Culture),
        < 0 => "▼ " + (-change.Value).ToString(Culture),
        _ => "= 0",
    };
    /// <summary>
    /// Where a rank stands among many peers: "Nhóm 3 % đứng đầu" (top) in the better half, "Nhóm 1 % cuối" (bottom) in
    /// the worse; empty without a rank or with fewer than two peers. Rounded up, so the first of 579 is in the top 1 %.
    /// </summary>
    public static string Percentile(int? rank, int peers, IStringLocalizer l)
    {
        if (rank is not int r || peers < 2 || r < 1 || r > peers) return "";
        return 2 * r <= peers
            ? l["RankTop", CeilingPercent(r, peers)]
            : l["RankBottom", CeilingPercent(peers - r + 1, peers)];
    }

    private static string CeilingPercent(int part, int whole) => ((100 * part + whole - 1) / whole).ToString(Culture);

    /// <summary>"cần đạt 99,60 % trong 3 tháng còn lại" / "không thể đạt trong năm" (DESIGN §3.8).</summary>
    public static string RunRate(RunRate runRate, int monthsLeft, IStringLocalizer l) => runRate.Status switch
    {
        RunRateStatus.AlreadySecured => l["RunRate_Secured"],
        RunRateStatus.WithinReach => l["RunRate_Needs", FigureFormat.Percent(runRate.RequiredRate, Culture), monthsLeft],
        RunRateStatus.OutOfReach => l["RunRate_OutOfReach"],
        _ => FigureFormat.Missing,
    };

    private static int Decimals(IndicatorInfo indicator) => indicator.Kind == IndicatorKind.Rank ? 0 : 2;

    private static string UnitOf(IndicatorInfo indicator, IStringLocalizer l) =>
        indicator.Kind == IndicatorKind.Rank ? l["Unit_places"] : l["Unit_points"];
}
