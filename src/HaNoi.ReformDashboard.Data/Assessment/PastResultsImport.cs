using System.Globalization;
using System.Text.Json;
using HaNoi.ReformDashboard.Data.Files;
using HaNoi.ReformDashboard.Data.Import;
using HaNoi.ReformDashboard.Data.Messages;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Seed;
using Microsoft.EntityFrameworkCore;
using static HaNoi.ReformDashboard.Data.Assessment.AssessmentFiles;

namespace HaNoi.ReformDashboard.Data.Assessment;

/// <summary>One published result of a past year, checked.</summary>
public sealed record PastResultRow(AssessedUnit Unit, decimal Appraised, decimal? Survey, decimal Max);

public sealed record PastResultsFile(string FileName, int Year, IReadOnlyList<PastResultRow> Results, IReadOnlyList<CellError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Results already published for a past year (sheet "Kết quả", or CSV): <c>unit_code, appraised_score, survey_score,
/// max_score</c>, so the change against the previous year works from the first year of use. <c>survey_score</c> may be
/// empty (no survey part: <c>max_score</c> is then the maximum without it). All or nothing; an import replaces the year.
/// </summary>
public static class PastResultsImport
{
    public const string SheetName = "Kết quả", Action = "assessment.results.import";
    public static readonly string[] Columns = ["unit_code", "appraised_score", "survey_score", "max_score"];

    public static async Task<PastResultsFile> ReadAsync(ReformDbContext db, string fileName, Stream content, long size, int year, ImportOptions options, CancellationToken ct = default)
    {
        var errors = new List<CellError>();
        var table = Read(fileName, content, size, Columns, SheetName, options, errors, ct);
        if (table is null) return new PastResultsFile(fileName, year, [], errors);
        return Check(table, year, await AssessedUnits.ForYearAsync(db, year, ct), errors);
    }

    public static PastResultsFile Check(CsvTable table, int year, IReadOnlyDictionary<string, AssessedUnit> units, List<CellError>? errors = null)
    {
        errors ??= [];
        var results = new List<PastResultRow>();
        var seen = new Dictionary<int, int>();
        foreach (var row in table.Rows)
        {
            var before = errors.Count;
            var unit = SurveyImport.Unit(row, units, year, errors);
            var hasAppraised = TryNumber(row, "appraised_score", errors, out var appraised);
            var hasSurvey = TryNumber(row, "survey_score", errors, out var survey, required: false);
            var hasMax = TryNumber(row, "max_score", errors, out var max);
            if (hasAppraised && appraised < 0m) errors.Add(row.Error("appraised_score", DataText.Get("TheScoreCannotBeNegative")));
            if (hasSurvey && survey < 0m) errors.Add(row.Error("survey_score", DataText.Get("TheScoreCannotBeNegative")));
            if (hasMax && max <= 0m) errors.Add(row.Error("max_score", DataText.Get("TheMaximumMustBeAbove")));
            else if (hasAppraised && hasMax && appraised + (hasSurvey ? survey : 0m) > max)
                errors.Add(row.Error("max_score", DataText.Get("TheAppraisedAndSurveyScores", Vn(appraised + (hasSurvey ? survey : 0m)), Vn(max), En(appraised + (hasSurvey ? survey : 0m)), En(max))));
            if (unit is not null && !seen.TryAdd(unit.UnitId, row.Number))
                errors.Add(row.Error("unit_code", DataText.Get("TheUnitIsAlreadyOn", unit.Code, seen[unit.UnitId])));
            if (errors.Count == before) results.Add(new PastResultRow(unit!, appraised, hasSurvey ? survey : null, max));
        }
        return errors.Count > 0 ? new PastResultsFile(table.FileName, year, [], errors) : new PastResultsFile(table.FileName, year, results, []);
    }

    public static async Task<int> CommitAsync(ReformDbContext db, PastResultsFile file, string actor, DateTimeOffset at, CancellationToken ct = default)
    {
        if (!file.IsValid) throw new InvalidOperationException("A results file with problems is not imported.");
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            var replaced = await db.PastResults.Where(r => r.Year == file.Year).ExecuteDeleteAsync(ct);
            db.PastResults.AddRange(file.Results.Select(r => new PastResult
            {
                Year = file.Year, UnitId = r.Unit.UnitId, AppraisedScore = r.Appraised, SurveyScore = r.Survey, MaxScore = r.Max,
                FileName = file.FileName, ImportedBy = actor, ImportedAt = at,
            }));
            db.AuditLog.Add(new AuditEntry
            {
                At = at, Actor = actor, Action = Action, Entity = "assessment_past_results", EntityKey = file.Year.ToString(CultureInfo.InvariantCulture),
                Details = JsonSerializer.Serialize(new { year = file.Year, file = file.FileName, units = file.Results.Count, replaced }),
            });
            await db.SaveChangesAsync(ct);
            if (own is not null) await own.CommitAsync(ct);
            // The rows written are the year's now; the deleted ones were never tracked.
            db.ChangeTracker.Clear();
            return replaced;
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }
}
