using System.Globalization;
using System.Security.Claims;
using HaNoi.ReformDashboard.Data.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace HaNoi.ReformDashboard.Web.Accounts;

/// <summary>The <c>Oidc</c> configuration section: government single sign-on, off unless an authority is set.</summary>
public sealed class SingleSignOnOptions
{
    public const string Section = "Oidc";

    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    /// <summary>What the sign-in page's button says.</summary>
    public string DisplayName { get; set; } = "SSO";
    public bool RequireHttpsMetadata { get; set; } = true;
    /// <summary>"query" for providers that cannot post back; default form_post.</summary>
    public string ResponseMode { get; set; } = "form_post";
    public string UserNameClaim { get; set; } = "preferred_username";
    /// <summary>The claim whose values name the role (several values, e.g. groups, are allowed).</summary>
    public string RoleClaim { get; set; } = "role";
    /// <summary>Provider values (roles, groups) to the dashboard's roles; empty: the values are the dashboard's role names.</summary>
    public Dictionary<string, string> RoleMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    public string UnitClaim { get; set; } = "unit";
    public string[] Scopes { get; set; } = ["openid", "profile"];

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);

    /// <summary>When a person's values grant several roles, the first of these wins.</summary>
    private static readonly string[] Precedence = [Roles.Admin, Roles.ReformOffice, Roles.Leader, Roles.DepartmentHead];

    /// <summary>The dashboard role the provider's claims grant (null: none), and the first value given, to word a refusal.</summary>
    public (string? Role, string? Given) RoleOf(ClaimsPrincipal principal)
    {
        var values = principal.FindAll(RoleClaim).Select(c => c.Value.Trim()).Where(v => v.Length > 0).ToList();
        var map = new Dictionary<string, string>(RoleMap, StringComparer.OrdinalIgnoreCase);
        var granted = map.Count == 0
            ? values.Where(Roles.IsKnown)
            : values.Select(v => map.TryGetValue(v, out var role) ? role : null).OfType<string>().Where(Roles.IsKnown);
        var set = granted.ToHashSet();
        return (Precedence.FirstOrDefault(set.Contains), values.FirstOrDefault());
    }
}

/// <summary>
/// OpenID Connect sign-in by configuration. The provider's claims decide the role and unit; each sign-in
/// brings the local account (linked by the provider's subject) in line with them, so roles, unit scope,
/// revalidation and the admin page work the same for both kinds of account.
/// </summary>
public static class SingleSignOn
{
    public const string Scheme = "oidc";
    public const string StartPath = "/Account/ExternalLogin";
    public const string CallbackPath = "/Account/ExternalLogin/Callback";

