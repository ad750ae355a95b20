using System.CommandLine;
using System.Globalization;
using HaNoi.ReformDashboard.Cli.Hosting;
using HaNoi.ReformDashboard.Cli.Scorecards;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Targets;
using HaNoi.ReformDashboard.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using HaNoi.ReformDashboard.Cli.Messages;

namespace HaNoi.ReformDashboard.Cli.Targets;

/// <summary>
/// <c>reform targets list --year 2022</c>, <c>reform targets set --year 2022 --indicator ONTIME [--level L | --unit U]
/// --operator ">=" --threshold 99 [--aspirational] [--source "…"] --reason "…"</c> and <c>reform targets remove … --reason "…"</c>:
/// the targets page's operations for scripts, through the same <see cref="TargetEditor"/> (every field checked, each
/// problem named, and the target, its revision and the audit entry written in one transaction, or nothing).
/// </summary>
public static class TargetsCommand
{
    private static readonly CultureInfo Vietnamese = new("vi-VN"), English = new("en-US");

    public static Command Create()
    {
        Option<int> year = new("--year") { Description = CliText.Both("PlanYear2"), Required = true };
        Command list = new("list", CliText.Both("TheTargetsOfAPlan")) { year };
        list.SetAction(async (parse, ct) => await CliHost.RunAsync(async (services, token) =>
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<ReformDbContext>>().CreateDbContextAsync(token);
            var plan = parse.GetValue(year);
            if (!(await TargetListQuery.PlanYearsAsync(db, token)).Contains(plan))
                return Refuse(parse.InvocationConfiguration.Error, [new TargetProblem("plan_year", "PlanYearUnknown", plan)]);
            var output = parse.InvocationConfiguration.Output;
            // Tab-separated: id, indicator, scope (all, a level, a unit), operator, threshold, aspirational, revisions.
            foreach (var t in await TargetListQuery.ForYearAsync(db, plan, token))
                output.WriteLine(string.Join('\t', t.Id.ToString(CultureInfo.InvariantCulture), t.IndicatorCode, ScopeText(t.Level, t.UnitCode),
                    t.Operator.ToCode(), t.Threshold.ToString("0.####", CultureInfo.InvariantCulture), t.Aspirational ? "aspirational" : "-",
                    t.Revisions.ToString(CultureInfo.InvariantCulture)));
            return ScorecardCommand.ExitOk;
        }, ct));

        Option<string> indicator = new("--indicator") { Description = CliText.Both("IndicatorCode"), Required = true };
        Option<string> level = new("--level") { Description = CliText.Both("OneLevelCityDepartmentDistrict") };
        Option<string> unit = new("--unit") { Description = CliText.Both("NeitherEveryLevel") };
        Option<string> reason = new("--reason") { Description = CliText.Both("WhyRequired") };
        Option<string> op = new("--operator") { Description = "> | >= | <= | < | =", Required = true };
        Option<string> threshold = new("--threshold") { Description = CliText.Both("ThresholdDecimalPoint"), Required = true };
        Option<bool> aspirational = new("--aspirational") { Description = CliText.Both("AnAspirationalTarget") };
        Option<string> source = new("--source") { Description = CliText.Both("ThePlanSSentence") };

