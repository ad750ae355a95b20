namespace HaNoi.ReformDashboard.Domain.Catalogue;

/// <summary>Administrative level of a unit (seed-data/README.md, indicators.csv). The order is the hierarchy.</summary>
public enum UnitLevel { City, Department, District, Commune }

/// <summary>How an indicator's figure is expressed.</summary>
public enum IndicatorKind
{
    /// <summary>Σnumerator ÷ Σdenominator, shown in percent.</summary>
    Ratio,
    /// <summary>A single reported value (e.g. SIPAS in percent).</summary>
    Value,
    /// <summary>A position in a ranking: lower is better.</summary>
    Rank,
    /// <summary>Done (1) or not done (0).</summary>
    Milestone,
}

/// <summary>The national ranking a <see cref="IndicatorKind.Rank"/> indicator reports a place in.</summary>
public static class Ranks
{
    /// <summary>The last place (63 provinces and cities): a rank or a rank target beyond it is a typing mistake.</summary>
    public const int Lowest = 63;
}

/// <summary>How months combine into a longer period.</summary>
public enum Rollup
{
    /// <summary>Dossiers in the period: sum the months.</summary>
    Flow,
    /// <summary>A cumulative position: take the latest report in the period.</summary>
    Stock,
}

public enum Frequency { Monthly, Quarterly, Annual }

/// <summary>Where the city's figure of an indicator comes from (docs/scoring.md, rule 1).</summary>
public enum CityFigure
{
    /// <summary>Σ numerators ÷ Σ denominators over every unit of every level (ONTIME…).</summary>
    SumOfUnits,
    /// <summary>The city's own report (PARINDEX_RANK, SIPAS, TTHC_SIMPLIFIED…).</summary>
    OwnReport,
}

/// <summary>How a unit's life ended or began in a reorganisation.</summary>
public enum LineageKind
{
    /// <summary>The predecessor ended and its area joined the successor: their past figures combine.</summary>
    MergedInto,
    /// <summary>The successor was carved out of the predecessor: no past figures are attributed to it.</summary>
    SplitFrom,
}

/// <summary>The plan's wording: "trên" is &gt;, "tối thiểu/ít nhất" is ≥, "đạt 100%" is ≥ 100.</summary>
public enum ComparisonOperator { GreaterThan, GreaterOrEqual, LessOrEqual, LessThan, Equal }

public enum Status { Met, AtRisk, Missed, NoData, NoTarget }

public static class CatalogueCodes
{
    public static string ToCode(this UnitLevel level) => level switch
    {
        UnitLevel.City => "city",
        UnitLevel.Department => "department",
        UnitLevel.District => "district",
        UnitLevel.Commune => "commune",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    public static string ToCode(this ComparisonOperator op) => op switch
    {
        ComparisonOperator.GreaterThan => ">",
        ComparisonOperator.GreaterOrEqual => ">=",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.LessThan => "<",
        ComparisonOperator.Equal => "=",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>The `status` column of the Data sheet and CSV (docs/workbook.md).</summary>
    public static string ToCode(this Status status) => status switch
    {
        Status.Met => "met",
        Status.AtRisk => "at_risk",
        Status.Missed => "missed",
        Status.NoData => "no_data",
        Status.NoTarget => "no_target",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static bool TryParseLevel(string? text, out UnitLevel level)
    {
        foreach (var candidate in Enum.GetValues<UnitLevel>())
        {
            if (string.Equals(candidate.ToCode(), text, StringComparison.Ordinal)) { level = candidate; return true; }
        }
        level = default;
        return false;
    }

    public static bool TryParseOperator(string? text, out ComparisonOperator op)
    {
        foreach (var candidate in Enum.GetValues<ComparisonOperator>())
        {
            if (string.Equals(candidate.ToCode(), text, StringComparison.Ordinal)) { op = candidate; return true; }
        }
        op = default;
        return false;
    }

    public static bool TryParseKind(string? text, out IndicatorKind kind) => TryParseLower(text, out kind);
    public static bool TryParseRollup(string? text, out Rollup rollup) => TryParseLower(text, out rollup);
    public static bool TryParseFrequency(string? text, out Frequency frequency) => TryParseLower(text, out frequency);

    public static string ToCode(this CityFigure figure) => figure switch
    {
        CityFigure.SumOfUnits => "sum_of_units",
        CityFigure.OwnReport => "own_report",
        _ => throw new ArgumentOutOfRangeException(nameof(figure)),
    };

    public static string ToCode(this LineageKind kind) => kind switch
    {
        LineageKind.MergedInto => "merged_into",
        LineageKind.SplitFrom => "split_from",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParseCityFigure(string? text, out CityFigure figure) => TryParseCode(text, ToCode, out figure);
    public static bool TryParseLineageKind(string? text, out LineageKind kind) => TryParseCode(text, ToCode, out kind);

    private static bool TryParseCode<T>(string? text, Func<T, string> code, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(code(candidate), text, StringComparison.Ordinal)) { value = candidate; return true; }
        }
        value = default;
        return false;
    }

    public static string ToCode(this IndicatorKind kind) => kind.ToString().ToLowerInvariant();
    public static string ToCode(this Rollup rollup) => rollup.ToString().ToLowerInvariant();
    public static string ToCode(this Frequency frequency) => frequency.ToString().ToLowerInvariant();

    private static bool TryParseLower<T>(string? text, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(candidate.ToString().ToLowerInvariant(), text, StringComparison.Ordinal)) { value = candidate; return true; }
        }
        value = default;
        return false;
    }
}
