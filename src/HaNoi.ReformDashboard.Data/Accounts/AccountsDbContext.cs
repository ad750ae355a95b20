using HaNoi.ReformDashboard.Data.Schema;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Data.Accounts;

/// <summary>
/// Sign-in accounts and their sessions, the Data Protection key ring and what was e-mailed to them (the delivery log), in their own
/// schema with their own migrations, so they evolve apart from the reform data (units, indicators, measurements).
/// </summary>
public class AccountsDbContext(DbContextOptions<AccountsDbContext> options)
    : IdentityDbContext<AccountUser>(options), IDataProtectionKeyContext
{
    public const string Schema = "accounts";
    public const string MigrationsHistoryTable = "__accounts_migrations";

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<DeliveryLogRow> DeliveryLog => Set<DeliveryLogRow>();
    public DbSet<AccountSession> Sessions => Set<AccountSession>();
    public DbSet<SignInThrottleRow> SignInThrottle => Set<SignInThrottleRow>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model);
        model.HasDefaultSchema(Schema);
        model.Entity<AccountUser>(e =>
        {
            e.ToTable("users");
            e.Property(u => u.UnitKey).HasMaxLength(64);
        });
        model.Entity<IdentityRole>().ToTable("roles");
        model.Entity<IdentityUserRole<string>>().ToTable("user_roles");
        model.Entity<IdentityUserClaim<string>>().ToTable("user_claims");
        model.Entity<IdentityUserLogin<string>>().ToTable("user_logins");
        model.Entity<IdentityUserToken<string>>().ToTable("user_tokens");
        model.Entity<IdentityRoleClaim<string>>().ToTable("role_claims");
        model.Entity<DataProtectionKey>().ToTable("data_protection_keys");
        model.Entity<DeliveryLogRow>(e =>
        {
            e.ToTable("delivery_log", t => t.HasCheckConstraint("delivery_log_status", "status IN ('sent', 'failed', 'skipped')"));
            e.Property(r => r.At).HasDefaultValueSql("now()");
            // "Was this brief already sent to this person for the period?" is asked before every mail.
            e.HasIndex(r => new { r.Period, r.Recipient }).HasDatabaseName("delivery_log_period");
        });
        model.Entity<AccountSession>(e =>
        {
            e.ToTable("sessions");
            e.HasOne<AccountUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(s => s.UserId).HasDatabaseName("sessions_user");
        });
        model.Entity<SignInThrottleRow>(e =>
        {
            e.ToTable("sign_in_throttle");
            e.HasKey(t => new { t.UserName, t.Address });
            e.Property(t => t.UserName).HasMaxLength(SignInNames.MaxLength);
            e.Property(t => t.Address).HasMaxLength(64);
            e.HasIndex(t => t.LastFailureAt).HasDatabaseName("sign_in_throttle_last_failure");
        });

        foreach (var entity in model.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
                property.SetColumnName(ReformDbContext.SnakeCase(property.Name));
        }
    }
}

/// <summary>One attempt to e-mail a brief: sent, failed or skipped (the monthly delivery writes and reads it).</summary>
public class DeliveryLogRow
{
    public long Id { get; set; }
    public required string Period { get; set; }
    public required string Recipient { get; set; }
    public string? UnitCode { get; set; }
    public required string Status { get; set; }
    public int Attempt { get; set; }
    public string? Detail { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>A person who signs in. <see cref="UnitKey"/> binds a department head to their unit by its stable key
/// (<c>units.key</c>), not by a code: a code can be retired or reused by another unit after a merger
/// (<see cref="UnitBinding"/> gives the code and name in force when they are needed).</summary>
public class AccountUser : IdentityUser
{
    public string? UnitKey { get; set; }
}
