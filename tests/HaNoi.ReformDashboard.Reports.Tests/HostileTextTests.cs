using ClosedXML.Excel;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Reports.Excel;
using HaNoi.ReformDashboard.Reports.Pdf;
using HaNoi.ReformDashboard.Reports.Tests.Infrastructure;
using HaNoi.ReformDashboard.Testing;
using static HaNoi.ReformDashboard.Reports.Tests.Pdf.PdfReading;

namespace HaNoi.ReformDashboard.Reports.Tests;

/// <summary>A unit name typed with markup, a formula and a right-to-left override is printed inert in every report.</summary>
[Collection(ReportsPostgresCollection.Name)]
public sealed class HostileTextTests(PostgresServer server)
{
    private const string Override = "\u202E";
    private const string Typed = Override + "=HYPERLINK(\"http://x\",\"y\") <script>alert(1)</script> Phường";
    private const string Printed = "=HYPERLINK(\"http://x\",\"y\") <script>alert(1)</script> Phường";

    private async Task<Scorecard> HostileAsync()
    {
        var scorecard = await Demo.ScorecardAsync(server, "2022-Q4", ScorecardScope.ForLevel(UnitLevel.Commune));
        var first = scorecard.Units[0];
        return scorecard with { Units = [first with { Unit = first.Unit with { NameVi = Typed } }, .. scorecard.Units.Skip(1)] };
    }

    [Fact]
    public async Task In_the_workbook_the_name_is_text_without_the_override_and_with_the_formula_guard()
    {
        var scorecard = await HostileAsync();
        using var workbook = new XLWorkbook(new MemoryStream(TestOutput.Bytes(s => QuarterlyWorkbook.Write(scorecard, Demo.Parameters, s))));

        var cells = workbook.Worksheets.SelectMany(w => w.CellsUsed()).Where(c => c.GetString().Contains("<script>")).ToList();
        cells.Should().NotBeEmpty();
        cells.Should().OnlyContain(c => c.GetString() == Printed && !c.HasFormula && c.Style.IncludeQuotePrefix);
        workbook.Worksheets.SelectMany(w => w.CellsUsed()).Should().NotContain(c => c.GetString().Contains(Override));
    }

    [Fact]
    public async Task In_the_pdf_report_the_name_reads_as_typed_without_the_override()
    {
        var scorecard = await HostileAsync();
        var pdf = TestOutput.Bytes(s => QuarterlyReportPdf.Write(scorecard, Demo.Parameters, s));

        var text = string.Concat(PageTexts(pdf));
        Squash(text).Should().Contain(Squash("<script>alert(1)</script>")).And.Contain(Squash("=HYPERLINK(\"http://x\",\"y\")"));
        text.Should().NotContain(Override);
    }
}
