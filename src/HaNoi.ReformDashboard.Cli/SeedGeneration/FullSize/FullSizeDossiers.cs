using System.Globalization;
using HaNoi.ReformDashboard.Data.Dossiers;
using HaNoi.ReformDashboard.Domain.Catalogue;
using Npgsql;

namespace HaNoi.ReformDashboard.Cli.SeedGeneration.FullSize;

/// <summary>How many SYNTHETIC dossiers <c>seed fullsize</c> makes: <paramref name="PerYear"/> a year over the last <paramref name="Years"/> seeded years.</summary>
public sealed record FullSizeDossierOptions(int PerYear, int Years)
{
    /// <summary>About what Hanoi's one-stop system records in a year.</summary>
    public const int HanoiPerYear = 3_000_000;
    /// <summary>About what the national portal records in a year (scale-out.md): far past one machine's disk here; parametric, not run.</summary>
    public const int NationalPerYear = 100_000_000;
    public const int DefaultYears = 3;
}

/// <summary>A unit that resolves dossiers, with the procedures of its level.</summary>
public sealed record DossierUnit(int UnitId, string Code, UnitLevel Level, IReadOnlyList<Procedure> Procedures);

/// <summary>
/// SYNTHETIC dossiers at full size, deterministic from the seed: each (unit, month) has its own stream, so a month can be
/// made on its own, in any order, and always comes out the same. Units are sized by level — a department or a district
/// takes in far more dossiers than a commune — and each unit has its own online and lateness rates, so the leagues
/// differ. Codes are <c>FS-{unit}-{yyyyMM}-{n}</c>: ascending within a unit's month, so a partition's indexes grow at
/// their right edge.
/// </summary>
public sealed class FullSizeDossiers
{
    private static readonly TimeSpan Hanoi = TimeSpan.FromHours(7);
    private readonly int _seed;
    private readonly IReadOnlyList<DossierUnit> _units;
    private readonly int[,] _counts;

    public DateOnly FirstMonth { get; }
    public int Months { get; }
    public string CodePrefix { get; }

    /// <param name="units">Units in a fixed order (by code); a unit without procedures gets none.</param>
    public FullSizeDossiers(IEnumerable<DossierUnit> units, int firstYear, int lastYear, int perYear, int seed, string codePrefix = "FS")
    {
        _seed = seed;
        _units = units.Where(u => u.Procedures.Count > 0).OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
        FirstMonth = new DateOnly(firstYear, 1, 1);
        Months = (lastYear - firstYear + 1) * 12;
        CodePrefix = codePrefix;
        _counts = new int[_units.Count, Months];
        // A unit's share of the year: its level's weight, times 0.5–1.5 of its own; a month's share of the unit's year:
        // 0.8–1.2 of an even twelfth. Rounded on the running totals, so the year's total is exactly perYear.
        var weights = _units.Select(u => LevelWeight(u.Level) * (0.5 + Stream("size", u.Code, 0).NextDouble())).ToArray();
        for (var year = firstYear; year <= lastYear; year++)
        {
            var unitCounts = Spread(perYear, weights);
            for (var i = 0; i < _units.Count; i++)
            {
                var rng = Stream("months", _units[i].Code, year);
                var monthCounts = Spread(unitCounts[i], Enumerable.Range(0, 12).Select(_ => rng.Between(0.8, 1.2)).ToArray());
                for (var m = 0; m < 12; m++) _counts[i, (year - firstYear) * 12 + m] = monthCounts[m];
            }
        }
    }

    /// <summary>Dossiers a year per unit, relative: departments and districts run the busy one-stop counters.</summary>
    public static double LevelWeight(UnitLevel level) => level switch
    {
        UnitLevel.Department => 30,
        UnitLevel.District => 20,
        UnitLevel.Commune => 1,
        _ => 0,
    };

    public IReadOnlyList<DossierUnit> Units => _units;

    /// <summary>The dossiers received by a unit in a month (first day).</summary>
    public int Count(int unitIndex, DateOnly month) => _counts[unitIndex, MonthIndex(month)];

    public long CountIn(DateOnly month) => Enumerable.Range(0, _units.Count).Sum(i => (long)_counts[i, MonthIndex(month)]);

    /// <summary>The months covered, first days.</summary>
    public IEnumerable<DateOnly> EachMonth() => Enumerable.Range(0, Months).Select(FirstMonth.AddMonths);

    /// <summary>The unit-months that receive dossiers: their six figures are counted from them, never generated.</summary>
    public HashSet<(int UnitId, DateOnly Month)> UnitMonthsWithDossiers()
    {
        var set = new HashSet<(int, DateOnly)>();
        for (var i = 0; i < _units.Count; i++)
        for (var m = 0; m < Months; m++)
            if (_counts[i, m] > 0) set.Add((_units[i].UnitId, FirstMonth.AddMonths(m)));
        return set;
    }

    private int MonthIndex(DateOnly month) => (month.Year - FirstMonth.Year) * 12 + month.Month - FirstMonth.Month;

    /// <summary>Every dossier received in <paramref name="month"/>, unit by unit in code order. As of <paramref name="now"/>: what would end later is still open.</summary>
    public IEnumerable<DossierRecord> Month(DateOnly month, DateTimeOffset now)
    {
        var index = MonthIndex(month);
        for (var i = 0; i < _units.Count; i++)
        {
            var unit = _units[i];
            var count = _counts[i, index];
            if (count == 0) continue;
            var traits = Stream("traits", unit.Code, 0);
            var (online, late, reuse) = (traits.Between(0.3, 0.85), traits.Between(0.01, 0.12), traits.Between(0.1, 0.5));
            var rng = Stream("dossiers", unit.Code, month.Year * 100 + month.Month);
            var days = WorkingDays(month);
            for (var n = 0; n < count; n++)
                yield return One(rng, unit, month, days, n, online, late, reuse, now);
        }
    }

