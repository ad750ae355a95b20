using System.Text;
using HaNoi.ReformDashboard.Data.Dossiers;
using HaNoi.ReformDashboard.Data.Files;
using HaNoi.ReformDashboard.Data.Import;
using HaNoi.ReformDashboard.Data.Seed;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Testing;
using Npgsql;

namespace HaNoi.ReformDashboard.Data.Tests.Dossiers;

/// <summary>
/// A database of its own per test: the demo catalogue (units, procedures) without the demo figures, the ward 00006
/// ended on 30 June 2022, and dossier partitions for 2022 only.
/// </summary>
internal static class DossierDatabase
{
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);

    public static async Task<string> CreateAsync(PostgresServer postgres)
    {
        var folder = RepositoryPaths.CopySeedData(postgres.TempRoot);
        File.Delete(Path.Combine(folder, "measurements-2022.csv"));
        var units = Path.Combine(folder, "units.csv");
        File.WriteAllLines(units, File.ReadAllLines(units).Select(l => l.StartsWith("00006,", StringComparison.Ordinal) ? l.Replace(",2022-01-01,,", ",2022-01-01,2022-06-30,") : l));
        var cs = await postgres.CreateDatabaseAsync("dossiers_" + Guid.NewGuid().ToString("N")[..10]);
        await using (var db = PostgresServer.CreateContext(cs))
        {
            await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.MigrateAsync(db.Database);
            await SeedLoader.LoadAsync(db, folder);
        }
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await DossierPartitions.EnsureAsync(connection, new DateOnly(2022, 1, 1), new DateOnly(2022, 12, 1));
        return cs;
    }

    public const string Header = "dossier_code,procedure_code,field_code,unit_code,received_at,due_at,finished_at,returned_at,status,channel,supplement_requests,supplement_days,fee_required,paid_online,digitised,e_result,reused_data,synced_national,updated_at";

    /// <summary>A valid row: a birth registration (1.001193, field HT) at the ward 00001, received 5 March 2022, finished and returned the next day.</summary>
    public static Dictionary<string, string> Row(string code = "HS-0001") => new()
    {
        ["dossier_code"] = code, ["procedure_code"] = "1.001193", ["field_code"] = "HT", ["unit_code"] = "00001",
        ["received_at"] = "2022-03-07T09:30:00+07:00", ["due_at"] = "2022-03-08T09:30:00+07:00", ["finished_at"] = "2022-03-08T08:00:00+07:00",
        ["returned_at"] = "2022-03-08T10:00:00+07:00", ["status"] = "returned", ["channel"] = "online", ["supplement_requests"] = "0",
        ["supplement_days"] = "0", ["fee_required"] = "false", ["paid_online"] = "false", ["digitised"] = "true", ["e_result"] = "true",
        ["reused_data"] = "false", ["synced_national"] = "true", ["updated_at"] = "2022-03-08T10:05:00+07:00",
    };

    public static byte[] Csv(IEnumerable<Dictionary<string, string>> rows, string header = Header) =>
        Encoding.UTF8.GetBytes(string.Join("\n", [header, .. rows.Select(r => string.Join(',', header.Split(',').Select(c => CsvText.Escape(r.GetValueOrDefault(c, "")))))]) + "\n");

    public static async Task<DossierCheck> CheckAsync(string cs, byte[] content, DossierImportOptions? options = null, string name = "dossiers.csv")
    {
        await using var db = PostgresServer.CreateContext(cs);
        return await DossierImport.CheckAsync(db, name, new MemoryStream(content), options ?? new DossierImportOptions(), Now);
    }

    /// <summary>Checks and, when valid, commits; a refused file throws with its first problem.</summary>
    public static async Task<DossierImportResult> ImportAsync(string cs, byte[] content, string name = "dossiers.csv")
    {
        await using var db = PostgresServer.CreateContext(cs);
        var stream = new MemoryStream(content);
        var options = new DossierImportOptions();
        var check = await DossierImport.CheckAsync(db, name, stream, options, Now);
        if (!check.IsValid) throw new ImportRefusedException(check.Errors[0].MessageVi, check.Errors[0].ToString());
        return await DossierImport.CommitAsync(db, check, stream, options, "staff@hanoi", Now);
    }

    public static async Task<long> CountAsync(string cs, string sql)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public static async Task<List<string>> ReadAsync(string cs, string sql)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        return rows;
    }

    /// <summary>The one row of counts a query returns.</summary>
    public static async Task<long[]> ReadRowAsync(string cs, string sql)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToInt64(reader.GetValue(i))).ToArray();
    }
}
