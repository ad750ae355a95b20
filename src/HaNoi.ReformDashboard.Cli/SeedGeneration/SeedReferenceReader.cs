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
        catch (SeedValidationException ex)
        {
            throw new SeedDataException(ex.Message, ex);
        }
        return new SeedReferenceData(
            catalogue.Units.Select(u => new UnitRecord(u.Code, u.NameVi, u.NameEn, u.Level, u.ParentCode, u.ValidFrom, u.ValidTo, u.SuccessorCode)).ToArray(),
            catalogue.Indicators.Select(i => new IndicatorRecord(i.Code, i.Pillar, i.NameVi, i.NameEn, i.Kind, i.Rollup, i.Frequency, i.Levels, i.Tolerance)).ToArray(),
            catalogue.Targets.Select(t => new TargetRecord(t.PlanYear, t.IndicatorCode, t.Level, t.UnitCode, t.Operator, t.Threshold, t.Aspirational, t.SourceVi)).ToArray())
        {
            PlanYears = catalogue.PlanYears,
        };
    }
}
