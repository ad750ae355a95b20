using System.Security.Claims;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HaNoi.ReformDashboard.Data.Accounts;

public static class AccountSetup
{
    /// <summary>The claim that carries a department head's unit key (<c>units.key</c>; a new name, so a cookie written
    /// when it carried a code is never read as a key).</summary>
    public const string UnitKeyClaim = "reform:unit-key";

    /// <summary>Present when the account has two-factor sign-in on (the cookie is rewritten whenever that changes).</summary>
    public const string TwoFactorClaim = "reform:two-factor";

    public static void UseAccountsDatabase(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, o => o.MigrationsHistoryTable(AccountsDbContext.MigrationsHistoryTable, AccountsDbContext.Schema));

    /// <summary>Accounts, roles and their rules (passwords, lockout), shared by the dashboard and the CLI.</summary>
    public static IdentityBuilder AddAccountStore(this IServiceCollection services, string connectionString)
    {
        services.AddDbContext<AccountsDbContext>(o => o.UseAccountsDatabase(connectionString));
        services.AddScoped<AccountDirectory>();
        services.AddScoped<AccountSessions>();
        services.TryAddKeyedSingleton(SignInThrottle.ClockKey, TimeProvider.System);
        services.AddScoped(sp => new SignInThrottle(sp.GetRequiredService<AccountsDbContext>(), sp.GetRequiredKeyedService<TimeProvider>(SignInThrottle.ClockKey)));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<UnitBinding>();
        // Several instances share one key ring, so a cookie or token written by one is read by the others.
        services.AddDataProtection().SetApplicationName("HaNoi.ReformDashboard").PersistKeysToDbContext<AccountsDbContext>();
        return services.AddIdentityCore<AccountUser>(o =>
            {
                o.User.RequireUniqueEmail = false;
                o.Password.RequiredLength = 12;
                // Guessing is slowed per name and client address (SignInThrottle), so a stranger cannot lock the real
                // person out; the account-wide lockout stays only as a backstop against guessing from many addresses.
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 50;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AccountsDbContext>()
            .AddClaimsPrincipalFactory<AccountClaimsFactory>()
            .AddDefaultTokenProviders();
    }
}

/// <summary>Adds the unit binding to the signed-in principal, beside the name and roles Identity puts there.</summary>
internal sealed class AccountClaimsFactory(UserManager<AccountUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AccountUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AccountUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (!string.IsNullOrEmpty(user.UnitKey)) identity.AddClaim(new Claim(AccountSetup.UnitKeyClaim, user.UnitKey));
        if (user.TwoFactorEnabled) identity.AddClaim(new Claim(AccountSetup.TwoFactorClaim, "on"));
        return identity;
    }
}