    private DossierRecord One(SplitMix64 rng, DossierUnit unit, DateOnly month, List<DateOnly> days, int n, double onlineRate, double lateRate,
        double reuseRate, DateTimeOffset now)
    {
        var procedure = unit.Procedures[rng.NextInt(0, unit.Procedures.Count - 1)];
        var day = days[rng.NextInt(0, days.Count - 1)];
        var received = new DateTimeOffset(day.Year, day.Month, day.Day, rng.NextInt(8, 16), rng.NextInt(0, 59), 0, Hanoi);
        var due = DossierGenerator.AddWorkingDays(received, Math.Max(1, procedure.LegalDays));
        var roll = rng.NextDouble();
        var (status, supplements, supplementDays) = roll switch
        {
            < 0.02 => ("withdrawn", 0, 0),
            < 0.04 => ("refused", 0, 0),
            < 0.12 => ("returned", 1, rng.NextInt(1, 5)),
            < 0.14 => ("returned", 2, rng.NextInt(2, 7)),
            _ => ("returned", 0, 0),
        };
        var isLate = rng.NextDouble() < lateRate;
        DateTimeOffset? finished = isLate ? due.AddDays(rng.NextInt(1, 5)).AddHours(rng.NextInt(0, 8)) : received + (due - received) * rng.NextDouble();
        if (supplementDays > 0 && !isLate) finished = finished.Value.AddDays(supplementDays);
        DateTimeOffset? returned = status == "returned" ? finished.Value.AddHours(rng.NextInt(1, 47)) : null;
        var channel = rng.NextDouble() < onlineRate ? "online" : rng.NextDouble() < 0.9 ? "direct" : "postal";
        var fee = rng.NextDouble() < 0.4;
        var paid = fee && channel == "online" && rng.NextDouble() < 0.6;
        var digitised = rng.NextDouble() < 0.7;
        var eResult = digitised && rng.NextDouble() < 0.8;
        var reused = rng.NextDouble() < reuseRate;
        var synced = rng.NextDouble() < 0.9;
        var minutes = rng.NextInt(1, 119);
        // Seeding the current year: what would end after now is still being processed.
        if (finished > now)
        {
            (status, finished, returned) = (supplements > 0 ? "supplement_requested" : "in_progress", null, null);
        }
        else if (returned > now)
        {
            (status, returned) = ("finished", null);
        }
        var updated = (returned ?? finished ?? received).AddMinutes(minutes);
        if (updated > now) updated = now;
        var code = string.Create(CultureInfo.InvariantCulture, $"{CodePrefix}-{unit.Code}-{month:yyyyMM}-{n:D7}");
        return new DossierRecord(code, procedure.Code, procedure.FieldCode, unit.UnitId, received, due, finished, returned, status, channel,
            supplements, supplementDays, fee, paid, digitised, eResult, reused, synced, updated);
    }

    /// <summary>The record as a row of a dossier file (docs/dossiers.md), for the benches that import files.</summary>
    public static string CsvLine(DossierRecord r, string unitCode) => string.Join(',',
        r.DossierCode, r.ProcedureCode, r.FieldCode, unitCode, DossierGenerator.Time(r.ReceivedAt), Time(r.DueAt), Time(r.FinishedAt), Time(r.ReturnedAt),
        r.Status, r.Channel, r.SupplementRequests.ToString(CultureInfo.InvariantCulture), r.SupplementDays.ToString(CultureInfo.InvariantCulture),
        Flag(r.FeeRequired), Flag(r.PaidOnline), Flag(r.Digitised), Flag(r.EResult), Flag(r.ReusedData), Flag(r.SyncedNational), DossierGenerator.Time(r.UpdatedAt));

    private static string Time(DateTimeOffset? at) => at is { } a ? DossierGenerator.Time(a) : "";
    private static string Flag(bool value) => value ? "true" : "false";

    /// <summary>Binary COPY of records into <paramref name="table"/> (a month's partition, or a scratch table of the same columns).</summary>
    public static async Task<long> CopyAsync(NpgsqlConnection connection, string table, IEnumerable<DossierRecord> records, long batchId, CancellationToken ct)
    {
        long rows = 0;
        await using var writer = await DossierCopy.BeginAsync(connection, table, ct);
        writer.Timeout = TimeSpan.FromMinutes(30);
        foreach (var r in records)
        {
            await DossierCopy.WriteAsync(writer, r, batchId, ct);
            rows++;
        }
        await writer.CompleteAsync(ct);
        return rows;
    }

    private SplitMix64 Stream(string purpose, string unitCode, int key) =>
        SplitMix64.ForKey(_seed, string.Create(CultureInfo.InvariantCulture, $"{CodePrefix}|{purpose}|{unitCode}|{key}"));

    /// <summary>Splits <paramref name="total"/> in proportion to <paramref name="weights"/>, rounding on the running sums so the parts add up exactly.</summary>
    private static int[] Spread(int total, double[] weights)
    {
        var sum = weights.Sum();
        var parts = new int[weights.Length];
        if (sum <= 0) return parts;
        double running = 0;
        long given = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            running += weights[i];
            var upTo = (long)Math.Round(total * (running / sum), MidpointRounding.AwayFromZero);
            parts[i] = (int)(upTo - given);
            given = upTo;
        }
        return parts;
    }

    private static List<DateOnly> WorkingDays(DateOnly month)
    {
        var days = new List<DateOnly>(23);
        for (var d = month; d.Month == month.Month; d = d.AddDays(1))
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) days.Add(d);
        return days;
    }
}
