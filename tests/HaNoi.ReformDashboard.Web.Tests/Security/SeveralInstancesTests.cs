using System.Net;
using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Web.Tests.EndToEnd;
using Npgsql;

namespace HaNoi.ReformDashboard.Web.Tests.Security;

/// <summary>
/// Two instances behind a load balancer: the test's app and a second one in its own process, on the same
/// database but with a home folder of its own, so it cannot share a key ring from disk — only from PostgreSQL.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class SeveralInstancesTests(DashboardApp app)
{
    [Fact]
    public async Task Signed_in_on_one_instance_is_signed_in_on_the_other_through_the_key_ring_in_postgresql()
    {
        var home = Directory.CreateTempSubdirectory("reform-second-home-").FullName;
        try
        {
            await using var second = await AppProcess.StartAsync(new()
            {
                ["ConnectionStrings__Reform"] = app.ConnectionString,
                ["HOME"] = home,
                ["Logging__Console__FormatterName"] = "json",
                ["Logging__Console__FormatterOptions__IncludeScopes"] = "true",
                ["SignIn__AttemptsPerMinute"] = "3",
            });
            var cookies = new CookieContainer();
            using var first = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) };
            using var signIn = await DashboardApp.PostSignInAsync(first, DashboardApp.UserName(Roles.ReformOffice), DashboardApp.Password);
            signIn.StatusCode.Should().Be(HttpStatusCode.Redirect);

            // Same host, another port: the browser would send the same cookie to the other instance.
            using var other = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = second.BaseUrl };
            using var data = await other.GetAsync("/data");
            using var anonymous = await new HttpClient { BaseAddress = second.BaseUrl }.GetAsync("/data");

            data.StatusCode.Should().Be(HttpStatusCode.OK);
            anonymous.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/Account/Login");
            (await KeysInDatabaseAsync()).Should().BeGreaterThan(0);
            Directory.EnumerateFiles(home, "*.xml", SearchOption.AllDirectories).Should().BeEmpty("no key was written to the second instance's disk");

            // Structured logs: the sign-out on the second instance is one JSON line naming the request and the user.
            var page = await other.GetStringAsync("/Account/Manage");
            var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
            using var signOut = await other.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
            var line = await second.WaitForLineAsync(l => l.Contains("Account sign-out"));
            using var json = System.Text.Json.JsonDocument.Parse(line);
            var scopes = json.RootElement.GetProperty("Scopes").EnumerateArray()
                .SelectMany(s => s.ValueKind == System.Text.Json.JsonValueKind.Object ? s.EnumerateObject().Select(p => (p.Name, Value: p.Value.ToString())) : [])
                .ToList();
            scopes.Should().Contain(p => p.Name == "RequestId" && p.Value.Length > 0);
            scopes.Should().Contain(("User", DashboardApp.UserName(Roles.ReformOffice)));

            // Three attempts a minute from one address on this instance (the sign-out's form read above is free): the fourth is turned away.
            using var guesser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = second.BaseUrl };
            var statuses = new List<HttpStatusCode>();
            for (var attempt = 0; attempt < 4; attempt++)
            {
                using var guess = await DashboardApp.PostSignInAsync(guesser, "nobody-" + attempt, "Wrong-password-" + attempt);
                statuses.Add(guess.StatusCode);
                if (guess.StatusCode == HttpStatusCode.TooManyRequests)
                    (await guess.Content.ReadAsStringAsync()).Should().Contain("Quá nhiều lần đăng nhập");
            }
            statuses.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private async Task<long> KeysInDatabaseAsync()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM accounts.data_protection_keys", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
