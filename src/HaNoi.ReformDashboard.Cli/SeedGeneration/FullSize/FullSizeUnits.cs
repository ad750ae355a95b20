using System.Globalization;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Cli.Messages;
using HaNoi.ReformDashboard.Data.Seed;

namespace HaNoi.ReformDashboard.Cli.SeedGeneration.FullSize;

/// <summary>
/// Hanoi's 2022 structure at full size: the seed's city, 21 departments and 30 districts, and 579 communes — the
/// seed's real wards, and SYNTHETIC ones (code Z…, name "… mô phỏng", "synthetic") to bring each district to its
/// 2022 number of communes. The national option adds synthetic districts until about 10,000 communes.
/// </summary>
public static class FullSizeUnits
{
    /// <summary>Communes (phường, xã, thị trấn) of each district in 2022; they add up to 579.</summary>
    public static readonly IReadOnlyDictionary<string, int> CommunesPerDistrict = new SortedDictionary<string, int>(StringComparer.Ordinal)
    {
        ["001"] = 14, ["002"] = 18, ["003"] = 8, ["004"] = 14, ["005"] = 8, ["006"] = 21, ["007"] = 18, ["008"] = 14,
        ["009"] = 11, ["016"] = 26, ["017"] = 24, ["018"] = 22, ["019"] = 10, ["020"] = 16, ["021"] = 13, ["250"] = 18,
        ["268"] = 17, ["269"] = 15, ["271"] = 31, ["272"] = 21, ["273"] = 16, ["274"] = 20, ["275"] = 21, ["276"] = 23,
        ["277"] = 32, ["278"] = 21, ["279"] = 29, ["280"] = 27, ["281"] = 29, ["282"] = 22,
    };

    public const int NationalCommunes = 10_000;
    private const int NationalCommunesPerDistrict = 14;

    /// <summary>Every unit, in force from the first generated year on (the seed's own dates are for 2022 only).</summary>
    public static IReadOnlyList<UnitRow> Build(IReadOnlyList<UnitRow> seedUnits, int firstYear, bool national)
    {
        var from = new DateOnly(firstYear, 1, 1);
        var units = seedUnits.Select(u => u with { ValidFrom = from, ValidTo = null, SuccessorCode = null }).ToList();
        var city = units.Single(u => u.Level == UnitLevel.City);
        foreach (var district in units.Where(u => u.Level == UnitLevel.District).ToList())
        {
            var real = units.Count(u => u.Level == UnitLevel.Commune && u.ParentCode == district.Code);
            var wanted = CommunesPerDistrict.GetValueOrDefault(district.Code, NationalCommunesPerDistrict);
            units.AddRange(SyntheticCommunes(district, real, wanted, from));
        }
        if (national)
        {
            var communes = units.Count(u => u.Level == UnitLevel.Commune);
            for (var d = 1; communes < NationalCommunes; d++)
            {
                var number = d.ToString("D4", CultureInfo.InvariantCulture);
                var name = CliText.Get("SyntheticDistrict", number);
                var district = new UnitRow(0, $"Y{number}", name.Vi, name.En,
                    UnitLevel.District, city.Code, from, null, null);
                units.Add(district);
                var count = Math.Min(NationalCommunesPerDistrict, NationalCommunes - communes);
                units.AddRange(SyntheticCommunes(district, 0, count, from));
                communes += count;
            }
        }
        return units;
    }

    private static IEnumerable<UnitRow> SyntheticCommunes(UnitRow district, int real, int wanted, DateOnly from)
    {
        // Wards in an urban district (quận, thị xã), communes in a rural one (huyện).
        var urban = !district.NameVi.StartsWith("Huyện", StringComparison.Ordinal);
        var kind = CliText.Get(urban ? "Ward" : "Commune");
        var districtName = new[] { "Quận ", "Huyện ", "Thị xã " }.FirstOrDefault(p => district.NameVi.StartsWith(p, StringComparison.Ordinal)) is { } prefix
            ? district.NameVi[prefix.Length..] : district.NameVi;
        for (var n = real + 1; n <= wanted; n++)
        {
            var number = n.ToString("D2", CultureInfo.InvariantCulture);
            var name = CliText.Get("Synthetic", kind.Vi, number, districtName, kind.En, district.NameEn);
            yield return new UnitRow(
                0, $"Z{district.Code}{number}", name.Vi, name.En,
                UnitLevel.Commune, district.Code, from, null, null);
        }
    }
}
