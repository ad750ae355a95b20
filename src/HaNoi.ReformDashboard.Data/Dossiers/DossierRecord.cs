namespace HaNoi.ReformDashboard.Data.Dossiers;

/// <summary>One checked row of a dossier file (docs/dossiers.md), its unit resolved to the unit in force on the received date.</summary>
public sealed record DossierRecord(
    string DossierCode, string ProcedureCode, string FieldCode, int UnitId,
    DateTimeOffset ReceivedAt, DateTimeOffset? DueAt, DateTimeOffset? FinishedAt, DateTimeOffset? ReturnedAt,
    string Status, string Channel, int SupplementRequests, int SupplementDays,
    bool FeeRequired, bool PaidOnline, bool Digitised, bool EResult, bool ReusedData, bool SyncedNational,
    DateTimeOffset UpdatedAt)
{
    public static readonly string[] Statuses = ["received", "in_progress", "supplement_requested", "finished", "returned", "refused", "withdrawn"];
    /// <summary>Statuses of a dossier whose processing has ended: they carry a finished time, the open ones none.</summary>
    public static readonly string[] EndedStatuses = ["finished", "returned", "refused", "withdrawn"];
    public static readonly string[] Channels = ["direct", "online", "postal"];
}
