using System.Text.RegularExpressions;
using HaNoi.ReformDashboard.Data.Files;
using HaNoi.ReformDashboard.Data.Messages;
using HaNoi.ReformDashboard.Data.Seed;
using HaNoi.ReformDashboard.Domain.Assessment;
using HaNoi.ReformDashboard.Domain.Catalogue;
using static HaNoi.ReformDashboard.Data.Assessment.AssessmentFiles;

namespace HaNoi.ReformDashboard.Data.Assessment;

/// <summary>A framework file read and checked: the framework, the file's row of each code, or every problem (and then no framework).</summary>
public sealed record FrameworkFile(string FileName, string TitleVi, string TitleEn, Framework? Framework, IReadOnlyDictionary<string, int> Rows,
    IReadOnlyList<CellError> Errors)
{
    public bool IsValid => Errors.Count == 0 && Framework is not null;
}

/// <summary>
/// The framework workbook the reform office edits (sheet "Khung", or a CSV with the same columns): one row per field,
/// criterion and sub-criterion, in order, each under the one before it by its code (<c>1</c>, <c>1.1</c>, <c>1.1.1</c>),
/// and one <c>total</c> row carrying the framework's title and declared total. docs/assessment.md describes the columns.
/// </summary>
public static partial class FrameworkWorkbook
{
    public const string SheetName = "Khung";
    public const string TotalCode = "total";
    public static readonly string[] Columns = ["code", "name_vi", "name_en", "max_points", "method", "scale", "evidence_vi", "applies_to", "indicator_code"];

    /// <summary>The blocks a field applies to when its cell is empty: the two the city ranks.</summary>
    public static readonly IReadOnlySet<UnitLevel> DefaultBlocks = new HashSet<UnitLevel> { UnitLevel.Department, UnitLevel.District };

    [GeneratedRegex(@"^\d{1,3}(\.\d{1,3}){0,2}$")]
    private static partial Regex CodePattern();

    private sealed class Node(CsvRow row, string code, decimal max, IReadOnlySet<UnitLevel> blocks)
    {
        public CsvRow Row { get; } = row;
        public string Code { get; } = code;
        public decimal Max { get; } = max;
        public IReadOnlySet<UnitLevel> Blocks { get; } = blocks;
        public List<Node> Children { get; } = [];
        public SubCriterion? Sub { get; init; }
    }

