using System.Text;
using HaNoi.ReformDashboard.Data.Assessment;
using HaNoi.ReformDashboard.Data.Import;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Testing;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Data.Tests.Assessment;

/// <summary>
/// A hand-made catalogue in the scratch database: departments SNV, STP, STC, SKH; district 001; OLD, a department that
/// ended on 30 June 2021; the city HN; the indicator ONTIME. And the ten-point framework of the domain tests as a file.
/// </summary>
internal static class AssessmentDatabase
{
    public static readonly string[] Header = ["code,name_vi,name_en,max_points,method,scale,evidence_vi,applies_to,indicator_code"];

    /// <summary>Departments and districts 10 points each, 4 of them the survey's; 1.1.2 (ONTIME) for departments, 1.1.3 for districts.</summary>
    public static readonly string[] TenPoints =
    [
        "total,Bộ tiêu chí thử,Test framework,10,,,,,",
        "1,Lĩnh vực 1,Field 1,6,,,,department;district,",
        "1.1,Tiêu chí 1.1,Criterion 1.1,4,,,,,",
        "1.1.1,Có kế hoạch,Plan issued,1,yes_no,,Quyết định,,",
        "1.1.2,Hồ sơ đúng hạn,Dossiers on time,3,figure,>=99:3; >=95:2; >=90:1,Số liệu,department,ONTIME",
        "1.1.3,Mức độ thực hiện,How well,3,scale,Tốt:3; Khá:2; Đạt:1; Chưa đạt:0,Báo cáo,district,",
        "1.2,Tiêu chí 1.2,Criterion 1.2,2,,,,,",
        "1.2.1,Báo cáo đúng hạn,Reports on time,2,yes_no,,Báo cáo,,",
        "2,Lĩnh vực 2,Field 2,4,,,,department;district,",
        "2.1,Tiêu chí 2.1,Criterion 2.1,4,,,,,",
        "2.1.1,Điều tra xã hội học,Survey,4,survey,,,,",
    ];

    public static async Task<ReformDbContext> ScratchAsync(PostgresServer postgres)
    {
        var db = PostgresServer.CreateContext(await postgres.ResetScratchAsync());
        db.Pillars.Add(new Pillar { Code = "TTHC", NameVi = "Thủ tục hành chính", NameEn = "Procedures", SortOrder = 3 });
        db.Indicators.Add(new Indicator { Code = "ONTIME", PillarCode = "TTHC", NameVi = "Hồ sơ đúng hạn", NameEn = "On time", Kind = IndicatorKind.Ratio });
        (string Code, UnitLevel Level, DateOnly From, DateOnly? To)[] units =
        [
            ("HN", UnitLevel.City, new(2020, 1, 1), null), ("SNV", UnitLevel.Department, new(2020, 1, 1), null),
            ("STP", UnitLevel.Department, new(2020, 1, 1), null), ("STC", UnitLevel.Department, new(2020, 1, 1), null),
            ("SKH", UnitLevel.Department, new(2020, 1, 1), null), ("001", UnitLevel.District, new(2020, 1, 1), null),
            ("OLD", UnitLevel.Department, new(2020, 1, 1), new(2021, 6, 30)),
        ];
        foreach (var (code, level, from, to) in units)
        {
            var unit = new Unit { Key = code };
            unit.Versions.Add(new UnitVersion { Code = code, NameVi = "Đơn vị " + code, NameEn = "Unit " + code, Level = level, ValidFrom = from, ValidTo = to });
            db.Units.Add(unit);
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return db;
    }

    public static Task<int> UnitIdAsync(ReformDbContext db, string code) => db.Units.Where(u => u.Key == code).Select(u => u.Id).SingleAsync();

    public static MemoryStream Csv(params string[] rows) => new(Encoding.UTF8.GetBytes(string.Join("\n", rows) + "\n"));

    public static async Task<FrameworkFile> ReadFrameworkAsync(ReformDbContext db, int year, params string[] rows)
    {
        using var content = Csv([.. Header, .. rows]);
        return await FrameworkTemplate.ReadAsync(db, "khung.csv", content, content.Length, year, new ImportOptions());
    }

    public static async Task<StoredFramework> LoadTenPointsAsync(ReformDbContext db, int year)
    {
        var file = await ReadFrameworkAsync(db, year, TenPoints);
        file.Errors.Should().BeEmpty();
        return await FrameworkStore.CommitAsync(db, file, null, "office@hanoi", new DateTimeOffset(2023, 1, 5, 9, 0, 0, TimeSpan.Zero));
    }
}
