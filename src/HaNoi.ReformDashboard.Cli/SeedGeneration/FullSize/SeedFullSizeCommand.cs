using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using HaNoi.ReformDashboard.Cli.Hosting;
using HaNoi.ReformDashboard.Data;
using HaNoi.ReformDashboard.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using HaNoi.ReformDashboard.Cli.Messages;
using HaNoi.ReformDashboard.Data.Messages;

namespace HaNoi.ReformDashboard.Cli.SeedGeneration.FullSize;

/// <summary>
/// <c>reform seed fullsize [--years 2013-2022] [--seed 2022] [--national] [--dossier-years 3] [--dossiers-per-year N] [--replace]
/// [--from seed-data]</c>: Hanoi at full size with SYNTHETIC figures and, for the last years, SYNTHETIC dossiers (3 M a year;
/// 100 M with --national), straight into the configured (or local) database, for measuring the screens and the dossiers.
/// The shipped demo stays small; this never writes to seed-data.
/// </summary>
public static partial class SeedFullSizeCommand
{
    public const int ExitInvalidInput = 2;

    public static Command Create()
    {
        Option<string> years = new("--years") { Description = CliText.Both("YearsEG"), DefaultValueFactory = _ => "2013-2022" };
        Option<int> seed = new("--seed") { Description = CliText.Both("PRNGSeed"), DefaultValueFactory = _ => SeedGenerateCommand.DefaultSeed };
        Option<bool> national = new("--national") { Description = CliText.Both("AboutSyntheticCommunes") };
        Option<bool> replace = new("--replace") { Description = CliText.Both("DeleteTheDataAlreadyThere") };
        Option<string?> from = new("--from") { Description = CliText.Both("CatalogueFolderUnitsCsv") };
        Option<int> dossierYears = new("--dossier-years")
        {
            Description = CliText.Both("TheLastYearsThatGet"), DefaultValueFactory = _ => FullSizeDossierOptions.DefaultYears,
        };
        Option<int?> dossiersPerYear = new("--dossiers-per-year")
        {
            Description = CliText.Both("DossiersAYearDefaultWith"),
        };
        Command command = new("fullsize", CliText.Both("LoadFullSizeSyntheticHanoi"))
        {
            years, seed, national, replace, from, dossierYears, dossiersPerYear,
        };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(years)!, parse.GetValue(seed), parse.GetValue(national), parse.GetValue(replace),
            parse.GetValue(from), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct,
            parse.GetValue(dossierYears), parse.GetValue(dossiersPerYear)));
        return command;
    }

    public static async Task<int> RunAsync(string yearsText, int seed, bool national, bool replace, string? from, TextWriter output, TextWriter error, CancellationToken ct,
        int dossierYears = FullSizeDossierOptions.DefaultYears, int? dossiersPerYear = null)
    {
        if (dossierYears < 0 || dossiersPerYear < 0)
        {
            error.WriteLine(CliText.Both("DossierYearsAndDossiersPer"));
            return ExitInvalidInput;
        }
        var dossiers = new FullSizeDossierOptions(
            dossiersPerYear ?? (national ? FullSizeDossierOptions.NationalPerYear : FullSizeDossierOptions.HanoiPerYear), dossierYears);
        if (ParseYears(yearsText) is not var (first, last))
        {
            error.WriteLine(CliText.Both("IsNotAYearRange", yearsText));
            return ExitInvalidInput;
        }
        return await CliHost.RunAsync(async (services, token) =>
        {
            var folder = from ?? DatabaseSetup.FindSeedFolder(services.GetRequiredService<IConfiguration>());
            if (folder is null || !File.Exists(Path.Combine(folder, "units.csv")))
            {
                error.WriteLine(CliText.Both("NoCatalogueUnitsCsvFound", folder));
                return ExitInvalidInput;
            }
            await using var db = await services.GetRequiredService<IDbContextFactory<ReformDbContext>>().CreateDbContextAsync(token);
            if (await db.Units.AnyAsync(token))
            {
                if (!replace)
                {
                    error.WriteLine(CliText.Both("TheDatabaseAlreadyHoldsData"));
                    return ExitInvalidInput;
                }
                await EmptyAsync(db, token);
            }
            try
            {
                var summary = await FullSizeLoader.LoadAsync(db, folder, first, last, seed, national, output, token, dossiers);
                var (dossiersVi, dossiersEn) = summary.Dossiers > 0
                    ? CliText.Get(CultureInfo.InvariantCulture, "SyntheticDossiersLoaded", summary.Dossiers, summary.DossierYears)
                    : new DataText.Message("", "");
                output.WriteLine(CliText.Both(CultureInfo.InvariantCulture, "LoadedUnitsCommunesYearsSYNTHETIC", summary.Units, summary.Communes, summary.Years, summary.Measurements, dossiersVi, summary.Elapsed.TotalSeconds, dossiersEn));
                return 0;
            }
            catch (SeedDataException ex)
            {
                error.WriteLine(ex.Message);
                return ExitInvalidInput;
            }
        }, ct, seedDemo: false);
    }

    public static (int First, int Last)? ParseYears(string text)
    {
        var match = YearRange().Match(text.Trim());
        if (!match.Success) return null;
        var first = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var last = match.Groups[2].Success ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : first;
        return first is >= 2000 and <= 2100 && last is >= 2000 and <= 2100 && first <= last ? (first, last) : null;
    }

    [GeneratedRegex(@"^(\d{4})(?:-(\d{4}))?$")]
    private static partial Regex YearRange();

    /// <summary>
    /// Deletes the catalogue and every figure (not sign-in tables, not the audit log), in one statement, and says so in
    /// the audit log in the same transaction. The audit log is append-only and outlives the data it speaks of; the
    /// identities go on (no RESTART), so an old entry's unit id never names a unit of the new data.
    /// </summary>
    private static async Task EmptyAsync(ReformDbContext db, CancellationToken ct)
    {
        Type[] domain = [typeof(Measurement), typeof(Explanation), typeof(Target), typeof(PlanYearIndicator), typeof(PlanYear), typeof(Indicator), typeof(Pillar),
            typeof(UnitLineage), typeof(UnitVersion), typeof(Unit), typeof(ImportBatch), typeof(TargetRevision),
            // The index of the units (issue 23) names units and indicators: it goes with them.
            .. Data.Assessment.AssessmentModel.Tables];
        // The dossier records, their monthly counts (raw SQL tables) and the pushes' idempotency records name units and
        // import batches: they go with them. The procedure catalogue names neither and stays; so do the push API's keys and
        // the empty partitions (made ahead, reused by the next load).
        var tables = domain.Select(t => db.Model.FindEntityType(t)?.GetTableName()).OfType<string>()
            .Concat(["dossier_month_counts", "dossier_history", "dossier_codes", "dossiers", "dossier_pushes"]).Select(n => $"\"{n}\"");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (units, measurements) = (await db.Units.CountAsync(ct), await db.Measurements.LongCountAsync(ct));
        // Table names from the EF model, never from input.
        var sql = "TRUNCATE " + string.Join(", ", tables);
        await db.Database.ExecuteSqlRawAsync(sql, ct);
        db.AuditLog.Add(new AuditEntry
        {
            At = DateTimeOffset.UtcNow,
            Actor = "cli:" + Environment.UserName,
            Action = ReplacedAction,
            Entity = "database",
            Details = JsonSerializer.Serialize(new { units, measurements }),
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>The audit entry of <c>--replace</c>: the catalogue and figures deleted (how many units and measurements were there).</summary>
    public const string ReplacedAction = "seed.replace";
}
