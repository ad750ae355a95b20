using ClosedXML.Excel;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Presentation;

namespace HaNoi.ReformDashboard.Reports.Excel;

/// <summary>Small, safe ways to put text and numbers into cells.</summary>
internal static class Cells
{
    /// <summary>
    /// Text stays text: SetValue&lt;string&gt; never parses a formula or a date, and text that Excel would
    /// read as a formula when edited (=, +, -, @, tab, CR) also gets the quote prefix (formula injection).
    /// </summary>
    public static IXLCell Text(this IXLCell cell, string? text)
    {
        if (string.IsNullOrEmpty(text)) return cell;
        text = ReportText.Printable(text);
        cell.SetValue(text);
        if (NeedsQuotePrefix(text)) cell.Style.IncludeQuotePrefix = true;
        return cell;
    }

    public static bool NeedsQuotePrefix(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>A number, or an empty cell for no data (never 0 and never the text "—").</summary>
    public static IXLCell Number(this IXLCell cell, decimal? value, string? format = null)
    {
        if (value is decimal v) cell.SetValue((double)v);
        if (format is not null) cell.Style.NumberFormat.Format = format;
        return cell;
    }

    public static IXLCell StatusCell(this IXLCell cell, Status status)
    {
        cell.Text(ReportText.Status(status));
        cell.Style.Fill.BackgroundColor = XLColor.FromHtml("#" + ReportText.StatusFill(status));
        return cell;
    }
}

/// <summary>Number formats: ratios are stored as fractions (0.995) so Excel's percent format shows 99.50%.</summary>
internal static class Formats
{
    public const string Count = "#,##0";
    public const string Percent = "0.00%";
    public const string SignedPercent = "+0.00%;-0.00%;0.00%";
    public const string Score = "0.00";
    /// <summary>A day as both languages' readers here write it.</summary>
    public const string Date = "dd/mm/yyyy";
    public const string Rank = "0";
    public const string SignedRank = "+0;-0;0";
    /// <summary>1 shows "Hoàn thành" / "Done", 0 "Chưa hoàn thành" / "Not done", in the report's language.</summary>
    public static string Milestone => $"\"{Wording.Text("TargetDone", ReportText.Culture)}\";;\"{ReportText.T("W_NotDone")}\"";

    /// <summary>How a value of the kind is stored: percent units become a fraction for Excel's percent format.</summary>
    public static decimal? Stored(IndicatorKind kind, decimal? value) =>
        value is decimal v && kind is IndicatorKind.Ratio or IndicatorKind.Value ? v / 100m : value;

    public static string Value(IndicatorKind kind) => kind switch
    {
        IndicatorKind.Ratio or IndicatorKind.Value => Percent,
        IndicatorKind.Rank => Rank,
        _ => Milestone,
    };

    public static string Gap(IndicatorKind kind) => kind == IndicatorKind.Rank ? SignedRank : SignedPercent;

    /// <summary>The target keeps its operator in the format ("≥ "0.00%), so the cell stays a number.</summary>
    public static string Target(IndicatorKind kind, ComparisonOperator op) =>
        kind == IndicatorKind.Milestone ? Milestone : $"\"{FigureFormat.Symbol(op)} \"{Value(kind)}";
}

internal static class SheetNames
{
    private static readonly char[] Forbidden = ['[', ']', ':', '*', '?', '/', '\\'];

    /// <summary>Excel's rules: 1–31 characters, none of []:*?/\, no apostrophe at either end, unique.</summary>
    public static string Safe(string name, ICollection<string> taken)
    {
        var cleaned = new string(name.Select(c => Forbidden.Contains(c) ? '-' : c).ToArray()).Trim().Trim('\'');
        if (cleaned.Length == 0) cleaned = "Sheet";
        if (cleaned.Length > 31) cleaned = cleaned[..31];
        var candidate = cleaned;
        for (var n = 2; taken.Contains(candidate, StringComparer.OrdinalIgnoreCase); n++)
        {
            var suffix = $" ({n})";
            candidate = cleaned[..Math.Min(cleaned.Length, 31 - suffix.Length)] + suffix;
        }
        taken.Add(candidate);
        return candidate;
    }
}