        Command set = new("set", CliText.Both("AddOrChangeTheTarget")) { year, indicator, level, unit, op, threshold, aspirational, source, reason };
        set.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var problems = new List<TargetProblem>();
            var scope = Scope(parse.GetValue(year), parse.GetValue(indicator)!, parse.GetValue(level), parse.GetValue(unit), problems);
            decimal? value = null;
            var text = parse.GetValue(threshold)!.Trim();
            if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed)) value = parsed;
            else problems.Add(new TargetProblem("threshold", "ThresholdNotNumber", text));
            if (problems.Count > 0) return Refuse(error, problems);

            return await CliHost.RunAsync(async (services, token) =>
            {
                await using var db = await services.GetRequiredService<IDbContextFactory<ReformDbContext>>().CreateDbContextAsync(token);
                var current = await FindAsync(db, scope!, token);
                var values = new TargetValues(parse.GetValue(op)!, value, parse.GetValue(aspirational), parse.GetValue(source) ?? current?.SourceVi ?? "");
                var result = current is null
                    ? await TargetEditor.CreateAsync(db, scope!, values, parse.GetValue(reason) ?? "", Actor, DateTimeOffset.UtcNow, token)
                    : await TargetEditor.UpdateAsync(db, current.Id, values, parse.GetValue(reason) ?? "", Actor, DateTimeOffset.UtcNow, token);
                if (!result.Ok) return Refuse(error, result.Problems);
                parse.InvocationConfiguration.Output.WriteLine(
                    CliText.Both("SavedTargetRevision", result.TargetId, result.Revision));
                return ScorecardCommand.ExitOk;
            }, ct);
        });

        Command remove = new("remove", CliText.Both("RemoveTheTargetOfA")) { year, indicator, level, unit, reason };
        remove.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var problems = new List<TargetProblem>();
            var scope = Scope(parse.GetValue(year), parse.GetValue(indicator)!, parse.GetValue(level), parse.GetValue(unit), problems);
            if (problems.Count > 0) return Refuse(error, problems);

            return await CliHost.RunAsync(async (services, token) =>
            {
                await using var db = await services.GetRequiredService<IDbContextFactory<ReformDbContext>>().CreateDbContextAsync(token);
                if (await FindAsync(db, scope!, token) is not { } current)
                    return Refuse(error, [new TargetProblem("scope", "TargetNotFound", scope!.IndicatorCode, ScopeText(scope.Level, scope.UnitCode), scope.PlanYear)]);
                var result = await TargetEditor.RemoveAsync(db, current.Id, parse.GetValue(reason) ?? "", Actor, DateTimeOffset.UtcNow, token);
                if (!result.Ok) return Refuse(error, result.Problems);
                parse.InvocationConfiguration.Output.WriteLine(
                    CliText.Both("RemovedTargetRevisionRecordsThe", result.TargetId, result.Revision));
                return ScorecardCommand.ExitOk;
            }, ct);
        });

        return new Command("targets", CliText.Both("TargetsOfThePlanYears")) { list, set, remove };
    }

    private static string Actor => "cli:" + Environment.UserName;

    /// <summary>The scope the options name; a level that is not one adds a problem naming the field.</summary>
    private static TargetScope? Scope(int year, string indicator, string? levelText, string? unitCode, List<TargetProblem> problems)
    {
        UnitLevel? level = null;
        if (!string.IsNullOrWhiteSpace(levelText))
        {
            if (CatalogueCodes.TryParseLevel(levelText.Trim(), out var parsed)) level = parsed;
            else problems.Add(new TargetProblem("level", "LevelUnknown", levelText));
        }
        if (unitCode is not null && unitCode.Trim().Length == 0) problems.Add(new TargetProblem("unit", "UnitRequired"));
        return new TargetScope(year, indicator.Trim(), level, unitCode?.Trim());
    }

    /// <summary>The target of exactly this scope in the year (every level, one level, or one unit), if there is one.</summary>
    private static async Task<TargetListItem?> FindAsync(ReformDbContext db, TargetScope scope, CancellationToken ct)
    {
        if (scope.Level is not null && !string.IsNullOrEmpty(scope.UnitCode)) return null; // the editor refuses both
        var unit = string.IsNullOrEmpty(scope.UnitCode) ? null : scope.UnitCode;
        return (await TargetListQuery.ForYearAsync(db, scope.PlanYear, ct)).FirstOrDefault(t =>
            t.IndicatorCode == scope.IndicatorCode && t.Level == scope.Level && t.UnitCode == unit);
    }

    private static string ScopeText(UnitLevel? level, string? unitCode) => unitCode ?? level?.ToCode() ?? "all";

    /// <summary>Every problem on its own line, Vietnamese / English, each naming its field; exit 2, nothing written.</summary>
    private static int Refuse(TextWriter error, IEnumerable<TargetProblem> problems)
    {
        var all = problems.ToList();
        foreach (var problem in all) error.WriteLine($"{problem.Message(Vietnamese)} / {problem.Message(English)}");
        error.WriteLine(CliText.Both("NothingWrittenProblems", all.Count));
        return ScorecardCommand.ExitBadArguments;
    }
}
