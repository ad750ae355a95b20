using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Data.Seed;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Testing;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Data.Tests.Catalogue;

[Collection(PostgresCollection.Name)]
public sealed class PlanYearCopyTests(PostgresServer postgres)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 8, 0, 0, TimeSpan.FromHours(7));

    [Fact]
    public async Task A_new_plan_year_starts_with_the_catalogue_headline_and_targets_of_the_one_it_copies()
    {
        await using var db = await RestructuredScratchAsync();
        // A target of a department that ended on 30 June 2025: it has no place in 2026.
        var ended = await db.UnitVersions.Where(v => v.Code == "STNMT").Select(v => v.UnitId).SingleAsync();
        var ontime = await db.Indicators.Where(i => i.Code == "ONTIME").Select(i => i.Id).SingleAsync();
        db.Targets.Add(new Target { PlanYear = 2025, IndicatorId = ontime, UnitId = ended, Operator = ComparisonOperator.GreaterOrEqual, Threshold = 98, SourceVi = "riêng" });
        await db.SaveChangesAsync();
        var sourceTargets = await db.Targets.CountAsync(t => t.PlanYear == 2025);

        var copied = await PlanYearCopy.CopyAsync(db, 2025, 2026, "staff@example", Now);

        copied.Should().Be(new PlanYearCopied(2025, 2026, 21, sourceTargets - 1, 1));
        (await db.PlanYears.SingleAsync(p => p.Year == 2026)).TitleVi.Should().Be("Kế hoạch CCHC năm 2026 (dữ liệu kiểm thử)");
        (await db.AuditLog.SingleAsync(a => a.Action == "plan_year.copy")).Actor.Should().Be("staff@example");
        var card = await new ScorecardService(postgres.Factory(postgres.ScratchConnectionString), TimeProvider.System)
            .GetAsync(new ScorecardRequest(2026, Period.Quarter(2026, 1), ScorecardScope.City));
        card!.Headline.Select(i => i.Code).Should().Equal("PARINDEX_RANK", "SIPAS", "ONTIME", "ONLINE_DOSSIER", "DATA_REUSE", "ONLINE_PAYMENT_TX");
        card.City.For("ONTIME")!.Score.Target!.Threshold.Should().Be(99);
    }

    [Theory]
    [InlineData(2025, 2022, "Năm kế hoạch 2022 đã có")]
    [InlineData(2019, 2026, "Không có năm kế hoạch 2019")]
    [InlineData(2025, 1999, "Năm 1999 không hợp lệ")]
    public async Task A_copy_onto_an_existing_year_from_a_missing_one_or_out_of_range_is_refused_and_writes_nothing(int from, int to, string message)
    {
        await using var db = await RestructuredScratchAsync();
        var years = await db.PlanYears.CountAsync();

        (await db.Invoking(d => PlanYearCopy.CopyAsync(d, from, to, "staff", Now)).Should().ThrowAsync<PlanYearCopyException>())
            .Which.Message.Should().Contain(message).And.Contain(" / ");
        db.ChangeTracker.Clear();
        (await db.PlanYears.CountAsync()).Should().Be(years);
        (await db.AuditLog.CountAsync(a => a.Action == "plan_year.copy")).Should().Be(0);
    }

    private async Task<ReformDbContext> RestructuredScratchAsync()
    {
        await postgres.ResetScratchAsync();
        var db = PostgresServer.CreateContext(postgres.ScratchConnectionString);
        await SeedLoader.LoadAsync(db, RepositoryPaths.Restructured2025);
        db.ChangeTracker.Clear();
        return db;
    }
}
