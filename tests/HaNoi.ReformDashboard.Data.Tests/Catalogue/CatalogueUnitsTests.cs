using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Data.Explanations;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Testing;
using Microsoft.EntityFrameworkCore;
using UnitInfo = HaNoi.ReformDashboard.Data.Catalogue.UnitInfo;

namespace HaNoi.ReformDashboard.Data.Tests.Catalogue;

/// <summary>
/// The one read of units in force (CatalogueUnits, on units_in_force) on hand-built histories, and the explanations
/// list, which names its units through it.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CatalogueUnitsTests(PostgresServer postgres)
{
    [Fact]
    public async Task A_reused_code_names_the_unit_in_force_then_and_the_later_one_when_both_touch_the_period()
    {
        await using var db = await HistoryAsync();

        (await CatalogueUnits.ByCodeAsync(db, "C", new(2024, 1, 1), new(2024, 3, 31)))!.Info.Key.Should().Be("X");
        (await CatalogueUnits.ByCodeAsync(db, "C", new(2024, 1, 1), new(2024, 12, 31)))!.Info.Key.Should().Be("Y", "both held C in 2024; Y started later");
        (await CatalogueUnits.ByCodeAsync(db, "C", new(2022, 1, 1), new(2022, 12, 31))).Should().BeNull("neither held C in 2022");
    }

    [Fact]
    public async Task By_id_and_by_key_give_the_version_in_force_with_its_parent_and_leave_out_a_unit_not_in_force()
    {
        await using var db = await HistoryAsync();
        var ids = await db.Units.ToDictionaryAsync(u => u.Key, u => u.Id);

        var august = await CatalogueUnits.ByIdAsync(db, [ids["X"], ids["Y"], ids["A"]], new(2024, 8, 1), new(2024, 8, 31));
        august.Keys.Should().BeEquivalentTo([ids["Y"], ids["A"]], "X ended on 30 June 2024");
        august[ids["Y"]].Should().Be(new UnitInfo("C", "Xã Y", "Commune Y", UnitLevel.Commune, "HN") { Key = "Y" });
        august[ids["A"]].Code.Should().Be("A2", "A was renamed A2 on 1 July 2024");

        var byKey = await CatalogueUnits.ByKeyAsync(db, ["A", "B"], new(2025, 5, 1), new(2025, 5, 31));
        byKey.Keys.Should().Equal("A");
        byKey["A"].NameVi.Should().Be("Phường A mới");
    }

    [Fact]
    public async Task The_explanations_list_names_a_unit_as_last_called_in_the_year_and_leaves_out_one_not_in_force_then()
    {
        await using var db = await HistoryAsync();
        var ids = await db.Units.ToDictionaryAsync(u => u.Key, u => u.Id);
        db.Pillars.Add(new Pillar { Code = "P", NameVi = "Trụ cột", NameEn = "Pillar", SortOrder = 1 });
        var indicator = new Indicator { Code = "I", PillarCode = "P", NameVi = "Chỉ tiêu", NameEn = "Indicator", Kind = IndicatorKind.Ratio };
        db.Indicators.Add(indicator);
        await db.SaveChangesAsync();
        var at = new DateTimeOffset(2024, 5, 1, 9, 0, 0, TimeSpan.Zero);
        // B ended in 2023: the writer would refuse an explanation for it in 2024; written here by hand, it names no unit.
        db.Explanations.AddRange(
            new Explanation { UnitId = ids["A"], IndicatorId = indicator.Id, Period = "2024-03", Cause = "a", Author = "t", CreatedAt = at },
            new Explanation { UnitId = ids["B"], IndicatorId = indicator.Id, Period = "2024-03", Cause = "b", Author = "t", CreatedAt = at.AddHours(1) });
        await db.SaveChangesAsync();

        var rows = await ExplanationQueries.CurrentAsync(db, 2024, null);

        rows.Should().ContainSingle();
        // A was A1 until 30 June 2024, A2 from 1 July; its last name within 2024 is A2's (A3 is from 2025).
        (rows[0].UnitCode, rows[0].UnitNameVi, rows[0].UnitNameEn, rows[0].Current.Cause).Should().Be(("A2", "Phường A", "Ward A", "a"));
    }

    /// <summary>
    /// HN (city); A: A1 2023 – June 2024, A2 July 2024 – March 2025, A3 from April 2025; B: 2022 – 2023; X held code C
    /// 2023 – June 2024, Y (under HN) holds it from July 2024.
    /// </summary>
    private async Task<ReformDbContext> HistoryAsync()
    {
        await postgres.ResetScratchAsync();
        var db = PostgresServer.CreateContext(postgres.ScratchConnectionString);
        var units = new[] { "HN", "A", "B", "X", "Y" }.ToDictionary(k => k, k => new Unit { Key = k });
        db.Units.AddRange(units.Values);
        await db.SaveChangesAsync();
        UnitVersion V(string key, string code, string vi, string en, UnitLevel level, DateOnly from, DateOnly? to, string? parent = null) => new()
        {
            UnitId = units[key].Id, Code = code, NameVi = vi, NameEn = en, Level = level, ValidFrom = from, ValidTo = to,
            ParentId = parent is null ? null : units[parent].Id,
        };
        db.UnitVersions.AddRange(
            V("HN", "HN", "Hà Nội", "Hanoi", UnitLevel.City, new(2020, 1, 1), null),
            V("A", "A1", "Phường A cũ", "Old ward A", UnitLevel.Commune, new(2023, 1, 1), new(2024, 6, 30)),
            V("A", "A2", "Phường A", "Ward A", UnitLevel.Commune, new(2024, 7, 1), new(2025, 3, 31)),
            V("A", "A3", "Phường A mới", "New ward A", UnitLevel.Commune, new(2025, 4, 1), null),
            V("B", "B", "Phường B", "Ward B", UnitLevel.Commune, new(2022, 1, 1), new(2023, 12, 31)),
            V("X", "C", "Xã X", "Commune X", UnitLevel.Commune, new(2023, 1, 1), new(2024, 6, 30)),
            V("Y", "C", "Xã Y", "Commune Y", UnitLevel.Commune, new(2024, 7, 1), null, parent: "HN"));
        await db.SaveChangesAsync();
        return db;
    }
}
