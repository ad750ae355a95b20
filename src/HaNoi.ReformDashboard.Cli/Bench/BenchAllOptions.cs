using System.Globalization;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Cli.Messages;

namespace HaNoi.ReformDashboard.Cli.Bench;

/// <summary>What <c>reform bench all</c> measures and how much of it; checked before anything starts.</summary>
public sealed record BenchAllOptions
{
    public static readonly string[] SectionNames = ["scorecard", "http", "exports", "import", "circuits", "dossiers", "dossier-lists"];

    public required Period Period { get; init; }
    /// <summary>The Overview's level (null: the city).</summary>
    public UnitLevel? Level { get; init; }
    public int Runs { get; init; } = 9;
    public int Requests { get; init; } = 60;
    public int Concurrency { get; init; } = 20;
    public int ImportRows { get; init; } = 100_000;
    public int ImportMegabytes { get; init; } = 20;
    /// <summary>New dossiers imported against a bare COPY of the same rows (0: skip).</summary>
    public int DossierRows { get; init; } = 1_000_000;
    /// <summary>The size of the dossier file whose import's memory is measured in a process of its own, MiB (0: skip).</summary>
    public int DossierFileMegabytes { get; init; } = 1024;
    /// <summary>How many units to export (0: every unit in force), spread evenly over the levels.</summary>
    public int ExportUnits { get; init; }
    /// <summary>The exports stop starting new units after this many seconds (the figures say how many were done).</summary>
    public int ExportSeconds { get; init; } = 120;
    /// <summary>The unit page to request (null: the first district in force, else the first unit).</summary>
    public string? UnitCode { get; init; }
    public IReadOnlySet<string> Skip { get; init; } = new HashSet<string>();
    public string? WritePath { get; init; }

    public int Year => Period.Year;
    public ScorecardScope Scope => Level is { } l ? ScorecardScope.ForLevel(l) : ScorecardScope.City;
    public ScorecardRequest Request => new(Year, Period, Scope);
    public bool Measures(string section) => !Skip.Contains(section);

    /// <summary>The Overview's address for the bench's period and level.</summary>
    public string OverviewPath => $"?year={Year}&period={Uri.EscapeDataString(Period.ToString())}" + (Level is { } l ? "&level=" + l.ToCode() : "");

    /// <summary>The window of the raw SQL floor: the calendar year of the period (first day inclusive, next year's exclusive).</summary>
    public (DateOnly From, DateOnly To) FloorWindow => (new DateOnly(Year, 1, 1), new DateOnly(Year + 1, 1, 1));

    /// <summary>The options, or the bilingual problem that stops the bench before it starts.</summary>
    public static (BenchAllOptions? Options, string? Problem) Parse(string period, string level, int runs, int requests, int concurrency,
        int importRows, int importMegabytes, int exportUnits, int exportSeconds, string? unit, IEnumerable<string> skip, string? write,
        int dossierRows = 1_000_000, int dossierFileMegabytes = 1024)
    {
        if (!Period.TryParse(period, out var p))
            return (null, CliText.Both("IsNotAPeriodE", period));
        UnitLevel? l = null;
        if (level != "city")
        {
            if (!CatalogueCodes.TryParseLevel(level, out var parsed))
                return (null, CliText.Both("IsNotALevelCity", level));
            l = parsed;
        }
        if (runs < 1) return (null, Positive("--runs", runs));
        if (requests < 1) return (null, Positive("--requests", requests));
        if (concurrency < 1 || concurrency > requests)
            return (null, CliText.Both(CultureInfo.InvariantCulture, "ConcurrencyMustBeBetweenAnd", requests, concurrency));
        if (importRows < 1) return (null, Positive("--import-rows", importRows));
        if (importMegabytes < 0) return (null, NotNegative("--import-mb", importMegabytes));
        if (dossierRows < 0) return (null, NotNegative("--dossier-rows", dossierRows));
        if (dossierFileMegabytes is < 0 or > 2047) return (null, CliText.Both(CultureInfo.InvariantCulture, "DossierFileMbMustBe", dossierFileMegabytes));
        if (exportUnits < 0) return (null, NotNegative("--export-units", exportUnits));
        if (exportSeconds < 1) return (null, Positive("--export-seconds", exportSeconds));
        var sections = skip.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet();
        if (sections.FirstOrDefault(s => !SectionNames.Contains(s)) is { } unknown)
            return (null, CliText.Both("IsNotASection", unknown, string.Join(", ", SectionNames)));
        if (write is not null && Path.GetDirectoryName(Path.GetFullPath(write)) is { } folder && !Directory.Exists(folder))
            return (null, CliText.Both("TheFolderForDoesNot", folder, Path.GetFileName(write)));
        return (new BenchAllOptions
        {
            Period = p, Level = l, Runs = runs, Requests = requests, Concurrency = concurrency, ImportRows = importRows,
            ImportMegabytes = importMegabytes, DossierRows = dossierRows, DossierFileMegabytes = dossierFileMegabytes, ExportUnits = exportUnits, ExportSeconds = exportSeconds, UnitCode = unit, Skip = sections, WritePath = write,
        }, null);
    }

    private static string NotNegative(string option, int value) => CliText.Both(CultureInfo.InvariantCulture, "MustNotBeNegativeGot", option, value);

    private static string Positive(string option, int value) => CliText.Both(CultureInfo.InvariantCulture, "MustBePositiveGot", option, value);
}
