using System.CommandLine;
using HaNoi.ReformDashboard.Cli.Hosting;
using HaNoi.ReformDashboard.Cli.Import;
using HaNoi.ReformDashboard.Data.Dossiers;
using HaNoi.ReformDashboard.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using HaNoi.ReformDashboard.Cli.Messages;

namespace HaNoi.ReformDashboard.Cli.Dossiers;

/// <summary>
/// <c>reform dossiers api-key create --name N | list | revoke --name N</c>: the keys the one-stop system pushes dossiers
/// with where there is no OpenID Connect provider. A key is printed once, at its making; the database keeps its hash.
/// </summary>
public static class ApiKeyCommand
{
    public static Command Create()
    {
        Option<string> createName = new("--name") { Description = CliText.Both("TheKeySNameE"), Required = true };
        Command create = new("create", CliText.Both("MakeAKeyItIs")) { createName };
        create.SetAction(async (parse, ct) => await CliHost.RunAsync(async (services, token) =>
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<ReformDbContext>>().CreateDbContextAsync(token);
            var (key, vi, en) = await DossierApiKeys.CreateAsync(db, parse.GetValue(createName)!, Actor, DateTimeOffset.UtcNow, token);
            if (key is null)
            {
                parse.InvocationConfiguration.Error.WriteLine($"{vi} / {en}");
                return ImportCommand.ExitRefused;
            }
            // The key alone on standard output, for a script to take; the advice on standard error.
            parse.InvocationConfiguration.Output.WriteLine(key);
            parse.InvocationConfiguration.Error.WriteLine(
                CliText.Both("KeepThisKeyNowIt"));
            return ImportCommand.ExitOk;
        }, ct));

        Command list = new("list", CliText.Both("ListTheKeys"));
        list.SetAction(async (parse, ct) => await CliHost.RunAsync(async (services, token) =>
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<ReformDbContext>>().CreateDbContextAsync(token);
            // Tab-separated: name, prefix, created, by, last used, state.
            foreach (var k in await DossierApiKeys.ListAsync(db, token))
                parse.InvocationConfiguration.Output.WriteLine(
                    $"{k.Name}\t{k.Prefix}…\t{DossierApiKeys.Format(k.CreatedAt)}\t{k.CreatedBy}\t{DossierApiKeys.Format(k.LastUsedAt)}\t{(k.RevokedAt is null ? "active" : "revoked " + DossierApiKeys.Format(k.RevokedAt))}");
            return ImportCommand.ExitOk;
        }, ct));

        Option<string> revokeName = new("--name") { Description = CliText.Both("TheKeySName"), Required = true };
        Command revoke = new("revoke", CliText.Both("RevokeAKey")) { revokeName };
        revoke.SetAction(async (parse, ct) => await CliHost.RunAsync(async (services, token) =>
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<ReformDbContext>>().CreateDbContextAsync(token);
            var name = parse.GetValue(revokeName)!;
            if (!await DossierApiKeys.RevokeAsync(db, name, Actor, DateTimeOffset.UtcNow, token))
            {
                parse.InvocationConfiguration.Error.WriteLine(CliText.Both("ThereIsNoLiveKey", name));
                return ImportCommand.ExitRefused;
            }
            parse.InvocationConfiguration.Output.WriteLine(CliText.Both("RevokedTheKey", name));
            return ImportCommand.ExitOk;
        }, ct));

        return new Command("api-key", CliText.Both("APIKeysForPushingDossiers")) { create, list, revoke };
    }

    private static string Actor => "cli:" + Environment.UserName;
}
