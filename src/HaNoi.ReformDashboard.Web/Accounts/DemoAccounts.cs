using System.Security.Cryptography;
using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Web.Accounts;

/// <summary>
/// The two-command start on the embedded local database: one account per role with a random password, created
/// at the first start and printed once as <c>demo account: &lt;role&gt; &lt;user name&gt; &lt;password&gt;</c>
/// (scripts read these lines). A configured external database never gets them.
/// </summary>
public static class DemoAccounts
{
    public static string UserName(string role) => "demo-" + role;

    public static async Task EnsureAsync(IServiceProvider services, IConfiguration configuration, TextWriter output)
    {
        await using var scope = services.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<AccountDirectory>();
        var existing = (await directory.ListAsync()).Select(a => a.UserName).ToHashSet();
        foreach (var role in Roles.All)
        {
            var name = UserName(role);
            if (existing.Contains(name)) continue;
            var unit = role == Roles.DepartmentHead ? await DemoUnitAsync(scope.ServiceProvider, configuration) : null;
            var password = NewPassword();
            var added = await directory.AddAsync(name, role, unit, password);
            if (added.Ok) output.WriteLine($"demo account: {role} {name} {password}");
        }
    }

    /// <summary>A district of the demo data (Hà Đông, 268, unless configured), else the first unit below the city.</summary>
    private static async Task<string?> DemoUnitAsync(IServiceProvider services, IConfiguration configuration)
    {
        var wanted = configuration["DemoAccounts:DepartmentHeadUnit"] ?? "268";
        await using var db = await services.GetRequiredService<IDbContextFactory<ReformDbContext>>().CreateDbContextAsync();
        // A code typed for an account must be in force today (AccountDirectory, through UnitBinding): the one rule, read alike.
        var today = services.GetRequiredService<UnitBinding>().Today;
        var inForce = await CatalogueUnits.InForceAsync(db, today, today);
        if (inForce.Any(u => u.Info.Code == wanted)) return wanted;
        return inForce.FirstOrDefault(u => u.Info.Level != UnitLevel.City)?.Info.Code;
    }

    /// <summary>20 random characters holding every class the password rules ask for.</summary>
    public static string NewPassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnopqrstuvwxyz", digits = "23456789", symbols = "-_.!";
        var chars = (RandomNumberGenerator.GetString(upper + lower + digits, 16)
                     + RandomNumberGenerator.GetString(upper, 1) + RandomNumberGenerator.GetString(lower, 1)
                     + RandomNumberGenerator.GetString(digits, 1) + RandomNumberGenerator.GetString(symbols, 1)).ToCharArray();
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
