using HaNoi.ReformDashboard.Data.Files;
using HaNoi.ReformDashboard.Data.Messages;
using HaNoi.ReformDashboard.Data.Schema;

namespace HaNoi.ReformDashboard.Data.Seed;

public sealed record IndicatorSourceRow(string IndicatorCode, string DataSource, string OwnerCode);

/// <summary>
/// <c>indicator-sources.csv</c>: where each indicator's figures come from and which department answers for it.
/// A file of its own beside <c>indicators.csv</c>, optional, so a catalogue without it still loads.
/// </summary>
public static class IndicatorSources
{
    public const string FileName = "indicator-sources.csv";
    public static readonly string[] Columns = ["indicator_code", "data_source", "owner_code"];

    /// <summary>The kinds of source the screens name in Vietnamese and English (resource DataSource_{code}).</summary>
    public static readonly IReadOnlySet<string> DataSources = new HashSet<string>(StringComparer.Ordinal)
    {
        "moha_index", "one_stop_system", "national_portal", "procedure_review", "document_system", "unit_reports",
    };

    /// <summary>The rows, checked against the folder's indicators and units; problems go to <paramref name="errors"/>.</summary>
    public static IReadOnlyList<IndicatorSourceRow> Read(string folder, IEnumerable<string> indicatorCodes, IEnumerable<string> unitCodes, List<CellError> errors)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path) || CsvTable.Read(path, Columns, errors) is not { } table) return [];
        var indicators = indicatorCodes.ToHashSet(StringComparer.Ordinal);
        var units = unitCodes.ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<IndicatorSourceRow>();
        foreach (var row in table.Rows)
        {
            var (code, source, owner) = (row["indicator_code"], row["data_source"], row["owner_code"]);
            if (!indicators.Contains(code))
                errors.Add(row.Error("indicator_code", DataText.Get("UnknownIndicatorCode", code)));
            else if (!seen.Add(code))
                errors.Add(row.Error("indicator_code", DataText.Get("DuplicateIndicator", code)));
            if (!DataSources.Contains(source))
                errors.Add(row.Error("data_source", DataText.Get("IsNotADataSource", source, string.Join('/', DataSources))));
            if (!units.Contains(owner))
                errors.Add(row.Error("owner_code", DataText.Get("UnknownUnitCode", owner)));
            result.Add(new IndicatorSourceRow(code, source, owner));
        }
        return result;
    }

    /// <summary>Writes source and owner (the owner's unit code) onto the indicators about to be saved.</summary>
    public static void Apply(IEnumerable<IndicatorSourceRow> rows, IReadOnlyDictionary<string, Indicator> indicators)
    {
        foreach (var row in rows)
        {
            if (!indicators.TryGetValue(row.IndicatorCode, out var indicator)) continue;
            indicator.DataSource = row.DataSource;
            indicator.Owner = row.OwnerCode;
        }
    }
}
