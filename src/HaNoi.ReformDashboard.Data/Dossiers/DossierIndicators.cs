namespace HaNoi.ReformDashboard.Data.Dossiers;

/// <summary>
/// The plan's indicators counted from dossier records (docs/dossiers.md, docs/scoring.md): once a unit has dossiers for a
/// month, these figures of that unit and month come from the dossiers alone.
/// </summary>
public static class DossierIndicators
{
    public const string OnTime = "ONTIME";
    public const string OnlineDossier = "ONLINE_DOSSIER";
    public const string DataReuse = "DATA_REUSE";
    public const string OnlinePayment = "ONLINE_PAYMENT_TX";
    public const string Digitised = "DIGITISED_RECORDS";
    public const string NationalSync = "DVCQG_SYNC";

    /// <summary>The six codes, in the order the plan lists them.</summary>
    public static readonly IReadOnlyList<string> Codes = [OnTime, OnlineDossier, OnlinePayment, Digitised, DataReuse, NationalSync];

    /// <summary>The source recorded on the measurement revisions derived from dossiers.</summary>
    public const string Source = "dossiers";

    public static bool IsDerived(string indicatorCode) => Codes.Contains(indicatorCode, StringComparer.Ordinal);
}
