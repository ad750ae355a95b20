using System.Globalization;
using System.Text;
using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Data.Dossiers;
using HaNoi.ReformDashboard.Data.Files;
using HaNoi.ReformDashboard.Data.Import;
using HaNoi.ReformDashboard.Data.Messages;
using HaNoi.ReformDashboard.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HaNoi.ReformDashboard.Data.Seed;

/// <summary>What the demo year loaded.</summary>
public sealed record DemoYearSummary(int Year, int Measurements, int Dossiers, DossierFiguresResult Figures)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"plan year {Year} (illustrative copy of {Year - 1}): {Measurements} typed figures, {Dossiers} synthetic dossiers, {Figures.Written} figures counted from them");
}

/// <summary>
/// The demo's second plan year, fed by dossiers (seed-data/demo-2023): an ILLUSTRATIVE copy of the previous year's plan,
/// SYNTHETIC typed figures for the indicators not counted from dossiers (<c>measurements-YYYY.csv</c>), and SYNTHETIC
/// dossiers generated here, deterministically, for every unit in force — imported through the dossier import, so the
/// six figures are counted from them like any unit's. The first year's figures are untouched.
/// </summary>
public static class DemoYear
{
    public const string Folder = "demo-2023";
    public const string Actor = "seed";
    private const int Seed = 2023;

    /// <summary>Dossiers a year per unit of each level: enough for monthly shares, small enough for a quick first start.</summary>
    private static int PerYear(string level) => level switch { "department" => 720, "district" => 600, _ => 180 };

    public static async Task<DemoYearSummary> LoadAsync(ReformDbContext db, string folder, DateTimeOffset now, CancellationToken ct = default)
    {
        var file = Directory.GetFiles(folder, "measurements-*.csv").Single();
        var year = int.Parse(Path.GetFileNameWithoutExtension(file)["measurements-".Length..], CultureInfo.InvariantCulture);

        await PlanYearCopy.CopyAsync(db, year - 1, year, Actor, now, ct);
        var plan = await db.PlanYears.SingleAsync(p => p.Year == year, ct);
        var suffix = DataText.Get("DemoYearTitleSuffix", (year - 1).ToString(CultureInfo.InvariantCulture));
        plan.TitleVi += suffix.Vi;
        plan.TitleEn += suffix.En;
        await db.SaveChangesAsync(ct);

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        ImportResult typed;
        await using (var content = File.OpenRead(file))
        {
            var preview = await ImportPreview.CreateAsync(db, Path.GetFileName(file), content, today, new ImportOptions(), ct: ct);
            if (!preview.IsValid) throw new DataFileException([.. preview.Errors]);
            typed = await ImportCommit.CommitAsync(db, preview, Actor, now, ct);
        }

        var units = await UnitsAsync(db, year, ct);
        var procedures = await db.Procedures.AsNoTracking().ToListAsync(ct);
        var path = Path.Combine(Path.GetTempPath(), $"reform-demo-dossiers-{Guid.NewGuid():N}.csv");
        try
        {
            var rows = units.SelectMany(u => DossierGenerator.Generate([u], procedures, year, PerYear(u.Level), Seed + Stable(u.Code)));
            await using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
                DossierFile.Write(writer, rows);
            var options = new DossierImportOptions();
            await using var content = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
            var name = $"dossiers-{year}-demo.csv";
            var (check, result) = await DossierImport.ImportAsync(db, name, content, options, Actor, now, ct);
            if (result is null) throw new DataFileException([.. check.Errors]);
            return new DemoYearSummary(year, typed.New, check.Rows, result.Figures);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// The units in force through the year, each with its own record: most resolve nearly every dossier on time, a
    /// few do not (so the demo's scorecard has both), fixed by the unit's code.
    /// </summary>
    private static async Task<List<DossierGenerator.GeneratorUnit>> UnitsAsync(ReformDbContext db, int year, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT code, level FROM units_in_force(@first, @last) WHERE level IN ('department', 'district', 'commune') ORDER BY code",
            (NpgsqlConnection)db.Database.GetDbConnection());
        command.Parameters.AddWithValue("first", new DateOnly(year, 1, 1));
        command.Parameters.AddWithValue("last", new DateOnly(year, 12, 31));
        var units = new List<DossierGenerator.GeneratorUnit>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var code = reader.GetString(0);
            var q = Stable(code) % 1000 / 1000.0;
            units.Add(new DossierGenerator.GeneratorUnit(code, reader.GetString(1), LateShare: 0.0005 + 0.03 * q * q * q, TwoSupplementShare: 0.004 * q));
        }
        return units;
    }

    /// <summary>FNV-1a of the code: the same number on every machine and run (string hash codes are randomised per process).</summary>
    private static int Stable(string code)
    {
        var hash = 2166136261u;
        foreach (var c in code) hash = (hash ^ c) * 16777619u;
        return (int)(hash % 1_000_000);
    }
}
