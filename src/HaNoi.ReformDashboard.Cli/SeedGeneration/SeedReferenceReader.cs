using System.Globalization;
using System.Text;

using HaNoi.ReformDashboard.Domain.Catalogue;

namespace HaNoi.ReformDashboard.Cli.SeedGeneration;

/// <summary>Reads and validates <c>units.csv</c>, <c>indicators.csv</c> and <c>targets.csv</c> (DESIGN §6).</summary>
public static class SeedReferenceReader
{
    public const string UnitsFile = "units.csv";
    public const string IndicatorsFile = "indicators.csv";
    public const string TargetsFile = "targets.csv";

    public static readonly IReadOnlyList<string> UnitColumns =
        ["code", "name_vi", "name_en", "level", "parent_code", "valid_from", "valid_to", "successor_code"];

    public static readonly IReadOnlyList<string> IndicatorColumns =
        ["code", "pillar", "name_vi", "name_en", "kind", "rollup", "frequency", "levels", "tolerance", "definition_vi"];

    public static readonly IReadOnlyList<string> TargetColumns =
        ["plan_year", "indicator_code", "level", "unit_code", "operator", "threshold", "aspirational", "source_vi"];

    /// <exception cref="SeedDataException">A file is missing or invalid.</exception>
    public static SeedReferenceData ReadFolder(string folder)
    {
        IReadOnlyList<UnitRecord> units = ReadUnits(ReadText(folder, UnitsFile));
        IReadOnlyList<IndicatorRecord> indicators = ReadIndicators(ReadText(folder, IndicatorsFile));
        IReadOnlyList<TargetRecord> targets = ReadTargets(ReadText(folder, TargetsFile), units, indicators);
        return new SeedReferenceData(units, indicators, targets);
    }

    public static IReadOnlyList<UnitRecord> ReadUnits(string text)
    {
        Table table = Table.Parse(text, UnitsFile, UnitColumns);
        List<UnitRecord> units = [];
        HashSet<string> codes = new(StringComparer.Ordinal);
        foreach (Row row in table.Rows)
        {
            string code = row.Required("code");
            if (!codes.Add(code))
            {
                throw row.Error("code", $"mã đơn vị '{code}' bị trùng", $"duplicate unit code '{code}'");
            }
            if (!CatalogueCodes.TryParseLevel(row["level"], out UnitLevel level))
            {
                throw row.Error("level", $"cấp '{row["level"]}' không hợp lệ (city/department/district/commune)",
                    $"invalid level '{row["level"]}' (city/department/district/commune)");
            }
            units.Add(new UnitRecord(
                code,
                row.Required("name_vi"),
                row.Required("name_en"),
                level,
                row.Optional("parent_code"),
                row.Date("valid_from") ?? throw row.Error("valid_from", "thiếu ngày hiệu lực", "valid_from is empty"),
                row.Date("valid_to"),
                row.Optional("successor_code")));
        }

        foreach (UnitRecord unit in units)
        {
            if (unit.ParentCode is not null && !codes.Contains(unit.ParentCode))
            {
                throw new SeedDataException(
                    $"{UnitsFile}: đơn vị '{unit.Code}' có đơn vị cha '{unit.ParentCode}' không tồn tại. / " +
                    $"{UnitsFile}: unit '{unit.Code}' has an unknown parent '{unit.ParentCode}'.");
            }
        }
        return units;
    }

    public static IReadOnlyList<IndicatorRecord> ReadIndicators(string text)
    {
        Table table = Table.Parse(text, IndicatorsFile, IndicatorColumns);
        List<IndicatorRecord> indicators = [];
        HashSet<string> codes = new(StringComparer.Ordinal);
        foreach (Row row in table.Rows)
        {
            string code = row.Required("code");
            if (!codes.Add(code))
            {
                throw row.Error("code", $"mã chỉ tiêu '{code}' bị trùng", $"duplicate indicator code '{code}'");
            }
            if (!CatalogueCodes.TryParseKind(row["kind"], out IndicatorKind kind))
            {
                throw row.Error("kind", $"loại '{row["kind"]}' không hợp lệ", $"invalid kind '{row["kind"]}'");
            }
            if (!CatalogueCodes.TryParseRollup(row["rollup"], out Rollup rollup))
            {
                throw row.Error("rollup", $"cách cộng dồn '{row["rollup"]}' không hợp lệ", $"invalid rollup '{row["rollup"]}'");
            }
            if (!CatalogueCodes.TryParseFrequency(row["frequency"], out Frequency frequency))
            {
                throw row.Error("frequency", $"tần suất '{row["frequency"]}' không hợp lệ", $"invalid frequency '{row["frequency"]}'");
            }
            List<UnitLevel> levels = [];
            foreach (string part in row.Required("levels").Split(';'))
            {
                if (!CatalogueCodes.TryParseLevel(part, out UnitLevel level) || levels.Contains(level))
                {
                    throw row.Error("levels", $"danh sách cấp '{row["levels"]}' không hợp lệ", $"invalid levels '{row["levels"]}'");
                }
                levels.Add(level);
            }
            indicators.Add(new IndicatorRecord(
                code,
                row.Required("pillar"),
                row.Required("name_vi"),
                row.Required("name_en"),
                kind,
                rollup,
                frequency,
                levels,
                row.Decimal("tolerance")));
        }
        return indicators;
    }

