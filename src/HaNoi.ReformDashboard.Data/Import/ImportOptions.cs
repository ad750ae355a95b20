namespace HaNoi.ReformDashboard.Data.Import;

/// <summary>Configuration section <c>Import</c>.</summary>
public sealed class ImportOptions
{
    public const string Section = "Import";

    /// <summary>Larger files are refused before a byte is read.</summary>
    public long MaxFileBytes { get; set; } = 20 * 1024 * 1024;
}
