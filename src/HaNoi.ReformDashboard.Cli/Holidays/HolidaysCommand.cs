using System.CommandLine;
using System.Globalization;
using HaNoi.ReformDashboard.Cli.Hosting;
using HaNoi.ReformDashboard.Cli.Import;
using HaNoi.ReformDashboard.Data.Holidays;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using HaNoi.ReformDashboard.Cli.Messages;

namespace HaNoi.ReformDashboard.Cli.Holidays;

/// <summary>
/// <c>reform holidays import --file F [--dry-run]</c> and <c>reform holidays list --year Y</c>: the public holidays and
/// swapped working days the working-day count uses (issue 21). Exit codes as <c>reform import</c>: 0 done, 2 refused
/// (nothing written), 3 the file or the database could not be reached.
/// </summary>
public static class HolidaysCommand
{
    public static Command Create() => new("holidays", CliText.Both("PublicHolidaysAndSwappedWorking")) { Import(), List() };

    private static Command Import()
    {
        Option<FileInfo> file = new("--file") { Description = CliText.Both("TheHolidaysFile"), Required = true };
        Option<bool> dryRun = new("--dry-run") { Description = CliText.Both("CheckOnlyWriteNothing") };
        Command command = new("import", CliText.Both("ReplaceTheYearsTheFile")) { file, dryRun };
        command.SetAction(async (parse, ct) =>
        {
            var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                error.WriteLine(CliText.Both("TheFileDoesNotExist", path.Name));
                return ImportCommand.ExitOperational;
            }
            // Bounded before it is read: a holidays file is a few kilobytes.
            var check = path.Length > HolidayFile.MaxBytes ? HolidayFile.TooLarge(path.Name) : HolidayFile.Check(path.Name, await File.ReadAllBytesAsync(path.FullName, ct));
            if (!check.IsValid)
            {
                foreach (var e in check.Errors) error.WriteLine(e);
                error.WriteLine(CliText.FileRefused(check.Errors.Count));
                return ImportCommand.ExitRefused;
            }
            var years = string.Join(", ", check.Years);
            if (parse.GetValue(dryRun))
            {
                output.WriteLine(CliText.Both("ValidDaysOfNothingWritten", check.Days.Count, years));
                return ImportCommand.ExitOk;
            }
            return await CliHost.RunAsync(async (services, token) =>
            {
                await using var db = await services.GetRequiredService<IDbContextFactory<ReformDbContext>>().CreateDbContextAsync(token);
                var r = await HolidayImport.CommitAsync(db, check, "cli:" + Environment.UserName, DateTimeOffset.UtcNow, token);
                output.WriteLine(CliText.Both("ReplacedTheCalendarOfDays", years, check.Days.Count, r.Added, r.Removed, r.Renamed));
                if (r.RecountFrom is not { } from || r.RecountThrough is not { } through)
                {
                    output.WriteLine(CliText.Both("NoFigureCountedFromDossiers"));
                    return ImportCommand.ExitOk;
                }
                var f = r.Figures;
                output.WriteLine(CliText.Both(CultureInfo.InvariantCulture, "RecountedThroughUnitMonthsFigures", from, through, f.UnitMonths, f.Written, f.Withdrawn));
                // Tab-separated, one per figure moved: indicator, unit, month, before, after.
                foreach (var m in r.Moved)
                    output.WriteLine(string.Join('\t', m.IndicatorCode, m.UnitCode, m.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                        Fraction(m.OldNumerator, m.OldDenominator), Fraction(m.Numerator, m.Denominator)));
                return ImportCommand.ExitOk;
            }, ct);
        });
        return command;
    }

    private static string Fraction(decimal? numerator, decimal? denominator) =>
        numerator is null && denominator is null ? "-" : string.Create(CultureInfo.InvariantCulture, $"{numerator:0.####}/{denominator:0.####}");

    private static Command List()
    {
        Option<int> year = new("--year") { Description = CliText.Both("Year"), Required = true };
        Command command = new("list", CliText.Both("TheHolidaysAndSwappedWorking")) { year };
        command.SetAction(async (parse, ct) => await CliHost.RunAsync(async (services, token) =>
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<ReformDbContext>>().CreateDbContextAsync(token);
            var y = await HolidayListQuery.ForYearAsync(db, parse.GetValue(year), token);
            var output = parse.InvocationConfiguration.Output;
            // Tab-separated: date, weekday, kind, Vietnamese name, English name.
            foreach (var d in y.Days)
                output.WriteLine(string.Join('\t', d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Day.DayOfWeek.ToString()[..3], d.Kind, d.NameVi, d.NameEn));
            var holidays = y.Days.Count(d => d.Kind == "holiday");
            output.WriteLine(CliText.Both(CultureInfo.InvariantCulture, "WeekdaysOffWeekendDaysWorked", y.Year, holidays, y.Days.Count - holidays, y.WorkingDays));
            return ImportCommand.ExitOk;
        }, ct));
        return command;
    }
}
