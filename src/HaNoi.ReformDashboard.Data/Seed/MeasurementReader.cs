using System.Globalization;
using HaNoi.ReformDashboard.Domain.Catalogue;

namespace HaNoi.ReformDashboard.Data.Seed;

/// <summary>
/// The one set of checks for measurement rows (seed-data/README.md), shared by the seed loader and the monthly import:
/// columns, numbers, periods, units in force, levels and kinds. Every problem is reported; none stops the others.
/// </summary>
public static class MeasurementReader
{
    public static readonly string[] Columns = SeedSet.MeasurementColumns;

    /// <summary>Figures beyond this are typing mistakes, not dossiers (and would overflow numeric(18,4)).</summary>
    public const decimal Largest = 1_000_000_000_000m;
    public const int LowestRank = 63;

    /// <summary>How often a long check reports progress: often enough to move a bar, rarely enough to cost nothing.</summary>
    public const int ProgressStep = 2_000;

    /// <param name="checkedRows">Told the number of rows checked so far, every <see cref="ProgressStep"/> rows and at the end.</param>
    public static List<MeasurementRow> Read(CsvTable table, MeasurementCatalogue catalogue, List<SeedError> errors, Action<int>? checkedRows = null)
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
                errors.Add(new SeedError(row.File, row.Number, "-",
                    $"dòng có {row.FieldCount} ô nhưng tiêu đề có {table.Header.Length} cột.",
                    $"the row has {row.FieldCount} cells but the header has {table.Header.Length} columns."));
                continue;
            }
            var unitCode = row["unit_code"];
            var indicatorCode = row["indicator_code"];
            versionsByCode.TryGetValue(unitCode, out var versions);
            var knownIndicator = catalogue.Kinds.TryGetValue(indicatorCode, out var kind);
            if (versions is null)
                errors.Add(row.Error("unit_code", $"mã đơn vị '{unitCode}' không tồn tại.", $"unknown unit code '{unitCode}'."));
            if (!knownIndicator)
                errors.Add(row.Error("indicator_code", $"mã chỉ tiêu '{indicatorCode}' không tồn tại.", $"unknown indicator code '{indicatorCode}'."));

            // A code names a unit version by the month: a renamed unit keeps its history, a reused code its new owner.
            IUnitVersion? unit = null;
            IReadOnlyDictionary<string, IReadOnlyList<UnitLevel>>? plan = null;
            var periodText = row["period"];
            if (!DateOnly.TryParseExact(periodText + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var period) || periodText.Length != 7)
                errors.Add(row.Error("period", $"kỳ '{periodText}' không đúng dạng YYYY-MM.", $"period '{periodText}' is not YYYY-MM."));
            else if (catalogue.OnlyYear is { } only && period.Year != only)
                errors.Add(row.Error("period", $"kỳ '{periodText}' nằm ngoài năm {only}.", $"period '{periodText}' is outside {only}."));
            else if (!catalogue.PlanYears.TryGetValue(period.Year, out plan))
                errors.Add(row.Error("period", $"kỳ '{periodText}' không thuộc năm kế hoạch nào ({planYears}).", $"period '{periodText}' is in no plan year ({planYears})."));
            else if (period > catalogue.LastMonth)
                errors.Add(row.Error("period", $"kỳ '{periodText}' ở tương lai.", $"period '{periodText}' is in the future."));
            else if (versions is not null && (unit = UnitsInForce.ByCode(versions, unitCode, period, period.AddMonths(1).AddDays(-1))) is null)
                errors.Add(row.Error("period", $"đơn vị '{unitCode}' không còn hiệu lực trong kỳ {periodText}.", $"unit '{unitCode}' is not in force in {periodText}."));

            IReadOnlyList<UnitLevel>? levels = null;
            if (knownIndicator && plan is not null && !plan.TryGetValue(indicatorCode, out levels))
                errors.Add(row.Error("indicator_code", $"chỉ tiêu '{indicatorCode}' không thuộc danh mục của năm {period.Year}.", $"indicator '{indicatorCode}' is not in the {period.Year} catalogue."));
            if (unit is not null && levels is not null && !levels.Contains(unit.Level))
                errors.Add(row.Error("indicator_code", $"đơn vị cấp {unit.Level.ToCode()} không báo cáo chỉ tiêu '{indicatorCode}'.", $"a {unit.Level.ToCode()} unit does not report '{indicatorCode}'."));

            var numerator = ParseFigure(row, "numerator", errors);
            var denominator = ParseFigure(row, "denominator", errors);
            var value = ParseFigure(row, "value", errors);
            if (knownIndicator) CheckKind(row, kind, numerator, denominator, value, errors);

            if (errors.Count == before)
            {
                if (seen.TryGetValue((unitCode, indicatorCode, period), out var first))
                {
                    errors.Add(row.Error("period", $"dòng trùng với dòng {first} (cùng đơn vị, chỉ tiêu, kỳ).", $"duplicates row {first} (same unit, indicator and period)."));
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
    private static bool HeaderIsComplete(CsvTable table, List<SeedError> errors) => HeaderIsComplete(table.FileName, table.Header, errors);

    /// <summary>The header's check on its own: a file's reader calls it before reading any row.</summary>
    public static bool HeaderIsComplete(string fileName, string[] header, List<SeedError> errors)
    {
        var before = errors.Count;
        foreach (var missing in Columns.Where(c => !header.Contains(c)))
            errors.Add(new SeedError(fileName, 1, missing, $"thiếu cột '{missing}'.", $"the column '{missing}' is missing."));
        foreach (var extra in header.Where(h => !Columns.Contains(h)).Distinct())
            errors.Add(new SeedError(fileName, 1, extra, $"cột '{extra}' không thuộc mẫu (các cột: {string.Join(", ", Columns)}).", $"the column '{extra}' is not in the template (columns: {string.Join(", ", Columns)}).") { Value = extra });
        foreach (var twice in header.GroupBy(h => h).Where(g => g.Count() > 1 && Columns.Contains(g.Key)))
            errors.Add(new SeedError(fileName, 1, twice.Key, $"cột '{twice.Key}' xuất hiện {twice.Count()} lần.", $"the column '{twice.Key}' appears {twice.Count()} times."));
        return errors.Count == before;
    }

    private static void CheckKind(CsvRow row, IndicatorKind kind, decimal? numerator, decimal? denominator, decimal? value, List<SeedError> errors)
    {
        if (kind == IndicatorKind.Ratio)
        {
            // An unreadable number was reported already; only an empty cell is "missing".
            foreach (var column in new[] { "numerator", "denominator" }.Where(c => row[c].Length == 0))
                errors.Add(row.Error(column, "chỉ tiêu tỷ lệ cần cả tử số và mẫu số.", "a ratio needs both numerator and denominator."));
            if (row["value"].Length > 0)
                errors.Add(row.Error("value", "chỉ tiêu tỷ lệ không điền cột value (tỷ lệ được tính từ tử số và mẫu số).", "a ratio leaves value empty (it is computed from numerator and denominator)."));
            if (numerator > denominator)
                errors.Add(row.Error("numerator", $"tử số {numerator} lớn hơn mẫu số {denominator}.", $"numerator {numerator} exceeds denominator {denominator}."));
            return;
        }
        foreach (var column in new[] { "numerator", "denominator" }.Where(c => row[c].Length > 0))
            errors.Add(row.Error(column, "chỉ tiêu này chỉ điền cột value, để trống tử số và mẫu số.", "this indicator fills value only; leave numerator and denominator empty."));
        if (value is not { } v)
        {
            if (row["value"].Length == 0) errors.Add(row.Error("value", "chỉ tiêu này cần cột value.", "this indicator needs a value."));
            return;
        }
        switch (kind)
        {
            case IndicatorKind.Milestone when v is not (0 or 1):
                errors.Add(row.Error("value", "mốc hoàn thành chỉ nhận 1 (xong) hoặc 0 (chưa).", "a milestone takes 1 (done) or 0 (not done)."));
                break;
            case IndicatorKind.Rank when v != decimal.Truncate(v) || v is < 1 or > LowestRank:
                errors.Add(row.Error("value", $"thứ hạng phải là số nguyên từ 1 đến {LowestRank}.", $"a rank is a whole number from 1 to {LowestRank}."));
                break;
            case IndicatorKind.Value when v > 100:
                errors.Add(row.Error("value", "giá trị phần trăm phải trong khoảng 0–100.", "a percentage must be within 0–100."));
                break;
        }
    }

    /// <summary>A plain decimal with a decimal point: no comma, thousands separator, exponent, NaN or Infinity.</summary>
    public static decimal? ParseFigure(CsvRow row, string column, List<SeedError> errors)
    {
        var text = row[column];
        if (text.Length == 0) return null;
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(row.Error(column, $"'{text}' không phải là số (dùng dấu chấm thập phân, không dùng dấu phân cách hàng nghìn, ví dụ 99.5).",
                $"'{text}' is not a number (use a decimal point and no thousands separator, e.g. 99.5)."));
            return null;
        }
        if (value < 0)
            errors.Add(row.Error(column, $"số âm '{text}' không được chấp nhận.", $"negative number '{text}' is not allowed."));
        else if (value >= Largest)
            errors.Add(row.Error(column, $"số '{text}' lớn bất thường (tối đa {Largest:N0}).", $"the number '{text}' is implausibly large (at most {Largest:N0})."));
        else if (value.Scale > 4 && value != Math.Round(value, 4))
            errors.Add(row.Error(column, $"số '{text}' có quá 4 chữ số thập phân.", $"the number '{text}' has more than 4 decimal places."));
        return value;
    }
}
