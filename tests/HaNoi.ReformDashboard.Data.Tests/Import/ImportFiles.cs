using System.Text;
using ClosedXML.Excel;
using HaNoi.ReformDashboard.Data.Import;
using HaNoi.ReformDashboard.Data.Seed;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Testing;
using Npgsql;

namespace HaNoi.ReformDashboard.Data.Tests.Import;

public enum FileFormat { Csv, Xlsx }

/// <summary>Files written by the tests: CSV text as typed, or a workbook written with ClosedXML.</summary>
public static class ImportFiles
{
    public const string Header = "unit_code,indicator_code,period,numerator,denominator,value";

    /// <summary>Rows given as CSV lines; in a workbook each field becomes a cell (a number cell when it reads as one).</summary>
    public static (string Name, byte[] Content) Make(FileFormat format, string header, params string[] lines) => format switch
    {
        FileFormat.Csv => ("figures.csv", Encoding.UTF8.GetBytes(string.Join("\n", [header, .. lines]) + "\n")),
        _ => ("figures.xlsx", Workbook(sheet =>
        {
            var names = header.Split(',');
            foreach (var (line, r) in new[] { header }.Concat(lines).Select((l, i) => (l, i + 1)))
            {
                foreach (var (field, c) in Split(line).Select((f, i) => (f, i + 1)))
                {
                    // Cells as a person types them into the template: codes and periods as text (the template's
                    // text format), "99,5" stays text, 88 is a number.
                    if (r > 1 && c <= names.Length && names[c - 1] is "numerator" or "denominator" or "value" && decimal.TryParse(field, System.Globalization.NumberStyles.Number & ~System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture, out var d))
                        sheet.Cell(r, c).Value = (double)d;
                    else if (field.Length > 0)
                        sheet.Cell(r, c).SetValue(field);
                }
            }
        })),
    };

    public static byte[] Workbook(Action<IXLWorksheet> fill, string sheetName = ImportFileReader.SheetName, Action<XLWorkbook>? more = null)
    {
        using var workbook = new XLWorkbook();
        fill(workbook.Worksheets.Add(sheetName));
        more?.Invoke(workbook);
        using var stream = new MemoryStream();
        // As Excel does: each formula's value is saved beside it (the import reads that cached value).
        workbook.SaveAs(stream, new SaveOptions { EvaluateFormulasBeforeSaving = true });
        return stream.ToArray();
    }

    private static IEnumerable<string> Split(string line)
    {
        // The test lines quote a field only to hold a comma ("1,000").
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var ch in line)
        {
            if (ch == '"') quoted = !quoted;
            else if (ch == ',' && !quoted) { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(ch);
        }
        fields.Add(current.ToString());
        return fields;
    }
}

/// <summary>
/// The restructured-2025 fixture loaded once into a template database; each test that writes gets its own copy
/// (CREATE DATABASE … TEMPLATE), so tests do not see each other's imports.
/// </summary>
public static class ImportDatabases
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _template;
    private static int _copies;

    public static async Task<string> FreshAsync(PostgresServer postgres)
    {
        await Gate.WaitAsync();
        try
        {
            if (_template is null)
            {
                var connectionString = await postgres.CreateDatabaseAsync("import_template");
                await using (var db = PostgresServer.CreateContext(connectionString))
                {
                    await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.MigrateAsync(db.Database);
                    await SeedLoader.LoadAsync(db, RepositoryPaths.Restructured2025);
                }
                NpgsqlConnection.ClearAllPools();
                _template = "import_template";
            }
            var name = $"import_{Interlocked.Increment(ref _copies)}";
            await using var connection = new NpgsqlConnection(postgres.ScratchConnectionString);
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{_template}\"", connection);
            await create.ExecuteNonQueryAsync();
            return new NpgsqlConnectionStringBuilder(postgres.ScratchConnectionString) { Database = name }.ConnectionString;
        }
        finally
        {
            Gate.Release();
        }
    }
}
