using System.Net;
using HaNoi.ReformDashboard.Reports;
using HaNoi.ReformDashboard.Web.Reports;
using HaNoi.ReformDashboard.Web.Tests.EndToEnd;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace HaNoi.ReformDashboard.Web.Tests.Reports;

/// <summary>The dashboard whose report writer writes the real file's first bytes, then fails, as a crash half-way would.</summary>
public sealed class FailingExportApp : DashboardApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<ReportFileWriter, HalfWriter>());
    }

    /// <summary>Writes 4 KB of the real file, then throws.</summary>
    private sealed class HalfWriter : ReportFileWriter
    {
        public override void Write(ReportFormat report, ReportSource source, ReportParameters parameters, Stream output)
        {
            using var whole = new MemoryStream();
            base.Write(report, source, parameters, whole);
            output.Write(whole.GetBuffer(), 0, (int)Math.Min(4096, whole.Length / 2));
            throw new IOException("the writer failed half-way");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class FailingExportCollection : ICollectionFixture<FailingExportApp>
{
    public const string Name = "failing-export";
}

[Collection(FailingExportCollection.Name)]
public sealed class ExportFailureTests(FailingExportApp app)
{
    [Theory]
    [InlineData("xlsx", "report")]
    [InlineData("pdf", "scorecard")]
    public async Task A_file_that_fails_while_it_is_made_is_an_error_status_with_a_message_never_a_truncated_200(string format, string kind)
    {
        using var http = await app.HttpClientAsync(Data.Accounts.Roles.ReformOffice);

        using var response = await http.GetAsync($"/reports/download?year=2022&period=2022-Q4&format={format}&kind={kind}&level=district");

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        response.Content.Headers.ContentDisposition.Should().BeNull("no file is offered");
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        var body = await response.Content.ReadAsStringAsync();
        body.Should().Be(ReportExports.InternalError + "\n").And.NotContain("half-way");
    }
}