    public static void AddReformSingleSignOn(this WebApplicationBuilder builder, AuthenticationBuilder authentication)
    {
        var settings = builder.Configuration.GetSection(SingleSignOnOptions.Section).Get<SingleSignOnOptions>() ?? new SingleSignOnOptions();
        builder.Services.AddSingleton(settings);
        if (!settings.Enabled) return;
        var development = builder.Environment.IsDevelopment();
        authentication.AddOpenIdConnect(Scheme, settings.DisplayName, o =>
        {
            if (development)
            {
                // Plain HTTP on a developer's machine: the round-trip cookies cannot be Secure, so not SameSite=None
                // either (use ResponseMode "query" there). Elsewhere they stay Secure, as the provider posts back cross-site.
                foreach (var cookie in new[] { o.CorrelationCookie, o.NonceCookie })
                {
                    cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                    cookie.SameSite = SameSiteMode.Lax;
                }
            }
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.Authority = settings.Authority;
            o.ClientId = settings.ClientId;
            o.ClientSecret = settings.ClientSecret;
            o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            o.ResponseType = "code";
            o.ResponseMode = settings.ResponseMode;
            o.UsePkce = true;
            // The ID token comes back with the sign-in only so that CompleteAsync can keep it for the sign-out.
            o.SaveTokens = true;
            o.MapInboundClaims = false;
            o.Scope.Clear();
            foreach (var scope in settings.Scopes) o.Scope.Add(scope);
            o.Events.OnTokenValidated = context =>
            {
                // Identity links external logins by the name-identifier claim: the provider's subject.
                if (context.Principal?.Identity is ClaimsIdentity identity && identity.FindFirst("sub") is { } sub && !identity.HasClaim(c => c.Type == ClaimTypes.NameIdentifier))
                    identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, sub.Value));
                return Task.CompletedTask;
            };
            o.Events.OnRedirectToIdentityProviderForSignOut = context =>
            {
                // The provider ends its session for the person this token names, without asking them to confirm.
                if (context.Properties.GetParameter<string>(IdToken) is { } idToken) context.ProtocolMessage.IdTokenHint = idToken;
                return Task.CompletedTask;
            };
        });
    }

    private const string IdToken = "id_token";

    /// <summary>
    /// After the dashboard's own sign-out of a person who came through single sign-on: the provider's sign-out too
    /// (RP-initiated logout, with the ID token kept at sign-in as its hint), so the next person at a shared tablet is
    /// asked who they are instead of being let in as the last one. The provider sends the browser back to
    /// <paramref name="signedOutPath"/>. Null: nothing to end there (a local account, no single sign-on, or a provider
    /// without an end-session endpoint or out of reach — the dashboard's own session has ended either way).
    /// </summary>
    public static async Task<IResult?> ProviderSignOutAsync(HttpContext http, AccountUser? user, bool cameThroughProvider, string signedOutPath)
    {
        var settings = http.RequestServices.GetRequiredService<SingleSignOnOptions>();
        if (!settings.Enabled || user is null || !cameThroughProvider) return null;
        var users = http.RequestServices.GetRequiredService<UserManager<AccountUser>>();
        var idToken = await users.GetAuthenticationTokenAsync(user, Scheme, IdToken);
        if (idToken is not null) await users.RemoveAuthenticationTokenAsync(user, Scheme, IdToken);
        var options = http.RequestServices.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(Scheme);
        try
        {
            var configuration = await options.ConfigurationManager!.GetConfigurationAsync(http.RequestAborted);
            if (string.IsNullOrEmpty(configuration.EndSessionEndpoint)) return null;
        }
        catch (Exception e) when (e is IOException or HttpRequestException or InvalidOperationException)
        {
            http.RequestServices.GetRequiredService<ILogger<SingleSignOnOptions>>()
                .LogWarning(e, "The single sign-on provider could not be reached for the sign-out; the dashboard's session has ended");
            return null;
        }
        var properties = new AuthenticationProperties { RedirectUri = signedOutPath };
        if (idToken is not null) properties.SetParameter(IdToken, idToken);
        return Results.SignOut(properties, [Scheme]);
    }

    public static void MapSingleSignOn(this WebApplication app)
    {
        // A form post from the sign-in page (antiforgery-checked), so another site cannot start a sign-in.
        app.MapPost(StartPath, ([FromServices] SignInManager<AccountUser> signIn, [FromServices] SingleSignOnOptions settings, HttpContext http, [FromForm] string? returnUrl) =>
        {
            if (!settings.Enabled) return Results.NotFound();
            var callback = CallbackPath + "?returnUrl=" + Uri.EscapeDataString(SignInRegistration.LocalPath(returnUrl));
            return Results.Challenge(signIn.ConfigureExternalAuthenticationProperties(Scheme, callback), [Scheme]);
        }).AllowAnonymous();

        app.MapGet(CallbackPath, CompleteAsync).AllowAnonymous();
    }

    private static async Task<IResult> CompleteAsync(
        string? returnUrl, HttpContext http, [FromServices] SignInManager<AccountUser> signIn, [FromServices] UserManager<AccountUser> users,
        [FromServices] AccountDirectory directory, [FromServices] SignInAudit audit, [FromServices] SingleSignOnOptions settings)
    {
        var info = await signIn.GetExternalLoginInfoAsync();
        if (info is null) return Refuse(http, "SsoFailed");
        var principal = info.Principal;
        var userName = principal.FindFirstValue(settings.UserNameClaim) ?? principal.FindFirstValue("email") ?? info.ProviderKey;
        var (role, given) = settings.RoleOf(principal);
        var unit = principal.FindFirstValue(settings.UnitClaim);
        // Without a role the dashboard grants nothing: no account is made, and one that had a role loses it (and its sessions).
        var noRole = given is null || settings.RoleMap.Count > 0 ? "SsoNoRole" : "ProblemUnknownRole";

        var user = await users.FindByLoginAsync(info.LoginProvider, info.ProviderKey);
        if (user is null)
        {
            if (role is null) return await RefuseAsync(userName, noRole, given);
            // Never take over a local account that merely has the same name.
            if (await users.FindByNameAsync(userName) is not null) return await RefuseAsync(userName, "SsoNameTaken");
            var created = await directory.AddExternalAsync(userName, role, unit, new UserLoginInfo(info.LoginProvider, info.ProviderKey, settings.DisplayName));
            if (!created.Ok) return await RefuseAsync(userName, created.Problem!, created.Argument);
            user = await users.FindByLoginAsync(info.LoginProvider, info.ProviderKey);
        }
        else if (role is null)
        {
            // The provider took the role away: so does the dashboard, audited under the person's name, ending every session of theirs.
            await directory.RemoveRolesAsync(user.Id, userName);
            return await RefuseAsync(userName, noRole, given);
        }
        else
        {
            // The provider's directory changed the person's role or unit: audited under their name.
            var synced = await directory.SetRoleAsync(user.Id, role, unit, userName);
            if (!synced.Ok) return await RefuseAsync(userName, synced.Problem!, synced.Argument);
        }

        await http.SignOutAsync(IdentityConstants.ExternalScheme);
        var result = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false, bypassTwoFactor: true);
        if (result.IsLockedOut)
        {
            await audit.RecordAsync(userName, SignInAudit.LockedOut, http);
            return Results.LocalRedirect("/Account/Lockout");
        }
        if (!result.Succeeded) return await RefuseAsync(userName, "SsoFailed");
        // Kept for the provider's sign-out (its hint); the access token is not kept, the dashboard calls no API with it.
        if (info.AuthenticationTokens?.FirstOrDefault(t => t.Name == IdToken) is { } idToken)
            await users.SetAuthenticationTokenAsync(user!, Scheme, IdToken, idToken.Value);
        await audit.RecordAsync(userName, SignInAudit.SignedIn, http);
        return Results.LocalRedirect(SignInRegistration.LocalPath(returnUrl));

        async Task<IResult> RefuseAsync(string name, string problem, string? argument = null)
        {
            await http.SignOutAsync(IdentityConstants.ExternalScheme);
            await audit.RecordAsync(name, SignInAudit.Failed, http);
            return Refuse(http, problem, argument);
        }
    }

    /// <summary>Back to the sign-in page, which words the problem in the visitor's language (sealed: <see cref="SignInMessages"/>).</summary>
    private static IResult Refuse(HttpContext http, string problem, string? argument = null) =>
        Results.LocalRedirect($"{SignInRegistration.LoginPath}?problem={Uri.EscapeDataString(SignInMessages.Seal(http.RequestServices.GetRequiredService<IDataProtectionProvider>(), problem, argument))}");
}
