using System.Security.Claims;
using HaNoi.ReformDashboard.Testing;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace HaNoi.ReformDashboard.Web.Tests.Security;

/// <summary>Who the provider says signs in: the test decides, as a government directory would.</summary>
public sealed record ProviderUser(string Subject, string UserName, string Role, string? Unit, IReadOnlyList<KeyValuePair<string, string>>? Claims = null);

/// <summary>
/// A real OpenID Connect provider (OpenIddict 7.8, its store in the test's PostgreSQL) on Kestrel at a random
/// loopback port. It has no login form: its authorization endpoint signs in <see cref="NextUser"/> and, as a real
/// provider does, remembers that person in a session cookie of its own, so the next authorization in the same
/// browser is that person again until its end-session endpoint ends the session. Machine clients get access tokens by
/// client credentials (<see cref="ClientCredentialsTokenAsync"/>).
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    public const string ClientId = "reform-dashboard";
    public const string ClientSecret = "a-secret-for-the-test-provider-only";

    private const string SessionScheme = "provider-session";

    private WebApplication _app = null!;
    public string Authority { get; private set; } = "";
    /// <summary>Who signs in when the browser has no session with the provider.</summary>
    public ProviderUser NextUser { get; set; } = new("sub-0", "nobody", "", null);
    /// <summary>The people with a session, by subject, as they were when it started.</summary>
    private Dictionary<string, ProviderUser> SignedIn { get; } = [];
    /// <summary>How many sessions the end-session endpoint has ended.</summary>
    public int EndedSessions { get; private set; }

    public static async Task<OidcProvider> StartAsync(PostgresServer postgres)
    {
        var provider = new OidcProvider();
        var connectionString = await postgres.CreateDatabaseAsync("oidc_provider");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddDbContext<ProviderDb>(o => o.UseNpgsql(connectionString).UseOpenIddict());
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<ProviderDb>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token").SetEndSessionEndpointUris("connect/logout");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                // Machine clients (the dossier push API): client credentials, the token a plain signed JWT for the API's audience.
                o.AllowClientCredentialsFlow();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile, PushScope, OtherScope);
                o.DisableAccessTokenEncryption();
                o.AddEventHandler<OpenIddictServerEvents.HandleTokenRequestContext>(handler => handler.UseInlineHandler(context =>
                {
                    if (!context.Request.IsClientCredentialsGrantType()) return default;
                    var machine = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
                    machine.AddClaim(new Claim(Claims.Subject, context.Request.ClientId!));
                    machine.SetScopes(context.Request.GetScopes());
                    machine.SetResources(ApiAudience);
                    machine.SetDestinations(_ => [Destinations.AccessToken]);
                    context.SignIn(new ClaimsPrincipal(machine));
                    return default;
                }));
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableEndSessionEndpointPassthrough().DisableTransportSecurityRequirement();
            });
        // Cookies are told apart by name, not port: this one must not be mistaken for one of the dashboard's.
        builder.Services.AddAuthentication(SessionScheme).AddCookie(SessionScheme, o => o.Cookie.Name = "provider.session");
        var app = builder.Build();
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], async (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest()!;
            var session = await http.AuthenticateAsync(SessionScheme);
            var user = session.Succeeded ? provider.SignedIn[session.Principal!.FindFirst(Claims.Subject)!.Value] : provider.NextUser;
            if (!session.Succeeded)
            {
                provider.SignedIn[user.Subject] = user;
                await http.SignInAsync(SessionScheme, new ClaimsPrincipal(new ClaimsIdentity([new Claim(Claims.Subject, user.Subject)], SessionScheme)));
            }
            var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            identity.AddClaim(new Claim(Claims.Subject, user.Subject));
            identity.AddClaim(new Claim(Claims.Name, user.UserName));
            identity.AddClaim(new Claim(Claims.PreferredUsername, user.UserName));
            if (user.Role.Length > 0) identity.AddClaim(new Claim(Claims.Role, user.Role));
            foreach (var (type, value) in user.Claims ?? []) identity.AddClaim(new Claim(type, value));
            if (user.Unit is not null) identity.AddClaim(new Claim("unit", user.Unit));
            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        app.MapMethods("/connect/logout", [HttpMethods.Get, HttpMethods.Post], async (HttpContext http) =>
        {
            provider.EndedSessions++;
            await http.SignOutAsync(SessionScheme);
            // Back to the client's registered post-logout address, with its state.
            return Results.SignOut(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        });
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ProviderDb>().Database.EnsureCreatedAsync();
        await app.StartAsync();
        provider._app = app;
        provider.Authority = app.Urls.First().TrimEnd('/') + "/";
        return provider;
    }

    /// <summary>
    /// Registers the dashboard as a confidential client that may come back to <paramref name="redirectUri"/> after a
    /// sign-in and to <paramref name="postLogoutRedirectUri"/> after a sign-out.
    /// </summary>
    public async Task RegisterClientAsync(string redirectUri, string postLogoutRedirectUri)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        await applications.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            ClientType = ClientTypes.Confidential,
            RedirectUris = { new Uri(redirectUri) },
            PostLogoutRedirectUris = { new Uri(postLogoutRedirectUri) },
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code, Permissions.Scopes.Profile,
            },
        });
    }

    /// <summary>The scope the dashboard's push API asks for, another one it does not, and the audience of machine tokens.</summary>
    public const string PushScope = "dossiers.push", OtherScope = "reports.read", ApiAudience = "reform-dashboard-api";

    /// <summary>Registers a machine client that may get tokens by client credentials for <paramref name="scopes"/>.</summary>
    public async Task RegisterMachineClientAsync(string clientId, string secret, params string[] scopes)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId, ClientSecret = secret, ClientType = ClientTypes.Confidential,
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
        };
        foreach (var s in scopes) descriptor.Permissions.Add(Permissions.Prefixes.Scope + s);
        await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(descriptor);
    }

    /// <summary>An access token by client credentials, as the one-stop system gets one.</summary>
    public async Task<string> ClientCredentialsTokenAsync(string clientId, string secret, string scope)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(Authority + "connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = GrantTypes.ClientCredentials, ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = scope,
        }));
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(body);
        using var json = System.Text.Json.JsonDocument.Parse(body);
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private sealed class ProviderDb(DbContextOptions<ProviderDb> options) : DbContext(options);
}
