using System.Globalization;
using HaNoi.ReformDashboard.Domain.Periods;

namespace HaNoi.ReformDashboard.Data.Dossiers;

/// <summary>
/// SYNTHETIC dossiers for the demo and the tests: deterministic from a seed, codes starting <c>SYN-</c>, no person in
/// them. Each unit gets procedures of its level (departments the province's, districts and wards their own); about
/// one in twelve ends late, some after a supplement request.
/// </summary>
public static class DossierGenerator
{
    /// <param name="LateShare">The share of dossiers that end past their due time.</param>
    /// <param name="TwoSupplementShare">The share asked for more papers twice (late by the rules, however quick).</param>
    public sealed record GeneratorUnit(string Code, string Level, double LateShare = 0.08, double TwoSupplementShare = 0.02);

    public static IEnumerable<DossierFileRow> Generate(IReadOnlyList<GeneratorUnit> units, IReadOnlyList<Procedure> procedures, int year, int count, int seed)
    {
        var random = new Random(seed);
        var byLevel = procedures.GroupBy(p => p.Level).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var usable = units.Where(u => byLevel.ContainsKey(ProcedureLevel(u.Level))).ToList();
        if (usable.Count == 0) yield break;
        var offset = TimeSpan.FromHours(7);
        for (var i = 0; i < count; i++)
        {
            var unit = usable[random.Next(usable.Count)];
            var candidates = byLevel[ProcedureLevel(unit.Level)];
            var procedure = candidates[random.Next(candidates.Count)];
            DateOnly day;
            do day = new DateOnly(year, 1, 1).AddDays(random.Next(DateTime.IsLeapYear(year) ? 366 : 365));
            while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
            var received = new DateTimeOffset(day.Year, day.Month, day.Day, 8 + random.Next(9), random.Next(60), 0, offset);
            var due = AddWorkingDays(received, Math.Max(1, procedure.LegalDays));
            var roll = random.NextDouble();
            var (status, supplements, supplementDays) = roll switch
            {
                < 0.02 => ("withdrawn", 0, 0),
                < 0.04 => ("refused", 0, 0),
                < 0.12 => ("returned", 1, 1 + random.Next(5)),
                _ when roll < 0.12 + unit.TwoSupplementShare => ("returned", 2, 2 + random.Next(6)),
                _ => ("returned", 0, 0),
            };
            var late = random.NextDouble() < unit.LateShare;
            var finished = late ? due.AddDays(1 + random.Next(5)) : received + (due - received) * random.NextDouble();
            if (supplementDays > 0 && !late) finished = finished.AddDays(supplementDays);
            var returned = status == "returned" ? finished.AddHours(random.Next(1, 48)) : (DateTimeOffset?)null;
            var channel = random.NextDouble() switch { < 0.55 => "online", < 0.95 => "direct", _ => "postal" };
            var fee = random.NextDouble() < 0.4;
            var paid = fee && channel == "online" && random.NextDouble() < 0.6;
            var digitised = random.NextDouble() < 0.7;
            var updated = (returned ?? finished).AddMinutes(random.Next(1, 120));
            yield return new DossierFileRow(
            [
                string.Create(CultureInfo.InvariantCulture, $"SYN-{unit.Code}-{received:yyMMdd}-{i:D6}"), procedure.Code, procedure.FieldCode, unit.Code,
                Time(received), Time(due), Time(finished), returned is { } r ? Time(r) : "", status, channel,
                supplements.ToString(CultureInfo.InvariantCulture), supplementDays.ToString(CultureInfo.InvariantCulture),
                Flag(fee), Flag(paid), Flag(digitised), Flag(digitised && random.NextDouble() < 0.8), Flag(random.NextDouble() < 0.3),
                Flag(random.NextDouble() < 0.9), Time(updated),
            ]);
        }
    }

    /// <summary>The procedure level a unit of this level resolves.</summary>
    public static string ProcedureLevel(string unitLevel) => unitLevel switch
    {
        "department" => "province",
        "district" => "district",
        "commune" => "commune",
        _ => "",
    };

    public static string Time(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string Flag(bool value) => value ? "true" : "false";

    /// <summary>
    /// Weekends only, on purpose: the generated files (the demo year, the 2022 sample, full size) stay the same whatever
    /// the holiday table holds, and every generated dossier has a due time, so the holidays never decide its lateness.
    /// </summary>
    public static DateTimeOffset AddWorkingDays(DateTimeOffset from, int days) => WorkingCalendar.WeekendsOnly.AddWorkingDays(from, days);
}
