using System.Globalization;
using System.Text;
using System.Xml;
using HaNoi.ReformDashboard.Data.Files;
using HaNoi.ReformDashboard.Data.Messages;
using HaNoi.ReformDashboard.Data.Seed;

namespace HaNoi.ReformDashboard.Data.Import;

/// <summary>
/// Reads the figures sheet of an .xlsx as a stream, row by row: only the cells a file holds cost anything, so a
/// stray cell in XFD1048576 is one cell, refused by its address, not a million rows of sixteen thousand columns.
/// Written over <see cref="WorkbookParts"/> and <see cref="XmlReader"/> rather than a workbook library, because
/// the ones served here unpack the parts themselves and none lets the caller bound what a part unpacks to.
/// </summary>
internal static class WorkbookReader
{
    private const int MaxSharedChars = 16 * 1024 * 1024;
    private const int MaxListed = 10;
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    /// <returns>The table, or null when <paramref name="acceptHeader"/> refused the header (nothing below it is read).</returns>
    public static CsvTable? Read(string fileName, Stream content, ImportOptions options, Func<string[], bool> acceptHeader, Action<int>? rowsRead, CancellationToken ct,
        string sheetName = ImportFileReader.SheetName)
    {
        using var parts = WorkbookParts.Open(content, options);
        var workbookPath = OfficeDocument(parts) ?? "xl/workbook.xml";
        var sheets = Sheets(parts, workbookPath);
        var related = Relationships(parts, workbookPath);
        var named = sheets.FindIndex(s => s.Name.Normalize(NormalizationForm.FormC) == sheetName);
        if (named < 0 && sheets.Count != 1)
        {
            var names = string.Join(", ", sheets.Take(MaxListed).Select(s => s.Name)) + (sheets.Count > MaxListed ? ", …" : "");
            throw new UnreadableFileException(DataText.Get("ThereIsNoSheetSheets", sheetName, names));
        }
        var sheet = sheets[Math.Max(named, 0)];
        if (!related.TryGetValue(sheet.RelationId, out var sheetPart) || !parts.Exists(sheetPart.Path)) throw WorkbookParts.Damaged();
        var dates = DateStyles(parts, related.Values.FirstOrDefault(p => p.Type.EndsWith("/styles", StringComparison.Ordinal)).Path);
        var strings = SharedStrings(parts, related.Values.FirstOrDefault(p => p.Type.EndsWith("/sharedStrings", StringComparison.Ordinal)).Path, options, ct);
        return new SheetReader(fileName, sheet.Name, options, dates, strings, rowsRead, ct).Read(parts.Read(sheetPart.Path), acceptHeader);
    }

    private readonly record struct Sheet(string Name, string RelationId);

    private readonly record struct Related(string Type, string Path);

