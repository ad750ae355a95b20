using System.Globalization;
using HaNoi.ReformDashboard.Data.Files;
using HaNoi.ReformDashboard.Data.Messages;
using HaNoi.ReformDashboard.Data.Seed;
using HaNoi.ReformDashboard.Domain.Catalogue;

namespace HaNoi.ReformDashboard.Data.Import;

/// <summary>
/// The one set of checks for measurement rows (seed-data/README.md), shared by the seed loader and the monthly import:
/// columns, numbers, periods, units in force, levels and kinds. Every problem is reported; none stops the others.
/// </summary>
public static class MeasurementReader
{
    public static readonly string[] Columns = SeedSet.MeasurementColumns;

    /// <summary>Figures beyond this are typing mistakes, not dossiers (and would overflow numeric(18,4)).</summary>
    public const decimal Largest = 1_000_000_000_000m;

    /// <summary>How often a long check reports progress: often enough to move a bar, rarely enough to cost nothing.</summary>
    public const int ProgressStep = 2_000;

    /// <param name="checkedRows">Told the number of rows checked so far, every <see cref="ProgressStep"/> rows and at the end.</param>
    public static List<MeasurementRow> Read(CsvTable table, MeasurementCatalogue catalogue, List<CellError> errors, Action<int>? checkedRows = null)
    {
        if (!HeaderIsComplete(table, errors)) return [];
        var versionsByCode = catalogue.Units.GroupBy(u => u.Code).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var seen = new Dictionary<(string, string, DateOnly), int>();
        var result = new List<MeasurementRow>(table.Rows.Count);
        var planYears = string.Join(", ", catalogue.PlanYears.Keys.Order());

        var done = 0;
        foreach (var row in table.Rows)
        {
            if (++done % ProgressStep == 0) checkedRows?.Invoke(done);
            var before = errors.Count;
            if (row.FieldCount != table.Header.Length)
            {
                errors.Add(CellError.Of(row.File, row.Number, "-", DataText.Get("TheRowHasCellsBut", row.FieldCount, table.Header.Length)));
                continue;
            }
            var unitCode = row["unit_code"];
            var indicatorCode = row["indicator_code"];
            versionsByCode.TryGetValue(unitCode, out var versions);
            var knownIndicator = catalogue.Kinds.TryGetValue(indicatorCode, out var kind);
            if (versions is null)
                errors.Add(row.Error("unit_code", DataText.Get("UnknownUnitCode", unitCode)));
            if (!knownIndicator)
                errors.Add(row.Error("indicator_code", DataText.Get("UnknownIndicatorCode", indicatorCode)));

            // A code names a unit version by the month: a renamed unit keeps its history, a reused code its new owner.
            IUnitVersion? unit = null;
            IReadOnlyDictionary<string, IReadOnlyList<UnitLevel>>? plan = null;
            var periodText = row["period"];
            if (!DateOnly.TryParseExact(periodText + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var period) || periodText.Length != 7)
                errors.Add(row.Error("period", DataText.Get("PeriodIsNotYyyyMm", periodText)));
            else if (catalogue.OnlyYear is { } only && period.Year != only)
                errors.Add(row.Error("period", DataText.Get("PeriodIsOutside", periodText, only)));
            else if (!catalogue.PlanYears.TryGetValue(period.Year, out plan))
                errors.Add(row.Error("period", DataText.Get("PeriodIsInNoPlan", periodText, planYears)));
            else if (period > catalogue.LastMonth)
                errors.Add(row.Error("period", DataText.Get("PeriodIsInTheFuture", periodText)));
            else if (versions is not null && (unit = UnitsInForce.ByCode(versions, unitCode, period, period.AddMonths(1).AddDays(-1))) is null)
                errors.Add(row.Error("period", DataText.Get("UnitIsNotInForce", unitCode, periodText)));

            IReadOnlyList<UnitLevel>? levels = null;
            if (knownIndicator && plan is not null && !plan.TryGetValue(indicatorCode, out levels))
                errors.Add(row.Error("indicator_code", DataText.Get("IndicatorIsNotInThe", indicatorCode, period.Year)));
            if (unit is not null && levels is not null && !levels.Contains(unit.Level))
                errors.Add(row.Error("indicator_code", DataText.Get("AUnitDoesNotReport", unit.Level, indicatorCode)));

            var numerator = ParseFigure(row, "numerator", errors);
            var denominator = ParseFigure(row, "denominator", errors);
            var value = ParseFigure(row, "value", errors);
            if (knownIndicator) CheckKind(row, kind, numerator, denominator, value, errors);

            if (errors.Count == before)
            {
                if (seen.TryGetValue((unitCode, indicatorCode, period), out var first))
                {
                    errors.Add(row.Error("period", DataText.Get("DuplicatesRowSameUnitIndicator", first)));
                    continue;
                }
                seen[(unitCode, indicatorCode, period)] = row.Number;
                result.Add(new MeasurementRow(unitCode, indicatorCode, period, numerator, denominator, value)
                {
                    UnitKey = unit!.UnitKey, Row = row.Number, FromFormula = row.Formulas.Count > 0,
                });
            }
        }
        checkedRows?.Invoke(done);
        return result;
    }