    /// <summary>Checks the rows of a read table against the framework's rules; <paramref name="indicatorCodes"/> are the indicators a sub-criterion may name.</summary>
    public static FrameworkFile Check(CsvTable table, int year, IReadOnlySet<string> indicatorCodes)
    {
        var errors = new List<CellError>();
        var rows = new Dictionary<string, int>(StringComparer.Ordinal);
        var fields = new List<Node>();
        var byCode = new Dictionary<string, Node>(StringComparer.Ordinal);
        (string Vi, string En, decimal Total, int Row)? total = null;

        foreach (var row in table.Rows)
        {
            var code = row["code"];
            if (code.Length == 0) { errors.Add(row.Error("code", DataText.Get("TheCodeIsMissing"))); continue; }
            if (string.Equals(code, TotalCode, StringComparison.OrdinalIgnoreCase))
            {
                if (total is not null) { errors.Add(row.Error("code", DataText.Get("TheTotalRowIsAlready", total.Value.Row))); continue; }
                if (row["name_vi"].Length == 0) errors.Add(row.Error("name_vi", DataText.Get("TheTotalRowCarriesThe")));
                if (TryNumber(row, "max_points", errors, out var t) && t <= 0) errors.Add(row.Error("max_points", DataText.Get("TheTotalMustBeAbove")));
                total = (row["name_vi"], row["name_en"], t, row.Number);
                rows[TotalCode] = row.Number;
                continue;
            }
            if (!CodePattern().IsMatch(code))
            {
                errors.Add(row.Error("code", DataText.Get("IsNotACodeField", code)));
                continue;
            }
            if (rows.TryGetValue(code, out var earlier))
            {
                errors.Add(row.Error("code", DataText.Get("TheCodeIsAlreadyOn", code, earlier)));
                continue;
            }
            rows[code] = row.Number;
            var depth = code.Count(c => c == '.');
            var parentCode = depth == 0 ? null : code[..code.LastIndexOf('.')];
            Node? parent = null;
            if (parentCode is not null && !byCode.TryGetValue(parentCode, out parent))
            {
                var kind = DataText.Get(depth == 1 ? "ItemField" : "ItemCriterion");
                errors.Add(row.Error("code", DataText.Get("NoOnTheRowsAbove", kind.Vi, parentCode, kind.En)));
                continue;
            }
            var before = errors.Count;
            if (row["name_vi"].Length == 0) errors.Add(row.Error("name_vi", DataText.Get("TheVietnameseNameIsMissing")));
            foreach (var column in new[] { "name_vi", "name_en", "scale", "evidence_vi" }.Where(c => row[c].Length > AssessmentModel.MaxNameLength))
                errors.Add(row.Error(column, DataText.Get("LongerThanCharacters", AssessmentModel.MaxNameLength)));
            TryNumber(row, "max_points", errors, out var max);
            var blocks = Blocks(row, parent?.Blocks ?? DefaultBlocks, errors);
            var method = row["method"];
            Node node;
            if (depth < 2)
            {
                foreach (var column in new[] { "method", "scale", "indicator_code" }.Where(c => row[c].Length > 0))
                    errors.Add(row.Error(column, DataText.Get("OnlyASubCriterionFills")));
                node = new Node(row, code, max, blocks);
            }
            else
            {
                var sub = SubCriterion(row, code, max, blocks, method, indicatorCodes, errors);
                node = new Node(row, code, max, blocks) { Sub = sub };
            }
            if (errors.Count > before) continue;
            byCode[code] = node;
            if (parent is null) fields.Add(node); else parent.Children.Add(node);
        }

        if (total is null)
            errors.Add(new CellError(table.FileName, 0, "code", DataText.Get("TheTotalRowTheFramework")));
        if (fields.Count == 0 && table.Rows.Count > 0 && errors.Count == 0)
            errors.Add(new CellError(table.FileName, 0, "code", DataText.Get("ThereIsNoField")));
        if (errors.Count > 0 || total is null) return new FrameworkFile(table.FileName, total?.Vi ?? "", total?.En ?? "", null, rows, errors);

        var framework = new Framework(year, total.Value.Total, [.. fields.Select(f => new Field(f.Code, f.Row["name_vi"], f.Row["name_en"], f.Max, f.Blocks,
            [.. f.Children.Select(c => new Criterion(c.Code, c.Row["name_vi"], c.Row["name_en"], c.Max, c.Blocks, [.. c.Children.Select(s => s.Sub!)]))]))]);
        foreach (var problem in FrameworkCheck.Check(framework))
            errors.Add(Word(table.FileName, problem, rows));
        return errors.Count > 0
            ? new FrameworkFile(table.FileName, total.Value.Vi, total.Value.En, null, rows, errors)
            : new FrameworkFile(table.FileName, total.Value.Vi, total.Value.En, framework, rows, []);
    }

    private static IReadOnlySet<UnitLevel> Blocks(CsvRow row, IReadOnlySet<UnitLevel> inherited, List<CellError> errors)
    {
        var text = row["applies_to"];
        if (text.Length == 0) return inherited;
        var blocks = new HashSet<UnitLevel>();
        foreach (var part in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (CatalogueCodes.TryParseLevel(part, out var level) && level != UnitLevel.City) blocks.Add(level);
            else errors.Add(row.Error("applies_to", DataText.Get("IsNotABlockDepartment", part)));
        }
        return blocks;
    }

