using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Testing;
using HaNoi.ReformDashboard.Web.Tests.EndToEnd;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using static Microsoft.Playwright.Assertions;

namespace HaNoi.ReformDashboard.Web.Tests.Security;

/// <summary>
/// The dashboard with two-factor sign-in required of admins and the reform office, the sign-in throttle's clock in the
/// test's hand, every log line kept, and the client address taken from a test header (what a trusted proxy would forward).
/// </summary>
public sealed class SignInHardeningApp : DashboardApp
{
    public const string AddressHeader = "X-Test-Client-Address";
    public FakeTimeProvider ThrottleClock { get; } = new(DateTimeOffset.UtcNow);
    public ConcurrentQueue<string> LogLines { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() =>
    [
        new("SignIn:RequireTwoFactorFor:0", Roles.Admin),
        new("SignIn:RequireTwoFactorFor:1", Roles.ReformOffice),
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(new KeptLines(LogLines)));
        builder.ConfigureTestServices(services =>
        {
            services.AddKeyedSingleton<TimeProvider>(SignInThrottle.ClockKey, ThrottleClock);
            services.AddTransient<IStartupFilter, ClientAddressFromHeader>();
        });
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (http, go) =>
            {
                if (IPAddress.TryParse(http.Request.Headers[AddressHeader].ToString(), out var address)) http.Connection.RemoteIpAddress = address;
                await go(http);
            });
            next(app);
        };
    }

    private sealed class KeptLines(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(lines);
        public void Dispose() { }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception));
        }
    }
}

public sealed class SignInHardeningTests(SignInHardeningApp app) : IClassFixture<SignInHardeningApp>
{
    private const string WrongPassword = "Wrong-password-123!";

