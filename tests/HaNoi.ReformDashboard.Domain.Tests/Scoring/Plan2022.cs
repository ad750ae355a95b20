using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Scoring;

namespace HaNoi.ReformDashboard.Domain.Tests.Scoring;

/// <summary>Indicators and targets of the 2022 plan (seed-data/README.md, indicators.csv) that the tests use, written as the plan says them.</summary>
internal static class Plan2022
{
    public const int Year = 2022;

    public static readonly IndicatorRule ParIndexRank = new("PARINDEX_RANK", "TD", IndicatorKind.Rank, Rollup.Stock, cityReportsItself: true);
    public static readonly IndicatorRule Sipas = new("SIPAS", "TD", IndicatorKind.Value, Rollup.Stock, cityReportsItself: true);
    public static readonly IndicatorRule TthcSimplified = new("TTHC_SIMPLIFIED", "TTHC", IndicatorKind.Ratio, Rollup.Stock, cityReportsItself: true);
    public static readonly IndicatorRule OnlineDossier = new("ONLINE_DOSSIER", "TTHC", IndicatorKind.Ratio, Rollup.Flow);
    public static readonly IndicatorRule OnTime = new("ONTIME", "TTHC", IndicatorKind.Ratio, Rollup.Flow);
    public static readonly IndicatorRule LandPayIntegration = new("LAND_PAY_INTEGRATION", "TTHC", IndicatorKind.Milestone, Rollup.Stock, cityReportsItself: true);
    public static readonly IndicatorRule DocOnlineProcessing = new("DOC_ONLINE_PROCESSING", "CQS", IndicatorKind.Ratio, Rollup.Flow);
    public static readonly IndicatorRule DigitisedRecords = new("DIGITISED_RECORDS", "CQS", IndicatorKind.Ratio, Rollup.Flow);
    public static readonly IndicatorRule StaffDataTrained = new("STAFF_DATA_TRAINED", "CDCV", IndicatorKind.Ratio, Rollup.Stock);
    public static readonly IndicatorRule InspectionDone = new("INSPECTION_DONE", "CDDH", IndicatorKind.Ratio, Rollup.Stock);

    public static Target Above(decimal threshold) => new(ComparisonOperator.GreaterThan, threshold);
    public static Target AtLeast(decimal threshold, bool aspirational = false) => new(ComparisonOperator.GreaterOrEqual, threshold, aspirational);
    public static Target AtMost(decimal threshold) => new(ComparisonOperator.LessOrEqual, threshold);
    public static Target Done => new(ComparisonOperator.GreaterOrEqual, 1m);

    public static TargetBook Targets { get; } = new(
    [
        new(Year, "PARINDEX_RANK", null, null, AtMost(10m)),
        new(Year, "SIPAS", null, null, AtLeast(86m)),
        new(Year, "ONLINE_DOSSIER", null, null, AtLeast(30m)),
        new(Year, "ONTIME", null, null, Above(99m)),
        new(Year, "LAND_PAY_INTEGRATION", UnitLevel.City, null, Done),
        new(Year, "DOC_ONLINE_PROCESSING", UnitLevel.Department, null, AtLeast(100m)),
        new(Year, "DOC_ONLINE_PROCESSING", UnitLevel.District, null, AtLeast(80m)),
        new(Year, "DOC_ONLINE_PROCESSING", UnitLevel.Commune, null, AtLeast(70m)),
        new(Year, "INSPECTION_DONE", null, null, AtLeast(90m, aspirational: true)),
        // DIGITISED_RECORDS: the plan gives no figure, so there is deliberately no row.
    ]);
}
