using System.CommandLine;
using System.Globalization;
using HaNoi.ReformDashboard.Cli.Hosting;
using HaNoi.ReformDashboard.Cli.Import;
using HaNoi.ReformDashboard.Data.Holidays;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HaNoi.ReformDashboard.Cli.Holidays;

/// <summary>
/// <c>reform holidays import --file F [--dry-run]</c> and <c>reform holidays list --year Y</c>: the public holidays and
/// swapped working days the working-day count uses (issue 21). Exit codes as <c>reform import</c>: 0 done, 2 refused
/// (nothing written), 3 the file or the database could not be reached.
/// </summary>
public static class HolidaysCommand
{
    public static Command Create() => new("holidays", "Ngày nghỉ lễ và ngày làm bù / public holidays and swapped working days") { Import(), List() };

    private static Command Import()
    {
        Option<FileInfo> file = new("--file") { Description = "Tệp holidays.csv (date,kind,name_vi,name_en) / the holidays file", Required = true };
        Option<bool> dryRun = new("--dry-run") { Description = "Chỉ kiểm tra, không ghi / check only, write nothing" };
        Command command = new("import", "Thay lịch nghỉ của các năm có trong tệp và đếm lại số liệu tính từ hồ sơ / replace the years the file names and recount the figures counted from dossiers") { file, dryRun };
        command.SetAction(async (parse, ct) =>
        {
            var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                error.WriteLine($"không tìm thấy tệp {path.Name}. / the file {path.Name} does not exist.");
                return ImportCommand.ExitOperational;
            }
            // Bounded before it is read: a holidays file is a few kilobytes.
            var check = path.Length > HolidayFile.MaxBytes ? HolidayFile.TooLarge(path.Name) : HolidayFile.Check(path.Name, await File.ReadAllBytesAsync(path.FullName, ct));
            if (!check.IsValid)
            {
                foreach (var e in check.Errors) error.WriteLine(e);
                error.WriteLine($"Tệp bị từ chối: {check.Errors.Count} lỗi, không ghi gì. / The file is refused: {check.Errors.Count} problem{(check.Errors.Count == 1 ? "" : "s")}, nothing written.");
                return ImportCommand.ExitRefused;
            }
            var years = string.Join(", ", check.Years);
            if (parse.GetValue(dryRun))
            {
                output.WriteLine($"Hợp lệ: {check.Days.Count} ngày của năm {years}; chưa ghi gì (--dry-run). / Valid: {check.Days.Count} days of {years}; nothing written (--dry-run).");
                return ImportCommand.ExitOk;
            }
            return await CliHost.RunAsync(async (services, token) =>
            {
                await using var db = await services.GetRequiredService<IDbContextFactory<ReformDbContext>>().CreateDbContextAsync(token);
                var r = await HolidayImport.CommitAsync(db, check, "cli:" + Environment.UserName, DateTimeOffset.UtcNow, token);
                output.WriteLine($"Đã thay lịch nghỉ năm {years}: {check.Days.Count} ngày, {r.Added} ngày thêm, {r.Removed} ngày bỏ, {r.Renamed} ngày đổi tên. / Replaced the calendar of {years}: {check.Days.Count} days, {r.Added} added, {r.Removed} removed, {r.Renamed} renamed.");
                if (r.RecountFrom is not { } from || r.RecountThrough is not { } through)
                {
                    output.WriteLine("Không số liệu nào tính từ hồ sơ phải đếm lại. / No figure counted from dossiers needed a recount.");
                    return ImportCommand.ExitOk;
                }
                var f = r.Figures;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Đếm lại {from:yyyy-MM} đến {through:yyyy-MM}: {f.UnitMonths} đơn vị-tháng, {f.Written} số liệu thay đổi, {f.Withdrawn} số liệu rút. / Recounted {from:yyyy-MM} through {through:yyyy-MM}: {f.UnitMonths} unit-months, {f.Written} figures changed, {f.Withdrawn} withdrawn."));
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
        Option<int> year = new("--year") { Description = "Năm / year", Required = true };
        Command command = new("list", "Ngày nghỉ lễ và ngày làm bù của một năm / the holidays and swapped working days of a year") { year };
        command.SetAction(async (parse, ct) => await CliHost.RunAsync(async (services, token) =>
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<ReformDbContext>>().CreateDbContextAsync(token);
            var y = await HolidayListQuery.ForYearAsync(db, parse.GetValue(year), token);
            var output = parse.InvocationConfiguration.Output;
            // Tab-separated: date, weekday, kind, Vietnamese name, English name.
            foreach (var d in y.Days)
                output.WriteLine(string.Join('\t', d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Day.DayOfWeek.ToString()[..3], d.Kind, d.NameVi, d.NameEn));
            var holidays = y.Days.Count(d => d.Kind == "holiday");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Năm {y.Year}: {holidays} ngày nghỉ trong tuần, {y.Days.Count - holidays} ngày làm bù cuối tuần, {y.WorkingDays} ngày làm việc. / {y.Year}: {holidays} weekdays off, {y.Days.Count - holidays} weekend days worked, {y.WorkingDays} working days."));
            return ImportCommand.ExitOk;
        }, ct));
        return command;
    }
}
