using System.Text;

using HaNoi.ReformDashboard.Cli.SeedGeneration;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Data.Seed;

namespace HaNoi.ReformDashboard.Cli.Tests.SeedGeneration;

public class ReferenceFilesTests
{
    private static readonly string[] AllSeedFiles = [.. RepoSeedData.ReferenceFiles, "measurements-2022.csv"];

    [Theory]
    [InlineData("units.csv", "code,name_vi,name_en,level,parent_code,valid_from,valid_to,successor_code,unit_key,split_from")]
    [InlineData("plan_years.csv", "plan_year,title_vi,title_en,indicators,headline")]
    [InlineData("pillars.csv", "code,name_vi,name_en,order")]
    [InlineData("indicators.csv", "code,pillar,name_vi,name_en,kind,rollup,frequency,levels,tolerance,definition_vi,city_figure")]
    [InlineData("targets.csv", "plan_year,indicator_code,level,unit_code,operator,threshold,aspirational,source_vi")]
    [InlineData("measurements-2022.csv", "unit_code,indicator_code,period,numerator,denominator,value")]
    public void Header_is_exactly_the_seed_data_contract(string file, string header)
    {
        string firstLine = File.ReadAllText(Path.Combine(RepoSeedData.Folder, file)).Split('\n')[0];
        firstLine.Should().Be(header);
    }