    private static SubCriterion? SubCriterion(CsvRow row, string code, decimal max, IReadOnlySet<UnitLevel> blocks, string method,
        IReadOnlySet<string> indicatorCodes, List<CellError> errors)
    {
        if (!AssessmentCodes.TryParseMethod(method, out var m))
        {
            errors.Add(row.Error("method", DataText.Get("IsNotAScoringMethod", method)));
            return null;
        }
        IReadOnlyList<ThresholdStep> steps = [];
        IReadOnlyList<ScaleLevel> levels = [];
        var scale = row["scale"];
        switch (m)
        {
            case ScoringMethod.Figure when !ScaleNotation.TryParseSteps(scale, out steps):
                errors.Add(row.Error("scale", DataText.Get("AFigureSThresholdsAre")));
                break;
            case ScoringMethod.Scale when !ScaleNotation.TryParseLevels(scale, out levels):
                errors.Add(row.Error("scale", DataText.Get("AScaleIsWritten")));
                break;
            case ScoringMethod.YesNo or ScoringMethod.Survey when scale.Length > 0:
                errors.Add(row.Error("scale", DataText.Get("YesNoAndSurveyTake")));
                break;
        }
        var indicator = row["indicator_code"];
        if (indicator.Length > 0 && !indicatorCodes.Contains(indicator))
            errors.Add(row.Error("indicator_code", DataText.Get("ThereIsNoIndicator", indicator)));
        if (indicator.Length > 0 && m != ScoringMethod.Figure)
            errors.Add(row.Error("indicator_code", DataText.Get("OnlyAFigureSubCriterion")));
        return new SubCriterion(code, row["name_vi"], row["name_en"], max, m, steps, levels, row["evidence_vi"], blocks, indicator.Length > 0 ? indicator : null);
    }

    private static string BlockVi(UnitLevel? block) => block switch
    {
        UnitLevel.Department or UnitLevel.District or UnitLevel.Commune => DataText.Get("Block_" + block.Value.ToCode()).Vi,
        _ => "",
    };

    private static CellError Word(string file, FrameworkProblem p, IReadOnlyDictionary<string, int> rows)
    {
        var row = rows.GetValueOrDefault(p.Code.Length == 0 ? TotalCode : p.Code);
        var block = p.Block?.ToCode() ?? "";
        var (column, message) = p.Kind switch
        {
            FrameworkProblemKind.CriterionSum => ("max_points",
                DataText.Get("CriterionDeclaresPointsButIts", p.Code, Vn(p.Declared), BlockVi(p.Block), Vn(p.Sum), En(p.Declared), block, En(p.Sum))),
            FrameworkProblemKind.FieldSum => ("max_points",
                DataText.Get("FieldDeclaresPointsButIts", p.Code, Vn(p.Declared), BlockVi(p.Block), Vn(p.Sum), En(p.Declared), block, En(p.Sum))),
            FrameworkProblemKind.TotalSum => ("max_points",
                DataText.Get("TheTotalDeclaresPointsBut", Vn(p.Declared), BlockVi(p.Block), Vn(p.Sum), En(p.Declared), block, En(p.Sum))),
            FrameworkProblemKind.MaxNotPositive => ("max_points", DataText.Get("TheMaximumMustBeAbove")),
            FrameworkProblemKind.NoSteps => ("scale", DataText.Get("TheThresholdsOrScaleAre")),
            FrameworkProblemKind.StepOutOfRange => ("scale", DataText.Get("AStepGivesPointsOutside", Vn(p.Sum), Vn(p.Declared), En(p.Sum), En(p.Declared))),
            FrameworkProblemKind.MaxNeverGiven => ("scale", DataText.Get("NoStepGivesTheMaximum", Vn(p.Declared), En(p.Declared))),
            FrameworkProblemKind.AppliesOutsideParent => ("applies_to", DataText.Get("AppliesToTheBlockBut", BlockVi(p.Block), block)),
            FrameworkProblemKind.Empty => ("code", DataText.Get("HasNothingUnderIt")),
            FrameworkProblemKind.DuplicateCode => ("code", DataText.Get("TheCodeIsRepeated")),
            _ => ("-", new DataText.Message(p.Kind.ToString(), p.Kind.ToString())),
        };
        return new CellError(file, row, column, message);
    }
}
