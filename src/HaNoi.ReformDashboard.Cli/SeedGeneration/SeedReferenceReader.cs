using HaNoi.ReformDashboard.Data.Files;
using HaNoi.ReformDashboard.Data.Seed;

namespace HaNoi.ReformDashboard.Cli.SeedGeneration;

/// <summary>
/// Reads <c>units.csv</c>, <c>indicators.csv</c> and <c>targets.csv</c> with the same reader and checks as the
/// loader (<see cref="SeedSet"/>), so the generator and the database never disagree on what a file means.
/// </summary>
public static class SeedReferenceReader
{
    /// <exception cref="SeedDataException">A file is missing or invalid.</exception>
    public static SeedReferenceData ReadFolder(string folder)
    {
        SeedSet catalogue;
        try
        {
            catalogue = SeedSet.ReadCatalogue(folder);
        }
        catch (DataFileException ex)
        {
            throw new SeedDataException(ex.Message, ex);
        }
        return new SeedReferenceData(catalogue.Units, catalogue.Indicators, catalogue.Targets)
        {
            PlanYears = catalogue.PlanYears,
        };
    }
}
