using System.Globalization;
using System.Text.RegularExpressions;
using HaNoi.ReformDashboard.Data.Files;
using HaNoi.ReformDashboard.Data.Import;
using HaNoi.ReformDashboard.Data.Messages;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Scoring;

namespace HaNoi.ReformDashboard.Data.Seed;

/// <summary>
/// A row of units.csv: one version of a unit. Rows sharing <see cref="UnitKey"/> are versions of one unit; the code
/// references (parent, successor, split_from) name the version in force on the day that matters.
/// </summary>
public sealed record UnitRow(int Row, string Code, string NameVi, string NameEn, UnitLevel Level, string? ParentCode, DateOnly ValidFrom, DateOnly? ValidTo, string? SuccessorCode)
    : IUnitVersion
{
    public string UnitKey { get; init; } = Code;
    public string? SplitFrom { get; init; }
    public Validity Validity => new(ValidFrom, ValidTo);
}

/// <summary>A reorganisation read from units.csv, between unit keys.</summary>
public sealed record LineageRow(string PredecessorKey, string SuccessorKey, LineageKind Kind, DateOnly EffectiveOn);
public sealed record PillarRow(string Code, string NameVi, string NameEn, int Order);
public sealed record IndicatorRow(string Code, string Pillar, string NameVi, string NameEn, IndicatorKind Kind, Rollup Rollup, Frequency Frequency, IReadOnlyList<UnitLevel> Levels, decimal Tolerance, string DefinitionVi)
{
    public CityFigure CityFigure { get; init; }
}

/// <summary>A row of plan_years.csv: the plan year's catalogue (empty: every indicator) and its headline indicators in order.</summary>
public sealed record PlanYearRow(int Year, string TitleVi, string TitleEn, IReadOnlyList<string> Indicators, IReadOnlyList<string> Headline)
{
    public bool Includes(string indicatorCode) => Indicators.Count == 0 || Indicators.Contains(indicatorCode, StringComparer.Ordinal);
}
public sealed record TargetRow(int PlanYear, string IndicatorCode, UnitLevel? Level, string? UnitCode, ComparisonOperator Operator, decimal Threshold, bool Aspirational, string SourceVi)
{
    /// <summary>The row as the scoring engine reads a target (<see cref="TargetBook"/>).</summary>
    public TargetEntry Entry => new(PlanYear, IndicatorCode, Level, UnitCode, new Target(Operator, Threshold, Aspirational));
}
public sealed record MeasurementRow(string UnitCode, string IndicatorCode, DateOnly Period, decimal? Numerator, decimal? Denominator, decimal? Value)
{
    /// <summary>The unit the code named in that month.</summary>
    public string UnitKey { get; init; } = UnitCode;
    /// <summary>The row of the file it was read from (header = row 1).</summary>
    public int Row { get; init; }
    /// <summary>Some cell of the row was a formula, read by its cached value.</summary>
    public bool FromFormula { get; init; }
}
public sealed record MeasurementFile(string FileName, IReadOnlyList<MeasurementRow> Rows);

/// <summary>
/// The contents of a seed-data folder (seed-data/README.md), parsed and checked as a whole. Reading never
/// touches the database, so a malformed file is refused before anything is written.
/// </summary>
public sealed partial class SeedSet
{
    public static readonly string[] UnitColumns = ["code", "name_vi", "name_en", "level", "parent_code", "valid_from", "valid_to", "successor_code"];
    public static readonly string[] PillarColumns = ["code", "name_vi", "name_en", "order"];
    public static readonly string[] IndicatorColumns = ["code", "pillar", "name_vi", "name_en", "kind", "rollup", "frequency", "levels", "tolerance", "definition_vi", "city_figure"];
    public static readonly string[] PlanYearColumns = ["plan_year", "title_vi", "title_en", "indicators", "headline"];
    public static readonly string[] TargetColumns = ["plan_year", "indicator_code", "level", "unit_code", "operator", "threshold", "aspirational", "source_vi"];
    public static readonly string[] MeasurementColumns = ["unit_code", "indicator_code", "period", "numerator", "denominator", "value"];

