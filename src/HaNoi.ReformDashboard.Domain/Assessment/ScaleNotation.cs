using System.Globalization;
using System.Text;
using HaNoi.ReformDashboard.Domain.Catalogue;

namespace HaNoi.ReformDashboard.Domain.Assessment;

/// <summary>
/// How the framework workbook writes a sub-criterion's steps in one cell, parts separated by ';':
/// a figure's thresholds as <c>&gt;=99:2; &gt;=95:1.5; &gt;=90:1</c> (operator, threshold, ':' and points; the first
/// step a figure satisfies gives its points, none gives 0), a graded scale's levels as <c>Tốt:1; Đạt:0.5; Chưa đạt:0</c>.
/// Dot decimals.
/// </summary>
public static class ScaleNotation
{
    private static readonly string[] Operators = [">=", "<=", ">", "<", "="];

    public static bool TryParseSteps(string text, out IReadOnlyList<ThresholdStep> steps)
    {
        var parsed = new List<ThresholdStep>();
        steps = parsed;
        foreach (var part in Parts(text))
        {
            var colon = part.LastIndexOf(':');
            if (colon <= 0) return false;
            var condition = part[..colon].Trim();
            var op = Operators.FirstOrDefault(o => condition.StartsWith(o, StringComparison.Ordinal));
            if (op is null || !CatalogueCodes.TryParseOperator(op, out var comparison)) return false;
            if (!TryNumber(condition[op.Length..], out var threshold) || !TryNumber(part[(colon + 1)..], out var points)) return false;
            parsed.Add(new ThresholdStep(comparison, threshold, points));
        }
        return parsed.Count > 0;
    }

    public static bool TryParseLevels(string text, out IReadOnlyList<ScaleLevel> levels)
    {
        var parsed = new List<ScaleLevel>();
        levels = parsed;
        foreach (var part in Parts(text))
        {
            var colon = part.LastIndexOf(':');
            if (colon <= 0) return false;
            var label = part[..colon].Trim().Normalize(NormalizationForm.FormC);
            if (label.Length == 0 || !TryNumber(part[(colon + 1)..], out var points)) return false;
            if (parsed.Any(l => l.Label == label)) return false;
            parsed.Add(new ScaleLevel(label, points));
        }
        return parsed.Count > 0;
    }

    public static string Write(IEnumerable<ThresholdStep> steps) =>
        string.Join("; ", steps.Select(s => s.Operator.ToCode() + Number(s.Threshold) + ":" + Number(s.Points)));

    public static string Write(IEnumerable<ScaleLevel> levels) => string.Join("; ", levels.Select(l => l.Label + ":" + Number(l.Points)));

    private static IEnumerable<string> Parts(string text) =>
        text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static bool TryNumber(string text, out decimal value) =>
        decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    private static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
