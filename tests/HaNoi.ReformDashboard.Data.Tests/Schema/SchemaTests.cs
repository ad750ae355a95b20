using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HaNoi.ReformDashboard.Data.Tests.Schema;

[Collection(PostgresCollection.Name)]
public sealed class SchemaTests(PostgresServer postgres)
{
    [Fact]
    public async Task Migrations_apply_to_an_empty_database_and_create_every_table()
    {
        var connectionString = await postgres.CreateDatabaseAsync("empty_" + Guid.NewGuid().ToString("N")[..8]);
        await using var db = PostgresServer.CreateContext(connectionString);

        await db.Database.MigrateAsync();

        (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        var tables = await db.Database.SqlQueryRaw<string>(
            "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public'").ToListAsync();
        tables.Should().Contain(["units", "pillars", "indicators", "plan_years", "targets", "measurements", "explanations", "import_batches", "audit_log"]);
    }

    [Fact]
    public async Task Figures_are_stored_as_exact_numeric_never_floating_point()
    {
        await using var db = PostgresServer.CreateContext(postgres.ScratchConnectionString);
        var types = await db.Database.SqlQueryRaw<string>(
            """
            SELECT table_name || '.' || column_name || '=' || data_type AS "Value" FROM information_schema.columns
            WHERE table_schema = 'public' AND column_name IN ('numerator', 'denominator', 'value', 'threshold', 'tolerance')
            """).ToListAsync();
        types.Should().HaveCount(6).And.Contain("target_revisions.threshold=numeric").And.OnlyContain(t => t.EndsWith("=numeric"));
    }

    [Fact]
    public async Task A_duplicate_measurement_within_one_revision_is_impossible()
    {
        await using var db = await ContextWithOneUnitAsync();
        var (unit, indicator) = (await db.Units.SingleAsync(), await db.Indicators.SingleAsync());
        db.Measurements.Add(Measurement(unit.Id, indicator.Id, revision: 1, current: false));
        await db.SaveChangesAsync();

        db.Measurements.Add(Measurement(unit.Id, indicator.Id, revision: 1, current: true));
        var save = async () => await db.SaveChangesAsync();

        (await save.Should().ThrowAsync<DbUpdateException>()).WithInnerException<PostgresException>()
            .Which.SqlState.Should().Be(PostgresErrorCodes.UniqueViolation);
    }

    [Fact]
    public async Task Only_one_revision_of_a_month_can_be_current()
    {
        await using var db = await ContextWithOneUnitAsync();
        var (unit, indicator) = (await db.Units.SingleAsync(), await db.Indicators.SingleAsync());
        db.Measurements.Add(Measurement(unit.Id, indicator.Id, revision: 1, current: true));
        await db.SaveChangesAsync();

        db.Measurements.Add(Measurement(unit.Id, indicator.Id, revision: 2, current: true));
        var save = async () => await db.SaveChangesAsync();

        await save.Should().ThrowAsync<DbUpdateException>();
    }

    [Fact]
    public async Task A_numerator_above_its_denominator_is_refused_by_the_database_too()
    {
        await using var db = await ContextWithOneUnitAsync();
        var (unit, indicator) = (await db.Units.SingleAsync(), await db.Indicators.SingleAsync());
        var m = Measurement(unit.Id, indicator.Id, revision: 1, current: true);
        m.Numerator = 11;
        m.Denominator = 10;
        db.Measurements.Add(m);

        var save = async () => await db.SaveChangesAsync();

        (await save.Should().ThrowAsync<DbUpdateException>()).WithInnerException<PostgresException>()
            .Which.SqlState.Should().Be(PostgresErrorCodes.CheckViolation);
    }

    [Fact]
    public async Task Vietnamese_text_round_trips_unchanged()
    {
        const string name = "Phường Nguyễn Trung Trực – Ứng Hòa, Đống Đa: ẫ ộ ố ữ ỳ";
        await using (var db = await ContextWithOneUnitAsync(name)) { }

        await using var read = PostgresServer.CreateContext(postgres.ScratchConnectionString);
        var stored = await read.UnitVersions.Select(u => u.NameVi).SingleAsync();
        stored.Should().Be(name);
        stored.IsNormalized(System.Text.NormalizationForm.FormC).Should().BeTrue();
    }

    [Fact]
    public async Task Decimal_figures_keep_every_digit()
    {
        await using var db = await ContextWithOneUnitAsync();
        var (unit, indicator) = (await db.Units.SingleAsync(), await db.Indicators.SingleAsync());
        var m = Measurement(unit.Id, indicator.Id, revision: 1, current: true);
        m.Numerator = 85996.0001m;
        m.Denominator = 100000m;
        db.Measurements.Add(m);
        await db.SaveChangesAsync();

        await using var read = PostgresServer.CreateContext(postgres.ScratchConnectionString);
        (await read.Measurements.Select(x => x.Numerator).SingleAsync()).Should().Be(85996.0001m);
    }

    private async Task<ReformDbContext> ContextWithOneUnitAsync(string name = "Quận Hoàn Kiếm")
    {
        await postgres.ResetScratchAsync();
        var db = PostgresServer.CreateContext(postgres.ScratchConnectionString);
        db.Pillars.Add(new Pillar { Code = "TTHC", NameVi = "Cải cách thủ tục hành chính", NameEn = "Administrative procedures", SortOrder = 3 });
        db.Units.Add(new Unit
        {
            Key = "002",
            Versions = [new UnitVersion { Code = "002", NameVi = name, NameEn = "Hoan Kiem District", Level = UnitLevel.District, ValidFrom = new DateOnly(2008, 8, 1) }],
        });
        db.Indicators.Add(new Indicator
        {
            Code = "ONTIME", PillarCode = "TTHC", NameVi = "Hồ sơ đúng hạn", NameEn = "On time", Kind = IndicatorKind.Ratio,
            Rollup = Rollup.Flow, Frequency = Frequency.Monthly, CityFigure = CityFigure.SumOfUnits,
        });
        await db.SaveChangesAsync();
        return db;
    }

    private static Measurement Measurement(int unitId, int indicatorId, int revision, bool current) => new()
    {
        UnitId = unitId, IndicatorId = indicatorId, Period = new DateOnly(2022, 3, 1), Numerator = 990, Denominator = 1000,
        Revision = revision, IsCurrent = current, Source = "test", RecordedBy = "test", RecordedAt = DateTimeOffset.UtcNow,
    };
}
