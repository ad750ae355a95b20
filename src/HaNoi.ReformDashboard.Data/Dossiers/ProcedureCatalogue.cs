using System.Globalization;
using HaNoi.ReformDashboard.Data.Files;
using HaNoi.ReformDashboard.Data.Messages;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Seed;

namespace HaNoi.ReformDashboard.Data.Dossiers;

/// <summary>
/// procedures.csv of a seed-data folder: <c>code, name_vi, field, level, legal_days, field_vi</c>. Optional (a folder
/// without it has no procedures, and a dossier file then names none it knows); checked whole before anything is written.
/// </summary>
public static class ProcedureCatalogue
{
    public const string FileName = "procedures.csv";
    public static readonly string[] Columns = ["code", "name_vi", "field", "level", "legal_days", "field_vi"];

    /// <summary>The folder's procedures; a malformed file throws <see cref="DataFileException"/>.</summary>
    public static IReadOnlyList<Procedure> Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return [];
        var errors = new List<CellError>();
        var table = CsvTable.Read(path, Columns, errors);
        var procedures = new List<Procedure>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in table?.Rows ?? [])
        {
            foreach (var column in Columns.Where(c => row[c].Length == 0))
                errors.Add(row.Error(column, DataText.Get("TheValueIsMissing")));
            if (row["code"].Length > 32)
                errors.Add(row.Error("code", DataText.Get("TheProcedureCodeIsLonger")));
            if (row["code"].Length > 0 && !seen.Add(row["code"]))
                errors.Add(row.Error("code", DataText.Get("TheProcedureCodeIsRepeated", row["code"])));
            if (row["level"].Length > 0 && !Procedure.Levels.Contains(row["level"], StringComparer.Ordinal))
                errors.Add(row.Error("level", DataText.Get("IsNotALevel2", row["level"], string.Join(", ", Procedure.Levels))));
            if (!int.TryParse(row["legal_days"], NumberStyles.None, CultureInfo.InvariantCulture, out var days) && row["legal_days"].Length > 0)
                errors.Add(row.Error("legal_days", DataText.Get("IsNotANumberOf", row["legal_days"])));
            procedures.Add(new Procedure
            {
                Code = row["code"], NameVi = row["name_vi"], FieldCode = row["field"], FieldVi = row["field_vi"], Level = row["level"], LegalDays = days,
            });
        }
        if (errors.Count > 0) throw new DataFileException(errors);
        return procedures;
    }

    public static void Add(ReformDbContext db, IReadOnlyList<Procedure> procedures) => db.Procedures.AddRange(procedures);
}
