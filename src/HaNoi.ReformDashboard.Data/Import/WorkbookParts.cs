using System.Globalization;
using System.IO.Compression;
using System.Xml;
using HaNoi.ReformDashboard.Data.Messages;

namespace HaNoi.ReformDashboard.Data.Import;

/// <summary>
/// The parts of an .xlsx (a zip archive), checked before any is unpacked: all parts together may unpack to
/// <see cref="ImportOptions.MaxUnpackedBytes"/>, and a part past its first megabyte may not unpack to more than
/// <see cref="ImportOptions.MaxCompressionRatio"/> times its packed size. The sizes are the ones the archive's directory
/// declares, and they hold: the zip reader never inflates an entry past its declared size (a zip that understates one
/// reads as a truncated, damaged part; a test holds this).
/// </summary>
internal sealed class WorkbookParts : IDisposable
{
    private const long RatioGrace = 1024 * 1024;
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    private static readonly XmlReaderSettings Xml = new()
    {
        // A workbook never holds a DTD: refusing one refuses entity expansion ("billion laughs") before it starts.
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreWhitespace = true,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    private readonly ZipArchive _zip;
    private readonly Dictionary<string, ZipArchiveEntry> _entries;
    private readonly ImportOptions _options;

    private WorkbookParts(ZipArchive zip, ImportOptions options)
    {
        (_zip, _options) = (zip, options);
        _entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in zip.Entries) _entries.TryAdd(entry.FullName, entry);
    }

    /// <summary>Opens the archive and checks what its directory says before any part is unpacked.</summary>
    public static WorkbookParts Open(Stream content, ImportOptions options)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            throw Damaged();
        }
        var parts = new WorkbookParts(zip, options);
        try
        {
            var entries = zip.Entries;
            if (entries.Count > options.MaxWorkbookParts)
            {
                var sheets = entries.Count(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase) && e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase));
                throw new UnreadableFileException(
                    DataText.Get("TheWorkbookHoldsPartsSheets", Count(entries.Count, Vi), Count(sheets, Vi), Count(options.MaxWorkbookParts, Vi), ImportFileReader.SheetName, Count(entries.Count, null), Count(sheets, null), Count(options.MaxWorkbookParts, null)));
            }
            // What the directory declares: an honest bomb is refused here, before any byte is inflated.
            var declared = entries.Sum(e => e.Length);
            if (declared > options.MaxUnpackedBytes) throw parts.TooLarge();
            var bomb = entries.FirstOrDefault(e => e.Length > RatioGrace && e.Length > Math.Max(1, e.CompressedLength) * options.MaxCompressionRatio);
            if (bomb is not null) throw parts.Ratio(bomb.FullName);
            return parts;
        }
        catch
        {
            parts.Dispose();
            throw;
        }
    }

    public bool Exists(string path) => _entries.ContainsKey(path);

    /// <summary>A forward-only reader over one part, without DTDs.</summary>
    public XmlReader Read(string path)
    {
        if (!_entries.TryGetValue(path, out var entry)) throw Damaged();
        Stream stream;
        try
        {
            stream = entry.Open();
        }
        catch (InvalidDataException)
        {
            throw Damaged();
        }
        return XmlReader.Create(stream, Xml);
    }

    public void Dispose() => _zip.Dispose();

    private UnreadableFileException TooLarge() => new(
        DataText.Get("TheWorkbookUnpacksToMore", Megabytes(_options.MaxUnpackedBytes, Vi), Megabytes(_options.MaxUnpackedBytes, CultureInfo.InvariantCulture)));

    private UnreadableFileException Ratio(string part) => new(
        DataText.Get("TheWorkbookPartIsCompressed", part, _options.MaxCompressionRatio));

    public static UnreadableFileException Damaged() => new(DataText.Get("TheXlsxFileIsDamaged"));

    internal static string Count(long n, CultureInfo? culture) => n.ToString("N0", culture ?? CultureInfo.InvariantCulture);

    private static string Megabytes(long bytes, CultureInfo culture) => (bytes / 1048576.0).ToString("0.#", culture);
}