    /// <summary>Every column present once, in any order; a missing, renamed or extra column is named.</summary>
    private static bool HeaderIsComplete(CsvTable table, List<CellError> errors) => HeaderIsComplete(table.FileName, table.Header, errors);

    /// <summary>The header's check on its own: a file's reader calls it before reading any row.</summary>
    public static bool HeaderIsComplete(string fileName, string[] header, List<CellError> errors)
    {
        var before = errors.Count;
        foreach (var missing in Columns.Where(c => !header.Contains(c)))
            errors.Add(CellError.Of(fileName, 1, missing, DataText.Get("TheColumnIsMissing", missing)));
        foreach (var extra in header.Where(h => !Columns.Contains(h)).Distinct())
            errors.Add(CellError.Of(fileName, 1, extra, DataText.Get("TheColumnIsNotInTheTemplate", extra, string.Join(", ", Columns))) with { Value = extra });
        foreach (var twice in header.GroupBy(h => h).Where(g => g.Count() > 1 && Columns.Contains(g.Key)))
            errors.Add(CellError.Of(fileName, 1, twice.Key, DataText.Get("TheColumnAppearsTimes", twice.Key, twice.Count())));
        return errors.Count == before;
    }

    private static void CheckKind(CsvRow row, IndicatorKind kind, decimal? numerator, decimal? denominator, decimal? value, List<CellError> errors)
    {
        if (kind == IndicatorKind.Ratio)
        {
            // An unreadable number was reported already; only an empty cell is "missing".
            foreach (var column in new[] { "numerator", "denominator" }.Where(c => row[c].Length == 0))
                errors.Add(row.Error(column, DataText.Get("ARatioNeedsBothNumerator")));
            if (row["value"].Length > 0)
                errors.Add(row.Error("value", DataText.Get("ARatioLeavesValueEmpty")));
            if (numerator > denominator)
                errors.Add(row.Error("numerator", DataText.Get("NumeratorExceedsDenominator", numerator, denominator)));
            return;
        }
        foreach (var column in new[] { "numerator", "denominator" }.Where(c => row[c].Length > 0))
            errors.Add(row.Error(column, DataText.Get("ThisIndicatorFillsValueOnly")));
        if (value is not { } v)
        {
            if (row["value"].Length == 0) errors.Add(row.Error("value", DataText.Get("ThisIndicatorNeedsAValue")));
            return;
        }
        switch (kind)
        {
            case IndicatorKind.Milestone when v is not (0 or 1):
                errors.Add(row.Error("value", DataText.Get("AMilestoneTakesDoneOr")));
                break;
            case IndicatorKind.Rank when v != decimal.Truncate(v) || v is < 1 or > Ranks.Lowest:
                errors.Add(row.Error("value", DataText.Get("ARankIsAWhole", Ranks.Lowest)));
                break;
            case IndicatorKind.Value when v > 100:
                errors.Add(row.Error("value", DataText.Get("APercentageMustBeWithin")));
                break;
        }
    }

    /// <summary>A plain decimal with a decimal point: no comma, thousands separator, exponent, NaN or Infinity.</summary>
    public static decimal? ParseFigure(CsvRow row, string column, List<CellError> errors)
    {
        var text = row[column];
        if (text.Length == 0) return null;
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(row.Error(column, DataText.Get("IsNotANumberUse", text)));
            return null;
        }
        if (value < 0)
            errors.Add(row.Error(column, DataText.Get("NegativeNumberIsNotAllowed", text)));
        else if (value >= Largest)
            errors.Add(row.Error(column, DataText.Get("TheNumberIsImplausiblyLarge", text, Largest)));
        else if (value.Scale > 4 && value != Math.Round(value, 4))
            errors.Add(row.Error(column, DataText.Get("TheNumberHasMoreThan", text)));
        return value;
    }
}
