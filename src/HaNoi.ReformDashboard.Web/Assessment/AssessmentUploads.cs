using System.Globalization;
using HaNoi.ReformDashboard.Data.Assessment;
using HaNoi.ReformDashboard.Data.Import;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Web.Resources;
using HaNoi.ReformDashboard.Web.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace HaNoi.ReformDashboard.Web.Assessment;

/// <summary>
/// The dry run and the load of the office's assessment files on the web, over the same readers and writers as
/// <c>reform assessment framework import</c>, <c>survey import</c> and <c>results import</c>: read within the
/// <c>Import:</c> limits, checked, and stored only by the load, in one transaction with its audit entry.
/// </summary>
public sealed class AssessmentUploads(IDbContextFactory<ReformDbContext> factory, ImportOptions options, TimeProvider clock, IStringLocalizer<Strings> l)
{
    /// <summary>A framework file as the year's next version.</summary>
    public async Task<AssessmentUploadCheck> FrameworkAsync(int year, string fileName, byte[] content, CancellationToken ct)
    {
        FrameworkFile file;
        await using (var db = await factory.CreateDbContextAsync(ct))
            file = await FrameworkTemplate.ReadAsync(db, fileName, new MemoryStream(content, writable: false), content.Length, year, options, ct);
        if (!file.IsValid) return AssessmentUploadCheck.Refused(file.Errors);
        var summary = l["AssessmentFrameworkValid", Title(file.TitleVi, file.TitleEn), Shape(file.Framework!)].Value;
        return new AssessmentUploadCheck([], summary, async (user, token) =>
        {
            await using var db = await factory.CreateDbContextAsync(token);
            var stored = await FrameworkStore.CommitAsync(db, file, content, user.Name, clock.GetUtcNow(), ct: token);
            return l["AssessmentFrameworkLoaded", year, stored.Version].Value;
        });
    }

    /// <summary>The year's survey scores (the load replaces the year's).</summary>
    public async Task<AssessmentUploadCheck> SurveyAsync(int year, string fileName, byte[] content, CancellationToken ct)
    {
        SurveyFile file;
        await using (var db = await factory.CreateDbContextAsync(ct))
            file = await SurveyImport.ReadAsync(db, fileName, new MemoryStream(content, writable: false), content.Length, year, options, ct);
        if (!file.IsValid) return AssessmentUploadCheck.Refused(file.Errors);
        return new AssessmentUploadCheck([], l["AssessmentSurveyValid", year, file.Scores.Count].Value, async (user, token) =>
        {
            await using var db = await factory.CreateDbContextAsync(token);
            var replaced = await SurveyImport.CommitAsync(db, file, user.Name, clock.GetUtcNow(), token);
            return l["AssessmentSurveyLoaded", year, file.Scores.Count, replaced].Value;
        });
    }

    /// <summary>The results the city published for the year (the load replaces the year's).</summary>
    public async Task<AssessmentUploadCheck> ResultsAsync(int year, string fileName, byte[] content, CancellationToken ct)
    {
        PastResultsFile file;
        await using (var db = await factory.CreateDbContextAsync(ct))
            file = await PastResultsImport.ReadAsync(db, fileName, new MemoryStream(content, writable: false), content.Length, year, options, ct);
        if (!file.IsValid) return AssessmentUploadCheck.Refused(file.Errors);
        return new AssessmentUploadCheck([], l["AssessmentResultsValid", year, file.Results.Count].Value, async (user, token) =>
        {
            await using var db = await factory.CreateDbContextAsync(token);
            var replaced = await PastResultsImport.CommitAsync(db, file, user.Name, clock.GetUtcNow(), token);
            return l["AssessmentResultsLoaded", year, file.Results.Count, replaced].Value;
        });
    }

    /// <summary>"8 fields, 22 criteria, 40 sub-criteria; departments 100 points (32 by the survey); districts …".</summary>
    public string Shape(Domain.Assessment.Framework f)
    {
        var blocks = f.AssessedBlocks.Select(b => l["AssessmentBlockPoints", l["AssessmentBlock_" + b.ToCode()], Points(f.MaximumFor(b)), Points(f.SurveyMaximumFor(b))].Value);
        return l["AssessmentFrameworkShape", f.Fields.Count, f.Fields.Sum(x => x.Criteria.Count), f.SubCriteria.Count()].Value + "; " + string.Join("; ", blocks);
    }

    /// <summary>Points as the framework writes them: 100, 1,5 (no trailing zeros), in the page's language.</summary>
    public static string Points(decimal value) => value.ToString("0.##", CultureInfo.CurrentCulture);

    /// <summary>The English name when the page is English and there is one; the Vietnamese otherwise.</summary>
    public static string Title(string vi, string en) => Names.Of(vi, string.IsNullOrWhiteSpace(en) ? vi : en);
}