    public static IReadOnlyList<TargetRecord> ReadTargets(
        string text,
        IReadOnlyList<UnitRecord> units,
        IReadOnlyList<IndicatorRecord> indicators)
    {
        Table table = Table.Parse(text, TargetsFile, TargetColumns);
        HashSet<string> unitCodes = units.Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        HashSet<string> indicatorCodes = indicators.Select(i => i.Code).ToHashSet(StringComparer.Ordinal);
        List<TargetRecord> targets = [];
        foreach (Row row in table.Rows)
        {
            if (!int.TryParse(row["plan_year"], NumberStyles.None, CultureInfo.InvariantCulture, out int year) || year is < 2000 or > 2100)
            {
                throw row.Error("plan_year", $"năm kế hoạch '{row["plan_year"]}' không hợp lệ", $"invalid plan_year '{row["plan_year"]}'");
            }
            string indicator = row.Required("indicator_code");
            if (!indicatorCodes.Contains(indicator))
            {
                throw row.Error("indicator_code", $"chỉ tiêu '{indicator}' không có trong {IndicatorsFile}", $"indicator '{indicator}' is not in {IndicatorsFile}");
            }
            UnitLevel? level = null;
            string? levelText = row.Optional("level");
            if (levelText is not null)
            {
                if (!CatalogueCodes.TryParseLevel(levelText, out UnitLevel parsed))
                {
                    throw row.Error("level", $"cấp '{levelText}' không hợp lệ", $"invalid level '{levelText}'");
                }
                level = parsed;
            }
            string? unit = row.Optional("unit_code");
            if (unit is not null && !unitCodes.Contains(unit))
            {
                throw row.Error("unit_code", $"đơn vị '{unit}' không có trong {UnitsFile}", $"unit '{unit}' is not in {UnitsFile}");
            }
            if (!CatalogueCodes.TryParseOperator(row["operator"], out ComparisonOperator op))
            {
                throw row.Error("operator", $"toán tử '{row["operator"]}' không hợp lệ (>, >=, <=, <, =)", $"invalid operator '{row["operator"]}' (>, >=, <=, <, =)");
            }
            bool aspirational = row["aspirational"] switch
            {
                "true" => true,
                "false" => false,
                _ => throw row.Error("aspirational", $"giá trị '{row["aspirational"]}' phải là true hoặc false", $"'{row["aspirational"]}' must be true or false"),
            };
            targets.Add(new TargetRecord(year, indicator, level, unit, op, row.Decimal("threshold"), aspirational, row.Required("source_vi")));
        }
        return targets;
    }

    private static string ReadText(string folder, string fileName)
    {
        string path = Path.Combine(folder, fileName);
        if (!File.Exists(path))
        {
            throw new SeedDataException(
                $"Không tìm thấy tệp '{path}'. / File '{path}' not found.");
        }
        return File.ReadAllText(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
    }

    private sealed class Table
    {
        private Table(IReadOnlyList<Row> rows)
        {
            Rows = rows;
        }

        public IReadOnlyList<Row> Rows { get; }

        public static Table Parse(string text, string fileName, IReadOnlyList<string> requiredColumns)
        {
            IReadOnlyList<CsvRecord> records = Rfc4180.Parse(text, fileName);
            if (records.Count == 0)
            {
                throw new SeedDataException($"{fileName}: tệp rỗng, thiếu dòng tiêu đề. / {fileName}: the file is empty (no header row).");
            }
            IReadOnlyList<string> header = records[0].Fields;
            Dictionary<string, int> index = new(StringComparer.Ordinal);
            for (int i = 0; i < header.Count; i++)
            {
                index.TryAdd(header[i].Trim(), i);
            }
            string[] missing = requiredColumns.Where(c => !index.ContainsKey(c)).ToArray();
            if (missing.Length > 0)
            {
                string list = string.Join(", ", missing);
                throw new SeedDataException(
                    $"{fileName}: thiếu cột {list} trong dòng tiêu đề. / {fileName}: the header lacks column(s) {list}.");
            }
            List<Row> rows = [];
            foreach (CsvRecord record in records.Skip(1))
            {
                if (record.Fields.Count != header.Count)
                {
                    throw new SeedDataException(Rfc4180.Format(fileName, record.Line,
                        $"có {record.Fields.Count} cột, tiêu đề có {header.Count} cột",
                        $"{record.Fields.Count} fields where the header has {header.Count}"));
                }
                rows.Add(new Row(fileName, record, index));
            }
            return new Table(rows);
        }
    }

    private sealed class Row(string fileName, CsvRecord record, IReadOnlyDictionary<string, int> index)
    {
        public string this[string column] => record.Fields[index[column]];

        public string Required(string column)
        {
            string value = this[column];
            return value.Length > 0 ? value : throw Error(column, "để trống", "is empty");
        }

        public string? Optional(string column)
        {
            string value = this[column];
            return value.Length > 0 ? value : null;
        }

        public decimal Decimal(string column)
        {
            string value = this[column];
            return decimal.TryParse(value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out decimal parsed)
                ? parsed
                : throw Error(column, $"'{value}' không phải là số (dấu chấm thập phân)", $"'{value}' is not a number (dot decimals)");
        }

        public DateOnly? Date(string column)
        {
            string value = this[column];
            if (value.Length == 0)
            {
                return null;
            }
            return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly parsed)
                ? parsed
                : throw Error(column, $"ngày '{value}' không đúng dạng YYYY-MM-DD", $"date '{value}' is not YYYY-MM-DD");
        }

        public SeedDataException Error(string column, string vietnamese, string english) =>
            new(Rfc4180.Format(fileName, record.Line, $"cột {column}: {vietnamese}", $"column {column}: {english}"));
    }
}
