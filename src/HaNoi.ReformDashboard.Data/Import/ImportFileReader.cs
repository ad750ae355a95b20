using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using HaNoi.ReformDashboard.Data.Seed;

namespace HaNoi.ReformDashboard.Data.Import;

/// <summary>
/// Turns an uploaded .csv or .xlsx into the table the measurement checks read. What cannot be read at all
/// (too large, not UTF-8, binary, a workbook under a .csv name, merged cells) is refused with one message.
/// </summary>
public static class ImportFileReader
{
    public const string SheetName = "Số liệu";

    public static bool SizeAllowed(string fileName, long size, ImportOptions options, List<SeedError> errors)
    {
        if (size <= options.MaxFileBytes) return true;
        var (mb, limit) = (size / 1048576.0, options.MaxFileBytes / 1048576.0);
        errors.Add(new SeedError(fileName, 0, "-",
            $"tệp {mb.ToString("0.#", CultureInfo.GetCultureInfo("vi-VN"))} MB vượt giới hạn {limit.ToString("0.#", CultureInfo.GetCultureInfo("vi-VN"))} MB.",
            $"the file of {mb.ToString("0.#", CultureInfo.InvariantCulture)} MB exceeds the limit of {limit.ToString("0.#", CultureInfo.InvariantCulture)} MB."));
        return false;
    }

    /// <param name="rowsRead">Told the number of rows read so far (a workbook is read row by row, a CSV at once).</param>
    public static CsvTable? Read(string fileName, byte[] content, List<SeedError> errors, Action<int>? rowsRead = null)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var zip = content.Length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;
        switch (extension)
        {
            case ".csv" when zip:
                errors.Add(new SeedError(fileName, 0, "-",
                    "tệp có đuôi .csv nhưng là tệp nén (zip, ví dụ một sổ Excel): hãy tải lên tệp .xlsx hoặc lưu lại dưới dạng CSV UTF-8.",
                    "the file is named .csv but is a zip archive (an Excel workbook, for instance): upload it as .xlsx or save it as CSV UTF-8."));
                return null;
            case ".csv":
                var table = CsvTable.TryDecode(fileName, content, errors, out var text) ? CsvTable.Parse(fileName, text, errors) ?? Empty(fileName, errors) : null;
                if (table is not null) rowsRead?.Invoke(table.Rows.Count);
                return table;
            case ".xlsx" when zip:
                return ReadWorkbook(fileName, content, errors, rowsRead);
            case ".xlsx":
                errors.Add(new SeedError(fileName, 0, "-", "tệp .xlsx không đọc được (không phải sổ Excel).", "the .xlsx file cannot be read (it is not an Excel workbook)."));
                return null;
            default:
                errors.Add(new SeedError(fileName, 0, "-", "chỉ nhận tệp .csv (UTF-8) hoặc .xlsx.", "only .csv (UTF-8) or .xlsx files are accepted."));
                return null;
        }
    }

    private static CsvTable? Empty(string fileName, List<SeedError> errors)
    {
        errors.Add(new SeedError(fileName, 0, "-", "tệp trống.", "the file is empty."));
        return null;
    }

    private static CsvTable? ReadWorkbook(string fileName, byte[] content, List<SeedError> errors, Action<int>? rowsRead)
    {
        XLWorkbook workbook;
        try
        {
            workbook = new XLWorkbook(new MemoryStream(content, writable: false));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            errors.Add(new SeedError(fileName, 0, "-", "tệp .xlsx bị hỏng hoặc không phải sổ Excel.", "the .xlsx file is damaged or not an Excel workbook."));
            return null;
        }
        using (workbook)
        {
            var sheets = workbook.Worksheets.ToList();
            var sheet = sheets.FirstOrDefault(s => s.Name.Normalize(NormalizationForm.FormC) == SheetName) ?? (sheets.Count == 1 ? sheets[0] : null);
            if (sheet is null)
            {
                var names = string.Join(", ", sheets.Select(s => s.Name));
                errors.Add(new SeedError(fileName, 0, "-", $"không có trang \"{SheetName}\" (các trang: {names}).", $"there is no sheet \"{SheetName}\" (sheets: {names})."));
                return null;
            }
            // A merged cell stands for several cells with one value: which rows it meant is a guess, so it is refused.
            var merged = sheet.MergedRanges.Select(r => r.RangeAddress.ToString()).ToList();
            if (merged.Count > 0)
            {
                errors.Add(new SeedError(fileName, 0, "-",
                    $"trang \"{sheet.Name}\" có ô gộp ({string.Join(", ", merged)}): hãy bỏ gộp ô.",
                    $"the sheet \"{sheet.Name}\" has merged cells ({string.Join(", ", merged)}): unmerge them."));
                return null;
            }
            var used = sheet.RangeUsed();
            if (used is null) return Empty(fileName, errors);
            var lastColumn = used.LastColumn().ColumnNumber();
            var header = Enumerable.Range(1, lastColumn).Select(c => Text(sheet.Cell(1, c), "").Text.Trim().Normalize(NormalizationForm.FormC)).ToArray();
            while (header.Length > 0 && header[^1].Length == 0) header = header[..^1];
            var rows = new List<CsvRow>();
            foreach (var number in Enumerable.Range(2, Math.Max(0, used.LastRow().RowNumber() - 1)))
            {
                var formulas = new HashSet<string>(StringComparer.Ordinal);
                var values = new string[header.Length];
                for (var c = 0; c < header.Length; c++)
                {
                    var (text, formula) = Text(sheet.Cell(number, c + 1), header[c]);
                    values[c] = text.Normalize(NormalizationForm.FormC);
                    if (formula) formulas.Add(header[c]);
                }
                if (values.All(string.IsNullOrWhiteSpace)) continue;
                rows.Add(new CsvRow(fileName, number, header, values) { Formulas = formulas });
                if (rows.Count % MeasurementReader.ProgressStep == 0) rowsRead?.Invoke(rows.Count);
            }
            rowsRead?.Invoke(rows.Count);
            return new CsvTable { FileName = fileName, Header = header, Rows = rows };
        }
    }

    /// <summary>A cell as the text a CSV would hold; a formula by its cached value (never recalculated here).</summary>
    private static (string Text, bool Formula) Text(IXLCell cell, string column)
    {
        if (cell.HasFormula) return (Invariant(cell.CachedValue, column), true);
        return cell.DataType switch
        {
            XLDataType.Number => (Invariant(cell.GetDouble(), column), false),
            XLDataType.DateTime => (Invariant(cell.GetDateTime(), column), false),
            XLDataType.Boolean => (cell.GetBoolean() ? "1" : "0", false),
            _ => (cell.GetString(), false),
        };
    }

    private static string Invariant(object? value, string column) => value switch
    {
        null => "",
        double d when double.IsFinite(d) && Math.Abs(d) < 7.9e27 => decimal.Parse(d.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        // Excel turns a typed "2022-12" into a date: the period column means its month.
        DateTime t when column == "period" => t.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
