using System.Globalization;
using System.Text;
using HaNoi.ReformDashboard.Data.Files;
using HaNoi.ReformDashboard.Data.Seed;
using HaNoi.ReformDashboard.Domain.Catalogue;

namespace HaNoi.ReformDashboard.Data.Scorecards;

/// <summary>
/// One machine-readable row: the columns of the workbook's Data sheet (docs/workbook.md). UnitKey (last, after the columns
/// readers already had) tells apart two units that bore one code in the period; empty for a level's roll-up.
/// </summary>
public sealed record ScorecardRow(
    string UnitCode, string IndicatorCode, string Period, decimal? Numerator, decimal? Denominator, decimal? Value,
    string? Operator, decimal? Threshold, string Status, decimal? Gap, decimal? Score, string? UnitKey = null);

public static class ScorecardRows
{
    public static readonly string[] Header =
        ["unit_code", "indicator_code", "period", "numerator", "denominator", "value", "operator", "threshold", "status", "gap", "score", "unit_key"];

    /// <summary>
    /// The scorecard as rows: for the city scope the city's own rows, for a level every unit of it, for a unit
    /// that unit. Values are unrounded (percent units for ratios), so a reader can recompute every status.
    /// </summary>
    public static IEnumerable<ScorecardRow> From(Scorecard card)
    {
        var period = card.Period.ToString();
        if (card.Scope == ScorecardScope.City)
        {
            var cityCode = card.CityCode ?? "city";
            return card.City.Indicators.Select(i => Row(cityCode, period, i, card.CityKey));
        }
        return ForUnits(card.Units.Where(u => card.Scope.UnitCode is null || u.Unit.Code == card.Scope.UnitCode), card.Period);
    }

    /// <summary>One row per unit × indicator, in the order given.</summary>
    public static IEnumerable<ScorecardRow> ForUnits(IEnumerable<UnitScorecard> units, Domain.Periods.Period period) =>
        units.SelectMany(u => u.Indicators.Select(i => Row(u.Unit.Code, period.ToString(), i, u.Unit.Key)));

    /// <summary>The roll-up table's header: where the row belongs, then the unit table's columns after unit_code.</summary>
    public static readonly string[] RollupHeader = ["scope", "level", .. Header[1..]];

    /// <summary>
    /// Each level's roll-up (scope <c>level</c>, the level's code) and the city figures (scope <c>city</c>, level
    /// <c>city</c>), one row per indicator, in the unit rows' units.
    /// </summary>
    public static IEnumerable<(string Scope, string Level, ScorecardRow Row)> Rollups(Scorecard card)
    {
        var period = card.Period.ToString();
        foreach (var level in card.Levels)
        {
            foreach (var cell in level.Indicators)
                yield return ("level", level.Level.ToCode(), Row(level.Level.ToCode(), period, cell));
        }
        foreach (var cell in card.City.Indicators)
            yield return ("city", UnitLevel.City.ToCode(), Row(card.CityCode ?? "city", period, cell, card.CityKey));
    }

    /// <summary>RFC 4180: comma-separated, quoted where needed, CRLF line ends, dot decimals.</summary>
    public static void WriteCsv(IEnumerable<ScorecardRow> rows, TextWriter writer)
    {
        writer.Write(string.Join(',', Header) + "\r\n");
        foreach (var r in rows)
        {
            string[] cells =
            [
                r.UnitCode, r.IndicatorCode, r.Period, N(r.Numerator), N(r.Denominator), N(r.Value),
                r.Operator ?? "", N(r.Threshold), r.Status, N(r.Gap), N(r.Score), r.UnitKey ?? "",
            ];
            writer.Write(string.Join(',', cells.Select(CsvText.Escape)) + "\r\n");
        }
    }

    /// <summary>UTF-8 with a byte order mark, so that Excel shows Vietnamese correctly.</summary>
    public static Encoding FileEncoding { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    private static ScorecardRow Row(string unitCode, string period, ScoredIndicator i, string? unitKey = null) => new(
        unitCode, i.IndicatorCode, period, i.Figure.Numerator, i.Figure.Denominator, i.Score.Value,
        i.Score.Target?.Operator.ToCode(), i.Score.Target?.Threshold, i.Score.Status.ToCode(), i.Score.Gap, i.Score.Score, unitKey);

    // Every digit, no trailing zeros from numeric(18,4): 1244.0000 → 1244, 98.2557770… stays whole.
    private static string N(decimal? value) => value?.ToString("0.############################", CultureInfo.InvariantCulture) ?? "";
}
