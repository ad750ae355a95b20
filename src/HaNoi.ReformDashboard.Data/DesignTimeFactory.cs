using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace HaNoi.ReformDashboard.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without a running server.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ReformDbContext>
{
    public ReformDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ReformDbContext>().UseNpgsql("Host=127.0.0.1;Database=reform").Options);
}

internal sealed class AccountsDesignTimeFactory : IDesignTimeDbContextFactory<AccountsDbContext>
{
    public AccountsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AccountsDbContext>();
        options.UseAccountsDatabase("Host=127.0.0.1;Database=reform");
        return new(options.Options);
    }
}
