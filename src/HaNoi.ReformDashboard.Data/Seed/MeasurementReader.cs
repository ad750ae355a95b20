using System.Globalization;
using HaNoi.ReformDashboard.Domain.Catalogue;

namespace HaNoi.ReformDashboard.Data.Seed;

/// <summary>Checks measurement rows against the catalogue: the rules of DESIGN §6 for any monthly file.</summary>
public static class MeasurementReader
{
    public static List<MeasurementRow> Read(CsvTable table, int planYear, IReadOnlyList<UnitRow> units, IReadOnlyList<IndicatorRow> indicators, PlanYearRow? plan, List<SeedError> errors)
    {
        var versionsByCode = units.GroupBy(u => u.Code).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var indicatorsByCode = indicators.GroupBy(i => i.Code).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var seen = new Dictionary<(string, string, DateOnly), int>();
        var result = new List<MeasurementRow>(table.Rows.Count);

        foreach (var row in table.Rows)
        {
            var before = errors.Count;
            var unitCode = row["unit_code"];
            var indicatorCode = row["indicator_code"];
            versionsByCode.TryGetValue(unitCode, out var versions);
            indicatorsByCode.TryGetValue(indicatorCode, out var indicator);
            if (versions is null)
                errors.Add(row.Error("unit_code", $"mã đơn vị '{unitCode}' không tồn tại.", $"unknown unit code '{unitCode}'."));
            if (indicator is null)
                errors.Add(row.Error("indicator_code", $"mã chỉ tiêu '{indicatorCode}' không tồn tại.", $"unknown indicator code '{indicatorCode}'."));
            else if (plan is not null && !plan.Includes(indicatorCode))
                errors.Add(row.Error("indicator_code", $"chỉ tiêu '{indicatorCode}' không thuộc danh mục của năm {planYear}.", $"indicator '{indicatorCode}' is not in the {planYear} catalogue."));

            // A code names a unit version by the month: a renamed unit keeps its history, a reused code its new owner.
            UnitRow? unit = null;
            DateOnly period = default;
            var periodText = row["period"];
            if (!DateOnly.TryParseExact(periodText + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out period) || periodText.Length != 7)
                errors.Add(row.Error("period", $"kỳ '{periodText}' không đúng dạng YYYY-MM.", $"period '{periodText}' is not YYYY-MM."));
            else if (period.Year != planYear)
                errors.Add(row.Error("period", $"kỳ '{periodText}' nằm ngoài năm {planYear}.", $"period '{periodText}' is outside {planYear}."));
            else if (versions is not null && (unit = UnitsInForce.ByCode(versions, unitCode, period, period.AddMonths(1).AddDays(-1))) is null)
                errors.Add(row.Error("period", $"đơn vị '{unitCode}' không còn hiệu lực trong kỳ {periodText}.", $"unit '{unitCode}' is not in force in {periodText}."));
            if (unit is not null && indicator is not null && !indicator.Levels.Contains(unit.Level))
                errors.Add(row.Error("indicator_code", $"đơn vị cấp {unit.Level.ToCode()} không báo cáo chỉ tiêu '{indicatorCode}'.", $"a {unit.Level.ToCode()} unit does not report '{indicatorCode}'."));

            var numerator = SeedSet.ParseDecimal(row, "numerator", errors);
            var denominator = SeedSet.ParseDecimal(row, "denominator", errors);
            var value = SeedSet.ParseDecimal(row, "value", errors);
            if (indicator?.Kind == IndicatorKind.Ratio)
            {
                // An unreadable number was reported already; only an empty cell is "missing".
                foreach (var column in new[] { "numerator", "denominator" }.Where(c => row[c].Length == 0))
                    errors.Add(row.Error(column, "chỉ tiêu tỷ lệ cần cả tử số và mẫu số.", "a ratio needs both numerator and denominator."));
                if (numerator > denominator)
                    errors.Add(row.Error("numerator", $"tử số {numerator} lớn hơn mẫu số {denominator}.", $"numerator {numerator} exceeds denominator {denominator}."));
            }
            else if (indicator is not null && value is null && row["value"].Length == 0)
            {
                errors.Add(row.Error("value", "chỉ tiêu này cần cột value.", "this indicator needs a value."));
            }
            else if (indicator?.Kind == IndicatorKind.Milestone && value is { } done && done is not (0 or 1))
            {
                errors.Add(row.Error("value", "mốc hoàn thành chỉ nhận 1 (xong) hoặc 0 (chưa).", "a milestone takes 1 (done) or 0 (not done)."));
            }

            if (errors.Count == before)
            {
                if (seen.TryGetValue((unitCode, indicatorCode, period), out var first))
                    errors.Add(row.Error("period", $"dòng trùng với dòng {first} (cùng đơn vị, chỉ tiêu, kỳ).", $"duplicates row {first} (same unit, indicator and period)."));
                else
                    seen[(unitCode, indicatorCode, period)] = row.Number;
                result.Add(new MeasurementRow(unitCode, indicatorCode, period, numerator, denominator, value) { UnitKey = unit!.UnitKey });
            }
        }
        return result;
    }
}