    public required IReadOnlyList<UnitRow> Units { get; init; }
    public required IReadOnlyList<LineageRow> Lineage { get; init; }
    public required IReadOnlyList<PlanYearRow> PlanYears { get; init; }
    public required IReadOnlyList<PillarRow> Pillars { get; init; }
    public required IReadOnlyList<IndicatorRow> Indicators { get; init; }
    public required IReadOnlyList<TargetRow> Targets { get; init; }
    public required IReadOnlyList<MeasurementFile> MeasurementFiles { get; init; }

    [GeneratedRegex(@"^measurements-(\d{4})\.csv$")]
    private static partial Regex MeasurementFileName();

    /// <summary>Reads every file of the folder; throws <see cref="DataFileException"/> listing every problem.</summary>
    public static SeedSet Read(string folder) => Read(folder, withMeasurements: true);

    /// <summary>Units, pillars, indicators and targets only (the demo generator's input).</summary>
    public static SeedSet ReadCatalogue(string folder) => Read(folder, withMeasurements: false);

    private static SeedSet Read(string folder, bool withMeasurements)
    {
        var errors = new List<CellError>();
        if (!Directory.Exists(folder))
            throw new DataFileException([new CellError(folder, 0, "-", DataText.Get("TheDataFolderDoesNot"))]);

        CsvTable? Table(string name, string[] columns)
        {
            var path = Path.Combine(folder, name);
            if (File.Exists(path)) return CsvTable.Read(path, columns, errors);
            errors.Add(new CellError(name, 0, "-", DataText.Get("TheFileIsMissing")));
            return null;
        }

        var (units, lineage) = ReadUnits(Table("units.csv", UnitColumns), errors);
        var pillars = ReadPillars(Table("pillars.csv", PillarColumns), errors);
        var indicators = ReadIndicators(Table("indicators.csv", IndicatorColumns), pillars, errors);
        var planYears = ReadPlanYears(Table("plan_years.csv", PlanYearColumns), indicators, errors);
        var targets = ReadTargets(Table("targets.csv", TargetColumns), indicators, units, planYears, errors);
        var files = new List<MeasurementFile>();
        var measurementPaths = withMeasurements ? Directory.GetFiles(folder, "measurements-*.csv") : [];
        foreach (var path in measurementPaths.Order(StringComparer.Ordinal))
        {
            var match = MeasurementFileName().Match(Path.GetFileName(path));
            if (!match.Success)
            {
                errors.Add(new CellError(Path.GetFileName(path), 0, "-", DataText.Get("TheFileNameMustBe")));
                continue;
            }
            var table = CsvTable.Read(path, [], errors);
            if (table is null) continue;
            var year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var catalogue = MeasurementCatalogue.ForSeedYear(year, units, indicators, planYears.FirstOrDefault(p => p.Year == year));
            files.Add(new MeasurementFile(table.FileName, MeasurementReader.Read(table, catalogue, errors)));
        }

        if (errors.Count > 0) throw new DataFileException(errors);
        return new SeedSet { Units = units, Lineage = lineage, PlanYears = planYears, Pillars = pillars, Indicators = indicators, Targets = targets, MeasurementFiles = files };
    }

