using System.CommandLine;
using System.Globalization;
using HaNoi.ReformDashboard.Cli.Hosting;
using HaNoi.ReformDashboard.Cli.Scorecards;
using HaNoi.ReformDashboard.Data.Accounts;
using Microsoft.Extensions.DependencyInjection;
using HaNoi.ReformDashboard.Cli.Messages;

namespace HaNoi.ReformDashboard.Cli.Users;

/// <summary>
/// <c>reform users add --email E --role R [--unit CODE]</c> (the password on standard input, never in the
/// command line or shell history) and <c>reform users list</c>.
/// </summary>
public static class UsersCommand
{
    private static readonly CultureInfo Vietnamese = new("vi-VN"), English = new("en-US");

    public static Command Create()
    {
        Option<string> email = new("--email") { Description = CliText.Both("UserNameEMail"), Required = true };
        Option<string> role = new("--role") { Description = string.Join(" | ", Roles.All), Required = true };
        Option<string> unit = new("--unit") { Description = CliText.Both("ADepartmentHeadSUnit") };
        Command add = new("add", CliText.Both("AddAnAccountThePassword")) { email, role, unit };
        add.SetAction(async (parse, ct) =>
        {
            var password = (Console.In.ReadLine() ?? "").TrimEnd('\r', '\n');
            return await CliHost.RunAsync(async (services, token) =>
            {
                await using var scope = services.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<AccountDirectory>()
                    .AddAsync(parse.GetValue(email)!, parse.GetValue(role)!, parse.GetValue(unit), password, "cli:" + Environment.UserName, token);
                if (!result.Ok) return ScorecardCommand.Fail(parse.InvocationConfiguration.Error, $"{result.Message(Vietnamese)} / {result.Message(English)}");
                parse.InvocationConfiguration.Output.WriteLine(CliText.Both("Added", parse.GetValue(email), parse.GetValue(role)));
                return ScorecardCommand.ExitOk;
            }, ct);
        });

        Command list = new("list", CliText.Both("ListTheAccounts"));
        list.SetAction(async (parse, ct) => await CliHost.RunAsync(async (services, token) =>
        {
            await using var scope = services.CreateAsyncScope();
            var output = parse.InvocationConfiguration.Output;
            // Tab-separated: user name, role, unit, state; for people and scripts alike.
            foreach (var account in await scope.ServiceProvider.GetRequiredService<AccountDirectory>().ListAsync(token))
                output.WriteLine($"{account.UserName}\t{account.Role}\t{account.UnitCode ?? "-"}\t{(account.LockedOut ? "locked" : "active")}");
            return ScorecardCommand.ExitOk;
        }, ct));

        return new Command("users", CliText.Both("SignInAccounts")) { add, list };
    }
}