    private static List<Sheet> Sheets(WorkbookParts parts, string workbookPath)
    {
        var sheets = new List<Sheet>();
        using var xml = parts.Read(workbookPath);
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "sheet") continue;
            var id = Attribute(xml, "id", RelationshipsNamespace);
            if (id is null) throw WorkbookParts.Damaged();
            sheets.Add(new Sheet(xml.GetAttribute("name") ?? "", id));
        }
        return sheets;
    }

    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>The relationship attribute, in the transitional namespace or the strict one.</summary>
    private static string? Attribute(XmlReader xml, string localName, string ns) =>
        xml.GetAttribute(localName, ns) ?? xml.GetAttribute(localName, "http://purl.oclc.org/ooxml/officeDocument/relationships");

    /// <summary>A part's relationships by id, each target resolved to a part name.</summary>
    private static Dictionary<string, Related> Relationships(WorkbookParts parts, string source)
    {
        var folder = source.Contains('/') ? source[..(source.LastIndexOf('/') + 1)] : "";
        var relsPath = folder + "_rels/" + source[folder.Length..] + ".rels";
        var result = new Dictionary<string, Related>(StringComparer.Ordinal);
        if (!parts.Exists(relsPath)) return result;
        using var xml = parts.Read(relsPath);
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "Relationship" || xml.GetAttribute("TargetMode") == "External") continue;
            var (id, type, target) = (xml.GetAttribute("Id"), xml.GetAttribute("Type"), xml.GetAttribute("Target"));
            if (id is null || type is null || target is null) continue;
            result.TryAdd(id, new Related(type, Resolve(folder, target)));
        }
        return result;
    }

    /// <summary>The workbook part the package's own relationships name (xl/workbook.xml in every file Excel writes).</summary>
    private static string? OfficeDocument(WorkbookParts parts)
    {
        if (!parts.Exists("_rels/.rels")) return null;
        using var xml = parts.Read("_rels/.rels");
        while (xml.Read())
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "Relationship" && (xml.GetAttribute("Type") ?? "").EndsWith("/officeDocument", StringComparison.Ordinal))
                return Resolve("", xml.GetAttribute("Target") ?? "");
        return null;
    }

    private static string Resolve(string folder, string target)
    {
        var path = target.StartsWith('/') ? target[1..] : folder + target;
        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment == "..") { if (segments.Count > 0) segments.RemoveAt(segments.Count - 1); }
            else if (segment is not ("." or "")) segments.Add(segment);
        }
        return string.Join('/', segments);
    }

    /// <summary>Which cell styles show a number as a date (Excel keeps a typed date as a day number with such a style).</summary>
    private static bool[] DateStyles(WorkbookParts parts, string? path)
    {
        if (path is null || !parts.Exists(path)) return [];
        var formats = new Dictionary<int, string>();
        var styles = new List<bool>();
        using var xml = parts.Read(path);
        var inCellXfs = false;
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "cellXfs") inCellXfs = false;
            if (xml.NodeType != XmlNodeType.Element) continue;
            switch (xml.LocalName)
            {
                case "numFmt" when int.TryParse(xml.GetAttribute("numFmtId"), CultureInfo.InvariantCulture, out var id):
                    formats[id] = xml.GetAttribute("formatCode") ?? "";
                    break;
                case "cellXfs":
                    inCellXfs = !xml.IsEmptyElement;
                    break;
                case "xf" when inCellXfs:
                    var formatId = int.TryParse(xml.GetAttribute("numFmtId"), CultureInfo.InvariantCulture, out var f) ? f : 0;
                    styles.Add(formats.TryGetValue(formatId, out var code) ? ExcelNumberFormat.IsDate(code) : ExcelNumberFormat.IsBuiltInDate(formatId));
                    break;
            }
        }
        return [.. styles];
    }

    /// <summary>The shared-string table, each text normalised to NFC once here rather than at every cell.</summary>
    private static List<string> SharedStrings(WorkbookParts parts, string? path, ImportOptions options, CancellationToken ct)
    {
        var strings = new List<string>();
        if (path is null || !parts.Exists(path)) return strings;
        using var xml = parts.Read(path);
        long chars = 0;
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "si") continue;
            if (strings.Count >= options.MaxSharedStrings || chars > MaxSharedChars)
                throw new UnreadableFileException(
                    DataText.Get("TheWorkbookHoldsMoreThan", WorkbookParts.Count(strings.Count, Vi), WorkbookParts.Count(strings.Count, null)));
            if ((strings.Count & 0xFFF) == 0) ct.ThrowIfCancellationRequested();
            var text = RichText(xml).Normalize(NormalizationForm.FormC);
            chars += text.Length;
            strings.Add(text);
        }
        return strings;
    }

    /// <summary>The text of an &lt;si&gt; or &lt;is&gt; element: its &lt;t&gt; runs, without phonetic hints; leaves the reader on its end.</summary>
    internal static string RichText(XmlReader xml)
    {
        if (xml.IsEmptyElement) return "";
        var depth = xml.Depth;
        string? single = null;
        StringBuilder? joined = null;
        var phonetic = 0;
        while (xml.Read() && xml.Depth > depth)
        {
            if (xml.LocalName == "rPh") { if (xml.NodeType == XmlNodeType.Element && !xml.IsEmptyElement) phonetic++; else if (xml.NodeType == XmlNodeType.EndElement) phonetic--; continue; }
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "t" || phonetic > 0) continue;
            var run = InnerText(xml);
            if (single is null && joined is null) single = run;
            else (joined ??= new StringBuilder(single)).Append(run);
        }
        return joined?.ToString() ?? single ?? "";
    }

    /// <summary>The text inside the current element; leaves the reader on its end element.</summary>
    internal static string InnerText(XmlReader xml)
    {
        if (xml.IsEmptyElement) return "";
        var depth = xml.Depth;
        string? single = null;
        StringBuilder? joined = null;
        while (xml.Read() && xml.Depth > depth)
        {
            if (xml.NodeType is not (XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace)) continue;
            if (single is null && joined is null) single = xml.Value;
            else (joined ??= new StringBuilder(single)).Append(xml.Value);
        }
        return joined?.ToString() ?? single ?? "";
    }

    /// <summary>One pass over a sheet's rows: the header first (a refused header stops the reading), then the data rows.</summary>
    private sealed class SheetReader(string fileName, string sheetName, ImportOptions options, bool[] dates, List<string> strings, Action<int>? rowsRead, CancellationToken ct)
    {
        private readonly string?[] _cells = new string?[options.MaxColumns];
        private readonly bool[] _formula = new bool[options.MaxColumns];
        private readonly List<CsvRow> _rows = [];
        private readonly List<string> _merged = [];
        private string[]? _header;
        private int _rowNumber, _lastColumn, _filled;

        public CsvTable? Read(XmlReader xml, Func<string[], bool> acceptHeader)
        {
            using (xml)
            {
                // Names compared by reference (atomised in the reader's name table): the loop runs for every node of the sheet.
                var names = new Names(xml.NameTable);
                while (xml.Read())
                {
                    var name = xml.LocalName;
                    if (xml.NodeType == XmlNodeType.EndElement)
                    {
                        if (ReferenceEquals(name, names.Row) && !EndRow(acceptHeader)) return null;
                        continue;
                    }
                    if (xml.NodeType != XmlNodeType.Element) continue;
                    if (ReferenceEquals(name, names.Cell)) Cell(xml, names);
                    else if (ReferenceEquals(name, names.Row))
                    {
                        StartRow(xml);
                        if (xml.IsEmptyElement && !EndRow(acceptHeader)) return null;
                    }
                    else if (ReferenceEquals(name, names.MergeCell)) _merged.Add(xml.GetAttribute("ref") ?? "?");
                }
            }
            if (_merged.Count > 0)
            {
                var listed = string.Join(", ", _merged.Take(MaxListed)) + (_merged.Count > MaxListed ? ", …" : "");
                throw new UnreadableFileException(DataText.Get("TheSheetHasMergedCells", sheetName, listed));
            }
            if (_header is null && _rows.Count == 0) throw new UnreadableFileException(DataText.Get("TheFileIsEmpty"));
            if (_header is null && !acceptHeader([])) return null;
            rowsRead?.Invoke(_rows.Count);
            return new CsvTable { FileName = fileName, Header = _header ?? [], Rows = _rows };
        }

        private sealed class Names(XmlNameTable table)
        {
            public readonly string Row = table.Add("row"), Cell = table.Add("c"), MergeCell = table.Add("mergeCell"),
                Reference = table.Add("r"), Type = table.Add("t"), Style = table.Add("s"),
                Formula = table.Add("f"), Value = table.Add("v"), Inline = table.Add("is");
        }

        private void StartRow(XmlReader xml)
        {
            ct.ThrowIfCancellationRequested();
            var number = int.TryParse(xml.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : _rowNumber + 1;
            // Rows come in order in every workbook Excel writes; numbers that repeat or go back would let a file repeat rows forever.
            if (number <= _rowNumber) throw WorkbookParts.Damaged();
            _rowNumber = number;
            (_lastColumn, _filled) = (0, 0);
            Array.Clear(_cells);
            Array.Clear(_formula);
        }

        private void Cell(XmlReader xml, Names names)
        {
            var (reference, type, style) = (default(string), default(string), 0);
            var empty = xml.IsEmptyElement;
            if (xml.MoveToFirstAttribute())
            {
                do
                {
                    var name = xml.LocalName;
                    if (ReferenceEquals(name, names.Reference)) reference = xml.Value;
                    else if (ReferenceEquals(name, names.Type)) type = xml.Value;
                    else if (ReferenceEquals(name, names.Style)) style = int.TryParse(xml.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var st) ? st : 0;
                }
                while (xml.MoveToNextAttribute());
                xml.MoveToElement();
            }
            var column = reference is null ? _lastColumn + 1 : ColumnOf(reference);
            if (column <= _lastColumn) throw WorkbookParts.Damaged();
            _lastColumn = column;
            var (raw, inline, formula) = (default(string), default(string), false);
            if (!empty)
            {
                var depth = xml.Depth;
                while (xml.Read() && xml.Depth > depth)
                {
                    if (xml.NodeType != XmlNodeType.Element) continue;
                    var name = xml.LocalName;
                    if (ReferenceEquals(name, names.Value)) raw = InnerText(xml);
                    else if (ReferenceEquals(name, names.Formula)) { formula = true; InnerText(xml); }
                    else if (ReferenceEquals(name, names.Inline)) inline = RichText(xml);
                }
            }
            var text = Text(type, raw, inline, style);
            if (text.Length == 0) return;
            if (column > options.MaxColumns)
                throw new UnreadableFileException(
                    DataText.Get("CellLiesBeyondTheFirst", Address(reference, column), options.MaxColumns, MeasurementReader.Columns.Length));
            if (_rowNumber - 1 > options.MaxRows)
                throw TooManyRows(Address(reference, column));
            _cells[column - 1] = text;
            _formula[column - 1] = formula;
            _filled++;
        }

        private bool EndRow(Func<string[], bool> acceptHeader)
        {
            if (_rowNumber == 1)
            {
                var width = Array.FindLastIndex(_cells, c => !string.IsNullOrWhiteSpace(c)) + 1;
                _header = _cells.Take(width).Select(c => (c ?? "").Trim().Normalize(NormalizationForm.FormC)).ToArray();
                return acceptHeader(_header);
            }
            if (_filled == 0) return true;
            if (_header is null)
            {
                // No row 1: the header is empty, and the header check says which columns are missing.
                _header = [];
                if (!acceptHeader(_header)) return false;
            }
            if (!AnyValue(_header.Length)) return true;
            if (_rows.Count >= options.MaxRows) throw TooManyRows($"A{_rowNumber}");
            var values = new string[_header.Length];
            HashSet<string>? formulas = null;
            for (var c = 0; c < values.Length; c++)
            {
                values[c] = _cells[c] ?? "";
                if (_formula[c]) (formulas ??= new HashSet<string>(StringComparer.Ordinal)).Add(_header[c]);
            }
            _rows.Add(new CsvRow(fileName, _rowNumber, _header, values) { Formulas = formulas ?? CsvRow.NoFormulas });
            if (_rows.Count % MeasurementReader.ProgressStep == 0) rowsRead?.Invoke(_rows.Count);
            return true;
        }

        private bool AnyValue(int width)
        {
            for (var c = 0; c < width; c++)
                if (!string.IsNullOrWhiteSpace(_cells[c])) return true;
            return false;
        }

        private UnreadableFileException TooManyRows(string cell) => new(
            DataText.Get("TheFileHoldsMoreThan2", WorkbookParts.Count(options.MaxRows, Vi), cell, WorkbookParts.Count(options.MaxRows, null)));

        private string Address(string? reference, int column) => reference ?? ColumnName(column) + _rowNumber.ToString(CultureInfo.InvariantCulture);

        /// <summary>A cell as the text a CSV would hold; a formula by its saved value (never recalculated here).</summary>
        private string Text(string? type, string? raw, string? inline, int style)
        {
            // A styled cell without a value (a formatted empty cell) holds nothing, whatever its type says.
            if (raw is null && type != "inlineStr") return "";
            switch (type)
            {
                case "s":
                    if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= strings.Count) throw WorkbookParts.Damaged();
                    return strings[index];
                case "inlineStr":
                    return (inline ?? "").Normalize(NormalizationForm.FormC);
                case "b":
                    return raw == "1" ? "1" : "0";
                case "d":
                    return DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var when) ? ImportFileReader.Invariant(when, Column) : raw!;
                case "str" or "e":
                    return raw!.Normalize(NormalizationForm.FormC);
            }
            var date = style < dates.Length && dates[style];
            // Most figures are whole counts, which read the same as their text: no double, no decimal, no new string.
            if (!date && IsPlainInteger(raw!)) return raw!;
            if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return raw!;
            if (date && number is >= -657435 and < 2958466)
                return ImportFileReader.Invariant(DateTime.FromOADate(number), Column);
            return ImportFileReader.Invariant(number, Column);
        }

        private static bool IsPlainInteger(string raw) =>
            raw.Length is > 0 and < 16 && (raw.Length == 1 || raw[0] != '0') && raw.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;

        private string Column => _header is { } h && _lastColumn <= h.Length ? h[_lastColumn - 1] : "";
    }

    /// <summary>"AB12" → 28; a reference past XFD (16384) is not a cell of any workbook.</summary>
    internal static int ColumnOf(string reference)
    {
        var column = 0;
        foreach (var ch in reference)
        {
            if (ch is >= 'A' and <= 'Z') column = column * 26 + (ch - 'A' + 1);
            else if (ch is >= 'a' and <= 'z') column = column * 26 + (ch - 'a' + 1);
            else break;
            if (column > 16384) throw WorkbookParts.Damaged();
        }
        if (column == 0) throw WorkbookParts.Damaged();
        return column;
    }

    internal static string ColumnName(int column)
    {
        var name = "";
        for (; column > 0; column = (column - 1) / 26) name = (char)('A' + (column - 1) % 26) + name;
        return name;
    }
}
