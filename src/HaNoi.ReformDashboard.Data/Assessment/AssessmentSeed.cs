using System.Globalization;
using System.Text.RegularExpressions;
using HaNoi.ReformDashboard.Data.Files;
using HaNoi.ReformDashboard.Data.Messages;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Seed;

namespace HaNoi.ReformDashboard.Data.Assessment;

/// <summary>
/// The seed's assessment files, when the folder has them: <c>assessment-framework-YYYY.csv</c> (the framework
/// workbook's columns; the seed's is a SAMPLE, stored as such) and <c>assessment-results-YYYY.csv</c> (published
/// results of a past year). Checked with the imports' own rules; a problem refuses the whole seed.
/// </summary>
public static partial class AssessmentSeed
{
    [GeneratedRegex(@"^assessment-(framework|results)-(\d{4})\.csv$")]
    private static partial Regex FileName();

    /// <summary>Runs inside the seed's transaction, after the units and indicators are written.</summary>
    public static async Task LoadAsync(ReformDbContext db, string folder, IReadOnlySet<string> indicatorCodes, string actor, DateTimeOffset at, CancellationToken ct = default)
    {
        var errors = new List<CellError>();
        foreach (var path in Directory.GetFiles(folder, "assessment-*.csv").Order(StringComparer.Ordinal))
        {
            var match = FileName().Match(Path.GetFileName(path));
            if (!match.Success)
            {
                errors.Add(new CellError(Path.GetFileName(path), 0, "-", DataText.Get("TheFileNameMustBe2")));
                continue;
            }
            var year = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            if (match.Groups[1].Value == "framework")
            {
                var table = CsvTable.Read(path, FrameworkWorkbook.Columns, errors);
                if (table is null) continue;
                var file = FrameworkWorkbook.Check(table, year, indicatorCodes);
                if (!file.IsValid) { errors.AddRange(file.Errors); continue; }
                await FrameworkStore.CommitAsync(db, file, await File.ReadAllBytesAsync(path, ct), actor, at, isSample: true, ct);
            }
            else
            {
                var table = CsvTable.Read(path, PastResultsImport.Columns, errors);
                if (table is null) continue;
                var file = PastResultsImport.Check(table, year, await AssessedUnits.ForYearAsync(db, year, ct));
                if (!file.IsValid) { errors.AddRange(file.Errors); continue; }
                await PastResultsImport.CommitAsync(db, file, actor, at, ct);
            }
        }
        if (errors.Count > 0) throw new DataFileException(errors);
    }
}
