using System.Net;
using HaNoi.ReformDashboard.Web.Tests.EndToEnd;
using Npgsql;

namespace HaNoi.ReformDashboard.Web.Tests.Security;

/// <summary>
/// Outside Development the app refuses what it cannot do safely: no database configured means no start (not a stray
/// local cluster with demo accounts), and X-Forwarded-* is believed only from a configured proxy.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class FailClosedTests(DashboardApp app)
{
    [Fact]
    public async Task In_production_without_a_connection_string_the_app_exits_with_one_bilingual_line_and_starts_no_database()
    {
        var root = Path.Combine(Path.GetTempPath(), "reform-no-db-" + Guid.NewGuid().ToString("N")[..8]);

        var (exit, output, error) = await AppProcess.RunToExitAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["LocalDatabase__RootDirectory"] = root,
        });

        exit.Should().Be(1);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle().Which.Should()
            .Contain("Chưa cấu hình cơ sở dữ liệu").And.Contain("No database is configured")
            .And.Contain("ConnectionStrings__Reform").And.Contain("Database__UseLocal=true");
        output.Should().NotContain("demo account").And.NotContain("Now listening");
        Directory.Exists(root).Should().BeFalse("no local cluster is created");
    }

    [Fact]
    public async Task With_no_proxy_configured_x_forwarded_for_is_ignored()
    {
        var user = "xff-" + Guid.NewGuid().ToString("N")[..8];
        using var http = await app.HttpClientAsync(null);
        http.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.77");

        using var response = await DashboardApp.PostSignInAsync(http, user, "Wrong-password-1!");

        response.StatusCode.Should().Be(HttpStatusCode.OK, "a wrong password shows the form again");
        (await AddressesOfFailedSignInsAsync(app.ConnectionString, user)).Should().Equal("127.0.0.1");
    }

    [Fact]
    public async Task Forwarded_headers_from_a_sender_that_is_not_the_configured_proxy_are_ignored()
    {
        await using var production = await AppProcess.StartAsync(new()
        {
            ["ConnectionStrings__Reform"] = app.ConnectionString,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_HTTPS_PORT"] = "443",
            // The framework's switch alone would trust every sender; the proxy named is elsewhere.
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
            ["ForwardedHeaders__KnownProxies__0"] = "10.20.30.40",
            ["ForwardedHeaders__KnownNetworks__0"] = "192.0.2.0/24",
        });
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = production.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.77");

        using var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.TemporaryRedirect, "the request is still plain HTTP to the app");
        response.Headers.Location!.Scheme.Should().Be("https");
    }

    [Fact]
    public async Task Forwarded_for_from_the_configured_proxy_is_the_client_address()
    {
        await using var behindProxy = await AppProcess.StartAsync(new()
        {
            ["ConnectionStrings__Reform"] = app.ConnectionString,
            ["ForwardedHeaders__KnownNetworks__0"] = "127.0.0.0/8",
        });
        var user = "xff-proxy-" + Guid.NewGuid().ToString("N")[..8];
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = behindProxy.BaseUrl };
        http.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.78");

        using var response = await DashboardApp.PostSignInAsync(http, user, "Wrong-password-1!");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await AddressesOfFailedSignInsAsync(app.ConnectionString, user)).Should().Equal("203.0.113.78");
    }

    /// <summary>The client address the audit log kept for each failed sign-in of <paramref name="user"/>.</summary>
    private static async Task<List<string>> AddressesOfFailedSignInsAsync(string connectionString, string user)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT details->>'address' FROM audit_log WHERE actor = @user AND action = 'sign-in-failed' ORDER BY id", connection);
        query.Parameters.AddWithValue("user", user);
        var addresses = new List<string>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync()) addresses.Add(reader.GetString(0));
        return addresses;
    }
}
