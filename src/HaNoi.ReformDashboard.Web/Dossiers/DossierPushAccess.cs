using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using HaNoi.ReformDashboard.Data.Dossiers;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Web.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using HaNoi.ReformDashboard.Web.Resources;

namespace HaNoi.ReformDashboard.Web.Dossiers;

/// <summary>
/// Who may push dossiers: a machine account only — an access token from the configured OpenID Connect provider
/// (OAuth 2 client credentials) carrying the push scope, or an API key (<c>X-Api-Key</c>). The policy authenticates
/// with these schemes alone, so a person's sign-in cookie is never consulted: signed in or not, a browser cannot push.
/// </summary>
public static class DossierPushAccess
{
    public const string Policy = "dossiers-push";
    public const string RateLimit = "dossiers-push";
    public const string ApiKeyHeader = "X-Api-Key";
    /// <summary>The acting name, <c>client:…</c> or <c>api-key:…</c>: the audit log's actor and the rate limit's partition.</summary>
    public const string ClientClaim = "push_client";

    private const string Scheme = "dossiers-push";
    private const string BearerScheme = "dossiers-push-bearer";
    private const string ApiKeyScheme = "dossiers-push-key";

    public static void AddDossierPushAccess(this WebApplicationBuilder builder, DossierPushOptions push)
    {
        var oidc = builder.Configuration.GetSection(SingleSignOnOptions.Section).Get<SingleSignOnOptions>() ?? new SingleSignOnOptions();
        var authentication = builder.Services.AddAuthentication();
        authentication.AddPolicyScheme(Scheme, null, o => o.ForwardDefaultSelector = http =>
            !oidc.Enabled || http.Request.Headers.ContainsKey(ApiKeyHeader) ? ApiKeyScheme : BearerScheme);
        authentication.AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyScheme, null);
        if (oidc.Enabled)
            authentication.AddJwtBearer(BearerScheme, o =>
            {
                o.Authority = oidc.Authority;
                o.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
                o.MapInboundClaims = false;
                o.Audience = push.Audience;
                o.TokenValidationParameters.ValidateAudience = !string.IsNullOrWhiteSpace(push.Audience);
                o.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context =>
                    {
                        // RFC 9068 names the client in client_id; some providers only in azp; a client-credentials subject is the client.
                        var principal = context.Principal!;
                        var client = principal.FindFirstValue("client_id") ?? principal.FindFirstValue("azp") ?? principal.FindFirstValue("sub");
                        if (string.IsNullOrWhiteSpace(client)) context.Fail("The token names no client.");
                        else ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(ClientClaim, "client:" + client));
                        return Task.CompletedTask;
                    },
                    OnChallenge = async context =>
                    {
                        context.HandleResponse();
                        context.Response.Headers.WWWAuthenticate = context.AuthenticateFailure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
                        await Unauthorized(context.HttpContext, context.AuthenticateFailure is not null);
                    },
                    OnForbidden = context =>
                    {
                        context.Response.Headers.WWWAuthenticate = $"Bearer error=\"insufficient_scope\", scope=\"{push.Scope}\"";
                        return Forbidden(context.HttpContext, push.Scope);
                    },
                };
            });

        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, p => p
            .AddAuthenticationSchemes(Scheme)
            .RequireAuthenticatedUser()
            .RequireClaim(ClientClaim)
            .RequireAssertion(c => HasScope(c.User, push.Scope)));

        builder.Services.AddRateLimiter(o => o.AddPolicy<string, PushRateLimit>(RateLimit));
    }

    /// <summary>Scopes come as one space-separated <c>scope</c> claim (RFC 9068), as several, or as <c>scp</c>.</summary>
    private static bool HasScope(ClaimsPrincipal user, string scope) =>
        user.Claims.Where(c => c.Type is "scope" or "scp")
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Contains(scope, StringComparer.Ordinal);

    private static Task Unauthorized(HttpContext http, bool invalid) => invalid
        ? PushProblem.WriteAsync(http, StatusCodes.Status401Unauthorized, WebText.Get("NotAuthenticated"),
            WebText.Get("TheAccessTokenOrAPI"))
        : PushProblem.WriteAsync(http, StatusCodes.Status401Unauthorized, WebText.Get("NotAuthenticated"),
            WebText.Get("AMachineIdentityIsNeeded"));

    private static Task Forbidden(HttpContext http, string scope) =>
        PushProblem.WriteAsync(http, StatusCodes.Status403Forbidden, WebText.Get("Forbidden"),
            WebText.Get("TheAccessTokenLacksThe", scope));

    /// <summary>An API key in <c>X-Api-Key</c>: found by its hash among the keys not revoked; it grants the push scope.</summary>
    private sealed class ApiKeyHandler(
        IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
        IDbContextFactory<ReformDbContext> databases, TimeProvider clock, DossierPushOptions push)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(ApiKeyHeader, out var values)) return AuthenticateResult.NoResult();
            await using var db = await databases.CreateDbContextAsync(Context.RequestAborted);
            var name = values.Count == 1 ? await DossierApiKeys.AuthenticateAsync(db, values[0]!.Trim(), clock.GetUtcNow(), Context.RequestAborted) : null;
            if (name is null) return AuthenticateResult.Fail("Unknown or revoked API key.");
            var identity = new ClaimsIdentity(
                [new Claim(ClaimTypes.Name, "api-key:" + name), new Claim(ClientClaim, "api-key:" + name), new Claim("scope", push.Scope)], Scheme.Name);
            return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
        }

        protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
        {
            var result = await HandleAuthenticateOnceSafeAsync();
            Response.Headers.WWWAuthenticate = $"ApiKey header=\"{ApiKeyHeader}\"";
            await Unauthorized(Context, result.Failure is not null);
        }

        protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => Forbidden(Context, push.Scope);
    }

    /// <summary>A fixed window per client; the refusal says when to come back.</summary>
    private sealed class PushRateLimit(DossierPushOptions push) : IRateLimiterPolicy<string>
    {
        public RateLimitPartition<string> GetPartition(HttpContext http) =>
            RateLimitPartition.GetFixedWindowLimiter(http.User.FindFirstValue(ClientClaim) ?? "", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = push.PermitLimit, Window = push.Window, QueueLimit = 0,
            });

        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, _) =>
        {
            var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : push.Window;
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await PushProblem.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, WebText.Get("TooManyRequests"),
                WebText.Get("MoreThanPushesInSeconds", push.PermitLimit, push.Window.TotalSeconds, seconds));
        };
    }
}
