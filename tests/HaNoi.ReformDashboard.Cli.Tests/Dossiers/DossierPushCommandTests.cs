using HaNoi.ReformDashboard.Cli.Tests.Infrastructure;
using HaNoi.ReformDashboard.Data.Dossiers;
using HaNoi.ReformDashboard.Testing;
using Npgsql;

namespace HaNoi.ReformDashboard.Cli.Tests.Dossiers;

/// <summary><c>reform dossiers import</c> of JSON Lines and <c>reform dossiers api-key</c>.</summary>
[Collection(CliPostgresCollection.Name)]
public sealed class DossierPushCommandTests(PostgresServer postgres)
{
    private static async Task<List<string>> ReadAsync(string cs, string sql)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync()) rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i)))));
        return rows;
    }

    [Fact]
    public async Task A_JSON_Lines_file_imports_like_a_CSV_file()
    {
        var cs = await DemoDatabase.CopyAsync(postgres, "cli_jsonl_");
        var env = new Dictionary<string, string> { ["ConnectionStrings__Reform"] = cs };
        var path = Path.Combine(postgres.TempRoot, Guid.NewGuid().ToString("N")[..8] + "-dossiers.jsonl");
        await using (var file = File.Create(path))
            DossierJsonLines.Write(file, DossierGenerator.Generate([new("002", "district"), new("00037", "commune")], ProcedureCatalogue.Read(RepositoryPaths.SeedData), 2022, 150, seed: 5));

        var imported = await CliProcess.RunAsync(env, null, "dossiers", "import", "--file", path);

        imported.ExitCode.Should().Be(0, imported.Error);
        imported.Output.Should().Contain("150 new dossiers, 0 updated, 0 unchanged, 0 older records arriving late");
        (await ReadAsync(cs, "SELECT count(*) FROM dossiers")).Should().Equal("150");
    }

    [Fact]
    public async Task An_api_key_is_printed_once_kept_hashed_listed_and_revoked_with_audit_entries()
    {
        var cs = await DemoDatabase.CopyAsync(postgres, "cli_api_key_");
        var env = new Dictionary<string, string> { ["ConnectionStrings__Reform"] = cs };

        var created = await CliProcess.RunAsync(env, null, "dossiers", "api-key", "create", "--name", "mot-cua");
        var taken = await CliProcess.RunAsync(env, null, "dossiers", "api-key", "create", "--name", "mot-cua");
        var listed = await CliProcess.RunAsync(env, null, "dossiers", "api-key", "list");
        var revoked = await CliProcess.RunAsync(env, null, "dossiers", "api-key", "revoke", "--name", "mot-cua");
        var again = await CliProcess.RunAsync(env, null, "dossiers", "api-key", "revoke", "--name", "mot-cua");
        var listedAfter = await CliProcess.RunAsync(env, null, "dossiers", "api-key", "list");

        created.ExitCode.Should().Be(0, created.Error);
        var key = created.Output.Trim();
        key.Should().StartWith("rdk_").And.HaveLength(4 + 43, "32 random bytes in base64url");
        (await ReadAsync(cs, "SELECT key_hash, prefix FROM dossier_api_keys")).Should().Equal($"{DossierApiKeys.Hash(key)}|{key[..10]}");
        taken.ExitCode.Should().Be(2);
        listed.Output.Should().StartWith($"mot-cua\t{key[..10]}…\t").And.Contain("\tactive");
        revoked.ExitCode.Should().Be(0, revoked.Error);
        again.ExitCode.Should().Be(2);
        listedAfter.Output.Should().Contain("\trevoked ");
        (await ReadAsync(cs, "SELECT action, entity_key FROM audit_log WHERE action LIKE 'dossiers.api-key.%' ORDER BY id"))
            .Should().Equal("dossiers.api-key.create|mot-cua", "dossiers.api-key.revoke|mot-cua");
    }
}