    private static (List<UnitRow>, List<LineageRow>) ReadUnits(CsvTable? table, List<CellError> errors)
    {
        var result = new List<UnitRow>();
        var lineage = new List<LineageRow>();
        if (table is null) return (result, lineage);
        var badLevel = new HashSet<int>();
        foreach (var row in table.Rows)
        {
            var code = Required(row, "code", errors);
            var nameVi = Required(row, "name_vi", errors);
            var nameEn = Required(row, "name_en", errors);
            if (!CatalogueCodes.TryParseLevel(row["level"], out var level))
            {
                errors.Add(row.Error("level", DataText.Get("IsNotALevelCity", row["level"])));
                badLevel.Add(row.Number);
            }
            var validFrom = ParseDate(row, "valid_from", required: true, errors) ?? default;
            var validTo = ParseDate(row, "valid_to", required: false, errors);
            if (validTo < validFrom)
                errors.Add(row.Error("valid_to", DataText.Get("ValidToIsBeforeValid")));
            result.Add(new UnitRow(row.Number, code, nameVi, nameEn, level, NullIfEmpty(row["parent_code"]), validFrom, validTo, NullIfEmpty(row["successor_code"]))
            {
                UnitKey = NullIfEmpty(row["unit_key"]) ?? code,
                SplitFrom = NullIfEmpty(row["split_from"]),
            });
        }

        // A unit's versions never overlap, and a code names one unit at a time (the database's exclusion constraints).
        for (var i = 0; i < result.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                var (a, b) = (result[i], result[j]);
                if (a.Code.Length == 0 || !a.Validity.Overlaps(b.Validity)) continue;
                if (a.UnitKey == b.UnitKey)
                    errors.Add(new CellError(table.FileName, a.Row, "valid_from", DataText.Get("AVersionOfUnitOverlaps", a.UnitKey, b.Row)));
                else if (a.Code == b.Code)
                    errors.Add(new CellError(table.FileName, a.Row, "code", DataText.Get("CodeIsUsedByThe", a.Code, b.Row)));
            }
        }

        var codes = result.Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        UnitRow? Resolve(UnitRow unit, string column, string code, DateOnly? day, DataText.Message role)
        {
            if (!codes.Contains(code))
            {
                errors.Add(new CellError(table.FileName, unit.Row, column, DataText.Get("UnknownCode", role.Vi, code, role.En)));
                return null;
            }
            var found = day is { } d ? UnitsInForce.ByCodeOn(result, code, d) : null;
            if (found is null)
                errors.Add(new CellError(table.FileName, unit.Row, column, DataText.Get("IsNotInForceOn", role.Vi, code, day, role.En)));
            return found;
        }

