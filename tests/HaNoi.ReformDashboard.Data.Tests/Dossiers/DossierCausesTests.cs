using HaNoi.ReformDashboard.Data.Dossiers;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Testing;
using static HaNoi.ReformDashboard.Data.Tests.Dossiers.DossierDatabase;
using static HaNoi.ReformDashboard.Data.Tests.Dossiers.DossierFiguresTests;

namespace HaNoi.ReformDashboard.Data.Tests.Dossiers;

/// <summary>Causes by procedure (issue 21, item 4): the procedures behind a figure's misses add up to the list's misses.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DossierCausesTests(PostgresServer postgres)
{
    private static readonly DateOnly March = new(2022, 3, 1);

    private static async Task<int> UnitIdAsync(string cs, string code) =>
        (int)await CountAsync(cs, $"SELECT unit_id FROM unit_versions WHERE code = '{code}' ORDER BY valid_from DESC LIMIT 1");

    [Fact]
    public async Task The_hand_cases_late_dossiers_are_all_one_procedures_and_a_second_procedure_takes_its_share()
    {
        var cs = await CreateAsync(postgres);
        // The hand cases: 3 late of 7 ended in March, all birth registrations (1.001193); one more late one, a death registration (1.000894).
        var more = With(March("HS-Z", "2022-03-07T09:00:00+07:00", "2022-03-08T09:00:00+07:00", "2022-03-09T09:00:00+07:00"), ("procedure_code", "1.000894"));
        await ImportAsync(cs, Csv([.. HandCases(), more]));
        var filter = new DossierListFilter(DossierIndicators.OnTime, await UnitIdAsync(cs, "00001"), March, March);

        await using var db = PostgresServer.CreateContext(cs);
        var causes = await DossierList.CausesAsync(db, filter);
        causes.Procedures.Select(c => $"{c.ProcedureCode}|{c.Misses}|{c.Counted}").Should().Equal("1.001193|3|7", "1.000894|1|1");
        causes.Miss.Should().Be((await DossierList.CountAsync(db, filter)).Miss);
        causes.Procedures.Select(causes.Share).Should().Equal(0.75, 0.25);
        (await DossierList.CausesAsync(db, filter, cityWide: true)).Procedures.Should().BeEquivalentTo(causes.Procedures, "only the ward has dossiers");
    }

    [Fact]
    public async Task For_every_unit_and_indicator_the_causes_add_up_to_the_lists_misses_and_each_to_its_procedures_filtered_list()
    {
        var cs = await CreateAsync(postgres);
        await ImportAsync(cs, Csv(DossierFiguresPropertyTests.Generate(5, 600).Select(DossierFiguresPropertyTests.Cells)));
        await using var db = PostgresServer.CreateContext(cs);
        var (first, last) = (new DateOnly(2022, 2, 1), new DateOnly(2022, 4, 1));

        foreach (var indicator in DossierIndicators.Codes)
        {
            long cityMiss = 0;
            foreach (var code in new[] { "00001", "00004", "00037" })
            {
                var filter = new DossierListFilter(indicator, await UnitIdAsync(cs, code), first, last);
                var counts = await DossierList.CountAsync(db, filter);
                var causes = await DossierList.CausesAsync(db, filter);
                causes.Miss.Should().Be(counts.Miss, $"{indicator} at {code}");
                causes.Procedures.Sum(causes.Share).Should().BeApproximately(counts.Miss == 0 ? 0 : 1, 1e-9);
                causes.Procedures.Select(c => c.Misses).Should().BeInDescendingOrder();
                foreach (var cause in causes.Procedures)
                {
                    var narrowed = await DossierList.CountAsync(db, filter with { Procedure = cause.ProcedureCode });
                    (narrowed.FilteredMiss, narrowed.Filtered).Should().Be((cause.Misses, cause.Counted), $"{indicator} at {code}, {cause.ProcedureCode}");
                }
                cityMiss += counts.Miss;
            }
            (await DossierList.CausesAsync(db, new DossierListFilter(indicator, 0, first, last), cityWide: true)).Miss.Should().Be(cityMiss, indicator);
        }
    }

    [Fact]
    public async Task The_lowest_unit_has_the_lowest_rate_among_the_units_with_dossiers()
    {
        var cs = await CreateAsync(postgres);
        await ImportAsync(cs, Csv(DossierFiguresPropertyTests.Generate(6, 400).Select(DossierFiguresPropertyTests.Cells)));
        await using var db = PostgresServer.CreateContext(cs);
        foreach (var indicator in DossierIndicators.Codes)
        {
            var rates = new List<(string Code, double Rate)>();
            foreach (var code in new[] { "00001", "00004", "00037" })
            {
                var counts = await DossierList.CountAsync(db, new DossierListFilter(indicator, await UnitIdAsync(cs, code), March, March));
                if (counts.Total > 0) rates.Add((code, (double)(counts.Total - counts.Miss) / counts.Total));
            }
            var lowest = await DossierList.LowestUnitAsync(db, indicator, March, March);
            lowest.Should().NotBeNull(indicator);
            lowest!.Rate.Should().BeApproximately(rates.Min(r => r.Rate), 1e-9, indicator);
            rates.Should().Contain(r => r.Code == lowest.UnitCode && Math.Abs(r.Rate - lowest.Rate) < 1e-9);
        }
        (await DossierList.LowestUnitAsync(db, DossierIndicators.OnTime, new DateOnly(2022, 10, 1), new DateOnly(2022, 10, 1))).Should().BeNull();
    }
}
