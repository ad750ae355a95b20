using System.Diagnostics.CodeAnalysis;
using HaNoi.ReformDashboard.Data.Scorecards;

namespace HaNoi.ReformDashboard.Web.Shared;

/// <summary>Names of units, indicators and pillars in the current language (Vietnamese unless English is chosen).</summary>
public static class Names
{
    private static bool English => Domain.Presentation.Wording.IsEnglish();

    public static string Of(UnitInfo unit) => English ? unit.NameEn : unit.NameVi;
    public static string Of(IndicatorInfo indicator) => English ? indicator.NameEn : indicator.NameVi;
    public static string Of(PillarInfo pillar) => English ? pillar.NameEn : pillar.NameVi;
    [return: NotNullIfNotNull(nameof(nameVi))]
    public static string? Of(string? nameVi, string? nameEn) => English ? nameEn : nameVi;
    public static string? OwnerOf(Data.Catalogue.IndicatorDescription description) => English ? description.OwnerNameEn : description.OwnerNameVi;
}
