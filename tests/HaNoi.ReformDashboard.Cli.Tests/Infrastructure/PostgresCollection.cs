using HaNoi.ReformDashboard.Testing;

namespace HaNoi.ReformDashboard.Cli.Tests.Infrastructure;

// xunit finds collection definitions only in the test assembly itself.
[CollectionDefinition(Name)]
public sealed class CliPostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
