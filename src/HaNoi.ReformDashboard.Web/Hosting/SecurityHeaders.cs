using System.Security.Cryptography;

namespace HaNoi.ReformDashboard.Web.Hosting;

/// <summary>
/// HTTPS outside Development and the response headers that keep the pages from being framed, sniffed or
/// injected into. The Content-Security-Policy allows scripts from this site only, plus the one inline script
/// Blazor writes (the import map), by a nonce made fresh for each response.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "csp-nonce";

    /// <summary>The nonce of this response, for the inline import map in App.razor.</summary>
    public static string CspNonce(this HttpContext http) => http.Items[NonceKey] as string ?? "";

    public static void UseSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        // The single sign-on form posts here and is redirected on to the provider: CSP checks that hop too.
        var sso = app.Services.GetService<Accounts.SingleSignOnOptions>();
        var formAction = sso is { Enabled: true } && Uri.TryCreate(sso.Authority, UriKind.Absolute, out var authority)
            ? $"'self' {authority.GetLeftPart(UriPartial.Authority)}" : "'self'";
        app.Use((http, next) =>
        {
            var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            http.Items[NonceKey] = nonce;
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy =
                "default-src 'self'; " +
                $"script-src 'self' 'nonce-{nonce}'; " +
                // MudBlazor and Plotly set style attributes and write <style> elements at run time.
                "style-src 'self' 'unsafe-inline'; " +
                "img-src 'self' data: blob:; font-src 'self' data:; " +
                // 'self' covers the circuit's WebSocket on the same host.
                "connect-src 'self'; " +
                $"object-src 'none'; base-uri 'self'; form-action {formAction}; frame-ancestors 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.XFrameOptions = "DENY";
            return next(http);
        });
    }
}
