using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using HaNoi.ReformDashboard.Web.Resources;

namespace HaNoi.ReformDashboard.Web.Hosting;

/// <summary>
/// X-Forwarded-For and X-Forwarded-Proto are believed only from the reverse proxies named in
/// <c>ForwardedHeaders:KnownProxies</c> (addresses) or <c>ForwardedHeaders:KnownNetworks</c> (CIDR). With none named the
/// headers are ignored, whatever ASPNETCORE_FORWARDEDHEADERS_ENABLED says: that switch alone would trust them from
/// anyone who reaches the port, and a forged address would dodge the sign-in limit and lie in the audit log.
/// </summary>
public static class TrustedProxies
{
    public const string Section = "ForwardedHeaders";

    public static void AddTrustedProxies(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(Section);
        var proxies = section.GetSection("KnownProxies").Get<string[]>() ?? [];
        var networks = section.GetSection("KnownNetworks").Get<string[]>() ?? [];
        // Read now, so a typo stops the start with the key named rather than trusting or ignoring silently.
        var addresses = proxies.Select(p => IPAddress.TryParse(p.Trim(), out var a) ? a
            : throw new InvalidOperationException(WebText.Both("IsNotAnIPAddress", Section, p))).ToList();
        var ranges = networks.Select(n => System.Net.IPNetwork.TryParse(n.Trim(), out var r) ? r
            : throw new InvalidOperationException(WebText.Both("IsNotACIDRNetwork", Section, n))).ToList();
        var trusted = addresses.Count + ranges.Count > 0;
        // Runs after the framework's own set-up for ASPNETCORE_FORWARDEDHEADERS_ENABLED, which empties both lists
        // (and empty lists mean "any sender").
        builder.Services.PostConfigure<ForwardedHeadersOptions>(o =>
        {
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            if (!trusted)
            {
                o.ForwardedHeaders = ForwardedHeaders.None;
                return;
            }
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var a in addresses) o.KnownProxies.Add(a);
            foreach (var r in ranges) o.KnownIPNetworks.Add(r);
        });
    }

    /// <summary>First in the pipeline, so the scheme and client address are the forwarded ones for everything after.</summary>
    public static void UseTrustedProxies(this WebApplication app) => app.UseForwardedHeaders();
}
