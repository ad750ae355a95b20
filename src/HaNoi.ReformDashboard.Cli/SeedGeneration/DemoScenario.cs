namespace HaNoi.ReformDashboard.Cli.SeedGeneration;

/// <summary>
/// The hand-picked story of the SYNTHETIC 2022 demo figures: which units lag, which unit-months are missing, which
/// denominators are zero, and rough unit sizes. Codes not present in <c>units.csv</c> are simply ignored.
/// Nothing here is a real measurement.
/// </summary>
public static class DemoScenario
{
    /// <summary>Consistently weak units: most indicators at risk or missed, so drill-downs have something to show.</summary>
    public static readonly IReadOnlySet<string> WeakUnits = new SortedSet<string>(StringComparer.Ordinal)
    {
        "STNMT",  // Sở Tài nguyên và Môi trường
        "SXD",    // Sở Xây dựng
        "250",    // Huyện Mê Linh
        "282",    // Huyện Mỹ Đức
        "00067",  // Phường Chương Dương (Hoàn Kiếm)
        "10117",  // Phường Đồng Mai (Hà Đông)
    };

    /// <summary>Units hovering around their targets: many "at risk" statuses.</summary>
    public static readonly IReadOnlySet<string> BorderlineUnits = new SortedSet<string>(StringComparer.Ordinal)
    {
        "SQHKT",  // Sở Quy hoạch - Kiến trúc
        "277",    // Huyện Chương Mỹ
        "09556",  // Phường Hà Cầu (Hà Đông)
    };

    /// <summary>Unit-months with no report at all (no row for any indicator): "no data", never zero.</summary>
    public static readonly IReadOnlyList<(string UnitCode, int Month)> MissingUnitMonths =
    [
        ("SDL", 3),     // Sở Du lịch, 2022-03
        ("272", 8),     // Huyện Phúc Thọ, 2022-08
        ("00043", 5),   // Phường Hàng Mã, 2022-05
        ("09568", 11),  // Phường Phú Lãm, 2022-11
        ("00016", 12),  // Phường Ngọc Hà, 2022-12 (its year-end stock figures fall back to November)
    ];

    /// <summary>Flow rows reported with nothing to count (numerator 0, denominator 0): "no data" for that month.</summary>
    public static readonly IReadOnlyList<(string UnitCode, string IndicatorCode, int Month)> ZeroDenominators =
    [
        ("273", "INSPECTION_REFERRED", 2),  // Huyện Đan Phượng: no post-inspection recommendation in the Tết month
        ("00085", "FEEDBACK_HANDLED", 2),   // Phường Phan Chu Trinh: no feedback received in the Tết month
        ("SNGV", "EID_AT_COUNTER", 6),      // Sở Ngoại vụ: nobody without an e-ID came to the counter
        ("BDT", "ONLINE_PAYMENT_TX", 1),    // Ban Dân tộc: no fee payment that month
        ("10123", "EID_AT_COUNTER", 9),     // Phường Biên Giang: nobody without an e-ID came to the counter
    ];

    /// <summary>Flow ratios that ramp up during the year (new services): early months lower, late months higher.</summary>
    public static readonly IReadOnlySet<string> RampingIndicators = new SortedSet<string>(StringComparer.Ordinal)
    {
        "ONLINE_DOSSIER", "ONLINE_PAYMENT_TX", "DATA_REUSE", "DIGITISED_RECORDS",
    };

    /// <summary>Rough monthly dossier volume of each department (synthetic, ordered by plausible workload).</summary>
    public static readonly IReadOnlyDictionary<string, int> DepartmentMonthlyDossiers = new SortedDictionary<string, int>(StringComparer.Ordinal)
    {
        ["SGTVT"] = 8600, ["STP"] = 5200, ["SKHDT"] = 4300, ["SLDTBXH"] = 2300, ["SCT"] = 1600, ["SYT"] = 1500,
        ["STNMT"] = 1400, ["SXD"] = 950, ["SGDDT"] = 760, ["SNNPTNT"] = 520, ["SNV"] = 450, ["STC"] = 380,
        ["SVHTT"] = 340, ["STTTT"] = 260, ["SQHKT"] = 240, ["SDL"] = 210, ["SKHCN"] = 180, ["VPUBND"] = 150,
        ["SNGV"] = 130, ["TTTP"] = 110, ["BDT"] = 100,
    };

    /// <summary>Approximate population of each district in thousands (2019 census, rounded): scales district volumes.</summary>
    public static readonly IReadOnlyDictionary<string, int> DistrictPopulationThousands = new SortedDictionary<string, int>(StringComparer.Ordinal)
    {
        ["001"] = 221, ["002"] = 135, ["003"] = 160, ["004"] = 322, ["005"] = 292, ["006"] = 371, ["007"] = 303,
        ["008"] = 506, ["009"] = 293, ["016"] = 343, ["017"] = 381, ["018"] = 292, ["019"] = 264, ["020"] = 233,
        ["021"] = 334, ["250"] = 241, ["268"] = 397, ["269"] = 146, ["271"] = 305, ["272"] = 185, ["273"] = 161,
        ["274"] = 256, ["275"] = 200, ["276"] = 207, ["277"] = 337, ["278"] = 210, ["279"] = 255, ["280"] = 208,
        ["281"] = 210, ["282"] = 197,
    };

    /// <summary>Month factor of dossier and document volumes: Tết in February, year-end rush in December.</summary>
    public static readonly IReadOnlyList<double> Seasonality =
        [1.00, 0.70, 1.05, 1.00, 1.00, 1.02, 1.00, 0.97, 1.00, 1.03, 1.05, 1.15];

    public static bool IsMissing(string unitCode, int month) =>
        MissingUnitMonths.Any(g => g.Month == month && string.Equals(g.UnitCode, unitCode, StringComparison.Ordinal));

    public static bool IsZeroDenominator(string unitCode, string indicatorCode, int month) =>
        ZeroDenominators.Any(z => z.Month == month
            && string.Equals(z.UnitCode, unitCode, StringComparison.Ordinal)
            && string.Equals(z.IndicatorCode, indicatorCode, StringComparison.Ordinal));
}
