using System.Globalization;
using HaNoi.ReformDashboard.Data.Dossiers;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Data.Seed;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Presentation;
using HaNoi.ReformDashboard.Reports.Pdf;
using HaNoi.ReformDashboard.Reports.Tests.Infrastructure;
using HaNoi.ReformDashboard.Reports.Tests.Layout;
using HaNoi.ReformDashboard.Testing;
using Microsoft.EntityFrameworkCore;
using static HaNoi.ReformDashboard.Reports.Tests.Pdf.PdfReading;

namespace HaNoi.ReformDashboard.Reports.Tests.Pdf;

[Collection(ReportsPostgresCollection.Name)]
public sealed class BriefPdfTests(PostgresServer server)
{
    private static readonly CultureInfo Vi = FigureFormat.Vietnamese;

    private async Task<ReportSource> SourceAsync(string period, ScorecardScope scope)
    {
        var service = new ScorecardService(server.Factory(await server.DemoAsync()), TimeProvider.System);
        var p = HaNoi.ReformDashboard.Domain.Periods.Period.Parse(period);
        return (await ReportSource.LoadAsync(service, new ScorecardRequest(p.Year, p, scope), withPrevious: true))!;
    }

    private static byte[] Brief(ReportSource source, ReportParameters? parameters = null) =>
        TestOutput.Bytes(s => BriefPdf.Write(source, parameters ?? Demo.Parameters, s));

    [Fact]
    public async Task The_brief_of_every_unit_of_the_demo_and_of_the_city_is_one_clean_page()
    {
        var city = await SourceAsync("2022-12", ScorecardScope.City);
        var units = city.Scorecard.Units.Select(u => u.Unit.Code).ToList();
        units.Should().HaveCountGreaterThan(90);

        BriefPdf.Layout(city, Demo.Parameters).Pages.Should().ContainSingle().And.Subject.ToList().ShouldBeClean();
        foreach (var code in units)
        {
            var source = await SourceAsync("2022-12", ScorecardScope.ForUnit(code));
            var pages = BriefPdf.Layout(source, Demo.Parameters).Pages;
            pages.Should().ContainSingle($"the brief of {code} is one page");
            pages.ShouldBeClean();
        }
    }

    [Fact]
    public async Task A_very_long_unit_name_and_explanation_wrap_and_the_brief_stays_one_page()
    {
        var source = await SourceAsync("2022-12", ScorecardScope.ForUnit("SNV"));
        var card = source.Scorecard;
        var longName = string.Join(" ", Enumerable.Repeat("Ủy ban nhân dân phường Quảng An thuộc quận Tây Hồ", 4));
        var unit = card.Unit("SNV")!;
        var worst = unit.Indicators.Where(i => i.PointsLost > 0).OrderByDescending(i => i.PointsLost).Take(3).ToList();
        var explanations = worst.Select(w => new Explanation("SNV", w.IndicatorCode, "2022-12",
            string.Join(" ", Enumerable.Repeat("Hệ thống một cửa điện tử gián đoạn nhiều ngày nên hồ sơ bị chậm, đơn vị đã khắc phục và đề nghị ghi nhận.", 12)),
            "Trần Thị Bình", DateTimeOffset.UnixEpoch)).ToList();
        var stretched = source with
        {
            Scorecard = card with
            {
                Units = card.Units.Select(u => u.Unit.Code == "SNV" ? u with { Unit = u.Unit with { NameVi = longName } } : u).ToList(),
                Explanations = explanations,
            },
        };

        var layout = BriefPdf.Layout(stretched, Demo.Parameters);

        layout.Pages.Should().ContainSingle();
        layout.Pages.ShouldBeClean();
        var texts = layout.Pages[0].Texts.Select(t => t.Text).ToList();
        texts.Should().Contain(t => t.EndsWith(" …"), "an explanation too long for the page is shortened visibly");
        var pdf = Brief(stretched);
        Squash(string.Concat(PageTexts(pdf))).Should().Contain(Squash("Tây Hồ"));
    }

