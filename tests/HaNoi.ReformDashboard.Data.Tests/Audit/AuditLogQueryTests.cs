using System.Globalization;
using HaNoi.ReformDashboard.Data.Audit;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Seed;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Data.Tests.Seed;
using HaNoi.ReformDashboard.Testing;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Data.Tests.Audit;

[Collection(PostgresCollection.Name)]
public sealed class AuditLogQueryTests(PostgresServer postgres)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_log_reads_newest_first_in_pages_and_filters_by_actor_unit_and_kind()
    {
        await using var db = await LogAsync();

        var all = await AuditLogQuery.RunAsync(db, new AuditFilter(PageSize: 4));
        all.Total.Should().Be(10);
        all.Rows.Select(r => r.EntityKey).Should().Equal("9", "8", "7", "6");
        (await AuditLogQuery.RunAsync(db, new AuditFilter(Page: 2, PageSize: 4))).Rows.Select(r => r.EntityKey).Should().Equal("1", "0");

        // Written below: entries 0–9, actor "an" on the even ones, SNV on 0, 3, 6, 9, "target.update" on multiples of 4.
        var an = await AuditLogQuery.RunAsync(db, new AuditFilter(Actor: "an"));
        an.Rows.Select(r => r.EntityKey).Should().Equal("8", "6", "4", "2", "0");
        var snv = await AuditLogQuery.RunAsync(db, new AuditFilter(UnitCode: " SNV "));
        snv.Rows.Select(r => r.EntityKey).Should().Equal("9", "6", "3", "0");
        snv.Rows.Should().OnlyContain(r => r.UnitCode == "SNV" && r.UnitNameVi == "Sở Nội vụ");
        (await AuditLogQuery.RunAsync(db, new AuditFilter(Action: "target.update"))).Rows.Select(r => r.EntityKey).Should().Equal("8", "4", "0");
        (await AuditLogQuery.RunAsync(db, new AuditFilter(Actor: "an", UnitCode: "SNV", Action: "target.update"))).Rows.Select(r => r.EntityKey).Should().Equal("0");
        (await AuditLogQuery.RunAsync(db, new AuditFilter(UnitCode: "NOPE"))).Total.Should().Be(0);

        var (actions, actors) = await AuditLogQuery.ChoicesAsync(db);
        actions.Should().Equal("import", "target.update");
        actors.Should().Equal("an", "binh");
    }

    [Fact]
    public void Details_read_as_lines_and_an_old_new_pair_as_the_fields_that_changed()
    {
        var vi = CultureInfo.GetCultureInfo("vi-VN");
        var lines = AuditDetails.Lines("""
            {"plan_year": 2022, "indicator": "ONTIME", "unit": null, "reason": "<b>Sửa</b>",
             "old": {"operator": ">", "threshold": 99.0000, "aspirational": false},
             "new": {"operator": ">=", "threshold": 98.5, "aspirational": false}}
            """, vi);

        lines.Select(l => (l.Field, l.Old, l.New, l.IsChange)).Should().Equal(
            ("plan_year", null, "2022", false),
            ("indicator", null, "ONTIME", false),
            ("reason", null, "<b>Sửa</b>", false),
            ("operator", ">", ">=", true),
            ("threshold", "99", "98,5", true));
        AuditDetails.Lines("""{"old": null, "new": {"threshold": 98, "source_vi": ""}}""", vi).Should().ContainSingle()
            .Which.Should().Be(new AuditDetailLine("threshold", null, "98", true));
        AuditDetails.Lines("""{"file": {"name": "a.csv", "rows": [1, 2]}}""", vi).Should().Equal(
            new AuditDetailLine("file.name", null, "a.csv", false), new AuditDetailLine("file.rows", null, "1, 2", false));
        AuditDetails.Lines("not json", vi).Should().ContainSingle().Which.New.Should().Be("not json");
    }

    private async Task<ReformDbContext> LogAsync()
    {
        await postgres.ResetScratchAsync();
        var db = PostgresServer.CreateContext(postgres.ScratchConnectionString);
        await SeedLoader.LoadAsync(db, new SeedFolderBuilder().WriteTo(postgres.TempRoot));
        var snv = await db.UnitVersions.Where(v => v.Code == "SNV").Select(v => v.UnitId).SingleAsync();
        // The seed's own entry goes: the log refuses DELETE, so as the superuser with triggers off.
        await using (var connection = new Npgsql.NpgsqlConnection(postgres.ScratchConnectionString))
        {
            await connection.OpenAsync();
            await PostgresServer.EmptyAuditLogAsync(connection);
        }
        db.ChangeTracker.Clear(); // the seed's entry, tracked with an id the emptied log gives again
        for (var i = 0; i < 10; i++)
        {
            db.AuditLog.Add(new AuditEntry
            {
                At = Start.AddMinutes(i), Actor = i % 2 == 0 ? "an" : "binh", Action = i % 4 == 0 ? "target.update" : "import",
                Entity = "test", EntityKey = i.ToString(CultureInfo.InvariantCulture), UnitId = i % 3 == 0 ? snv : null, Details = "{}",
            });
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return db;
    }
}
