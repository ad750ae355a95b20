namespace HaNoi.ReformDashboard.Domain.Catalogue;

/// <summary>The days a unit version holds: from <see cref="From"/> through <see cref="To"/> (null: still in force).</summary>
public readonly record struct Validity(DateOnly From, DateOnly? To)
{
    /// <summary>Valid on at least one day of [first, last].</summary>
    public bool Overlaps(DateOnly first, DateOnly last) => From <= last && (To is null || To.Value >= first);

    public bool Overlaps(Validity other) => Overlaps(other.From, other.To ?? DateOnly.MaxValue);

    public bool Contains(DateOnly day) => Overlaps(day, day);
}

/// <summary>One version of a unit: its code, name, level and parent as they were over <see cref="Validity"/>.</summary>
public interface IUnitVersion
{
    /// <summary>The unit's identity, the same across its versions (a rename keeps it; a reused code does not).</summary>
    string UnitKey { get; }
    string Code { get; }
    UnitLevel Level { get; }
    Validity Validity { get; }
}

/// <summary>
/// The one rule for "which units are in force in a period", in C# for validation. The SQL function
/// <c>units_in_force(first_day, last_day)</c> (migration UnitVersions) is the same rule for every query,
/// and a test holds the two to the same answers.
/// A unit is in force in a period when one of its versions is valid on at least one day of it (a unit that ends
/// mid-quarter counts in that quarter); it then appears as the latest-starting of those versions.
/// </summary>
public static class UnitsInForce
{
    public static IReadOnlyList<T> In<T>(IEnumerable<T> versions, DateOnly first, DateOnly last) where T : IUnitVersion =>
        versions.Where(v => v.Validity.Overlaps(first, last))
            .GroupBy(v => v.UnitKey, StringComparer.Ordinal)
            .Select(g => g.MaxBy(v => v.Validity.From)!)
            .OrderBy(v => v.Code, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The version a code names in a period. A code may be reused once its unit has ended; should both units touch
    /// the period, the one that started later is meant.
    /// </summary>
    public static T? ByCode<T>(IEnumerable<T> versions, string code, DateOnly first, DateOnly last) where T : class, IUnitVersion =>
        In(versions.Where(v => string.Equals(v.Code, code, StringComparison.Ordinal)), first, last).MaxBy(v => v.Validity.From);

    /// <summary>The version a code names on one day (a parent at a version's start, a successor the day after an end).</summary>
    public static T? ByCodeOn<T>(IEnumerable<T> versions, string code, DateOnly day) where T : class, IUnitVersion =>
        ByCode(versions, code, day, day);
}
