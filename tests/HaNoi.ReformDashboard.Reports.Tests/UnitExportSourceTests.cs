using ClosedXML.Excel;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Reports.Excel;
using HaNoi.ReformDashboard.Reports.Pdf;
using HaNoi.ReformDashboard.Reports.Tests.Infrastructure;
using HaNoi.ReformDashboard.Reports.Tests.Pdf;
using HaNoi.ReformDashboard.Testing;

namespace HaNoi.ReformDashboard.Reports.Tests;

/// <summary>
/// A unit's exports load the unit alone (its level's shared scorecard, its own series) instead of a scorecard with
/// every peer's rows: for every unit of the demo, the brief's text and every cell of the workbook are what the unit's
/// full scorecard made of them.
/// </summary>
[Collection(ReportsPostgresCollection.Name)]
public sealed class UnitExportSourceTests(PostgresServer server)
{
    [Theory]
    [InlineData("2022-Q4", 1)]
    [InlineData("2022-12", 4)]
    public async Task A_units_brief_and_workbook_read_alone_are_those_of_its_full_scorecard(string periodText, int everyNth)
    {
        using var cache = new ScorecardCache();
        var service = new ScorecardService(server.Factory(await server.DemoAsync()), TimeProvider.System, cache: cache);
        var period = Period.Parse(periodText);
        var before = period.Previous();
        var city = await service.GetAsync(new ScorecardRequest(period.Year, period, ScorecardScope.City));
        var codes = city!.Units.Select(u => u.Unit.Code).Where((_, i) => i % everyNth == 0).ToList();
        codes.Should().HaveCountGreaterThan(20);

        foreach (var code in codes)
        {
            var full = new ReportSource(
                (await service.GetAsync(new ScorecardRequest(period.Year, period, ScorecardScope.ForUnit(code))))!,
                await service.GetAsync(new ScorecardRequest(before.Year, before, ScorecardScope.ForUnit(code))));
            var alone = (await ReportSource.LoadAsync(service, new ScorecardRequest(period.Year, period, ScorecardScope.ForUnit(code)), withPrevious: true))!;
            alone.Scorecard.Units.Should().OnlyContain(u => u.Unit.Code == code, "the export loaded the unit alone");

            PdfReading.PageTexts(TestOutput.Bytes(s => BriefPdf.Write(alone, Demo.Parameters, s)))
                .Should().Equal(PdfReading.PageTexts(TestOutput.Bytes(s => BriefPdf.Write(full, Demo.Parameters, s))), $"the brief of {code}");
            Cells(alone.Scorecard).Should().Equal(Cells(full.Scorecard), $"the workbook of {code}");
        }
    }

    /// <summary>Every used cell of every sheet as "sheet!A1=value", read back with ClosedXML.</summary>
    private static List<string> Cells(Scorecard scorecard)
    {
        using var workbook = new XLWorkbook(new MemoryStream(TestOutput.Bytes(s => QuarterlyWorkbook.Write(scorecard, Demo.Parameters, s))));
        return workbook.Worksheets.SelectMany(ws => ws.CellsUsed().Select(c => $"{ws.Name}!{c.Address}={c.Value}")).ToList();
    }
}
