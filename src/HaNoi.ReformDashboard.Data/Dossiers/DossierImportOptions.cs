namespace HaNoi.ReformDashboard.Data.Dossiers;

/// <summary>
/// Configuration section <c>Dossiers</c>: the limits of a dossier file. The file is read as a stream, twice (checked
/// whole, then copied), so memory grows with the number of dossier codes only, never with the file.
/// </summary>
public sealed class DossierImportOptions
{
    public const string Section = "Dossiers";

    /// <summary>Larger files are refused before a byte is read.</summary>
    public long MaxFileBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Data rows (below the header); a file with more is refused at the first row past it.</summary>
    public int MaxRows { get; set; } = 5_000_000;

    /// <summary>Problems listed one by one; past it they are only counted (a wrong file can have a problem on every row).</summary>
    public int MaxErrorsListed { get; set; } = 1_000;
}
