using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using HaNoi.ReformDashboard.Data.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace HaNoi.ReformDashboard.Web.Accounts;

public static class SignInRegistration
{
    public const string SignInRateLimit = "sign-in";
    public const string LoginPath = "/Account/Login";
    public const string AccessDeniedPath = "/Account/AccessDenied";
    public const string LogoutPath = "/Account/Logout";

    /// <summary>Cookie sign-in over the accounts in PostgreSQL, the role policies, and the sign-in rate limit.</summary>
    public static void AddReformSignIn(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var development = builder.Environment.IsDevelopment();
        new IdentityBuilder(typeof(AccountUser), typeof(IdentityRole), services).AddSignInManager();
        var authentication = services.AddAuthentication(o =>
        {
            o.DefaultScheme = IdentityConstants.ApplicationScheme;
            o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
        });
        authentication.AddIdentityCookies();
        builder.AddReformSingleSignOn(authentication);
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = LoginPath;
            o.AccessDeniedPath = AccessDeniedPath;
            o.LogoutPath = LogoutPath;
            o.Cookie.Name = "reform.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
            o.SlidingExpiration = true;
            // Each cookie names a server-side session, checked at every request (in place of Identity's stamp check every few minutes).
            o.EventsType = typeof(SessionCookieEvents);
        });
        services.AddScoped<SessionCookieEvents>();
        services.AddAntiforgery(o =>
        {
            o.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAccountState>();
        services.AddScoped<CurrentUser>();
        services.AddScoped<SignInAudit>();
        services.AddSingleton(TwoFactorRequirement.From(builder.Configuration, development));
        services.AddReformPolicies();

        var permits = builder.Configuration.GetValue("SignIn:AttemptsPerMinute", 10);
        services.AddRateLimiter(o =>
        {
            // Only posted attempts count, per client address: reading the form stays free.
            o.AddPolicy(SignInRateLimit, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1) })
                : RateLimitPartition.GetNoLimiter(""));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, ct) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                return new ValueTask(context.HttpContext.Response.WriteAsync(
                    AccountText.Get("RateLimited", CultureInfo.CurrentUICulture) + "\n", ct));
            };
        });
    }

    public static void UseReformSignIn(this WebApplication app)
    {
        app.UseAuthentication();
        // Every log line of a request names the acting user beside the request id the host already adds.
        var requests = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("HaNoi.ReformDashboard.Requests");
        app.Use(async (http, next) =>
        {
            using (requests.BeginScope(new Dictionary<string, object?> { ["User"] = ActingUser.From(http.User).Name }))
                await next(http);
        });
        TwoFactorRequirement.UseTwoFactorRequirement(app);
        app.UseAuthorization();
        app.UseRateLimiter();
    }

    /// <summary>POST /Account/Logout: a form post (with its antiforgery token) from any page's sign-out button;
    /// and the single sign-on endpoints when configured.</summary>
    public static void MapAccountEndpoints(this WebApplication app)
    {
        app.MapSingleSignOn();
        app.MapPost(LogoutPath, async Task<IResult> ([FromServices] SignInManager<AccountUser> signIn, [FromServices] SignInAudit audit, HttpContext http) =>
        {
            // The antiforgery middleware checks the token (the metadata below asks it to); refusing is the endpoint's part.
            if (http.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
                return Results.Text(AccountText.Get("FormExpired", CultureInfo.CurrentUICulture) + "\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            var name = ActingUser.From(http.User).Name;
            var user = await signIn.UserManager.GetUserAsync(http.User);
            // Identity marks a sign-in through an external provider with the provider's scheme as the method.
            var cameThroughProvider = http.User.HasClaim(ClaimTypes.AuthenticationMethod, SingleSignOn.Scheme);
            await signIn.SignOutAsync();
            if (name.Length > 0) await audit.RecordAsync(name, SignInAudit.SignOut, http);
            const string signedOut = LoginPath + "?signedOut=true";
            return await SingleSignOn.ProviderSignOutAsync(http, user, cameThroughProvider, signedOut) ?? TypedResults.LocalRedirect(signedOut);
        }).WithMetadata(new RequireAntiforgeryTokenAttribute());
    }

    /// <summary>Only a path of this site: never an open redirect.</summary>
    public static string LocalPath(string? url) =>
        url is { Length: > 0 } u && u.StartsWith('/') && !u.StartsWith("//") && !u.StartsWith("/\\") ? u : "/";
}