    [Fact]
    public async Task A_unit_brief_shows_the_engines_score_rank_percentile_change_and_the_three_costliest_shortfalls()
    {
        var source = await SourceAsync("2022-12", ScorecardScope.ForUnit("SNV"));
        var unit = source.Scorecard.Unit("SNV")!;
        var previous = source.Previous!.Unit("SNV")!;
        var pdf = Brief(source);
        var text = PageTexts(pdf).Single();

        text.Should().Contain(Squash("TÓM TẮT KẾT QUẢ CẢI CÁCH HÀNH CHÍNH")).And.Contain(Squash("Sở Nội vụ — Tháng 12/2022"));
        text.Should().Contain(Squash($"{FigureFormat.Score(unit.Score, Vi)}/100"));
        text.Should().Contain(Squash($"{unit.Rank}/{unit.RankedPeers}"));
        text.Should().Contain(Squash(FigureFormat.Signed(unit.Score - previous.Score, Vi) + " điểm"));
        text.Should().Contain(Squash($"so với Tháng 11/2022 ({FigureFormat.Score(previous.Score, Vi)} điểm)"));
        // Percentile from the peers' ranks read here (the export loads the unit alone; its peers are on its level's
        // scorecard): the share of the other ranked peers with a worse rank.
        var service = new ScorecardService(server.Factory(await server.DemoAsync()), TimeProvider.System);
        var level = await service.GetAsync(new ScorecardRequest(2022, source.Scorecard.Period, ScorecardScope.ForLevel(unit.Unit.Level)));
        var ranks = level!.Units.Where(u => u.Rank is not null).Select(u => u.Rank!.Value).ToList();
        ranks.Should().HaveCountGreaterThan(1);
        var percentile = 100m * ranks.Count(r => r > unit.Rank) / (ranks.Count - 1);
        text.Should().Contain(Squash(FigureFormat.Number(percentile, Vi)));

        // The costliest shortfalls, from the scores by hand: (100 − score) ÷ scored indicators of its pillar ÷ scored pillars.
        var scored = unit.Indicators.Where(i => i.Score.Score is not null)
            .Select(i => (Cell: i, Pillar: source.Scorecard.Indicator(i.IndicatorCode).PillarCode)).ToList();
        var pillars = scored.Select(s => s.Pillar).Distinct().Count();
        var expected = scored.Select(s => (s.Cell, Cost: (100m - s.Cell.Score.Score!.Value) / scored.Count(x => x.Pillar == s.Pillar) / pillars))
            .Where(x => x.Cost > 0).OrderByDescending(x => x.Cost).Take(3).ToList();
        expected.Should().HaveCount(3);
        var attention = text[text.IndexOf(Squash("Ba việc cần chú ý"), StringComparison.Ordinal)..];
        var positions = expected.Select(e => attention.IndexOf(Squash(source.Scorecard.Indicator(e.Cell.IndicatorCode).NameVi), StringComparison.Ordinal)).ToList();
        positions.Should().OnlyContain(p => p > 0).And.BeInAscendingOrder();
        foreach (var (cell, cost) in expected)
            attention.Should().Contain(Squash($"làm giảm {FigureFormat.Number(cost, Vi, 2)} điểm"));
        text.Should().Contain(Squash(source.Scorecard.Provisional ? "Số liệu tạm tính" : "Số liệu chính thức"));
    }

    [Fact]
    public async Task A_watched_figure_counted_from_dossiers_links_to_its_dossiers_when_the_dashboards_address_is_known()
    {
        var city = await SourceAsync("2022-12", ScorecardScope.City);
        // A unit among whose three costliest shortfalls is a figure counted from dossiers (ONTIME, ONLINE_DOSSIER…).
        string[] derived = ["ONTIME", "ONLINE_DOSSIER", "ONLINE_PAYMENT_TX", "DIGITISED_RECORDS", "DATA_REUSE", "DVCQG_SYNC"];
        var order = city.Scorecard.Indicators.Select((i, n) => (i.Code, n)).ToDictionary(x => x.Code, x => x.n);
        var (code, watched) = city.Scorecard.Units
            .Select(u => (u.Unit.Code, Watched: u.Indicators.Where(i => i.PointsLost > 0).OrderByDescending(i => i.PointsLost)
                .ThenBy(i => order[i.IndicatorCode]).Take(3).Select(i => i.IndicatorCode).ToList()))
            .First(u => u.Watched.Any(derived.Contains) && !u.Watched.All(derived.Contains));
        var source = await SourceAsync("2022-12", ScorecardScope.ForUnit(code));
        var parameters = Demo.Parameters with { LinkBase = new Uri("http://dashboard.test/cchc/") };

        BriefPdf.Layout(source, parameters).Pages.Should().ContainSingle().And.Subject.ToList().ShouldBeClean();
        var pdf = System.Text.Encoding.Latin1.GetString(Brief(source, parameters));
        foreach (var indicator in watched)
        {
            var uri = $"/URI (http://dashboard.test/cchc/units/{code}/indicators/{indicator}/dossiers?period=2022-12)";
            if (derived.Contains(indicator)) pdf.Should().Contain(uri, $"{indicator} is counted from dossiers");
            else pdf.Should().NotContain($"/indicators/{indicator}/", $"{indicator} is not counted from dossiers");
        }
        PageTexts(Brief(source, parameters)).Single().Should().Contain(Squash("Tên chỉ tiêu màu xanh mở các hồ sơ của số liệu trên bảng điều hành."));

        // Made away from the dashboard (no address): no link, nothing about it.
        var plain = Brief(source);
        System.Text.Encoding.Latin1.GetString(plain).Should().NotContain("/URI");
        PageTexts(plain).Single().Should().NotContain(Squash("màu xanh"));

        // The city's brief opens the indicator's page, with its units and the procedures behind the misses.
        var cityWatched = city.Scorecard.City.Indicators.Where(i => i.PointsLost > 0).OrderByDescending(i => i.PointsLost)
            .ThenBy(i => order[i.IndicatorCode]).Take(3).Select(i => i.IndicatorCode).Where(derived.Contains).ToList();
        var cityPdf = System.Text.Encoding.Latin1.GetString(Brief(city, parameters));
        foreach (var indicator in cityWatched)
            cityPdf.Should().Contain($"/URI (http://dashboard.test/cchc/indicators/{indicator}?year=2022&period=2022-12)");
    }

