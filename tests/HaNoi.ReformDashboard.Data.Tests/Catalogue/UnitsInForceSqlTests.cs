using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HaNoi.ReformDashboard.Data.Tests.Catalogue;

/// <summary>The SQL function units_in_force and the C# rule UnitsInForce give the same answers; the schema refuses overlaps.</summary>
[Collection(PostgresCollection.Name)]
public sealed class UnitsInForceSqlTests(PostgresServer postgres)
{
    private sealed record V(string UnitKey, string Code, UnitLevel Level, Validity Validity) : IUnitVersion;

    [Fact]
    public async Task The_sql_function_and_the_csharp_rule_agree_on_random_unit_histories()
    {
        var random = new Random(20250701);
        var versions = new List<V>();
        for (var unit = 0; unit < 60; unit++)
        {
            // One to three consecutive versions; some end, some are still in force; codes change on some renames.
            var from = new DateOnly(2020, 1, 1).AddDays(random.Next(0, 1500));
            var count = random.Next(1, 4);
            for (var v = 0; v < count; v++)
            {
                var last = v == count - 1;
                DateOnly? to = last && random.Next(3) == 0 ? null : from.AddDays(random.Next(0, 400));
                var code = random.Next(2) == 0 ? $"U{unit}" : $"U{unit}-{v}";
                versions.Add(new V($"K{unit}", code, (UnitLevel)random.Next(4), new Validity(from, to)));
                if (to is null) break;
                from = to.Value.AddDays(1);
            }
        }
        await using var db = await ContextWithAsync(versions);

        for (var window = 0; window < 80; window++)
        {
            var first = new DateOnly(2020, 1, 1).AddDays(random.Next(0, 2200));
            var last = first.AddDays(random.Next(0, 200));
            var expected = UnitsInForce.In(versions, first, last).Select(v => (v.UnitKey, v.Code)).OrderBy(x => x.UnitKey).ToList();

            var actual = await db.Database.SqlQueryRaw<KeyCode>(
                    "SELECT u.key AS \"Key\", f.code AS \"Code\" FROM units_in_force(@a, @b) f JOIN units u ON u.id = f.unit_id",
                    new NpgsqlParameter("a", first), new NpgsqlParameter("b", last)).ToListAsync();

            actual.Select(x => (x.Key, x.Code)).OrderBy(x => x.Key).Should().Equal(expected, $"window {first}…{last}");
        }
    }

    [Fact]
    public async Task Overlapping_versions_of_a_unit_or_one_code_for_two_units_at_once_are_refused()
    {
        await using var db = await ContextWithAsync([new V("A", "A", UnitLevel.Commune, new(new(2022, 1, 1), new(2025, 6, 30)))]);
        var unitA = await db.Units.SingleAsync();

        db.UnitVersions.Add(new UnitVersion { UnitId = unitA.Id, Code = "A2", NameVi = "x", NameEn = "x", Level = UnitLevel.Commune, ValidFrom = new(2025, 6, 30) });
        (await db.Invoking(d => d.SaveChangesAsync()).Should().ThrowAsync<DbUpdateException>())
            .WithInnerException<PostgresException>().Which.SqlState.Should().Be(PostgresErrorCodes.ExclusionViolation);
        db.ChangeTracker.Clear();

        var other = new Unit { Key = "B" };
        db.Units.Add(other);
        await db.SaveChangesAsync();
        db.UnitVersions.Add(new UnitVersion { UnitId = other.Id, Code = "A", NameVi = "x", NameEn = "x", Level = UnitLevel.Commune, ValidFrom = new(2025, 1, 1) });
        (await db.Invoking(d => d.SaveChangesAsync()).Should().ThrowAsync<DbUpdateException>())
            .WithInnerException<PostgresException>().Which.SqlState.Should().Be(PostgresErrorCodes.ExclusionViolation);
        db.ChangeTracker.Clear();

        // Reusing the code once the first unit has ended is allowed.
        db.UnitVersions.Add(new UnitVersion { UnitId = other.Id, Code = "A", NameVi = "x", NameEn = "x", Level = UnitLevel.Commune, ValidFrom = new(2025, 7, 1) });
        await db.SaveChangesAsync();
    }

    private sealed record KeyCode(string Key, string Code);

    private async Task<ReformDbContext> ContextWithAsync(IReadOnlyList<V> versions)
    {
        await postgres.ResetScratchAsync();
        var db = PostgresServer.CreateContext(postgres.ScratchConnectionString);
        var units = versions.Select(v => v.UnitKey).Distinct().ToDictionary(k => k, k => new Unit { Key = k });
        db.Units.AddRange(units.Values);
        await db.SaveChangesAsync();
        db.UnitVersions.AddRange(versions.Select(v => new UnitVersion
        {
            UnitId = units[v.UnitKey].Id, Code = v.Code, NameVi = v.Code, NameEn = v.Code, Level = v.Level,
            ValidFrom = v.Validity.From, ValidTo = v.Validity.To,
        }));
        await db.SaveChangesAsync();
        return db;
    }
}
