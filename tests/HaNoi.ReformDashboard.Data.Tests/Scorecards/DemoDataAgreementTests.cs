using System.Globalization;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Domain.Scoring;
using HaNoi.ReformDashboard.Testing;

namespace HaNoi.ReformDashboard.Data.Tests.Scorecards;

/// <summary>
/// The service's sums on the demo data equal sums made straight from the seed-data CSV files, to the last
/// digit, for a sample of units, levels, indicators (flow and stock) and periods.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DemoDataAgreementTests(PostgresServer postgres)
{
    private static readonly Lazy<DemoCsv> Csv = new(() => new DemoCsv(RepositoryPaths.SeedData));

    public static TheoryData<string, string, string> Sample => new()
    {
        { "268", "ONTIME", "2022-Q3" },                 // a district, flow, quarter
        { "268", "STAFF_CULTURE_TRAINED", "2022-Q3" },  // stock: the latest month of the quarter
        { "SNV", "ONLINE_DOSSIER", "2022-YTD-6" },       // a department, "6 tháng đầu năm"
        { "00001", "FEEDBACK_HANDLED", "2022" },          // a ward, the whole year
        { "SDL", "ONTIME", "2022-Q1" },                  // a department with a missing month (March)
        { "272", "DOC_ONLINE_PROCESSING", "2022-YTD-9" }, // level-specific target, a missing month (August)
        { "HN", "TTHC_SIMPLIFIED", "2022-12" },           // the city's own report
    };

    [Theory]
    [MemberData(nameof(Sample))]
    public async Task A_units_figure_equals_the_sum_made_from_the_csv(string unitCode, string indicatorCode, string periodText)
    {
        var period = Period.Parse(periodText);
        var card = await ServiceCardAsync(period, ScorecardScope.ForUnit(unitCode));

        var cell = card.Unit(unitCode)!.For(indicatorCode)!;
        var expected = Csv.Value.UnitFigure(unitCode, indicatorCode, period);
        cell.Figure.Numerator.Should().Be(expected.Numerator);
        cell.Figure.Denominator.Should().Be(expected.Denominator);
        cell.Score.Value.Should().Be(expected.Denominator is > 0 ? 100m * expected.Numerator / expected.Denominator : null);
    }

    [Theory]
    [InlineData("district", "ONTIME", "2022-Q4")]
    [InlineData("commune", "DATA_REUSE", "2022-YTD-12")]
    [InlineData("department", "STAFF_DATA_TRAINED", "2022-Q2")]
    public async Task A_level_roll_up_equals_the_sum_over_its_units_from_the_csv(string levelCode, string indicatorCode, string periodText)
    {
        CatalogueCodes.TryParseLevel(levelCode, out var level);
        var period = Period.Parse(periodText);
        var card = await ServiceCardAsync(period, ScorecardScope.ForLevel(level));

        var expected = Csv.Value.LevelFigure(levelCode, indicatorCode, period);
        card.Level(level)!.For(indicatorCode)!.Figure.Should().Be(expected);
        card.Units.Should().HaveCount(Csv.Value.UnitsOf(levelCode).Count);
    }

    [Fact]
    public async Task The_city_on_time_rate_for_the_year_is_every_units_numerators_over_every_units_denominators()
    {
        var card = await ServiceCardAsync(Period.YearToDate(2022, 12), ScorecardScope.City);

        var expected = Csv.Value.CityFigure("ONTIME", Period.YearToDate(2022, 12));
        var city = card.City.For("ONTIME")!;
        city.Figure.Should().Be(expected);
        city.Score.Value.Should().Be(100m * expected.Numerator!.Value / expected.Denominator!.Value);
    }

    [Fact]
    public async Task The_demo_data_loads_with_the_counts_of_its_files_and_the_real_hanoi_units()
    {
        var card = await ServiceCardAsync(Period.Month(2022, 12), ScorecardScope.City);

        card.Units.GroupBy(u => u.Unit.Level).ToDictionary(g => g.Key, g => g.Count())
            .Should().BeEquivalentTo(new Dictionary<UnitLevel, int>
            {
                [UnitLevel.City] = 1, [UnitLevel.Department] = 21, [UnitLevel.District] = 30, [UnitLevel.Commune] = Csv.Value.UnitsOf("commune").Count,
            });
        Csv.Value.UnitsOf("commune").Count.Should().BeGreaterThanOrEqualTo(49);
        card.Indicators.Should().HaveCount(22);
        card.Pillars.Should().HaveCount(8);
        card.Units.Select(u => u.Unit.NameVi).Should().Contain(["Quận Hà Đông", "Quận Hoàn Kiếm", "Sở Nội vụ", "Thị xã Sơn Tây"]);
    }

    [Theory]
    [InlineData("ONTIME", "2022-Q4")]                 // flow: the quarter's months added
    [InlineData("STAFF_CULTURE_TRAINED", "2022-Q3")]  // stock: each unit's latest month
    public async Task A_districts_figure_with_its_communes_sums_the_district_and_every_commune_under_it(string indicator, string periodText)
    {
        var period = Period.Parse(periodText);

        var figures = await new DistrictWithCommunesQuery(postgres.Factory(await postgres.DemoAsync())).RunAsync(indicator, period);

        figures.Keys.Should().BeEquivalentTo(Csv.Value.UnitsOf("district"));
        foreach (var district in new[] { "001", "268", "003" }) // 14 and 17 wards in the seed; Tây Hồ with none
        {
            var expected = Csv.Value.SumOf([district, .. Csv.Value.ChildrenOf(district)], indicator, period);
            figures[district].Should().Be(expected, because: district);
        }
        figures["003"].Should().Be(Csv.Value.UnitFigure("003", indicator, period));
    }

    private async Task<Scorecard> ServiceCardAsync(Period period, ScorecardScope scope)
    {
        var service = new ScorecardService(postgres.Factory(await postgres.DemoAsync()), TimeProvider.System);
        return (await service.GetAsync(new ScorecardRequest(2022, period, scope)))!;
    }

    /// <summary>An independent reading of the CSV files: plain loops, no shared code with the service.</summary>
    private sealed class DemoCsv
    {
        private readonly List<string[]> _units;
        private readonly Dictionary<string, string[]> _indicators;
        private readonly List<string[]> _rows;

        public DemoCsv(string folder)
        {
            // Names hold quoted commas: read the catalogue with a real CSV parser (not the product's).
            _units = Read(Path.Combine(folder, "units.csv"));
            _indicators = Read(Path.Combine(folder, "indicators.csv")).ToDictionary(c => c[0]);
            _rows = File.ReadLines(Path.Combine(folder, "measurements-2022.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        }

        private static List<string[]> Read(string path)
        {
            using var parser = new Microsoft.VisualBasic.FileIO.TextFieldParser(path) { Delimiters = [","], HasFieldsEnclosedInQuotes = true };
            parser.ReadFields();
            var rows = new List<string[]>();
            while (parser.ReadFields() is { } fields) rows.Add(fields);
            return rows;
        }

        public List<string> UnitsOf(string level) => _units.Where(u => u[3] == level).Select(u => u[0]).ToList();

        public Figure UnitFigure(string unit, string indicator, Period period)
        {
            // How months combine (flow or stock) is the Domain's one rule, Rollups.Combine.
            var months = _rows.Where(r => r[0] == unit && r[1] == indicator)
                .Select(r => new MonthlyFigure(Year(r[2]), Month(r[2]), D(r[3]), D(r[4]), null));
            return Rollups.Combine(Rule(indicator), period, months);
        }

        private IndicatorRule Rule(string indicator)
        {
            var row = _indicators[indicator];
            if (!CatalogueCodes.TryParseKind(row[4], out var kind) || !CatalogueCodes.TryParseRollup(row[5], out var rollup))
                throw new InvalidOperationException($"indicators.csv: {indicator} has no kind or roll-up");
            return new IndicatorRule(indicator, row[1], kind, rollup);
        }

        public Figure LevelFigure(string level, string indicator, Period period) => Sum(UnitsOf(level), indicator, period);

        public List<string> ChildrenOf(string parent) => _units.Where(u => u[4] == parent).Select(u => u[0]).ToList();

        public Figure SumOf(IEnumerable<string> units, string indicator, Period period) => Sum(units, indicator, period);

        public Figure CityFigure(string indicator, Period period) => Sum(_units.Where(u => u[3] != "city").Select(u => u[0]), indicator, period);

        private Figure Sum(IEnumerable<string> units, string indicator, Period period)
        {
            var figures = units.Select(u => UnitFigure(u, indicator, period)).Where(f => !f.IsNone).ToList();
            return new Figure(figures.Sum(f => f.Numerator), figures.Sum(f => f.Denominator), null);
        }

        private static int Year(string month) => int.Parse(month[..4], CultureInfo.InvariantCulture);

        private static int Month(string month) => int.Parse(month[5..], CultureInfo.InvariantCulture);

        private static decimal? D(string text) => text.Length == 0 ? null : decimal.Parse(text, CultureInfo.InvariantCulture);
    }
}
