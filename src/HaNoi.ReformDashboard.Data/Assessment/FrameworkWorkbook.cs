using System.Text.RegularExpressions;
using HaNoi.ReformDashboard.Data.Seed;
using HaNoi.ReformDashboard.Domain.Assessment;
using HaNoi.ReformDashboard.Domain.Catalogue;
using static HaNoi.ReformDashboard.Data.Assessment.AssessmentFiles;

namespace HaNoi.ReformDashboard.Data.Assessment;

/// <summary>A framework file read and checked: the framework, the file's row of each code, or every problem (and then no framework).</summary>
public sealed record FrameworkFile(string FileName, string TitleVi, string TitleEn, Framework? Framework, IReadOnlyDictionary<string, int> Rows,
    IReadOnlyList<SeedError> Errors)
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
        var errors = new List<SeedError>();
        var rows = new Dictionary<string, int>(StringComparer.Ordinal);
        var fields = new List<Node>();
        var byCode = new Dictionary<string, Node>(StringComparer.Ordinal);
        (string Vi, string En, decimal Total, int Row)? total = null;

        foreach (var row in table.Rows)
        {
            var code = row["code"];
            if (code.Length == 0) { errors.Add(row.Error("code", "thiếu mã.", "the code is missing.")); continue; }
            if (string.Equals(code, TotalCode, StringComparison.OrdinalIgnoreCase))
            {
                if (total is not null) { errors.Add(row.Error("code", $"dòng total đã có ở dòng {total.Value.Row}.", $"the total row is already on row {total.Value.Row}.")); continue; }
                if (row["name_vi"].Length == 0) errors.Add(row.Error("name_vi", "dòng total ghi tên bộ tiêu chí.", "the total row carries the framework's title."));
                if (TryNumber(row, "max_points", errors, out var t) && t <= 0) errors.Add(row.Error("max_points", "tổng điểm phải lớn hơn 0.", "the total must be above 0."));
                total = (row["name_vi"], row["name_en"], t, row.Number);
                rows[TotalCode] = row.Number;
                continue;
            }
            if (!CodePattern().IsMatch(code))
            {
                errors.Add(row.Error("code", $"mã '{code}' không hợp lệ: lĩnh vực 1, tiêu chí 1.1, tiêu chí thành phần 1.1.1.",
                    $"'{code}' is not a code: field 1, criterion 1.1, sub-criterion 1.1.1."));
                continue;
            }
            if (rows.TryGetValue(code, out var earlier))
            {
                errors.Add(row.Error("code", $"mã {code} đã có ở dòng {earlier}.", $"the code {code} is already on row {earlier}."));
                continue;
            }
            rows[code] = row.Number;
            var depth = code.Count(c => c == '.');
            var parentCode = depth == 0 ? null : code[..code.LastIndexOf('.')];
            Node? parent = null;
            if (parentCode is not null && !byCode.TryGetValue(parentCode, out parent))
            {
                errors.Add(row.Error("code", $"chưa có {(depth == 1 ? "lĩnh vực" : "tiêu chí")} {parentCode} ở các dòng trên.",
                    $"no {(depth == 1 ? "field" : "criterion")} {parentCode} on the rows above."));
                continue;
            }
            var before = errors.Count;
            if (row["name_vi"].Length == 0) errors.Add(row.Error("name_vi", "thiếu tên tiếng Việt.", "the Vietnamese name is missing."));
            foreach (var column in new[] { "name_vi", "name_en", "scale", "evidence_vi" }.Where(c => row[c].Length > AssessmentModel.MaxNameLength))
                errors.Add(row.Error(column, $"dài hơn {AssessmentModel.MaxNameLength} ký tự.", $"longer than {AssessmentModel.MaxNameLength} characters."));
            TryNumber(row, "max_points", errors, out var max);
            var blocks = Blocks(row, parent?.Blocks ?? DefaultBlocks, errors);
            var method = row["method"];
            Node node;
            if (depth < 2)
            {
                foreach (var column in new[] { "method", "scale", "indicator_code" }.Where(c => row[c].Length > 0))
                    errors.Add(row.Error(column, "chỉ tiêu chí thành phần mới có cột này.", "only a sub-criterion fills this column."));
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
            errors.Add(new SeedError(table.FileName, 0, "code", "thiếu dòng total (tên bộ tiêu chí và tổng điểm).", "the total row (the framework's title and total) is missing."));
        if (fields.Count == 0 && table.Rows.Count > 0 && errors.Count == 0)
            errors.Add(new SeedError(table.FileName, 0, "code", "không có lĩnh vực nào.", "there is no field."));
        if (errors.Count > 0 || total is null) return new FrameworkFile(table.FileName, total?.Vi ?? "", total?.En ?? "", null, rows, errors);

        var framework = new Framework(year, total.Value.Total, [.. fields.Select(f => new Field(f.Code, f.Row["name_vi"], f.Row["name_en"], f.Max, f.Blocks,
            [.. f.Children.Select(c => new Criterion(c.Code, c.Row["name_vi"], c.Row["name_en"], c.Max, c.Blocks, [.. c.Children.Select(s => s.Sub!)]))]))]);
        foreach (var problem in FrameworkCheck.Check(framework))
            errors.Add(Word(table.FileName, problem, rows));
        return errors.Count > 0
            ? new FrameworkFile(table.FileName, total.Value.Vi, total.Value.En, null, rows, errors)
            : new FrameworkFile(table.FileName, total.Value.Vi, total.Value.En, framework, rows, []);
    }

    private static IReadOnlySet<UnitLevel> Blocks(CsvRow row, IReadOnlySet<UnitLevel> inherited, List<SeedError> errors)
    {
        var text = row["applies_to"];
        if (text.Length == 0) return inherited;
        var blocks = new HashSet<UnitLevel>();
        foreach (var part in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (CatalogueCodes.TryParseLevel(part, out var level) && level != UnitLevel.City) blocks.Add(level);
            else errors.Add(row.Error("applies_to", $"'{part}' không phải khối đơn vị (department, district, commune; cách nhau bằng ;).",
                $"'{part}' is not a block (department, district, commune; separated by ;)."));
        }
        return blocks;
    }

    private static SubCriterion? SubCriterion(CsvRow row, string code, decimal max, IReadOnlySet<UnitLevel> blocks, string method,
        IReadOnlySet<string> indicatorCodes, List<SeedError> errors)
    {
        if (!AssessmentCodes.TryParseMethod(method, out var m))
        {
            errors.Add(row.Error("method", $"cách chấm '{method}' không hợp lệ (yes_no, figure, scale, survey).", $"'{method}' is not a scoring method (yes_no, figure, scale, survey)."));
            return null;
        }
        IReadOnlyList<ThresholdStep> steps = [];
        IReadOnlyList<ScaleLevel> levels = [];
        var scale = row["scale"];
        switch (m)
        {
            case ScoringMethod.Figure when !ScaleNotation.TryParseSteps(scale, out steps):
                errors.Add(row.Error("scale", "ngưỡng của số liệu viết dạng \">=99:2; >=95:1\" (toán tử, ngưỡng, dấu hai chấm, số điểm).",
                    "a figure's thresholds are written \">=99:2; >=95:1\" (operator, threshold, colon, points)."));
                break;
            case ScoringMethod.Scale when !ScaleNotation.TryParseLevels(scale, out levels):
                errors.Add(row.Error("scale", "thang điểm viết dạng \"Tốt:1; Đạt:0.5; Chưa đạt:0\" (mức, dấu hai chấm, số điểm; mỗi mức một lần).",
                    "a scale is written \"Tốt:1; Đạt:0.5; Chưa đạt:0\" (level, colon, points; each level once)."));
                break;
            case ScoringMethod.YesNo or ScoringMethod.Survey when scale.Length > 0:
                errors.Add(row.Error("scale", "cách chấm yes_no và survey không có thang điểm.", "yes_no and survey take no scale."));
                break;
        }
        var indicator = row["indicator_code"];
        if (indicator.Length > 0 && !indicatorCodes.Contains(indicator))
            errors.Add(row.Error("indicator_code", $"không có chỉ tiêu mã '{indicator}'.", $"there is no indicator '{indicator}'."));
        if (indicator.Length > 0 && m != ScoringMethod.Figure)
            errors.Add(row.Error("indicator_code", "chỉ tiêu chí chấm theo số liệu (figure) mới lấy số liệu từ một chỉ tiêu.", "only a figure sub-criterion takes its figure from an indicator."));
        return new SubCriterion(code, row["name_vi"], row["name_en"], max, m, steps, levels, row["evidence_vi"], blocks, indicator.Length > 0 ? indicator : null);
    }

    private static string BlockVi(UnitLevel? block) => block switch
    {
        UnitLevel.Department => "khối sở, ban, ngành",
        UnitLevel.District => "khối quận, huyện, thị xã",
        UnitLevel.Commune => "khối xã, phường, thị trấn",
        _ => "",
    };

    private static SeedError Word(string file, FrameworkProblem p, IReadOnlyDictionary<string, int> rows)
    {
        var row = rows.GetValueOrDefault(p.Code.Length == 0 ? TotalCode : p.Code);
        var block = p.Block?.ToCode() ?? "";
        var (column, vi, en) = p.Kind switch
        {
            FrameworkProblemKind.CriterionSum => ("max_points",
                $"tiêu chí {p.Code} ghi {Vn(p.Declared)} điểm nhưng các tiêu chí thành phần áp dụng cho {BlockVi(p.Block)} cộng lại {Vn(p.Sum)} điểm.",
                $"criterion {p.Code} declares {En(p.Declared)} points but its sub-criteria for the {block} block add up to {En(p.Sum)}."),
            FrameworkProblemKind.FieldSum => ("max_points",
                $"lĩnh vực {p.Code} ghi {Vn(p.Declared)} điểm nhưng các tiêu chí áp dụng cho {BlockVi(p.Block)} cộng lại {Vn(p.Sum)} điểm.",
                $"field {p.Code} declares {En(p.Declared)} points but its criteria for the {block} block add up to {En(p.Sum)}."),
            FrameworkProblemKind.TotalSum => ("max_points",
                $"tổng ghi {Vn(p.Declared)} điểm nhưng các lĩnh vực áp dụng cho {BlockVi(p.Block)} cộng lại {Vn(p.Sum)} điểm.",
                $"the total declares {En(p.Declared)} points but the fields for the {block} block add up to {En(p.Sum)}."),
            FrameworkProblemKind.MaxNotPositive => ("max_points", "điểm tối đa phải lớn hơn 0.", "the maximum must be above 0."),
            FrameworkProblemKind.NoSteps => ("scale", "thiếu ngưỡng hoặc thang điểm.", "the thresholds or scale are missing."),
            FrameworkProblemKind.StepOutOfRange => ("scale", $"một mức cho {Vn(p.Sum)} điểm, ngoài khoảng 0 đến {Vn(p.Declared)}.",
                $"a step gives {En(p.Sum)} points, outside 0 to {En(p.Declared)}."),
            FrameworkProblemKind.MaxNeverGiven => ("scale", $"không mức nào cho đủ {Vn(p.Declared)} điểm tối đa.", $"no step gives the maximum of {En(p.Declared)} points."),
            FrameworkProblemKind.AppliesOutsideParent => ("applies_to", $"áp dụng cho {BlockVi(p.Block)} nhưng mục cấp trên thì không.",
                $"applies to the {block} block but the item above it does not."),
            FrameworkProblemKind.Empty => ("code", "không có mục nào bên dưới.", "has nothing under it."),
            FrameworkProblemKind.DuplicateCode => ("code", "mã trùng.", "the code is repeated."),
            _ => ("-", p.Kind.ToString(), p.Kind.ToString()),
        };
        return new SeedError(file, row, column, vi, en);
    }
}
