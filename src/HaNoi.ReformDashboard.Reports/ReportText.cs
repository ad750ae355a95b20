using System.Globalization;
using System.Text;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Presentation;
using HaNoi.ReformDashboard.Domain.Scoring;

namespace HaNoi.ReformDashboard.Reports;

/// <summary>
/// The Vietnamese wording shared by the workbook and the PDFs. Figures themselves are turned into text only
/// by <see cref="FigureFormat"/>; this class adds the words around them.
/// </summary>
public static class ReportText
{
    public static CultureInfo Culture => FigureFormat.Vietnamese;

    public const string NoData = "Không có số liệu";
    public const string Nation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    public const string Motto = "Độc lập - Tự do - Hạnh phúc";
    public const string Provisional = "Số liệu tạm tính";

    public static string Title(int planYear) => $"KẾT QUẢ THỰC HIỆN KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NHÀ NƯỚC NĂM {planYear}";

    /// <summary>Status is never colour alone (DESIGN §3.4): a mark and a word go with the fill.</summary>
    public static string Status(Status status) => status switch
    {
        Domain.Catalogue.Status.Met => "✓ Đạt",
        Domain.Catalogue.Status.AtRisk => "! Có nguy cơ",
        Domain.Catalogue.Status.Missed => "✗ Chưa đạt",
        Domain.Catalogue.Status.NoData => "– Không có số liệu",
        _ => "○ Chưa có chỉ tiêu",
    };

    /// <summary>Fill colours (RGB hex) with dark text on them: green, amber, red, grey, white.</summary>
    public static string StatusFill(Status status) => status switch
    {
        Domain.Catalogue.Status.Met => "C6EFCE",
        Domain.Catalogue.Status.AtRisk => "FFEB9C",
        Domain.Catalogue.Status.Missed => "FFC7CE",
        Domain.Catalogue.Status.NoData => "D9D9D9",
        _ => "F2F2F2",
    };

    public static string Level(UnitLevel level) => level switch
    {
        UnitLevel.City => "Thành phố",
        UnitLevel.Department => "Sở, ban, ngành",
        UnitLevel.District => "Quận, huyện, thị xã",
        _ => "Phường, xã, thị trấn",
    };

    public static string Scope(Scorecard scorecard) => scorecard.Scope switch
    {
        { UnitCode: { } code } => scorecard.Unit(code) is { } unit ? $"Đơn vị: {unit.Unit.NameVi} ({code})" : $"Đơn vị: {code}",
        { Level: { } level } => $"Cấp: {Level(level)}",
        _ => "Toàn thành phố",
    };

    /// <summary>"> 99,00 %", "≤ 10", "Hoàn thành"; aspirational targets say "phấn đấu".</summary>
    public static string Target(IndicatorKind kind, Target? target)
    {
        if (target is null) return FigureFormat.Missing;
        var text = kind == IndicatorKind.Milestone
            ? "Hoàn thành"
            : $"{FigureFormat.Symbol(target.Operator)} {FigureFormat.Value(kind, target.Threshold, Culture)}";
        return target.Aspirational ? "Phấn đấu " + text : text;
    }

    public static string Value(IndicatorKind kind, decimal? value) => FigureFormat.Value(kind, value, Culture);

    /// <summary>A gap in percentage points (places for a rank).</summary>
    public static string Gap(IndicatorKind kind, decimal? gap) =>
        kind == IndicatorKind.Milestone ? FigureFormat.Missing : FigureFormat.Signed(gap, Culture, kind == IndicatorKind.Rank ? 0 : 2);

    public static string Count(decimal? value) => FigureFormat.Number(value, Culture);

    public static string Score(decimal? score) => FigureFormat.Score(score, Culture);

    public static string Rank(int? rank, int peers) => rank is int r ? $"{r}/{peers}" : FigureFormat.Missing;

    /// <summary>"Hà Nội, ngày 05 tháng 01 năm 2023", the dated line under the national motto.</summary>
    public static string DatedLine(string place, DateTimeOffset at) =>
        $"{place}, ngày {at.Day:D2} tháng {at.Month:D2} năm {at.Year}";

    public static string Timestamp(DateTimeOffset at) => at.ToString("HH:mm 'ngày' dd/MM/yyyy", Culture);

    /// <summary>Composed form (NFC): one glyph per letter, as DejaVu Sans draws Vietnamese best and PDF readers search it.</summary>
    public static string Nfc(string text) => text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
}
