using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using HaNoi.ReformDashboard.Data.Messages;

namespace HaNoi.ReformDashboard.Data.Accounts;

/// <summary>
/// The Data Protection key ring lives in PostgreSQL beside the data (accounts.data_protection_keys), so anyone holding
/// a dump could forge sign-in cookies. With <c>DataProtection:Certificate:Path</c> (a PFX, with <c>:Password</c>) or
/// <c>:Thumbprint</c> (the CurrentUser or LocalMachine "My" store) new keys are written encrypted with that
/// certificate. Outside Development without one the app logs a warning at start, or refuses to start when
/// <c>DataProtection:RequireCertificate</c> is true.
/// </summary>
public static class KeyRingProtection
{
    public const string Section = "DataProtection";

    public static string Unprotected => DataText.Both("KeysStoredUnencrypted");

    /// <param name="warnWhenMissing">The dashboard warns; the CLI, which only reads the ring, stays quiet.</param>
    public static void AddKeyRingProtection(this IHostApplicationBuilder builder, bool warnWhenMissing = true)
    {
        var section = builder.Configuration.GetSection(Section);
        var certificate = Load(section.GetSection("Certificate"));
        if (certificate is not null)
        {
            builder.Services.AddDataProtection().ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
            return;
        }
        if (builder.Environment.IsDevelopment()) return;
        if (section.GetValue<bool>("RequireCertificate")) throw new InvalidOperationException(Unprotected);
        if (warnWhenMissing) builder.Services.AddHostedService<UnprotectedKeyRingWarning>();
    }

    private static X509Certificate2? Load(IConfiguration certificate)
    {
        if (certificate["Path"] is { Length: > 0 } path)
        {
            if (!File.Exists(path))
                throw new InvalidOperationException(DataText.Both("NoFile", path));
            var loaded = X509CertificateLoader.LoadPkcs12FromFile(path, certificate["Password"], X509KeyStorageFlags.EphemeralKeySet);
            return loaded.HasPrivateKey ? loaded
                : throw new InvalidOperationException(DataText.Both("HoldsNoPrivateKey", path));
        }
        if (certificate["Thumbprint"] is { Length: > 0 } thumbprint)
        {
            foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
            {
                using var store = new X509Store(StoreName.My, location);
                store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
                var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint.Replace(" ", ""), validOnly: false);
                if (found.FirstOrDefault(c => c.HasPrivateKey) is { } match) return match;
            }
            throw new InvalidOperationException(DataText.Both("NoCertificateWithAPrivate", thumbprint));
        }
        return null;
    }

    private sealed class UnprotectedKeyRingWarning(ILogger<UnprotectedKeyRingWarning> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            logger.LogWarning(Unprotected);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
