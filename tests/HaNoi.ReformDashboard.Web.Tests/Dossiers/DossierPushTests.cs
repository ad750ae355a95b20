using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Data.Dossiers;
using HaNoi.ReformDashboard.Testing;
using HaNoi.ReformDashboard.Web.Tests.Security;
using Npgsql;

namespace HaNoi.ReformDashboard.Web.Tests.Dossiers;

/// <summary>The dashboard with single sign-on and the push API's limits set small enough to reach in a test.</summary>
public sealed class DossierPushApp : SingleSignOnApp
{
    public const string SyncClient = "one-stop-sync", SyncSecret = "sync-secret-for-tests", ReportingClient = "reporting", ReportingSecret = "reporting-secret-for-tests";
    public const int MaxBodyBytes = 16 * 1024, PermitLimit = 8;
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() =>
    [
        .. base.ExtraSettings(),
        new("Dossiers:Push:Audience", OidcProvider.ApiAudience),
        new("Dossiers:Push:MaxBodyBytes", MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Dossiers:Push:PermitLimit", PermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Dossiers:Push:Window", Window.ToString()),
    ];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Provider.RegisterMachineClientAsync(SyncClient, SyncSecret, OidcProvider.PushScope);
        await Provider.RegisterMachineClientAsync(ReportingClient, ReportingSecret, OidcProvider.OtherScope);
    }
}

/// <summary>
/// <c>POST /api/dossiers</c> against the real app on Kestrel, its own PostgreSQL, and a real OpenID Connect provider
/// issuing client-credentials tokens. Each test pushes dossier codes of its own, and API-key tests use a key of their own
/// (the rate limit counts per client).
/// </summary>
public sealed class DossierPushTests(DossierPushApp app) : IClassFixture<DossierPushApp>
{
    private const string NdJson = "application/x-ndjson";

    /// <summary>A valid birth registration at the ward 00001 in March 2022 (the demo has the unit, the procedure and the partition).</summary>
    private static Dictionary<string, object?> Dossier(string code) => new()
    {
        ["dossier_code"] = code, ["procedure_code"] = "1.001193", ["field_code"] = "HT", ["unit_code"] = "00001",
        ["received_at"] = "2022-03-07T09:30:00+07:00", ["due_at"] = "2022-03-08T09:30:00+07:00", ["finished_at"] = "2022-03-08T08:00:00+07:00",
        ["returned_at"] = "2022-03-08T10:00:00+07:00", ["status"] = "returned", ["channel"] = "online", ["supplement_requests"] = 0,
        ["supplement_days"] = 0, ["fee_required"] = false, ["paid_online"] = false, ["digitised"] = true, ["e_result"] = true,
        ["reused_data"] = false, ["synced_national"] = true, ["updated_at"] = "2022-03-08T10:05:00+07:00",
    };

    private static string JsonLines(params Dictionary<string, object?>[] rows) => string.Concat(rows.Select(r => JsonSerializer.Serialize(r) + "\n"));

