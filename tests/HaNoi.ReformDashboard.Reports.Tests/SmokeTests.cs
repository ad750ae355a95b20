using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Reports.Excel;
using HaNoi.ReformDashboard.Reports.Pdf;
using HaNoi.ReformDashboard.Reports.Tests.Infrastructure;

namespace HaNoi.ReformDashboard.Reports.Tests;

[Collection(ReportsPostgresCollection.Name)]
public sealed class SmokeTests(PostgresServer server)
{
    [Fact]
    public async Task Writes_samples()
    {
        var scorecard = await Demo.ScorecardAsync(server, "2022-Q4");
        File.WriteAllBytes(TestOutput.PathOf("quarter.xlsx"), TestOutput.Bytes(s => QuarterlyWorkbook.Write(scorecard, Demo.Parameters, s)));
        File.WriteAllBytes(TestOutput.PathOf("quarter.pdf"), TestOutput.Bytes(s => QuarterlyReportPdf.Write(scorecard, Demo.Parameters, s)));
        var month = await Demo.ScorecardAsync(server, "2022-12");
        File.WriteAllBytes(TestOutput.PathOf("scorecard.pdf"), TestOutput.Bytes(s => LeaderScorecardPdf.Write(month, Demo.Parameters, s)));
    }
}
