using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace HaNoi.ReformDashboard.Data.Tests.Schema;

/// <summary>Explanations written before they had versions keep their text as the cause and become revisions in the order written.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ExplanationVersionsMigrationTests(PostgresServer postgres)
{
    [Fact]
    public async Task Earlier_explanations_keep_their_text_as_the_cause_and_only_the_latest_of_each_is_current()
    {
        var connectionString = await postgres.CreateDatabaseAsync("before_explanation_versions");
        await using (var db = PostgresServer.CreateContext(connectionString))
            await db.GetService<IMigrator>().MigrateAsync("20261201111249_AuditUnit");
        await ExecuteAsync(connectionString, """
            INSERT INTO pillars (code, name_vi, name_en, sort_order) VALUES ('TTHC', 'Cải cách TTHC', 'Procedures', 3);
            INSERT INTO units (id, key) OVERRIDING SYSTEM VALUE VALUES (1, '268');
            INSERT INTO unit_versions (unit_id, code, name_vi, name_en, level, valid_from) VALUES (1, '268', 'Quận Hà Đông', 'Ha Dong District', 'district', '2022-01-01');
            INSERT INTO indicators (id, code, pillar_code, name_vi, name_en, definition_vi, data_source, owner, kind, rollup, frequency, city_figure) OVERRIDING SYSTEM VALUE VALUES
              (1, 'ONTIME', 'TTHC', 'Hồ sơ đúng hạn', 'On time', '', '', '', 'ratio', 'flow', 'monthly', 'sum_of_units');
            INSERT INTO explanations (unit_id, indicator_id, period, text, author, created_at) VALUES
              (1, 1, '2022-Q3', 'Bản sau: mất điện hai ngày.', 'b', '2022-10-05T08:00:00Z'),
              (1, 1, '2022-Q3', 'Bản đầu: chưa rõ nguyên nhân.', 'a', '2022-10-01T08:00:00Z'),
              (1, 1, '2022-Q4', 'Thiếu cán bộ.', 'c', '2023-01-03T08:00:00Z');
            """);

        await using (var db = PostgresServer.CreateContext(connectionString))
            await db.Database.MigrateAsync();

        (await QueryAsync(connectionString, "SELECT period || ' ' || revision || ' ' || is_current || ' ' || author || ' ' || cause || ' [' || remedy || '] ' || coalesce(expected_by::text, '-') FROM explanations ORDER BY period, revision"))
            .Should().Equal(
                "2022-Q3 1 false a Bản đầu: chưa rõ nguyên nhân. [] -",
                "2022-Q3 2 true b Bản sau: mất điện hai ngày. [] -",
                "2022-Q4 1 true c Thiếu cán bộ. [] -");
        var second = () => ExecuteAsync(connectionString,
            "INSERT INTO explanations (unit_id, indicator_id, period, cause, author, created_at, revision) VALUES (1, 1, '2022-Q4', 'x', 'd', now(), 2)");
        (await second.Should().ThrowAsync<PostgresException>()).Which.ConstraintName.Should().Be("ux_explanations_current", "one version is current");
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
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }
}
