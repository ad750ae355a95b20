using System.Reflection;
using System.Text.RegularExpressions;
using HaNoi.ReformDashboard.Data.Schema.Sql;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Testing;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Npgsql;

namespace HaNoi.ReformDashboard.Data.Tests.Schema;

/// <summary>
/// Schema/Sql holds the current text of every function, view and trigger (its README): the migrated database and the
/// files cannot drift apart, each current file is run by one migration, and the SQL the docs show is read from the files.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed partial class SqlFilesTests(PostgresServer postgres)
{
    private static readonly List<string> CurrentFiles = SqlFiles.Names.Where(n => !SqlFiles.IsEarlierVersion(n)).ToList();

    [Fact]
    public async Task Every_function_view_and_trigger_of_the_migrated_database_is_created_by_exactly_one_current_file()
    {
        var created = CurrentFiles.SelectMany(f => CreatedObjects(SqlFiles.Read(f)).Select(o => (File: f, Object: o))).ToList();
        created.GroupBy(c => c.Object).Where(g => g.Count() > 1).Should().BeEmpty("an object's current text is in one file");
        CurrentFiles.Should().OnlyContain(f => created.Any(c => c.File == f), "each current file creates something");

        var inDatabase = await QueryAsync(postgres.ScratchConnectionString, """
            SELECT 'function ' || p.proname FROM pg_proc p
            WHERE p.pronamespace = 'public'::regnamespace
              AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.objid = p.oid AND e.deptype = 'e')
            UNION SELECT 'view ' || viewname FROM pg_views WHERE schemaname = 'public'
            UNION SELECT 'trigger ' || tgname FROM pg_trigger WHERE NOT tgisinternal
            """);
        created.Select(c => c.Object).Should().BeEquivalentTo(inDatabase);
    }

    [Fact]
    public async Task Each_current_file_run_again_on_the_migrated_database_changes_no_definition()
    {
        await using var connection = new NpgsqlConnection(postgres.ScratchConnectionString);
        await connection.OpenAsync();
        foreach (var file in CurrentFiles)
        {
            await using var tx = await connection.BeginTransactionAsync();
            var before = await DefinitionsAsync(connection);
            await using (var run = new NpgsqlCommand(SqlFiles.Read(file), connection, tx)) await run.ExecuteNonQueryAsync();
            var after = await DefinitionsAsync(connection);
            await tx.RollbackAsync();

            after.Should().Equal(before, $"{file} is the text the migrations left in the database (pg_get_functiondef, pg_get_viewdef, pg_get_triggerdef)");
        }
    }

    [Fact]
    public void Each_current_file_is_run_by_one_migration_and_each_earlier_version_by_a_migration_too()
    {
        using var db = PostgresServer.CreateContext(postgres.ScratchConnectionString);
        var assembly = db.GetService<IMigrationsAssembly>();
        var runs = assembly.Migrations
            .Select(m => assembly.CreateMigration(m.Value, "Npgsql.EntityFrameworkCore.PostgreSQL"))
            .SelectMany(m => m.UpOperations.Select(o => (Up: true, Op: o)).Concat(m.DownOperations.Select(o => (Up: false, Op: o)))
                .Select(o => (o.Up, Sql: (o.Op as SqlOperation)?.Sql, Migration: m.GetType().Name)))
            .ToList();

        foreach (var file in SqlFiles.Names)
        {
            var text = SqlFiles.Read(file);
            var upBy = runs.Where(r => r.Up && r.Sql == text).Select(r => r.Migration).ToList();
            if (SqlFiles.IsEarlierVersion(file))
                upBy.Should().ContainSingle($"{file} is the text one migration made");
            else
                upBy.Should().ContainSingle($"{file} is the current text, run by the migration that last introduced or changed it")
                    .And.OnlyContain(m => runs.All(r => r.Sql != text || r.Migration == m), $"{file} is run by that migration only");
        }
    }

    [Fact]
    public void Each_sql_block_of_docs_scoring_is_a_verbatim_excerpt_of_a_schema_file_or_a_scorecard_statement()
    {
        var sources = SqlFiles.Names.Where(n => !SqlFiles.IsEarlierVersion(n)).Select(SqlFiles.Read)
            .Concat(typeof(ScorecardSql).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.FieldType == typeof(string)).Select(f => (string)f.GetValue(null)!))
            .Select(Normalise).ToList();
        var markdown = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "scoring.md")).ReplaceLineEndings("\n");
        var blocks = SqlBlock().Matches(markdown).Select(m => m.Groups[1].Value).ToList();

        blocks.Should().NotBeEmpty();
        foreach (var block in blocks)
            sources.Should().Contain(s => s.Contains(Normalise(block)), $"docs/scoring.md shows this SQL as the code runs it:\n{block}");
    }

    /// <summary>Objects a file creates, as "function name", "view name", "trigger name".</summary>
    private static IEnumerable<string> CreatedObjects(string sql) =>
        CreateStatement().Matches(sql).Select(m => $"{m.Groups[1].Value.ToLowerInvariant()} {m.Groups[2].Value}");

    private static async Task<List<string>> DefinitionsAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("""
            SELECT pg_get_functiondef(p.oid) FROM pg_proc p
            WHERE p.pronamespace = 'public'::regnamespace AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.objid = p.oid AND e.deptype = 'e')
            UNION ALL SELECT 'VIEW ' || viewname || ' AS ' || pg_get_viewdef(format('public.%I', viewname)::regclass) FROM pg_views WHERE schemaname = 'public'
            UNION ALL SELECT pg_get_triggerdef(oid) || ' ' || tgenabled::text FROM pg_trigger WHERE NOT tgisinternal
            ORDER BY 1
            """, connection);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }

    private static async Task<List<string>> QueryAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }

    /// <summary>Line endings and trailing spaces aside, the same text.</summary>
    private static string Normalise(string text) =>
        string.Join('\n', text.ReplaceLineEndings("\n").Split('\n').Select(l => l.TrimEnd())).Trim('\n');

    [GeneratedRegex(@"^CREATE\s+(?:OR\s+REPLACE\s+)?(FUNCTION|VIEW|TRIGGER)\s+(\w+)", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex CreateStatement();

    [GeneratedRegex(@"^```sql\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex SqlBlock();
}
