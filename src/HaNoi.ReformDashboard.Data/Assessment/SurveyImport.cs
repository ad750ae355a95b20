using System.Globalization;
using System.Text.Json;
using HaNoi.ReformDashboard.Data.Files;
using HaNoi.ReformDashboard.Data.Import;
using HaNoi.ReformDashboard.Data.Messages;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Seed;
using HaNoi.ReformDashboard.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;
using static HaNoi.ReformDashboard.Data.Assessment.AssessmentFiles;

namespace HaNoi.ReformDashboard.Data.Assessment;

/// <summary>A survey file read and checked: unit and score per row, or every problem (and then no rows).</summary>
public sealed record SurveyFile(string FileName, int Year, IReadOnlyList<(AssessedUnit Unit, decimal Score)> Scores, IReadOnlyList<CellError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// The sociological-survey score of each unit for a year (sheet "Điều tra", or CSV): <c>unit_code, survey_score</c>.
/// All or nothing: a unit not in force in the year, a score that is not a number, below 0 or above the survey's part of
/// the year's framework for the unit's block, or a unit twice, refuses the file by row. An import replaces the year.
/// </summary>
public static class SurveyImport
{
    public const string SheetName = "Điều tra", Action = "assessment.survey.import";
    public static readonly string[] Columns = ["unit_code", "survey_score"];

    public static async Task<SurveyFile> ReadAsync(ReformDbContext db, string fileName, Stream content, long size, int year, ImportOptions options, CancellationToken ct = default)
    {
        var errors = new List<CellError>();
        var table = Read(fileName, content, size, Columns, SheetName, options, errors, ct);
        if (table is null) return new SurveyFile(fileName, year, [], errors);
        var units = await AssessedUnits.ForYearAsync(db, year, ct);
        var framework = await FrameworkStore.CurrentAsync(db, year, ct);
        var scores = new List<(AssessedUnit, decimal)>();
        var seen = new Dictionary<int, int>();
        foreach (var row in table.Rows)
        {
            var before = errors.Count;
            var unit = Unit(row, units, year, errors);
            if (TryNumber(row, "survey_score", errors, out var score))
            {
                var max = unit is not null && framework is not null ? framework.Framework.SurveyMaximumFor(unit.Level) : (decimal?)null;
                if (score < 0m) errors.Add(row.Error("survey_score", DataText.Get("TheScoreCannotBeNegative")));
                else if (max is { } m && score > m)
                    errors.Add(row.Error("survey_score", DataText.Get("TheScoreExceedsTheSurvey", Vn(score), Vn(m), year, En(score), En(m))));
            }
            if (unit is not null && !seen.TryAdd(unit.UnitId, row.Number))
                errors.Add(row.Error("unit_code", DataText.Get("TheUnitIsAlreadyOn", unit.Code, seen[unit.UnitId])));
            if (errors.Count == before) scores.Add((unit!, score));
        }
        return errors.Count > 0 ? new SurveyFile(fileName, year, [], errors) : new SurveyFile(fileName, year, scores, []);
    }

    /// <summary>The unit a row names, in force in the year and below the city; its problem otherwise.</summary>
    internal static AssessedUnit? Unit(CsvRow row, IReadOnlyDictionary<string, AssessedUnit> units, int year, List<CellError> errors)
    {
        var code = row["unit_code"];
        if (code.Length == 0) { errors.Add(row.Error("unit_code", DataText.Get("TheUnitCodeIsMissing"))); return null; }
        if (!units.TryGetValue(code, out var unit))
        {
            errors.Add(row.Error("unit_code", DataText.Get("NoUnitWithCodeWas", code, year)));
            return null;
        }
        if (unit.Level == UnitLevel.City)
        {
            errors.Add(row.Error("unit_code", DataText.Get("TheCityIsNotScored")));
            return null;
        }
        return unit;
    }

    public static async Task<int> CommitAsync(ReformDbContext db, SurveyFile file, string actor, DateTimeOffset at, CancellationToken ct = default)
    {
        if (!file.IsValid) throw new InvalidOperationException("A survey file with problems is not imported.");
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            var replaced = await db.SurveyScores.Where(s => s.Year == file.Year).ExecuteDeleteAsync(ct);
            db.SurveyScores.AddRange(file.Scores.Select(s => new SurveyScore
            {
                Year = file.Year, UnitId = s.Unit.UnitId, Score = s.Score, FileName = file.FileName, ImportedBy = actor, ImportedAt = at,
            }));
            db.AuditLog.Add(new AuditEntry
            {
                At = at, Actor = actor, Action = Action, Entity = "assessment_survey_scores", EntityKey = file.Year.ToString(CultureInfo.InvariantCulture),
                Details = JsonSerializer.Serialize(new { year = file.Year, file = file.FileName, units = file.Scores.Count, replaced }),
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
