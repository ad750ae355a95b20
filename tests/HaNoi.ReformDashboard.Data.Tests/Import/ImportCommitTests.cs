using System.Globalization;
using HaNoi.ReformDashboard.Data.Import;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Domain.Scoring;
using HaNoi.ReformDashboard.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static HaNoi.ReformDashboard.Data.Tests.Import.ImportFiles;

namespace HaNoi.ReformDashboard.Data.Tests.Import;

/// <summary>Preview, commit, the same file again, revert, a conflict between two imports, all-or-nothing; each on its own copy of the fixture.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ImportCommitTests(PostgresServer postgres)
{
    private static readonly DateOnly Today = new(2026, 1, 15);
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 3, 0, 0, TimeSpan.Zero);

    /// <summary>The fixture's own figures, read from its CSV (not through the import).</summary>
    private static readonly Dictionary<(string Unit, string Indicator, string Period), (string N, string D)> Fixture =
        File.ReadLines(Path.Combine(RepositoryPaths.Restructured2025, "measurements-2025.csv")).Skip(1)
            .Select(l => l.Split(',')).ToDictionary(f => (f[0], f[1], f[2]), f => (f[3], f[4]));

    private static (string Unit, string Indicator) MissingInDecember() =>
        Fixture.Keys.Where(k => k.Period == "2025-11" && k.Indicator == "ONTIME" && !Fixture.ContainsKey((k.Unit, k.Indicator, "2025-12")))
            .Select(k => (k.Unit, k.Indicator)).First();

    private static async Task<ImportPreview> PreviewAsync(string cs, string name, byte[] content)
    {
        await using var db = PostgresServer.CreateContext(cs);
        return await ImportPreview.CreateAsync(db, name, content, Today, new ImportOptions());
    }

    private static async Task<ImportResult> CommitAsync(string cs, ImportPreview preview, string actor = "staff@hanoi")
    {
        await using var db = PostgresServer.CreateContext(cs);
        return await ImportCommit.CommitAsync(db, preview, actor, Now);
    }

    private static async Task<List<(int Revision, bool Current, decimal? N, decimal? D, long? Batch)>> RevisionsAsync(string cs, string unit, string indicator, DateOnly period)
    {
        await using var db = PostgresServer.CreateContext(cs);
        var unitId = await db.UnitVersions.Where(v => v.Code == unit && v.ValidFrom <= period && (v.ValidTo == null || v.ValidTo >= period)).Select(v => v.UnitId).SingleAsync();
        var rows = await db.Measurements.Where(m => m.UnitId == unitId && m.Period == period && db.Indicators.Any(i => i.Id == m.IndicatorId && i.Code == indicator))
            .OrderBy(m => m.Revision).Select(m => new { m.Revision, m.IsCurrent, m.Numerator, m.Denominator, m.ImportBatchId }).ToListAsync();
        return rows.Select(r => (r.Revision, r.IsCurrent, r.Numerator, r.Denominator, r.ImportBatchId)).ToList();
    }

    [Fact]
    public async Task A_commit_writes_a_revision_per_changed_or_new_row_and_a_revert_restores_the_figures_before_it()
    {
        var cs = await ImportDatabases.FreshAsync(postgres);
        var (newUnit, _) = MissingInDecember();
        var (n, d) = Fixture[("00016", "ONTIME", "2025-08")];
        var unchanged = Fixture[("00016", "DATA_REUSE", "2025-08")];
        var (name, content) = Make(FileFormat.Csv, Header,
            "00016,ONTIME,2025-08,150,192,",
            $"00016,DATA_REUSE,2025-08,{unchanged.N},{unchanged.D},",
            $"{newUnit},ONTIME,2025-12,40,50,");

        var preview = await PreviewAsync(cs, name, content);
        preview.Errors.Should().BeEmpty();
        preview.Rows.Select(r => r.Change).Should().Equal(RowChange.Changed, RowChange.Unchanged, RowChange.New);
        preview.Rows[0].Old.Should().Be(new FigureSet(decimal.Parse(n, CultureInfo.InvariantCulture), decimal.Parse(d, CultureInfo.InvariantCulture), null));
        preview.Rows[0].New.Should().Be(new FigureSet(150, 192, null));
        var result = await CommitAsync(cs, preview);

        result.Should().BeEquivalentTo(new { New = 1, Changed = 1, Unchanged = 1 });
        var august = new DateOnly(2025, 8, 1);
        var revisions = await RevisionsAsync(cs, "00016", "ONTIME", august);
        revisions.Select(r => (r.Revision, r.Current, r.N, r.D)).Should().Equal(
            (1, false, decimal.Parse(n, CultureInfo.InvariantCulture), decimal.Parse(d, CultureInfo.InvariantCulture)), (2, true, 150m, 192m));
        revisions[1].Batch.Should().Be(result.BatchId);
        (await RevisionsAsync(cs, "00016", "DATA_REUSE", august)).Should().ContainSingle("an unchanged row writes nothing");
        (await RevisionsAsync(cs, newUnit, "ONTIME", new DateOnly(2025, 12, 1))).Select(r => (r.Revision, r.Current)).Should().Equal((1, true));
        await using (var db = PostgresServer.CreateContext(cs))
        {
            var batch = await db.ImportBatches.SingleAsync(b => b.Id == result.BatchId);
            batch.Should().BeEquivalentTo(new { FileName = "figures.csv", SizeBytes = (long)content.Length, ImportedBy = "staff@hanoi", Kind = "import", NewRows = 1, ChangedRows = 1, UnchangedRows = 1, RowCount = 3 });
            batch.Sha256.Should().Be(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(content)).ToLowerInvariant());
            (await db.AuditLog.CountAsync(a => a.Action == "import" && a.EntityKey == result.BatchId.ToString() && a.Actor == "staff@hanoi")).Should().Be(1);
        }

        await using (var db = PostgresServer.CreateContext(cs))
            await ImportRevert.RevertAsync(db, result.BatchId!.Value, "office@hanoi", Now.AddHours(1));

        (await RevisionsAsync(cs, "00016", "ONTIME", august)).Select(r => (r.Revision, r.Current, r.N, r.D)).Should().Equal(
            (1, false, decimal.Parse(n, CultureInfo.InvariantCulture), decimal.Parse(d, CultureInfo.InvariantCulture)), (2, false, 150m, 192m),
            (3, true, decimal.Parse(n, CultureInfo.InvariantCulture), decimal.Parse(d, CultureInfo.InvariantCulture)));
        (await RevisionsAsync(cs, newUnit, "ONTIME", new DateOnly(2025, 12, 1))).Select(r => (r.Revision, r.Current)).Should().Equal([(1, false)], "the month had no figure before the batch");
        await using (var db = PostgresServer.CreateContext(cs))
        {
            (await db.AuditLog.CountAsync(a => a.Action == "revert" && a.Actor == "office@hanoi")).Should().Be(1);
            var again = () => ImportRevert.RevertAsync(db, result.BatchId!.Value, "office@hanoi", Now.AddHours(2));
            (await again.Should().ThrowAsync<ImportRefusedException>()).Which.MessageEn.Should().Contain("reverted already");
        }

        // The file once more after the revert: a re-import writes the next revision, and that one reverts to "no figure" again.
        var reimport = await CommitAsync(cs, await PreviewAsync(cs, name, content));
        (await RevisionsAsync(cs, newUnit, "ONTIME", new DateOnly(2025, 12, 1))).Select(r => (r.Revision, r.Current)).Should().Equal((1, false), (2, true));
        await using (var db = PostgresServer.CreateContext(cs))
            await ImportRevert.RevertAsync(db, reimport.BatchId!.Value, "office@hanoi", Now.AddHours(3));
        (await RevisionsAsync(cs, newUnit, "ONTIME", new DateOnly(2025, 12, 1))).Should().OnlyContain(r => !r.Current);
    }

    [Fact]
    public async Task The_same_file_twice_is_recognised_and_writes_nothing()
    {
        var cs = await ImportDatabases.FreshAsync(postgres);
        var (name, content) = Make(FileFormat.Csv, Header, "00016,ONTIME,2025-08,150,192,");
        var first = await CommitAsync(cs, await PreviewAsync(cs, name, content));

        var again = await PreviewAsync(cs, "figures-copy.csv", content);
        var result = await CommitAsync(cs, again);

        again.SameFile.Should().BeEquivalentTo(new { BatchId = first.BatchId!.Value, FileName = "figures.csv", ImportedAt = Now });
        again.Rows.Should().OnlyContain(r => r.Change == RowChange.Unchanged);
        result.BatchId.Should().BeNull();
        await using var db = PostgresServer.CreateContext(cs);
        (await db.ImportBatches.CountAsync(b => b.Kind == "import")).Should().Be(1);
    }

    [Fact]
    public async Task A_bad_last_row_of_a_1500_row_file_writes_nothing()
    {
        var cs = await ImportDatabases.FreshAsync(postgres);
        // 1,499 good rows (the fixture's months with a changed numerator), then one whose numerator exceeds its denominator.
        string[] lines = [.. Fixture.Where(kv => kv.Key.Period is "2025-01" or "2025-02").Take(1499)
            .Select(kv => $"{kv.Key.Unit},{kv.Key.Indicator},{kv.Key.Period},0,{kv.Value.D},"), "00016,ONTIME,2025-08,193,192,"];
        lines.Should().HaveCount(1500);
        await using var before = PostgresServer.CreateContext(cs);
        var (count, batches) = (await before.Measurements.CountAsync(), await before.ImportBatches.CountAsync());

        var preview = await PreviewAsync(cs, "big.csv", Make(FileFormat.Csv, Header, lines).Content);
        var commit = () => CommitAsync(cs, preview);

        preview.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Row = 1501, Column = "numerator" });
        await commit.Should().ThrowAsync<ImportRefusedException>();
        await using var after = PostgresServer.CreateContext(cs);
        (await after.Measurements.CountAsync()).Should().Be(count);
        (await after.ImportBatches.CountAsync()).Should().Be(batches);
        (await after.Measurements.CountAsync(m => !m.IsCurrent)).Should().Be(0);
    }

    [Fact]
    public async Task The_preview_names_the_unit_a_code_meant_in_the_month_of_each_row()
    {
        var cs = await ImportDatabases.FreshAsync(postgres);
        // tests/Fixtures/restructured-2025/units.csv: 00070 was Phường Hàng Trống until 2025-06-30, then the code passed to the new Phường Hoàn Kiếm.
        var (name, content) = Make(FileFormat.Csv, Header, "00070,ONTIME,2025-05,118,120,", "00070,ONTIME,2025-08,119,120,");

        var preview = await PreviewAsync(cs, name, content);

        preview.Rows.Select(r => (r.UnitNameVi, r.UnitNameEn)).Should().Equal(("Phường Hàng Trống", "Hang Trong Ward"), ("Phường Hoàn Kiếm", "Hoan Kiem Ward"));
        preview.Rows[0].UnitId.Should().NotBe(preview.Rows[1].UnitId);
    }

    [Theory]
    [InlineData(FileFormat.Csv)]
    [InlineData(FileFormat.Xlsx)]
    public async Task A_preview_tells_its_progress_rows_read_then_checked_of_the_total_then_compared(FileFormat format)
    {
        var cs = await ImportDatabases.FreshAsync(postgres);
        // 4,500 good rows: more than two progress steps of checking, and for a workbook of reading.
        string[] lines = [.. Fixture.Where(kv => kv.Key.Period is "2025-01" or "2025-02" or "2025-03" or "2025-04").Take(4500)
            .Select(kv => $"{kv.Key.Unit},{kv.Key.Indicator},{kv.Key.Period},0,{kv.Value.D},")];
        lines.Should().HaveCount(4500);
        var (name, content) = Make(format, Header, lines);
        var told = new List<ImportProgress>();
        await using var db = PostgresServer.CreateContext(cs);

        var preview = await ImportPreview.CreateAsync(db, name, content, Today, new ImportOptions(), new Told(told));

        preview.IsValid.Should().BeTrue();
        told.Select(p => p.Stage).Should().BeInAscendingOrder().And.EndWith(ImportStage.Done);
        told.Where(p => p.Stage == ImportStage.Reading).Select(p => p.Done).Should().EndWith(4500);
        told.Where(p => p.Stage == ImportStage.Checking).Should().Equal(
            new ImportProgress(ImportStage.Checking, 2000, 4500), new ImportProgress(ImportStage.Checking, 4000, 4500), new ImportProgress(ImportStage.Checking, 4500, 4500));
        told.Should().ContainSingle(p => p.Stage == ImportStage.Comparing).Which.Total.Should().Be(4500);
        if (format == FileFormat.Xlsx) told.Should().Contain(new ImportProgress(ImportStage.Reading, 2000, 0));
    }

    /// <summary>Reports as they come, on the caller's thread (Progress&lt;T&gt; would post them later).</summary>
    private sealed class Told(List<ImportProgress> told) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => told.Add(value);
    }

    [Fact]
    public async Task Two_imports_of_the_same_month_at_once_one_wins_and_the_other_is_told_of_the_conflict()
    {
        var cs = await ImportDatabases.FreshAsync(postgres);
        var a = await PreviewAsync(cs, "a.csv", Make(FileFormat.Csv, Header, "00016,ONTIME,2025-08,150,192,", "00016,ONTIME,2025-09,100,199,").Content);
        var b = await PreviewAsync(cs, "b.csv", Make(FileFormat.Csv, Header, "00016,ONTIME,2025-09,120,199,", "00016,DATA_REUSE,2025-09,1,205,").Content);

        // Hold September's lock from outside so both transactions are under way before either may go on.
        await using var holder = new NpgsqlConnection(cs);
        await holder.OpenAsync();
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(10, 202509)", holder)) await take.ExecuteNonQueryAsync();
        var first = Task.Run(() => CommitAsync(cs, a, "a"));
        var second = Task.Run(() => CommitAsync(cs, b, "b"));
        await WaitForAsync(holder, waiting: 2);
        await using (var release = new NpgsqlCommand("SELECT pg_advisory_unlock(10, 202509)", holder)) await release.ExecuteNonQueryAsync();
        var outcomes = await Task.WhenAll(Outcome(first), Outcome(second));

        outcomes.Count(o => o is null).Should().Be(1, "exactly one import wins");
        var loser = outcomes.Single(o => o is not null)!;
        loser.MessageEn.Should().Contain("conflict").And.Contain("nothing imported");
        loser.MessageVi.Should().Contain("xung đột");
        var winner = outcomes[0] is null ? "a" : "b";
        var september = await RevisionsAsync(cs, "00016", "ONTIME", new DateOnly(2025, 9, 1));
        september.Should().HaveCount(2);
        september[1].N.Should().Be(winner == "a" ? 100 : 120);
        await using var db = PostgresServer.CreateContext(cs);
        (await db.ImportBatches.Where(x => x.Kind == "import").Select(x => x.ImportedBy).ToListAsync()).Should().Equal(winner);
        (await RevisionsAsync(cs, "00016", winner == "a" ? "DATA_REUSE" : "ONTIME", winner == "a" ? new DateOnly(2025, 9, 1) : new DateOnly(2025, 8, 1)))
            .Should().ContainSingle("the loser wrote none of its rows");
    }

    [Fact]
    public async Task An_imported_figure_is_the_one_the_scorecard_shows()
    {
        var cs = await ImportDatabases.FreshAsync(postgres);
        var service = new ScorecardService(postgres.Factory(cs), TimeProvider.System);
        var request = new ScorecardRequest(2025, Period.Month(2025, 8), ScorecardScope.ForUnit("00016"));
        var (n, d) = Fixture[("00016", "ONTIME", "2025-08")];
        (await service.GetAsync(request))!.Unit("00016")!.For("ONTIME")!.Figure.Should().Be(Figure.Ratio(decimal.Parse(n, CultureInfo.InvariantCulture), decimal.Parse(d, CultureInfo.InvariantCulture)));

        await CommitAsync(cs, await PreviewAsync(cs, "f.xlsx", Make(FileFormat.Xlsx, Header, "00016,ONTIME,2025-08,150,192,").Content));

        (await service.GetAsync(request))!.Unit("00016")!.For("ONTIME")!.Figure.Should().Be(Figure.Ratio(150, 192));
    }

    private static async Task<ImportRefusedException?> Outcome(Task<ImportResult> commit)
    {
        try { await commit; return null; }
        catch (ImportRefusedException ex) { return ex; }
    }

    private static async Task WaitForAsync(NpgsqlConnection connection, int waiting)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted", connection);
            if ((long)(await count.ExecuteScalarAsync())! >= waiting) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the two imports never both waited for the month lock");
            await Task.Yield();
        }
    }
}
