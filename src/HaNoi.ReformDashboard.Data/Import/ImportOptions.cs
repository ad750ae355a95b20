namespace HaNoi.ReformDashboard.Data.Import;

/// <summary>
/// Configuration section <c>Import</c>: the limits that keep reading any file bounded in memory and time.
/// Each is checked while the file is read, so a hostile file is refused at the first byte past a limit.
/// </summary>
public sealed class ImportOptions
{
    public const string Section = "Import";

    /// <summary>Larger files are refused before a byte is read.</summary>
    public long MaxFileBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Data rows (below the header); a file with more is refused.</summary>
    public int MaxRows { get; set; } = 500_000;

    /// <summary>
    /// Columns a row may reach: the template's six and a few more, so a misplaced column is still named by the
    /// header check, while a cell far to the right (XFD) is refused without widening every row to it.
    /// </summary>
    public int MaxColumns { get; set; } = 16;

    /// <summary>What a workbook may unpack to, all its parts together (a legitimate full-size file unpacks to about 150 MB).</summary>
    public long MaxUnpackedBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Unpacked bytes per packed byte of a workbook part past its first megabyte: a zip bomb's ratio is in the thousands.</summary>
    public int MaxCompressionRatio { get; set; } = 100;

    /// <summary>Parts in a workbook (sheets, styles, relationships…): a template has about ten.</summary>
    public int MaxWorkbookParts { get; set; } = 1_000;

    /// <summary>Distinct texts a workbook may list in its shared-string table (every code, period and text cell of the file).</summary>
    public int MaxSharedStrings { get; set; } = 1_000_000;
}
