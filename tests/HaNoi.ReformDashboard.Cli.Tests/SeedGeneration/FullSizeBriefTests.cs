using System.Diagnostics;
using HaNoi.ReformDashboard.Cli.SeedGeneration.FullSize;
using HaNoi.ReformDashboard.Cli.Tests.Infrastructure;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Reports;
using HaNoi.ReformDashboard.Reports.Pdf;
using HaNoi.ReformDashboard.Testing;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;
using Xunit.Abstractions;

namespace HaNoi.ReformDashboard.Cli.Tests.SeedGeneration;

/// <summary>Issue 13: the brief is one page for the units of the full-size data too (630 units, long synthetic names).</summary>
[Collection(CliPostgresCollection.Name)]
public sealed class FullSizeBriefTests(PostgresServer postgres, ITestOutputHelper log)
{
    [Fact]
    public async Task The_brief_of_the_city_and_of_one_full_size_year_is_exactly_one_page_for_a_sample_of_its_units()
    {
        // One year through the generator's own code, in this process (as the seed fullsize tests keep it quick).
        var connection = await postgres.CreateDatabaseAsync("fullsize_briefs");
        await using (var db = PostgresServer.CreateContext(connection))
        {
            await db.Database.MigrateAsync();
            await FullSizeLoader.LoadAsync(db, RepositoryPaths.SeedData, 2022, 2022, seed: 7, national: false, TextWriter.Null, CancellationToken.None);
        }
        var service = new ScorecardService(postgres.Factory(connection), TimeProvider.System);
        var month = Period.Month(2022, 12);
        var parameters = new ReportParameters("test", new DateTimeOffset(2023, 1, 5, 9, 0, 0, TimeSpan.FromHours(7)));
        var city = (await service.GetAsync(new ScorecardRequest(2022, month, ScorecardScope.City)))!;
        // The city's own row is the city's brief (scope City), not a unit's.
        var codes = city.Units.Where(u => u.Unit.Level != UnitLevel.City).Select(u => u.Unit.Code).ToList();
        // Hanoi 2022 (seed-data/README.md): 21 departments, 30 districts, 579 communes, besides the city itself.
        city.Units.Count(u => u.Unit.Level == UnitLevel.Commune).Should().Be(579);
        codes.Should().HaveCount(21 + 30 + 579);

        // Every unit takes too long for CI (about 2 s a brief here: each scores its unit's level for this period and
        // the one before), so a deterministic sample: every 3rd department and district, every 58th commune, and
        // the longest name of each level.
        var units = city.Units.Where(u => u.Unit.Level != UnitLevel.City).OrderBy(u => u.Unit.Code, StringComparer.Ordinal).ToList();
        var sample = units.GroupBy(u => u.Unit.Level)
            .SelectMany(g => g.Where((_, i) => i % (g.Key == UnitLevel.Commune ? 58 : 3) == 0).Append(g.MaxBy(u => u.Unit.NameVi.Length)!))
            .Select(u => u.Unit.Code).Distinct().ToList();
        sample.Should().HaveCountGreaterThan(7 + 10 + 10);

        var started = Stopwatch.GetTimestamp();
        var notOnePage = new List<string>();
        foreach (var scope in sample.Select(ScorecardScope.ForUnit).Prepend(ScorecardScope.City))
        {
            var source = (await ReportSource.LoadAsync(service, new ScorecardRequest(2022, month, scope), withPrevious: true))!;
            using var pdf = new MemoryStream();
            BriefPdf.Write(source, parameters, pdf);
            using var document = PdfDocument.Open(pdf.ToArray());
            if (document.NumberOfPages != 1) notOnePage.Add($"{scope.UnitCode ?? "city"}: {document.NumberOfPages} pages");
        }

        log.WriteLine($"{sample.Count + 1} briefs in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
        notOnePage.Should().BeEmpty();
    }
}
