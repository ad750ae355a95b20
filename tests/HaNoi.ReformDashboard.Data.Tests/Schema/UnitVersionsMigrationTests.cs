using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace HaNoi.ReformDashboard.Data.Tests.Schema;

/// <summary>A database made before units had versions migrates with every row kept.</summary>
[Collection(PostgresCollection.Name)]
public sealed class UnitVersionsMigrationTests(PostgresServer postgres)
{
    [Fact]
    public async Task A_database_of_the_first_schema_keeps_every_row_and_gains_versions_lineage_and_a_catalogue()
    {
        var connectionString = await postgres.CreateDatabaseAsync("before_versions");
        await using (var db = PostgresServer.CreateContext(connectionString))
            await db.GetService<IMigrator>().MigrateAsync("20261128010855_InitialSchema");

        // Rows as the first schema held them: a ward that merged into another, a per-unit target, a measurement.
        await ExecuteAsync(connectionString, """
            INSERT INTO pillars (code, name_vi, name_en, sort_order) VALUES ('TTHC', 'Cải cách TTHC', 'Procedures', 3), ('TD', 'Tác động', 'Impact', 8);
            INSERT INTO units (id, code, name_vi, name_en, level, parent_id, valid_from, valid_to, successor_id) OVERRIDING SYSTEM VALUE VALUES
              (1, 'HN', 'Thành phố Hà Nội', 'Hanoi City', 'city', NULL, '2022-01-01', NULL, NULL),
              (2, '001', 'Quận Ba Đình', 'Ba Dinh District', 'district', 1, '2022-01-01', NULL, NULL),
              (4, '00016', 'Phường Ngọc Hà', 'Ngoc Ha Ward', 'commune', 2, '2022-01-01', NULL, NULL),
              (3, '00006', 'Phường Vĩnh Phúc', 'Vinh Phuc Ward', 'commune', 2, '2022-01-01', '2022-06-30', 4);
            SELECT setval(pg_get_serial_sequence('units', 'id'), 4);
            INSERT INTO indicators (id, code, pillar_code, name_vi, name_en, definition_vi, data_source, owner, kind, rollup, frequency, levels, tolerance) OVERRIDING SYSTEM VALUE VALUES
              (1, 'ONTIME', 'TTHC', 'Hồ sơ đúng hạn', 'On time', '', '', '', 'ratio', 'flow', 'monthly', '{department,district,commune}', 5),
              (2, 'SIPAS', 'TD', 'SIPAS', 'SIPAS', '', '', '', 'value', 'stock', 'annual', '{city}', 4);
            INSERT INTO plan_years (year, title_vi, title_en) VALUES (2022, 'Kế hoạch 2022', 'Plan 2022');
            INSERT INTO targets (plan_year, indicator_id, level, unit_id, operator, threshold, aspirational, source_vi) VALUES
              (2022, 1, NULL, NULL, '>', 99, false, 'Trên 99%'), (2022, 1, NULL, 4, '>=', 98, false, 'riêng');
            INSERT INTO measurements (unit_id, indicator_id, period, numerator, denominator, value, revision, is_current, source, recorded_by, recorded_at) VALUES
              (3, 1, '2022-03-01', 95, 100, NULL, 1, true, 'f.csv', 'seed', now()),
              (4, 1, '2022-03-01', 990, 1000, NULL, 1, false, 'f.csv', 'seed', now()),
              (4, 1, '2022-03-01', 995, 1000, NULL, 2, true, 'g.csv', 'staff', now());
            """);

        await using (var db = PostgresServer.CreateContext(connectionString))
            await db.Database.MigrateAsync();

        (await QueryAsync(connectionString, "SELECT count(*) FROM measurements WHERE unit_id IN (3, 4)")).Should().Equal("3");
        (await QueryAsync(connectionString, "SELECT u.id || ' ' || u.key || ' ' || v.code || ' ' || v.name_vi || ' ' || v.level || ' ' || coalesce(v.parent_id::text, '-') || ' ' || coalesce(v.valid_to::text, '-') FROM units u JOIN unit_versions v ON v.unit_id = u.id ORDER BY u.id"))
            .Should().Equal(
                "1 HN HN Thành phố Hà Nội city - -",
                "2 001 001 Quận Ba Đình district 1 -",
                "3 00006 00006 Phường Vĩnh Phúc commune 2 2022-06-30",
                "4 00016 00016 Phường Ngọc Hà commune 2 -");
        (await QueryAsync(connectionString, "SELECT predecessor_id || ' ' || successor_id || ' ' || kind || ' ' || effective_on FROM unit_lineage"))
            .Should().Equal("3 4 merged_into 2022-07-01");
        (await QueryAsync(connectionString, "SELECT code || ' ' || city_figure FROM indicators ORDER BY id"))
            .Should().Equal("ONTIME sum_of_units", "SIPAS own_report");
        (await QueryAsync(connectionString, "SELECT plan_year || ' ' || indicator_id || ' ' || array_to_string(levels, ';') || ' ' || tolerance::float8 || ' ' || coalesce(headline_order::text, '-') FROM plan_year_indicators ORDER BY indicator_id"))
            .Should().Equal("2022 1 department;district;commune 5 3", "2022 2 city 4 2");
        (await QueryAsync(connectionString, "SELECT coalesce(unit_id::text, '-') || ' ' || threshold::float8 FROM targets ORDER BY id"))
            .Should().Equal("- 99", "4 98");
        (await QueryAsync(connectionString, "SELECT predecessor_id::text FROM unit_merged_predecessors WHERE unit_id = 4")).Should().Equal("3");
        (await QueryAsync(connectionString, "SELECT code FROM units_in_force('2022-07-01', '2022-09-30') ORDER BY code COLLATE \"C\"")).Should().Equal("00016", "001", "HN");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> QueryAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync()) rows.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        return rows;
    }
}