    [Fact]
    public void Files_are_UTF8_without_BOM_with_LF_endings_and_NFC()
    {
        foreach (string file in AllSeedFiles)
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(RepoSeedData.Folder, file));
            bytes.Take(3).Should().NotEqual(new byte[] { 0xEF, 0xBB, 0xBF }, $"{file} has no BOM");
            string text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            text.Should().NotContain("\r", $"{file} uses LF line ends");
            text.Should().EndWith("\n", $"{file} ends with a line break");
            text.IsNormalized(NormalizationForm.FormC).Should().BeTrue($"{file} is NFC");
        }
    }

    [Fact]
    public void Units_are_the_real_2022_counts()
    {
        IReadOnlyList<UnitRow> units = RepoSeedData.Reference.Units;
        units.Count(u => u.Level == UnitLevel.City).Should().Be(1);
        units.Count(u => u.Level == UnitLevel.Department).Should().Be(21);
        units.Count(u => u.Level == UnitLevel.District).Should().Be(30);
        units.Count(u => u.Level == UnitLevel.Commune).Should().BeGreaterThanOrEqualTo(49);

        IEnumerable<UnitRow> districts = units.Where(u => u.Level == UnitLevel.District).ToArray();
        districts.Count(u => u.NameVi.StartsWith("Quận ", StringComparison.Ordinal)).Should().Be(12);
        districts.Count(u => u.NameVi.StartsWith("Huyện ", StringComparison.Ordinal)).Should().Be(17);
        districts.Should().ContainSingle(u => u.NameVi == "Thị xã Sơn Tây" && u.Code == "269" && u.NameEn == "Son Tay Town");
    }

    [Fact]
    public void Unit_codes_follow_the_scheme_and_parents_exist()
    {
        IReadOnlyList<UnitRow> units = RepoSeedData.Reference.Units;
        Dictionary<string, UnitRow> byCode = units.ToDictionary(u => u.Code, StringComparer.Ordinal);

        UnitRow city = units.Single(u => u.Level == UnitLevel.City);
        city.Should().BeEquivalentTo(new { Code = "HN", NameVi = "Thành phố Hà Nội", NameEn = "Hanoi City", ParentCode = (string?)null });

        foreach (UnitRow unit in units)
        {
            unit.ValidFrom.Should().BeOnOrBefore(new DateOnly(2022, 1, 1));
            unit.ValidTo.Should().BeNull();
            unit.SuccessorCode.Should().BeNull();
            switch (unit.Level)
            {
                case UnitLevel.Department:
                    unit.Code.Should().MatchRegex("^[A-Z]{2,8}$");
                    unit.ParentCode.Should().Be("HN");
                    break;
                case UnitLevel.District:
                    unit.Code.Should().MatchRegex("^[0-9]{3}$");
                    unit.ParentCode.Should().Be("HN");
                    break;
                case UnitLevel.Commune:
                    unit.Code.Should().MatchRegex("^[0-9]{5}$");
                    byCode[unit.ParentCode!].Level.Should().Be(UnitLevel.District);
                    unit.NameVi.Should().StartWith("Phường ");
                    break;
            }
        }

        string[] departmentCodes = units.Where(u => u.Level == UnitLevel.Department).Select(u => u.Code).ToArray();
        departmentCodes.Should().BeEquivalentTo(
            "SNV", "STP", "SKHDT", "STC", "SCT", "SNNPTNT", "SGTVT", "SXD", "STNMT", "STTTT", "SLDTBXH",
            "SVHTT", "SDL", "SKHCN", "SGDDT", "SYT", "SNGV", "SQHKT", "TTTP", "VPUBND", "BDT");
    }

    [Fact]
    public void Wards_of_Ba_Dinh_Hoan_Kiem_and_Ha_Dong_are_the_real_ones()
    {
        IReadOnlyList<UnitRow> units = RepoSeedData.Reference.Units;
        string[] WardsOf(string district) => units.Where(u => u.ParentCode == district).Select(u => u.NameVi["Phường ".Length..]).ToArray();

        WardsOf("001").Should().BeEquivalentTo(
            "Phúc Xá", "Trúc Bạch", "Vĩnh Phúc", "Cống Vị", "Liễu Giai", "Nguyễn Trung Trực", "Quán Thánh",
            "Ngọc Hà", "Điện Biên", "Đội Cấn", "Ngọc Khánh", "Kim Mã", "Giảng Võ", "Thành Công");
        WardsOf("002").Should().HaveCount(18).And.Contain(["Hàng Bạc", "Hàng Đào", "Lý Thái Tổ", "Tràng Tiền", "Chương Dương"]);
        WardsOf("268").Should().HaveCount(17).And.Contain(["Nguyễn Trãi", "Mộ Lao", "Vạn Phúc", "Yết Kiêu", "Dương Nội", "Biên Giang"]);
        units.Single(u => u.Code == "00001").NameVi.Should().Be("Phường Phúc Xá");
    }

    [Fact]
    public void Pillars_are_the_eight_PAR_INDEX_fields_in_order()
    {
        IReadOnlyList<IReadOnlyDictionary<string, string>> pillars = RepoSeedData.ReadTable("pillars.csv");
        pillars.Select(p => p["code"]).Should().Equal("CDDH", "TC", "TTHC", "TCBM", "CDCV", "TCC", "CQS", "TD");
        pillars.Select(p => p["order"]).Should().Equal("1", "2", "3", "4", "5", "6", "7", "8");
        pillars.Should().OnlyContain(p => p["name_vi"].Length > 10 && p["name_en"].Length > 5);
    }

    [Fact]
    public void Indicators_are_the_22_of_the_plan_with_the_level_convention()
    {
        IReadOnlyList<IndicatorRow> indicators = RepoSeedData.Reference.Indicators;
        indicators.Should().HaveCount(22);
        HashSet<string> pillarCodes = RepoSeedData.ReadTable("pillars.csv").Select(p => p["code"]).ToHashSet();
        indicators.Should().OnlyContain(i => pillarCodes.Contains(i.Pillar));

        string Levels(string code) => string.Join(';', indicators.Single(i => i.Code == code).Levels.Select(l => l.ToCode()));
        Levels("PARINDEX_RANK").Should().Be("city");
        Levels("SIPAS").Should().Be("city");
        Levels("TTHC_SIMPLIFIED").Should().Be("city;department");
        Levels("FEE_TTHC_ONLINE_PAY").Should().Be("city;department");
        Levels("TAX_ONLINE_PAY").Should().Be("city");
        Levels("LAND_PAY_INTEGRATION").Should().Be("city");
        Levels("INTERAGENCY_SIMPLIFIED").Should().Be("city");
        Levels("INSPECTION_REFERRED").Should().Be("city;department;district");
        Levels("INSPECTION_DONE").Should().Be("city;department;district");
        foreach (string all in new[] { "ONLINE_DOSSIER", "ONTIME", "DVCQG_SYNC", "DATA_REUSE", "EID_AT_COUNTER", "ONLINE_PAYMENT_TX",
                     "DOC_ONLINE_PROCESSING", "DOC_ONLINE_EXCHANGE", "DIGITISED_RECORDS", "STAFF_CULTURE_TRAINED",
                     "STAFF_DATA_TRAINED", "LEADERS_BRIEFED", "FEEDBACK_HANDLED" })
        {
            Levels(all).Should().Be("department;district;commune", all);
        }

        IndicatorRow rank = indicators.Single(i => i.Code == "PARINDEX_RANK");
        rank.Should().BeEquivalentTo(new { Kind = IndicatorKind.Rank, Rollup = Rollup.Stock, Frequency = Frequency.Annual, Tolerance = 2m });
        indicators.Single(i => i.Code == "SIPAS").Should().BeEquivalentTo(new { Kind = IndicatorKind.Value, Rollup = Rollup.Stock, Frequency = Frequency.Annual });
        indicators.Single(i => i.Code == "LAND_PAY_INTEGRATION").Should().BeEquivalentTo(new { Kind = IndicatorKind.Milestone, Rollup = Rollup.Stock, Frequency = Frequency.Annual, Tolerance = 0m });
        indicators.Where(i => i.Kind == IndicatorKind.Ratio).Should().OnlyContain(i => i.Tolerance == 5m);
    }

    [Fact]
    public void Targets_follow_the_plan()
    {
        IReadOnlyList<TargetRow> targets = RepoSeedData.Reference.Targets;
        targets.Should().HaveCount(23).And.OnlyContain(t => t.PlanYear == 2022 && t.UnitCode == null && t.SourceVi.Length > 20);
        targets.Should().NotContain(t => t.IndicatorCode == "DIGITISED_RECORDS");
        RepoSeedData.Reference.Indicators.Where(i => i.Code != "DIGITISED_RECORDS")
            .Should().OnlyContain(i => targets.Any(t => t.IndicatorCode == i.Code));

        targets.Single(t => t.IndicatorCode == "PARINDEX_RANK").Should().BeEquivalentTo(new { Operator = ComparisonOperator.LessOrEqual, Threshold = 10m });
        targets.Single(t => t.IndicatorCode == "ONTIME").Should().BeEquivalentTo(new { Operator = ComparisonOperator.GreaterThan, Threshold = 99m });
        targets.Single(t => t.IndicatorCode == "SIPAS").Should().BeEquivalentTo(new { Operator = ComparisonOperator.GreaterOrEqual, Threshold = 86m });
        targets.Single(t => t.IndicatorCode == "LAND_PAY_INTEGRATION").Should().BeEquivalentTo(new { Operator = ComparisonOperator.GreaterOrEqual, Threshold = 1m });
        targets.Single(t => t.IndicatorCode == "INSPECTION_DONE").Should().BeEquivalentTo(new { Threshold = 90m, Aspirational = true });
        targets.Where(t => t.IndicatorCode != "INSPECTION_DONE").Should().OnlyContain(t => !t.Aspirational);
        targets.Where(t => t.IndicatorCode == "DOC_ONLINE_PROCESSING").Select(t => (t.Level, t.Threshold)).Should().BeEquivalentTo(new (UnitLevel?, decimal)[]
        {
            (UnitLevel.Department, 100m), (UnitLevel.District, 80m), (UnitLevel.Commune, 70m),
        });
        targets.Where(t => t.IndicatorCode != "DOC_ONLINE_PROCESSING").Should().OnlyContain(t => t.Level == null);
        targets.Single(t => t.IndicatorCode == "ONTIME").SourceVi.Should().StartWith("Trên 99%");
    }
}