        foreach (var unit in result)
        {
            if (unit.ParentCode is { } parent)
            {
                if (Resolve(unit, "parent_code", parent, unit.ValidFrom, DataText.Get("Parent")) is { } p
                    && p.Level >= unit.Level && !badLevel.Contains(unit.Row) && !badLevel.Contains(p.Row))
                    errors.Add(new CellError(table.FileName, unit.Row, "parent_code", DataText.Get("ParentIsNotAtA", parent)));
            }
            else if (unit.Level != UnitLevel.City && !badLevel.Contains(unit.Row))
            {
                errors.Add(new CellError(table.FileName, unit.Row, "parent_code", DataText.Get("TheParentCodeIsMissing")));
            }
            if (unit.SuccessorCode is { } successor)
            {
                if (unit.ValidTo is not { } end)
                    errors.Add(new CellError(table.FileName, unit.Row, "successor_code", DataText.Get("AUnitWithASuccessor")));
                else if (Resolve(unit, "successor_code", successor, end.AddDays(1), DataText.Get("Successor")) is { } s)
                    lineage.Add(new LineageRow(unit.UnitKey, s.UnitKey, LineageKind.MergedInto, end.AddDays(1)));
            }
            if (unit.SplitFrom is { } origin && Resolve(unit, "split_from", origin, unit.ValidFrom.AddDays(-1), DataText.Get("SplitFrom")) is { } o)
                lineage.Add(new LineageRow(o.UnitKey, unit.UnitKey, LineageKind.SplitFrom, unit.ValidFrom));
        }
        return (result, lineage.Distinct().ToList());
    }

    private static List<PlanYearRow> ReadPlanYears(CsvTable? table, List<IndicatorRow> indicators, List<CellError> errors)
    {
        var result = new List<PlanYearRow>();
        if (table is null) return result;
        var known = indicators.Select(i => i.Code).ToHashSet(StringComparer.Ordinal);
        List<string> Codes(CsvRow row, string column)
        {
            var codes = row[column].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
            foreach (var code in codes.Where(c => !known.Contains(c)))
                errors.Add(row.Error(column, DataText.Get("UnknownIndicatorCode", code)));
            return codes;
        }
        foreach (var row in table.Rows)
        {
            var year = int.TryParse(row["plan_year"], NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 2000 and <= 2100
                ? y : Invalid(row, "plan_year", errors, 0);
            if (result.Any(p => p.Year == year))
                errors.Add(row.Error("plan_year", DataText.Get("DuplicatePlanYear", year)));
            var plan = new PlanYearRow(year, Required(row, "title_vi", errors), Required(row, "title_en", errors), Codes(row, "indicators"), Codes(row, "headline"));
            foreach (var code in plan.Headline.Where(c => known.Contains(c) && !plan.Includes(c)))
                errors.Add(row.Error("headline", DataText.Get("IndicatorIsNotInThe", code, year)));
            result.Add(plan);
        }
        return result;
    }

    private static List<PillarRow> ReadPillars(CsvTable? table, List<CellError> errors)
    {
        var result = new List<PillarRow>();
        if (table is null) return result;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var code = Required(row, "code", errors);
            if (code.Length > 0 && !seen.Add(code))
                errors.Add(row.Error("code", DataText.Get("DuplicateCode", code)));
            var order = int.TryParse(row["order"], NumberStyles.None, CultureInfo.InvariantCulture, out var o) ? o : Invalid(row, "order", errors, 0);
            result.Add(new PillarRow(code, Required(row, "name_vi", errors), Required(row, "name_en", errors), order));
        }
        return result;
    }

    private static List<IndicatorRow> ReadIndicators(CsvTable? table, List<PillarRow> pillars, List<CellError> errors)
    {
        var result = new List<IndicatorRow>();
        if (table is null) return result;
        var pillarCodes = pillars.Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var code = Required(row, "code", errors);
            if (code.Length > 0 && !seen.Add(code))
                errors.Add(row.Error("code", DataText.Get("DuplicateCode", code)));
            var pillar = row["pillar"];
            if (!pillarCodes.Contains(pillar))
                errors.Add(row.Error("pillar", DataText.Get("UnknownPillar", pillar)));
            if (!CatalogueCodes.TryParseKind(row["kind"], out var kind))
                errors.Add(row.Error("kind", DataText.Get("IsNotAKindRatio", row["kind"])));
            if (!CatalogueCodes.TryParseRollup(row["rollup"], out var rollup))
                errors.Add(row.Error("rollup", DataText.Get("IsNotARollUp", row["rollup"])));
            if (!CatalogueCodes.TryParseFrequency(row["frequency"], out var frequency))
                errors.Add(row.Error("frequency", DataText.Get("IsNotAFrequencyMonthly", row["frequency"])));
            var levels = new List<UnitLevel>();
            foreach (var part in row["levels"].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (CatalogueCodes.TryParseLevel(part, out var level)) levels.Add(level);
                else errors.Add(row.Error("levels", DataText.Get("IsNotALevel", part)));
            }
            if (levels.Count == 0 && row["levels"].Length == 0)
                errors.Add(row.Error("levels", DataText.Get("NoReportingLevelGiven")));
            var tolerance = ParseDecimal(row, "tolerance", errors) ?? 0;
            // The city's own report needs the city among the reporting levels; a sum of units must not count one.
            if (!CatalogueCodes.TryParseCityFigure(row["city_figure"], out var cityFigure))
                errors.Add(row.Error("city_figure", DataText.Get("IsNotACityFigure", row["city_figure"])));
            else if ((cityFigure == CityFigure.OwnReport) != levels.Contains(UnitLevel.City))
                errors.Add(row.Error("city_figure", DataText.Get(cityFigure == CityFigure.OwnReport ? "OwnReportNeedsTheCity" : "SumOfUnitsMustNotListTheCity")));
            result.Add(new IndicatorRow(code, pillar, Required(row, "name_vi", errors), Required(row, "name_en", errors), kind, rollup, frequency, levels, tolerance, row["definition_vi"]) { CityFigure = cityFigure });
        }
        return result;
    }

    private static List<TargetRow> ReadTargets(CsvTable? table, List<IndicatorRow> indicators, List<UnitRow> units, List<PlanYearRow> planYears, List<CellError> errors)
    {
        var result = new List<TargetRow>();
        if (table is null) return result;
        var indicatorCodes = indicators.Select(i => i.Code).ToHashSet(StringComparer.Ordinal);
        var unitCodes = units.Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<(int, string, UnitLevel?, string?)>();
        foreach (var row in table.Rows)
        {
            var year = int.TryParse(row["plan_year"], NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 2000 and <= 2100
                ? y : Invalid(row, "plan_year", errors, 0);
            var indicator = row["indicator_code"];
            var plan = planYears.FirstOrDefault(p => p.Year == year);
            if (!indicatorCodes.Contains(indicator))
                errors.Add(row.Error("indicator_code", DataText.Get("UnknownIndicatorCode", indicator)));
            else if (year != 0 && plan is null)
                errors.Add(row.Error("plan_year", DataText.Get("PlanYearIsNotIn", year)));
            else if (plan is not null && !plan.Includes(indicator))
                errors.Add(row.Error("indicator_code", DataText.Get("IndicatorIsNotInThe", indicator, year)));
            UnitLevel? level = null;
            if (row["level"].Length > 0)
            {
                if (CatalogueCodes.TryParseLevel(row["level"], out var l)) level = l;
                else errors.Add(row.Error("level", DataText.Get("IsNotALevel", row["level"])));
            }
            var unit = NullIfEmpty(row["unit_code"]);
            if (unit is not null && !unitCodes.Contains(unit))
                errors.Add(row.Error("unit_code", DataText.Get("UnknownUnitCode", unit)));
            if (!CatalogueCodes.TryParseOperator(row["operator"], out var op))
                errors.Add(row.Error("operator", DataText.Get("IsNotAnOperator", row["operator"])));
            var threshold = ParseDecimal(row, "threshold", errors) ?? 0;
            var aspirational = row["aspirational"] switch
            {
                "true" => true,
                "false" or "" => false,
                var other => Invalid(row, "aspirational", errors, false, $"'{other}' (true/false)"),
            };
            if (!seen.Add((year, indicator, level, unit)))
                errors.Add(row.Error("indicator_code", DataText.Get("DuplicateTargetForTheSame")));
            result.Add(new TargetRow(year, indicator, level, unit, op, threshold, aspirational, row["source_vi"]));
        }
        return result;
    }

    internal static string Required(CsvRow row, string column, List<CellError> errors)
    {
        var value = row[column];
        if (value.Length == 0) errors.Add(row.Error(column, DataText.Get("TheCellIsRequiredBut")));
        return value;
    }

    internal static decimal? ParseDecimal(CsvRow row, string column, List<CellError> errors)
    {
        var text = row[column];
        if (text.Length == 0) return null;
        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            if (value < 0) errors.Add(row.Error(column, DataText.Get("NegativeNumberIsNotAllowed", text)));
            return value;
        }
        errors.Add(row.Error(column, DataText.Get("IsNotANumberUse2", text)));
        return null;
    }

    private static DateOnly? ParseDate(CsvRow row, string column, bool required, List<CellError> errors)
    {
        var text = row[column];
        if (text.Length == 0)
        {
            if (required) errors.Add(row.Error(column, DataText.Get("TheCellIsRequiredBut")));
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        errors.Add(row.Error(column, DataText.Get("DateIsNotYYYYMM", text)));
        return null;
    }

    private static T Invalid<T>(CsvRow row, string column, List<CellError> errors, T fallback, string? detail = null)
    {
        var shown = detail ?? $"'{row[column]}'";
        errors.Add(row.Error(column, DataText.Get("InvalidValue", shown)));
        return fallback;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
