using System.Diagnostics;
using System.Globalization;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Data.Telemetry;
using HaNoi.ReformDashboard.Reports;
using HaNoi.ReformDashboard.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using HaNoi.ReformDashboard.Web.Resources;

namespace HaNoi.ReformDashboard.Web.Reports;

/// <summary>A report someone may ask for, its parameters checked: which scorecard and which file.</summary>
public sealed record ExportRequest(ScorecardRequest Scorecard, ReportFormat Report)
{
    /// <summary>The dashboard's address as the reader reached it, for the links a report carries (the brief's to the dossiers); none when null.</summary>
    public Uri? LinkBase { get; init; }

    /// <summary>The request, or a message in Vietnamese and English saying what is wrong.</summary>
    public static (ExportRequest? Request, string? Problem) Parse(int year, string? period, string? format, string? kind, string? level, string? unit)
    {
        var (request, problem) = ScorecardRequests.Parse(year, period, level, unit);
        if (request is null) return (null, problem);
        var report = ReportFormat.Find(format, kind);
        if (report is null)
            return (null, WebText.Both("ThereIsNoReport", format, kind));
        if (report.Kind == ReportKind.Brief && request.Scope.Level is not null)
            return (null, WebText.Both("TheBriefIsForThe"));
        return (new ExportRequest(request, report), null);
    }
}

/// <summary>
/// Makes report files through the <see cref="ExportQueue"/>, for the download endpoint and for the pages alike:
/// the scorecard from the shared cache, then the whole file in memory, so a failure never yields half a file.
/// </summary>
public sealed class ReportExports(ScorecardService scorecards, ExportQueue queue, TimeProvider clock, ILogger<ReportExports> logger, ReportFileWriter? writer = null,
    IDbContextFactory<ReformDbContext>? dossiers = null)
{
    private readonly ReportFileWriter _writer = writer ?? new ReportFileWriter();

    public static string Busy => WebText.Both("ExportBusy");
    public static string InternalError => WebText.Both("TheReportCouldNotBe");
    private static string DatabaseDown => WebText.Both("TheDatabaseCannotBeReached");

    public ExportQueue Queue => queue;

    /// <summary>Queues the file for <paramref name="user"/> in <paramref name="language"/>; null when the queue is full.</summary>
    /// <param name="keep">Keep the finished file for a fetch by its ticket (a page's job); a direct download is served from the job itself.</param>
    public ExportJob? TryStart(ExportRequest request, string user, CultureInfo language, CancellationToken ct = default, bool keep = true) =>
        queue.TryEnqueue(user, token => MakeAsync(request, user, language, token), ct, keep);

    private async Task<ExportOutcome> MakeAsync(ExportRequest request, string user, CultureInfo language, CancellationToken ct)
    {
        var (scorecard, report) = (request.Scorecard, request.Report);
        try
        {
            var source = await ReportSource.LoadAsync(scorecards, scorecard, report.NeedsPrevious, ct);
            // The brief's overdue line (issue 21).
            if (source is not null && report.Kind == ReportKind.Brief && dossiers is not null) source = await source.WithOverdueAsync(dossiers, clock, ct);
            if (source is null)
                return ExportOutcome.Failed(WebText.Both("NoUnit", scorecard.Scope.UnitCode), StatusCodes.Status404NotFound);
            var parameters = new ReportParameters(user, clock.GetLocalNow())
            {
                Filters = [new ReportFilter(WebText.Both("ReportScope"), scorecard.Scope.ToString())],
                Language = language,
                LinkBase = request.LinkBase,
            };
            ct.ThrowIfCancellationRequested();
            using var buffer = new MemoryStream();
            var started = Stopwatch.GetTimestamp();
            _writer.Write(report, source, parameters, buffer);
            ReformMetrics.ExportDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>("format", report.Extension.TrimStart('.')), new KeyValuePair<string, object?>("kind", report.Kind.ToString()));
            var scopeLabel = scorecard.Scope.UnitCode is { } code ? source.Scorecard.Unit(code)?.Unit.NameVi : null;
            var name = ReportFileName.For(report.Kind, scorecard.Period, report.Extension, scopeLabel);
            return new ExportOutcome(new ExportFile(buffer.ToArray(), report.ContentType, name.ContentDisposition));
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            return ExportOutcome.Failed(DatabaseDown, StatusCodes.Status503ServiceUnavailable);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Report generation failed for {Year} {Period} {Scope}", scorecard.PlanYear, scorecard.Period, scorecard.Scope);
            return ExportOutcome.Failed(InternalError, StatusCodes.Status500InternalServerError);
        }
    }
}

/// <summary>Writes a report's bytes into the buffer the file is made in. Nothing reaches the response before the whole
/// file is there: a writer that fails half-way leaves an error status, never a truncated file (a test replaces it).</summary>
public class ReportFileWriter
{
    public virtual void Write(ReportFormat report, ReportSource source, ReportParameters parameters, Stream output) =>
        report.Write(source, parameters, output);
}
