using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HaNoi.ReformDashboard.Data.Tests.Accounts;

/// <summary>The key ring in PostgreSQL is written encrypted with the configured certificate, and read back with it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class KeyRingProtectionTests(PostgresServer postgres)
{
    [Fact]
    public async Task With_a_certificate_configured_the_stored_key_is_encrypted_and_another_instance_with_the_certificate_reads_it()
    {
        var database = await postgres.CreateDatabaseAsync("key_ring_" + Guid.NewGuid().ToString("N")[..8]);
        var pfx = Path.Combine(postgres.TempRoot, "key-ring-" + Guid.NewGuid().ToString("N")[..8] + ".pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=reform key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "mat-khau-chung-thu"));
        }
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Reform"] = database,
            ["DataProtection:Certificate:Path"] = pfx,
            ["DataProtection:Certificate:Password"] = "mat-khau-chung-thu",
        };

        string protectedText;
        using (var first = await HostAsync(settings))
        {
            protectedText = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("phiên đăng nhập");
        }
        var options = new DbContextOptionsBuilder<AccountsDbContext>();
        options.UseAccountsDatabase(database);
        await using (var db = new AccountsDbContext(options.Options))
        {
            var xml = (await db.DataProtectionKeys.AsNoTracking().SingleAsync()).Xml!;
            xml.Should().Contain("encryptedSecret").And.Contain("EncryptedData").And.NotContain("<masterKey", "the key itself is not stored in the clear");
        }
        using var second = await HostAsync(settings);

        second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText).Should().Be("phiên đăng nhập");
    }

    [Fact]
    public async Task A_production_host_that_requires_a_certificate_and_has_none_refuses_to_start()
    {
        var database = await postgres.CreateDatabaseAsync("key_ring_required_" + Guid.NewGuid().ToString("N")[..8]);

        var start = () => HostAsync(new() { ["ConnectionStrings:Reform"] = database, ["DataProtection:RequireCertificate"] = "true" });

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Be(KeyRingProtection.Unprotected);
    }

    /// <summary>A Production host with the accounts store and the key ring's protection as the app registers them.</summary>
    private static async Task<IHost> HostAsync(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production, Args = [] });
        builder.Configuration.AddInMemoryCollection(settings);
        await builder.AddReformDatabaseAsync();
        builder.AddKeyRingProtection();
        var host = builder.Build();
        await host.Services.InitializeReformDatabaseAsync(null);
        return host;
    }
}
