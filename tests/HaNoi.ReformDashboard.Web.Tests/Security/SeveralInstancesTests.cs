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