    [Fact]
    public async Task The_demo_years_briefs_counted_from_dossiers_stay_one_page_with_their_links_and_the_overdue_line()
    {
        // The demo year (2023, counted from dossiers) in a database of its own, as the dashboard's first start loads it.
        var cs = await server.CreateDatabaseAsync("brief-demo-year");
        await using (var db = PostgresServer.CreateContext(cs))
        {
            await db.Database.MigrateAsync();
            await SeedLoader.LoadAsync(db, RepositoryPaths.SeedData);
            await DossierPartitions.EnsureAheadAsync(db, new DateOnly(2026, 12, 1));
            await DemoYear.LoadAsync(db, Path.Combine(RepositoryPaths.SeedData, DemoYear.Folder), new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero));
        }
        var factory = server.Factory(cs);
        var service = new ScorecardService(factory, TimeProvider.System);
        var parameters = Demo.Parameters with { LinkBase = new Uri("http://dashboard.test/") };
        var period = HaNoi.ReformDashboard.Domain.Periods.Period.Parse("2023-12");
        var city = (await ReportSource.LoadAsync(service, new ScorecardRequest(2023, period, ScorecardScope.City), withPrevious: true))!;
        city.Scorecard.IsEmpty.Should().BeFalse();
        var units = city.Scorecard.Units.Select(u => u.Unit.Code).ToList();
        units.Should().HaveCountGreaterThan(90);
        var links = 0;
        foreach (var scope in units.Select(ScorecardScope.ForUnit).Prepend(ScorecardScope.City))
        {
            var source = await (await ReportSource.LoadAsync(service, new ScorecardRequest(2023, period, scope), withPrevious: true))!
                .WithOverdueAsync(factory, TimeProvider.System);
            var pages = BriefPdf.Layout(source, parameters).Pages;
            pages.Should().ContainSingle($"the brief of {scope} is one page");
            pages.ShouldBeClean();
            links += pages[0].Elements.OfType<HaNoi.ReformDashboard.Reports.Pdf.Layout.LinkElement>().Count();
        }
        links.Should().BeGreaterThan(units.Count / 2, "most of the demo year's briefs watch a figure counted from dossiers");
    }

    [Fact]
    public async Task The_city_brief_is_small_subset_embedded_and_in_English_when_asked()
    {
        var source = await SourceAsync("2022-12", ScorecardScope.City);
        var vi = Brief(source);
        var en = Brief(source, Demo.Parameters with { Language = CultureInfo.GetCultureInfo("en-US") });

        vi.Length.Should().BeLessThan(300_000);
        en.Length.Should().BeLessThan(300_000);
        EmbeddedFontPrograms(vi).Should().OnlyContain(f => f.Bytes < 100_000);
        var card = source.Scorecard;
        var viText = PageTexts(vi).Single();
        viText.Should().Contain(Squash($"{FigureFormat.Score(card.CityScore, Vi)}/100")).And.Contain(Squash("Chỉ tiêu chủ yếu"));
        var enText = PageTexts(en).Single();
        var english = CultureInfo.GetCultureInfo("en-US");
        enText.Should().Contain(Squash("ADMINISTRATIVE REFORM BRIEF")).And.Contain(Squash("Three things to watch"))
            .And.Contain(Squash("Score by pillar")).And.Contain(Squash($"{FigureFormat.Score(card.CityScore, english)}/100"))
            .And.Contain(Squash(card.Indicator("ONTIME").NameEn)).And.Contain(Squash("SOCIALIST REPUBLIC OF VIET NAM")).And.Contain(Squash("Hanoi, 5 January 2023"));
        enText.Should().NotContain(Squash("Ba việc cần chú ý"));

        var viPath = TestOutput.PathOf("tom-tat-thanh-pho-12-2022.pdf");
        var enPath = TestOutput.PathOf("brief-city-12-2022-en.pdf");
        await File.WriteAllBytesAsync(viPath, vi);
        await File.WriteAllBytesAsync(enPath, en);
        var unitPath = TestOutput.PathOf("tom-tat-SNV-06-2022.pdf");
        // June: five months still to go, so the run-rate shows.
        await File.WriteAllBytesAsync(unitPath, Brief(await SourceAsync("2022-06", ScorecardScope.ForUnit("SNV"))));
        foreach (var (path, prefix) in new[] { (viPath, "tom-tat-tp"), (enPath, "brief-en"), (unitPath, "tom-tat-snv") })
            InkShare(RenderPages(path, TestOutput.PathOf(prefix), 1, 1).Single()).Should().BeGreaterThan(0.01);
    }
}
