using System.Globalization;
using System.Security.Claims;
using HaNoi.ReformDashboard.Data.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace HaNoi.ReformDashboard.Web.Accounts;

/// <summary>
/// <c>SignIn:RequireTwoFactorFor</c>: the roles that must sign in with a second factor. Outside Development it is
/// admin and reform office unless configured; in Development nobody unless configured.
/// </summary>
public sealed class TwoFactorRequirement(IReadOnlyList<string> roles)
{
    public const string Setting = "SignIn:RequireTwoFactorFor";
    public const string SetupPath = "/Account/EnableAuthenticator";

    public IReadOnlyList<string> Roles { get; } = roles;

    public static TwoFactorRequirement From(IConfiguration configuration, bool development)
    {
        var section = configuration.GetSection(Setting);
        var roles = section.Exists() ? section.Get<string[]>() ?? [] : development ? [] : [Data.Accounts.Roles.Admin, Data.Accounts.Roles.ReformOffice];
        return new TwoFactorRequirement(roles.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()).ToArray());
    }

    /// <summary>
    /// A person whose role needs two-factor sign-in but whose account has none set up: true. Someone who came through
    /// single sign-on is not asked (the provider owns their second factor; the dashboard's own is bypassed there).
    /// </summary>
    public bool Lacks(ClaimsPrincipal user) =>
        Roles.Count > 0
        && user.Identity?.IsAuthenticated == true
        && Roles.Any(user.IsInRole)
        && !user.HasClaim(c => c.Type == AccountSetup.TwoFactorClaim)
        && !user.HasClaim(ClaimTypes.AuthenticationMethod, SingleSignOn.Scheme);

    /// <summary>
    /// Until they set up two-factor sign-in, such a person reaches the setup page, sign-out and what is open to anyone
    /// (sign-in pages, static files, health) and nothing else: a page is sent to the setup, anything else refused.
    /// </summary>
    public static void UseTwoFactorRequirement(WebApplication app)
    {
        var requirement = app.Services.GetRequiredService<TwoFactorRequirement>();
        if (requirement.Roles.Count == 0) return;
        app.Use(async (http, next) =>
        {
            if (!requirement.Lacks(http.User) || IsOpen(http))
            {
                await next(http);
                return;
            }
            if ((HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)) && !http.Request.Path.StartsWithSegments("/_blazor"))
            {
                http.Response.Redirect(SetupPath);
                return;
            }
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(AccountText.Get("TwoFactorRequired", CultureInfo.CurrentUICulture) + "\n");
        });
    }

    private static bool IsOpen(HttpContext http)
    {
        var path = http.Request.Path;
        if (path.Equals(SetupPath, StringComparison.OrdinalIgnoreCase) || path.Equals(SignInRegistration.LogoutPath, StringComparison.OrdinalIgnoreCase)) return true;
        return http.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null;
    }
}
