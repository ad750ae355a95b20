using System.Text;
using ClosedXML.Excel;
using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Seed;
using HaNoi.ReformDashboard.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;
using HaNoi.ReformDashboard.Data.Messages;

namespace HaNoi.ReformDashboard.Data.Import;

/// <summary>
/// The file staff fill in: a sheet "Số liệu" with the measurement columns (frozen header, one example row, dropdowns),
/// a sheet "Danh mục" listing the units in force this month and the plan year's indicators, and the same as CSV.
/// </summary>
public static class ImportTemplate
{
    public const string CatalogueSheet = "Danh mục";
    private const int Rows = 2000;

    public static string Csv(DateOnly month) =>
        // The example is a figure the monthly file always decides (not one counted from dossiers).
        string.Join(",", MeasurementReader.Columns) + "\r\n" + $"SNV,FEEDBACK_HANDLED,{month.AddMonths(-1):yyyy-MM},191,192,\r\n";

    public static async Task<byte[]> WorkbookAsync(ReformDbContext db, DateOnly today, CancellationToken ct = default)
    {
        var first = new DateOnly(today.Year, today.Month, 1);
        // The units in force this month, by the one rule (the one read, CatalogueUnits), by level code then code.
        var units = (await CatalogueUnits.InForceAsync(db, first, first.AddMonths(1).AddDays(-1), ct))
            .Select(u => u.Info).OrderBy(u => u.Level.ToCode(), StringComparer.Ordinal).ToList();
        var planYear = await db.PlanYears.Where(p => p.Year <= today.Year).OrderByDescending(p => p.Year).Select(p => p.Year).FirstOrDefaultAsync(ct);
        var indicators = await CatalogueIndicators.ForPlanYearAsync(db, planYear, ct);

        var derivedCodes = Dossiers.DossierIndicators.Codes.ToList();
        var derivedNames = await db.Indicators.Where(i => derivedCodes.Contains(i.Code)).ToDictionaryAsync(i => i.Code, i => i.NameVi, ct);

        using var workbook = new XLWorkbook();
        var data = workbook.Worksheets.Add(ImportFileReader.SheetName);
        var catalogue = workbook.Worksheets.Add(CatalogueSheet);
        // The template is the Vietnamese staff's form: its notes are the Vietnamese wording of each column.
        string[] notes = ["TemplateNoteUnit", "TemplateNoteIndicator", "TemplateNotePeriod", "TemplateNoteNumerator", "TemplateNoteDenominator", "TemplateNoteValue"];
        for (var c = 0; c < MeasurementReader.Columns.Length; c++)
        {
            data.Cell(1, c + 1).Value = MeasurementReader.Columns[c];
            data.Cell(1, c + 1).Style.Font.Bold = true;
            data.Column(c + 1).Width = c < 3 ? 18 : 14;
        }
        // Codes and periods stay text: Excel would turn 00016 into 16 and 2025-08 into a date.
        data.Range(2, 1, Rows, 3).Style.NumberFormat.Format = "@";
        data.SheetView.FreezeRows(1);
        // The example row is a valid one: a ratio indicator and a unit at a level that reports it; not one counted from
        // dossiers, whose row the import refuses once the unit has dossiers for the month.
        var example = indicators.Where(i => i.Kind == IndicatorKind.Ratio).OrderBy(i => Dossiers.DossierIndicators.IsDerived(i.Code)).FirstOrDefault();
        data.Cell(2, 1).SetValue(units.FirstOrDefault(u => example is not null && example.Levels.Contains(u.Level))?.Code ?? "");
        data.Cell(2, 2).SetValue(example?.Code ?? "");
        data.Cell(2, 3).SetValue(first.AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));
        data.Cell(2, 4).Value = 191;
        data.Cell(2, 5).Value = 192;
        for (var c = 0; c < notes.Length; c++) data.Cell(4 + c, 8).Value = $"{MeasurementReader.Columns[c]}: {DataText.Get(notes[c]).Vi}";
        data.Cell(3, 8).Value = DataText.Get("TemplateGuide").Vi;
        data.Cell(5 + notes.Length, 8).Value = DerivedNote(derivedNames);
        data.Column(8).Width = 90;

        string[] unitHeader = ["code", "name_vi", "level"];
        string[] indicatorHeader = ["code", "name_vi", "kind", "levels"];
        for (var c = 0; c < unitHeader.Length; c++) catalogue.Cell(1, c + 1).Value = unitHeader[c];
        for (var c = 0; c < indicatorHeader.Length; c++) catalogue.Cell(1, c + 5).Value = indicatorHeader[c];
        catalogue.Row(1).Style.Font.Bold = true;
        for (var i = 0; i < units.Count; i++)
        {
            catalogue.Cell(i + 2, 1).SetValue(units[i].Code);
            catalogue.Cell(i + 2, 2).SetValue(units[i].NameVi);
            catalogue.Cell(i + 2, 3).SetValue(units[i].Level.ToCode());
        }
        for (var i = 0; i < indicators.Count; i++)
        {
            catalogue.Cell(i + 2, 5).SetValue(indicators[i].Code);
            catalogue.Cell(i + 2, 6).SetValue(indicators[i].NameVi);
            catalogue.Cell(i + 2, 7).SetValue(indicators[i].Kind.ToCode());
            catalogue.Cell(i + 2, 8).SetValue(string.Join(";", indicators[i].Levels.Select(l => l.ToCode())));
        }
        catalogue.Column(2).Width = 40;
        catalogue.Column(6).Width = 60;
        catalogue.SheetView.FreezeRows(1);
        // Lists point at ranges of the catalogue sheet: an inline list over 255 characters makes Excel repair the file.
        if (units.Count > 0)
            data.Range(2, 1, Rows, 1).SetDataValidation().List(catalogue.Range(2, 1, units.Count + 1, 1));
        if (indicators.Count > 0)
            data.Range(2, 2, Rows, 2).SetDataValidation().List(catalogue.Range(2, 5, indicators.Count + 1, 5));

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>The template's line naming the figures counted from dossiers (issue 20), in the plan's order.</summary>
    public static string DerivedNote(IReadOnlyDictionary<string, string> namesVi) =>
        DataText.Get("TemplateDerivedNote",
            string.Join("; ", Dossiers.DossierIndicators.Codes.Select(c => namesVi.TryGetValue(c, out var name) ? $"{c} ({name})" : c))).Vi;

    public static Encoding CsvEncoding { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
}