    private static string Csv(params Dictionary<string, object?>[] rows) =>
        string.Join(',', DossierFile.Columns) + "\n" +
        string.Concat(rows.Select(r => string.Join(',', DossierFile.Columns.Select(c => r[c] switch { bool b => b ? "true" : "false", var v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) })) + "\n"));

    private HttpClient Client() => new() { BaseAddress = new Uri(app.BaseUrl) };

    private Task<HttpResponseMessage> PushAsync(string body, string? bearer = null, string? apiKey = null, string? idempotencyKey = null, string mediaType = NdJson, HttpClient? http = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/dossiers") { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (apiKey is not null) request.Headers.Add("X-Api-Key", apiKey);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return (http ?? Client()).SendAsync(request);
    }

    private Task<string> SyncTokenAsync() => app.Provider.ClientCredentialsTokenAsync(DossierPushApp.SyncClient, DossierPushApp.SyncSecret, OidcProvider.PushScope);

    private async Task<string> NewApiKeyAsync(string name)
    {
        await using var db = PostgresServer.CreateContext(app.ConnectionString);
        var (key, _, en) = await DossierApiKeys.CreateAsync(db, name, "test", DateTimeOffset.UtcNow);
        key.Should().NotBeNull(en);
        return key!;
    }

    private async Task<long> CountAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private Task<long> DossiersAsync(string prefix) => CountAsync("SELECT count(*) FROM dossiers WHERE dossier_code LIKE @p", ("p", prefix + "%"));
    private Task<long> BatchesByAsync(string actor) => CountAsync("SELECT count(*) FROM import_batches WHERE kind = 'dossiers' AND imported_by = @a", ("a", actor));
    private Task<long> AuditEntriesByAsync(string actor) => CountAsync("SELECT count(*) FROM audit_log WHERE action = 'dossiers.import' AND actor = @a", ("a", actor));

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        return JsonDocument.Parse(body).RootElement;
    }

    [Fact]
    public async Task A_client_credentials_token_with_the_push_scope_pushes_a_batch_and_the_rows_land_in_dossiers()
    {
        var token = await SyncTokenAsync();
        const string actor = "client:" + DossierPushApp.SyncClient;
        var batchesBefore = await BatchesByAsync(actor);

        using var response = await PushAsync(JsonLines(Dossier("PUSH-TOKEN-1"), Dossier("PUSH-TOKEN-2")), bearer: token);

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var result = await JsonAsync(response);
        (result.GetProperty("rows").GetInt32(), result.GetProperty("new").GetInt32(), result.GetProperty("replaced").GetInt32(),
            result.GetProperty("unchanged").GetInt32(), result.GetProperty("late").GetInt32()).Should().Be((2, 2, 0, 0, 0));
        (await DossiersAsync("PUSH-TOKEN-")).Should().Be(2);
        (await BatchesByAsync(actor)).Should().Be(batchesBefore + 1);
        (await CountAsync("SELECT count(*) FROM audit_log WHERE action = 'dossiers.import' AND actor = @a AND entity_key = @b",
            ("a", actor), ("b", result.GetProperty("batchId").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)))).Should().Be(1);
        // What the batch did to the figures: the revisions it wrote, read back by its batch.
        result.GetProperty("unitMonths").GetInt32().Should().BeGreaterThan(0);
        result.GetProperty("figuresWritten").GetInt32().Should().Be((int)await CountAsync(
            "SELECT count(*) FROM measurements WHERE import_batch_id = @b AND source = 'dossiers'", ("b", result.GetProperty("batchId").GetInt64())));
    }

    [Fact]
    public async Task A_token_without_the_push_scope_is_forbidden_and_writes_nothing()
    {
        var token = await app.Provider.ClientCredentialsTokenAsync(DossierPushApp.ReportingClient, DossierPushApp.ReportingSecret, OidcProvider.OtherScope);

        using var response = await PushAsync(JsonLines(Dossier("PUSH-SCOPE-1")), bearer: token);

        var problem = await ProblemAsync(response, HttpStatusCode.Forbidden);
        problem.GetProperty("detail").GetString().Should().Contain("thiếu phạm vi " + OidcProvider.PushScope).And.Contain("lacks the scope " + OidcProvider.PushScope);
        response.Headers.WwwAuthenticate.ToString().Should().Contain("insufficient_scope");
        (await DossiersAsync("PUSH-SCOPE-")).Should().Be(0);
    }

    [Fact]
    public async Task No_token_or_a_forged_one_is_unauthenticated()
    {
        var forged = await SyncTokenAsync();
        forged = forged[..^4] + (forged[^4..] == "AAAA" ? "BBBB" : "AAAA");

        using var none = await PushAsync(JsonLines(Dossier("PUSH-NONE-1")));
        using var bad = await PushAsync(JsonLines(Dossier("PUSH-NONE-2")), bearer: forged);

        (await ProblemAsync(none, HttpStatusCode.Unauthorized)).GetProperty("detail").GetString().Should().Contain("client credentials");
        (await ProblemAsync(bad, HttpStatusCode.Unauthorized)).GetProperty("detail").GetString().Should().Contain("invalid, expired or revoked");
        (await DossiersAsync("PUSH-NONE-")).Should().Be(0);
    }

    [Fact]
    public async Task A_signed_in_persons_cookie_cannot_push()
    {
        using var browser = await app.HttpClientAsync(Roles.ReformOffice);

        using var response = await PushAsync(JsonLines(Dossier("PUSH-COOKIE-1")), http: browser);

        await ProblemAsync(response, HttpStatusCode.Unauthorized);
        (await DossiersAsync("PUSH-COOKIE-")).Should().Be(0);
    }

    [Fact]
    public async Task An_api_key_pushes_CSV_under_its_name_and_once_revoked_is_refused()
    {
        const string name = "mot-cua-csv";
        var key = await NewApiKeyAsync(name);

        using var pushed = await PushAsync(Csv(Dossier("PUSH-KEY-1")), apiKey: key, mediaType: "text/csv");
        await using (var db = PostgresServer.CreateContext(app.ConnectionString))
            (await DossierApiKeys.RevokeAsync(db, name, "test", DateTimeOffset.UtcNow)).Should().BeTrue();
        using var afterRevoke = await PushAsync(Csv(Dossier("PUSH-KEY-2")), apiKey: key, mediaType: "text/csv");

        pushed.StatusCode.Should().Be(HttpStatusCode.Created, await pushed.Content.ReadAsStringAsync());
        (await BatchesByAsync("api-key:" + name)).Should().Be(1);
        (await AuditEntriesByAsync("api-key:" + name)).Should().Be(1);
        (await CountAsync("SELECT count(*) FROM dossier_api_keys WHERE name = @n AND last_used_at IS NOT NULL", ("n", name))).Should().Be(1);
        await ProblemAsync(afterRevoke, HttpStatusCode.Unauthorized);
        (await DossiersAsync("PUSH-KEY-")).Should().Be(1);
    }

    [Fact]
    public async Task A_body_over_the_cap_is_refused_with_413_whether_its_length_is_declared_or_not()
    {
        var key = await NewApiKeyAsync("mot-cua-big");
        var rows = new List<Dictionary<string, object?>>();
        while (Encoding.UTF8.GetByteCount(JsonLines([.. rows])) <= DossierPushApp.MaxBodyBytes) rows.Add(Dossier($"PUSH-BIG-{rows.Count}"));
        var body = JsonLines([.. rows]);

        using var declared = await PushAsync(body, apiKey: key);
        var unsized = new HttpRequestMessage(HttpMethod.Post, "/api/dossiers") { Content = new StringContent(body, Encoding.UTF8, NdJson) };
        unsized.Headers.Add("X-Api-Key", key);
        unsized.Headers.TransferEncodingChunked = true;
        using var chunked = await Client().SendAsync(unsized);

        (await ProblemAsync(declared, HttpStatusCode.RequestEntityTooLarge)).GetProperty("detail").GetString()
            .Should().Contain($"larger than {DossierPushApp.MaxBodyBytes} bytes");
        await ProblemAsync(chunked, HttpStatusCode.RequestEntityTooLarge);
        (await DossiersAsync("PUSH-BIG-")).Should().Be(0);
    }

    [Fact]
    public async Task A_bad_row_is_refused_with_400_naming_its_line_and_column_in_both_languages_and_another_media_type_with_415()
    {
        var key = await NewApiKeyAsync("mot-cua-bad");
        var bad = Dossier("PUSH-BAD-2");
        bad["unit_code"] = "ZZZ";

        using var response = await PushAsync(JsonLines(Dossier("PUSH-BAD-1"), bad, Dossier("PUSH-BAD-3")), apiKey: key);
        using var notJsonLines = await PushAsync(JsonLines(Dossier("PUSH-BAD-1")), apiKey: key, mediaType: "application/json");

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("errorCount").GetInt32().Should().Be(1);
        var error = problem.GetProperty("errors").EnumerateArray().Should().ContainSingle().Subject;
        (error.GetProperty("row").GetInt32(), error.GetProperty("column").GetString(), error.GetProperty("value").GetString()).Should().Be((2, "unit_code", "ZZZ"));
        error.GetProperty("vi").GetString().Should().Be("đơn vị 'ZZZ' không có trong danh mục đơn vị.");
        error.GetProperty("en").GetString().Should().Be("unit 'ZZZ' is not in the unit catalogue.");
        (await ProblemAsync(notJsonLines, HttpStatusCode.UnsupportedMediaType)).GetProperty("detail").GetString().Should().Contain("application/x-ndjson");
        (await DossiersAsync("PUSH-BAD-")).Should().Be(0);
        (await BatchesByAsync("api-key:mot-cua-bad")).Should().Be(0);
    }

    [Fact]
    public async Task A_retry_of_the_same_batch_writes_nothing_and_gets_the_first_answer()
    {
        var token = await SyncTokenAsync();
        const string actor = "client:" + DossierPushApp.SyncClient;
        var body = JsonLines(Dossier("PUSH-RETRY-1"), Dossier("PUSH-RETRY-2"), Dossier("PUSH-RETRY-3"));

        using var first = await PushAsync(body, bearer: token, idempotencyKey: "batch-2022-03-08-001");
        var firstAnswer = await first.Content.ReadAsStringAsync();
        var (batches, entries) = (await BatchesByAsync(actor), await AuditEntriesByAsync(actor));
        using var retry = await PushAsync(body, bearer: token, idempotencyKey: "batch-2022-03-08-001");

        first.StatusCode.Should().Be(HttpStatusCode.Created, firstAnswer);
        retry.StatusCode.Should().Be(HttpStatusCode.OK);
        (await retry.Content.ReadAsStringAsync()).Should().Be(firstAnswer);
        (await BatchesByAsync(actor)).Should().Be(batches, "the retry wrote no second batch");
        (await AuditEntriesByAsync(actor)).Should().Be(entries, "the retry wrote no second audit entry");
        (await DossiersAsync("PUSH-RETRY-")).Should().Be(3);
    }

    [Fact]
    public async Task Without_a_key_the_body_is_the_key_the_same_key_with_another_body_is_a_conflict_and_a_new_key_is_a_new_batch()
    {
        const string name = "mot-cua-idem";
        var key = await NewApiKeyAsync(name);
        var body = JsonLines(Dossier("PUSH-IDEM-1"));

        using var first = await PushAsync(body, apiKey: key);
        using var again = await PushAsync(body, apiKey: key);
        using var keyed = await PushAsync(JsonLines(Dossier("PUSH-IDEM-2")), apiKey: key, idempotencyKey: "k-1");
        using var otherBody = await PushAsync(JsonLines(Dossier("PUSH-IDEM-3")), apiKey: key, idempotencyKey: "k-1");
        // The same records under a new key: a new push, which changes nothing but is kept as a batch all the same.
        using var sameRecords = await PushAsync(JsonLines(Dossier("PUSH-IDEM-2")), apiKey: key, idempotencyKey: "k-2");

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await JsonAsync(again)).GetProperty("idempotencyKey").GetString().Should().StartWith("sha256:");
        keyed.StatusCode.Should().Be(HttpStatusCode.Created);
        (await ProblemAsync(otherBody, HttpStatusCode.Conflict)).GetProperty("detail").GetString().Should().Contain("'k-1'").And.Contain("different body");
        sameRecords.StatusCode.Should().Be(HttpStatusCode.Created);
        var unchanged = await JsonAsync(sameRecords);
        (unchanged.GetProperty("new").GetInt32(), unchanged.GetProperty("unchanged").GetInt32()).Should().Be((0, 1));
        (await DossiersAsync("PUSH-IDEM-")).Should().Be(2, "the conflicting body wrote nothing");
        (await BatchesByAsync("api-key:" + name)).Should().Be(3);
    }

    [Fact]
    public async Task Past_the_limit_a_client_is_told_to_wait_with_429_and_Retry_After()
    {
        var key = await NewApiKeyAsync("mot-cua-busy");
        var other = await NewApiKeyAsync("mot-cua-calm");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < DossierPushApp.PermitLimit; i++)
        {
            // An empty body is refused (400) but spends a permit all the same.
            using var spent = await PushAsync("", apiKey: key);
            statuses.Add(spent.StatusCode);
        }
        using var refused = await PushAsync("", apiKey: key);
        using var otherClient = await PushAsync("", apiKey: other);

        statuses.Should().AllBeEquivalentTo(HttpStatusCode.BadRequest);
        await ProblemAsync(refused, HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta!.Value.Should().BePositive().And.BeLessThanOrEqualTo(DossierPushApp.Window);
        otherClient.StatusCode.Should().Be(HttpStatusCode.BadRequest, "the limit counts per client");
    }
}
