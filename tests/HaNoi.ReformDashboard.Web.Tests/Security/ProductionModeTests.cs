using System.Net;
using System.Text.RegularExpressions;
using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Web.Tests.EndToEnd;

namespace HaNoi.ReformDashboard.Web.Tests.Security;

/// <summary>
/// The app as deployed (Production, behind a proxy that ends TLS, docs/deployment.md): plain HTTP is sent to
/// HTTPS; what the proxy forwards as HTTPS gets HSTS and Secure cookies.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class ProductionModeTests(DashboardApp app)
{
    [Fact]
    public async Task Outside_development_http_is_redirected_and_forwarded_https_gets_hsts_and_secure_cookies()
    {
        await using var production = await AppProcess.StartAsync(new()
        {
            ["ConnectionStrings__Reform"] = app.ConnectionString,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_HTTPS_PORT"] = "443",
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
            // The proxy runs on this machine: the only sender whose X-Forwarded-* the app believes.
            ["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1",
        });
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = production.BaseUrl };

        using var plain = await http.GetAsync("/Account/Login");

        plain.StatusCode.Should().Be(HttpStatusCode.TemporaryRedirect);
        plain.Headers.Location!.Scheme.Should().Be("https");

        // As the reverse proxy forwards it: the public name, HTTPS ended at the proxy.
        HttpRequestMessage Forwarded(HttpMethod method, string path, HttpContent? content = null)
        {
            var request = new HttpRequestMessage(method, path) { Content = content };
            request.Headers.Host = "cchc.example";
            request.Headers.Add("X-Forwarded-Proto", "https");
            return request;
        }
        using var form = await http.SendAsync(Forwarded(HttpMethod.Get, "/Account/Login"));
        var html = await form.Content.ReadAsStringAsync();
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var antiforgeryCookie = form.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery"));
        using var signIn = await http.SendAsync(Forwarded(HttpMethod.Post, "/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = "sign-in",
            ["Input.UserName"] = DashboardApp.UserName(Roles.Leader), ["Input.Password"] = DashboardApp.Password,
        })).WithCookie(antiforgeryCookie));

        form.StatusCode.Should().Be(HttpStatusCode.OK);
        form.Headers.GetValues("Strict-Transport-Security").Single().Should().Contain("max-age=");
        antiforgeryCookie.ToLowerInvariant().Should().Contain("secure").And.Contain("httponly").And.Contain("samesite=strict");
        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var authCookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("reform.auth="));
        authCookie.ToLowerInvariant().Should().Contain("secure").And.Contain("httponly").And.Contain("samesite=lax");
    }
}

internal static class ForwardedRequests
{
    /// <summary>The cookie a browser would send back (the client's jar keys cookies by the real host, not the forwarded one).</summary>
    public static HttpRequestMessage WithCookie(this HttpRequestMessage request, string setCookie)
    {
        request.Headers.Add("Cookie", setCookie.Split(';')[0]);
        return request;
    }
}
