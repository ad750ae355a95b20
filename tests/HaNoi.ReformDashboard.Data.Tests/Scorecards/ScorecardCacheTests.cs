using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Data.Seed;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Data.Tests.Seed;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Testing;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Data.Tests.Scorecards;

/// <summary>A scorecard is built once per data version; any write to what it reads makes the next one fresh.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ScorecardCacheTests(PostgresServer postgres)
{
    private static readonly ScorecardRequest January = new(2022, Period.Month(2022, 1), ScorecardScope.ForLevel(UnitLevel.Department));

    [Fact]
    public async Task Twenty_people_opening_the_same_scorecard_at_once_share_one_build()
    {
        var service = await CachedServiceAsync();

        var cards = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => service.GetAsync(January)));

        cards.Should().OnlyContain(c => ReferenceEquals(c, cards[0]), "one build, handed to every caller");
        (await service.GetAsync(January)).Should().BeSameAs(cards[0]);
    }

    [Fact]
    public async Task A_new_figure_written_by_anyone_moves_the_data_version_and_the_next_scorecard_shows_it()
    {
        var service = await CachedServiceAsync();
        var before = await service.GetAsync(January);
        before!.Unit("SNV")!.For("ONTIME")!.Figure.Numerator.Should().Be(990);
        var version = await service.DataVersionAsync();

        // A correction made straight in the database, not through the app: a new current revision.
        await using (var db = PostgresServer.CreateContext(postgres.ScratchConnectionString))
        {
            await db.Database.ExecuteSqlRawAsync("""
                UPDATE measurements SET is_current = false WHERE period = '2022-01-01' AND unit_id = (SELECT unit_id FROM unit_versions WHERE code = 'SNV');
                INSERT INTO measurements (unit_id, indicator_id, period, numerator, denominator, revision, is_current, source, recorded_by, recorded_at)
                SELECT v.unit_id, i.id, '2022-01-01', 995, 1000, 2, true, 'psql', 'staff', now()
                FROM unit_versions v, indicators i WHERE v.code = 'SNV' AND i.code = 'ONTIME';
                """);
        }

        (await service.DataVersionAsync()).Should().BeGreaterThan(version);
        var after = await service.GetAsync(January);
        after.Should().NotBeSameAs(before);
        after!.Unit("SNV")!.For("ONTIME")!.Figure.Numerator.Should().Be(995);
    }

    private async Task<ScorecardService> CachedServiceAsync()
    {
        await postgres.ResetScratchAsync();
        await using (var db = PostgresServer.CreateContext(postgres.ScratchConnectionString))
            await SeedLoader.LoadAsync(db, new SeedFolderBuilder().WriteTo(postgres.TempRoot));
        return new ScorecardService(postgres.Factory(postgres.ScratchConnectionString), TimeProvider.System, cache: new ScorecardCache());
    }
}