    private async Task<string> NewAccountAsync(string role)
    {
        var name = $"{role}-{Guid.NewGuid():N}"[..24];
        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<AccountDirectory>().AddAsync(name, role, null, DashboardApp.Password)).Ok.Should().BeTrue();
        return name;
    }

    private async Task<HttpClient> ClientAsync(string address)
    {
        var http = await app.HttpClientAsync(null);
        http.DefaultRequestHeaders.Add(SignInHardeningApp.AddressHeader, address);
        return http;
    }

    /// <summary>One sign-in attempt: "signed-in", "two-factor", or the refusal's texts as the page shows them.</summary>
    private static async Task<string> AttemptAsync(HttpClient http, string name, string password)
    {
        using var response = await DashboardApp.PostSignInAsync(http, name, password);
        if (response.StatusCode == HttpStatusCode.Redirect)
            return new Uri(http.BaseAddress!, response.Headers.Location!).AbsolutePath == "/Account/LoginWith2fa" ? "two-factor" : "signed-in";
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        return string.Join(" | ", Regex.Matches(html, "data-testid=\"sign-in-(?:error|wait)\">([^<]*)<").Select(m => m.Groups[1].Value));
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient http, string path, string handler, Dictionary<string, string> fields)
    {
        var page = await http.GetStringAsync(path);
        fields["__RequestVerificationToken"] = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        fields["_handler"] = handler;
        return await http.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    /// <summary>Turns two-factor on through the setup page; the recovery codes it shows once.</summary>
    private static async Task<List<string>> EnableTwoFactorAsync(HttpClient http)
    {
        var page = WebUtility.HtmlDecode(await http.GetStringAsync("/Account/EnableAuthenticator"));
        var key = Regex.Match(page, "data-testid=\"shared-key\">([^<]+)<").Groups[1].Value.Replace(" ", "");
        using var enabled = await PostFormAsync(http, "/Account/EnableAuthenticator", "enable-two-factor",
            new() { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
        var html = await enabled.Content.ReadAsStringAsync();
        return Regex.Matches(html, "<li><code>([^<]+)</code></li>").Select(m => m.Groups[1].Value).ToList();
    }

    private async Task<List<string>> AuditActionsAsync(string userName)
    {
        await using var db = PostgresServer.CreateContext(app.ConnectionString);
        return await db.AuditLog.Where(a => a.EntityKey == userName).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
    }

    private async Task<string> StatusOfAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        return response.StatusCode == HttpStatusCode.Redirect ? new Uri(http.BaseAddress!, response.Headers.Location!).AbsolutePath : ((int)response.StatusCode).ToString();
    }

    [Fact]
    public async Task A_megabyte_user_name_with_line_breaks_reaches_the_log_and_the_audit_capped_clean_and_lower_case()
    {
        using var http = await ClientAsync("10.9.0.1");
        // "Tràn" with the grave accent as a combining mark (NFD), a forged log line, a bell, then a megabyte of X.
        var typed = "  Tra\u0300n\r\n[INF] forged\u0007" + new string('X', 1_000_000);

        var refusal = await AttemptAsync(http, typed, WrongPassword);

        // NFC "tràn" (4) + "[inf] forged" (12) = 16 characters, then 48 x to the cap of 64.
        var expected = "tr\u00e0n[inf] forged" + new string('x', 48);
        refusal.Should().Be("Tên đăng nhập hoặc mật khẩu không đúng.");
        (await AuditActionsAsync(expected)).Should().Equal("sign-in-failed");
        var lines = app.LogLines.Where(l => l.Contains("forged")).ToList();
        lines.Should().NotBeEmpty().And.OnlyContain(l => l.Contains(expected) && !l.Contains('\n') && !l.Contains('\r') && l.Length < 200);
    }

    [Fact]
    public async Task Failures_from_one_address_make_it_wait_longer_each_time_while_the_person_signs_in_from_another()
    {
        var name = await NewAccountAsync(Roles.Leader);
        using var stranger = await ClientAsync("203.0.113.7");
        using var person = await ClientAsync("198.51.100.20");
        const string wrong = "Tên đăng nhập hoặc mật khẩu không đúng.";
        static string Wait(int seconds) => $"Quá nhiều lần đăng nhập không thành công từ địa chỉ này với tên đăng nhập này. Vui lòng thử lại sau {seconds} giây.";

        var first = new List<string>();
        for (var i = 0; i < 5; i++) first.Add(await AttemptAsync(stranger, name, WrongPassword));
        // Not even the right password is checked while the address waits.
        var whileWaiting = await AttemptAsync(stranger, name, DashboardApp.Password);
        var personMeanwhile = await AttemptAsync(person, name, DashboardApp.Password);
        app.ThrottleClock.Advance(TimeSpan.FromSeconds(1));
        var sixth = await AttemptAsync(stranger, name, WrongPassword);
        var tooSoon = await AttemptAsync(stranger, name, WrongPassword);
        app.ThrottleClock.Advance(TimeSpan.FromSeconds(2));
        var seventh = await AttemptAsync(stranger, name, WrongPassword);
        app.ThrottleClock.Advance(TimeSpan.FromSeconds(4));
        var strangerRight = await AttemptAsync(stranger, name, DashboardApp.Password);

        // Failures 1–4 free; the 5th starts 1 s, the 6th 2 s, the 7th 4 s.
        first.Should().Equal(wrong, wrong, wrong, wrong, wrong + " | " + Wait(1));
        whileWaiting.Should().Be(Wait(1));
        personMeanwhile.Should().Be("signed-in");
        sixth.Should().Be(wrong + " | " + Wait(2));
        tooSoon.Should().Be(Wait(2));
        seventh.Should().Be(wrong + " | " + Wait(4));
        strangerRight.Should().Be("signed-in", "the wait is over and the password is right");
        (await AuditActionsAsync(name)).Should().Equal("account.create",
            "sign-in-failed", "sign-in-failed", "sign-in-failed", "sign-in-failed", "sign-in-failed", "sign-in", "sign-in-failed", "sign-in-failed", "sign-in");
    }

    [Fact]
    public async Task A_name_without_an_account_waits_the_same_so_the_wait_tells_nothing()
    {
        using var stranger = await ClientAsync("203.0.113.8");
        var name = $"nobody-{Guid.NewGuid():N}"[..20];

        for (var i = 0; i < 5; i++) await AttemptAsync(stranger, name, WrongPassword);
        var next = await AttemptAsync(stranger, name, WrongPassword);

        next.Should().Be("Quá nhiều lần đăng nhập không thành công từ địa chỉ này với tên đăng nhập này. Vui lòng thử lại sau 1 giây.");
    }

    [Fact]
    public async Task Throttle_rows_untouched_for_a_day_are_removed_at_the_next_failure()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        var throttle = new SignInThrottle(db, clock);
        var old = $"old-{Guid.NewGuid():N}"[..16];
        var recent = $"recent-{Guid.NewGuid():N}"[..16];

        await throttle.FailedAsync(old, "192.0.2.1");
        clock.Advance(TimeSpan.FromHours(23));
        await throttle.FailedAsync(recent, "192.0.2.1");
        var bothKept = await db.SignInThrottle.CountAsync(t => t.UserName == old || t.UserName == recent);
        clock.Advance(TimeSpan.FromHours(2));
        await throttle.FailedAsync(recent, "192.0.2.1");

        bothKept.Should().Be(2);
        (await db.SignInThrottle.Where(t => t.UserName == old || t.UserName == recent).Select(t => t.UserName + " " + t.Failures).ToListAsync())
            .Should().Equal(recent + " 2");
    }

    [Fact]
    public async Task An_admin_without_two_factor_is_sent_to_set_it_up_and_reaches_nothing_else_until_then_and_a_leader_is_not()
    {
        var admin = await NewAccountAsync(Roles.Admin);
        var leader = await NewAccountAsync(Roles.Leader);
        using var adminHttp = await ClientAsync("10.9.0.2");
        using var leaderHttp = await ClientAsync("10.9.0.3");
        (await AttemptAsync(adminHttp, admin, DashboardApp.Password)).Should().Be("signed-in");
        (await AttemptAsync(leaderHttp, leader, DashboardApp.Password)).Should().Be("signed-in");

        var before = new[] { "/", "/admin/users", "/data", "/Account/Manage", "/Account/EnableAuthenticator" };
        var adminBefore = new List<string>();
        foreach (var path in before) adminBefore.Add(await StatusOfAsync(adminHttp, path));
        using var circuit = await adminHttp.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
        var codes = await EnableTwoFactorAsync(adminHttp);
        var adminAfter = new List<string>();
        foreach (var path in before) adminAfter.Add(await StatusOfAsync(adminHttp, path));

        adminBefore.Should().Equal("/Account/EnableAuthenticator", "/Account/EnableAuthenticator", "/Account/EnableAuthenticator", "/Account/EnableAuthenticator", "200");
        circuit.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        codes.Should().HaveCount(10).And.OnlyHaveUniqueItems();
        adminAfter.Should().Equal("200", "200", "/Account/AccessDenied", "200", "200");
        (await StatusOfAsync(leaderHttp, "/")).Should().Be("200");
        (await StatusOfAsync(leaderHttp, "/Account/Manage")).Should().Be("200");
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_and_not_twice_and_both_are_audited()
    {
        var name = await NewAccountAsync(Roles.Leader);
        using (var setup = await ClientAsync("10.9.0.4"))
        {
            (await AttemptAsync(setup, name, DashboardApp.Password)).Should().Be("signed-in");
            var codes = await EnableTwoFactorAsync(setup);
            codes.Should().HaveCount(10);

            using var first = await ClientAsync("10.9.0.5");
            (await AttemptAsync(first, name, DashboardApp.Password)).Should().Be("two-factor");
            using var used = await PostFormAsync(first, "/Account/LoginWithRecoveryCode", "recovery-code", new() { ["Input.Code"] = codes[3] });
            using var second = await ClientAsync("10.9.0.6");
            (await AttemptAsync(second, name, DashboardApp.Password)).Should().Be("two-factor");
            using var again = await PostFormAsync(second, "/Account/LoginWithRecoveryCode", "recovery-code", new() { ["Input.Code"] = codes[3] });

            used.StatusCode.Should().Be(HttpStatusCode.Redirect);
            (await StatusOfAsync(first, "/Account/Manage")).Should().Be("200");
            again.StatusCode.Should().Be(HttpStatusCode.OK);
            WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()).Should().Contain("Mã khôi phục không đúng hoặc đã được dùng.");
            (await StatusOfAsync(second, "/Account/Manage")).Should().Be("/Account/Login");
        }
        (await AuditActionsAsync(name)).Should().Equal("account.create", "sign-in", "account.two_factor.enable", "account.recovery_codes.generate",
            "account.recovery_code.use", "sign-in", "sign-in-failed");
    }

    [Fact]
    public async Task Turning_two_factor_off_needs_the_current_password()
    {
        var name = await NewAccountAsync(Roles.Leader);
        using var http = await ClientAsync("10.9.0.7");
        (await AttemptAsync(http, name, DashboardApp.Password)).Should().Be("signed-in");
        await EnableTwoFactorAsync(http);

        using var wrong = await PostFormAsync(http, "/Account/Manage", "disable-two-factor", new() { ["Disable.Password"] = WrongPassword });
        var stillOn = await TwoFactorOfAsync(name);
        using var right = await PostFormAsync(http, "/Account/Manage", "disable-two-factor", new() { ["Disable.Password"] = DashboardApp.Password });

        wrong.StatusCode.Should().Be(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()).Should().Contain("data-testid=\"disable-two-factor-error\">Mật khẩu hiện tại không đúng.");
        stillOn.Should().BeTrue();
        right.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await TwoFactorOfAsync(name)).Should().BeFalse();
    }

    private async Task<bool> TwoFactorOfAsync(string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<AccountDirectory>().ListAsync()).Single(a => a.UserName == name).TwoFactor;
    }

    [Fact]
    public async Task A_message_crafted_into_the_sign_in_address_is_not_shown()
    {
        var page = await app.NewPageAsync(role: null);
        const string crafted = "TÀI KHOẢN BỊ KHÓA, GỌI 0900000000";
        var query = "problem=ProblemUnknownRole&argument=" + Uri.EscapeDataString(crafted) + "&error=" + Uri.EscapeDataString(crafted)
            + "&message=" + Uri.EscapeDataString(crafted);
        await page.GotoAsync(app.BaseUrl + "/Account/Login?" + query);
        await Expect(page.Locator("#user-name")).ToBeVisibleAsync();
        var forged = await page.Context.NewPageAsync();
        await forged.GotoAsync(app.BaseUrl + "/Account/Login?problem=" + Uri.EscapeDataString("CfDJ8" + new string('A', 120)));
        await Expect(forged.Locator("#user-name")).ToBeVisibleAsync();

        await Expect(page.GetByTestId("sign-in-error")).ToHaveCountAsync(0);
        (await page.Locator("body").InnerTextAsync()).Should().NotContain("0900000000").And.NotContain("Không có vai trò");
        await Expect(forged.GetByTestId("sign-in-error")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
